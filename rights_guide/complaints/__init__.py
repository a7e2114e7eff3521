"""Complaining where people actually complain: by phone and through online forms.

The letters are the formal route; most people first call a hotline or fill in
a form. This package turns the same facts as the letters (answered facts only,
``letters.facts.conduct_clauses``) into a phone script, paste-ready texts of the
lengths forms take, and the field-by-field answers a form asks, and keeps the
ticket numbers people are given in their case.
"""
