"""The letter pages: details form, editable preview, print view, text copy and PDF download.

The pages collect the complainant's details and edited paragraphs, then go
through the same door as the API (``parse_letter_request``) and the same
renderer (``rights_guide.letters``), so a letter made on a phone and one
made by an advocate's tool for the same inputs are the same letter.
"""
