"""Complaint letters: from a request to content, HTML preview, PDF and stored snapshot.

The web flow, the API and the command line all use these functions::

    request = parse_letter_request(data, today=…)   # or build a LetterRequest directly
    letter = build_letter(request)                  # content in the letter's language
    preview = render_letter_html(letter, language=letter.language, for_pdf=False)
    snapshot = snapshot_letter(letter)              # inputs + PDF HTML, to store
    pdf = snapshot.render_pdf()                     # the same PDF, now or later
"""

from rights_guide.letters.content import Letter, build_letter
from rights_guide.letters.pdf.render import render_letter_html, render_letter_pdf, warm_up
from rights_guide.letters.request import (
    Complainant,
    Incident,
    InvalidLetterRequest,
    LetterRequest,
    letter_request_to_data,
    parse_letter_request,
)
from rights_guide.letters.snapshot import LetterSnapshot, content_disposition, snapshot_letter

__all__ = [
    "Complainant",
    "Incident",
    "InvalidLetterRequest",
    "Letter",
    "LetterRequest",
    "LetterSnapshot",
    "build_letter",
    "content_disposition",
    "letter_request_to_data",
    "parse_letter_request",
    "render_letter_html",
    "render_letter_pdf",
    "snapshot_letter",
    "warm_up",
]
