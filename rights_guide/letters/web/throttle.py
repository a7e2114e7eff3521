"""A letter's preview and print page are throttled like its download.

For a long log they cost almost what a PDF does: showing a 2,000-contact
letter built it and rendered some 400,000 characters of HTML (1 to 1.7 s,
more for the English reading copy), and nothing limited how often. Eight
connections asking again and again took the home page from 350 to 66
requests a second (the December 2026 probe, D8). So each showing charges
the client's page allowance (``LETTER_PAGES``: generous, one token for a
short log, one more per ``INCIDENTS_PER_TOKEN`` contacts), and a log of
``HEAVY_LOG`` contacts or more is shown only once admitted as a letter is
(``letters.admission``: a letter thread, a render slot), so a long preview
takes the one core letters take and never the pages' core.
"""

from __future__ import annotations

import datetime
from collections.abc import Iterator
from contextlib import contextmanager

from django.http import HttpRequest, HttpResponse
from django.shortcuts import render

from rights_guide import ratelimit
from rights_guide.evidence import log
from rights_guide.letters.admission import Admission, LetterRefused, charge
from rights_guide.letters.web.common import results_url
from rights_guide.messages import error_message

LETTER_PAGES = ratelimit.RateLimit(
    "letter_page", capacity=60, period=datetime.timedelta(minutes=10)
)
INCIDENTS_PER_TOKEN = 250
HEAVY_LOG = 200


@contextmanager
def letter_page(request: HttpRequest) -> Iterator[None]:
    """Hold the block as an admitted showing of a letter; raises LetterRefused."""
    incidents = log.count(request.case.instance) if request.case.exists else 0
    tokens = 1 + incidents // INCIDENTS_PER_TOKEN
    client = ratelimit.client_key(request)
    if incidents < HEAVY_LOG:
        charge(LETTER_PAGES, client, tokens)
        yield
        return
    with Admission(client, LETTER_PAGES) as admitted:
        admitted.charge(tokens)
        admitted.wait()
        yield


def busy_page(request: HttpRequest, kind: str, refused: LetterRefused) -> HttpResponse:
    """The page that says to wait (429 or 503, with Retry-After), with a way on."""
    response = render(
        request,
        "rights_guide/letter_busy.html",
        {"message": error_message(refused.error), "results_url": results_url(kind)},
        status=refused.status,
    )
    response["Retry-After"] = str(refused.retry_after)
    return response
