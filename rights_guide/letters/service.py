"""One way to turn a letter into a PDF, for the pages, the API and a stored letter.

In order: admit the request (``letters.admission``: a letter thread of
this worker, the allowance's first token, a render ticket, each refused at
once when it cannot be had), and only then read what the letter needs, and
parse and build it once the ticket holds a slot; charge the rest of the
letter's weight (over the allowance: 429), render, and only then, for a
letter made on the pages, keep its snapshot with the visitor's case, so a
failed render leaves nothing stored. Refusals come back as ``LetterRefused``
carrying an error code and the seconds to wait, which the API turns into
JSON (429 or 503 with ``Retry-After``) and the pages into a message.
"""

from __future__ import annotations

from dataclasses import dataclass

from django.db import transaction
from django.http import HttpResponse

from rights_guide.cases.models import Case
from rights_guide.letters.admission import Admission, LetterRefused
from rights_guide.letters.content import Letter
from rights_guide.letters.pdf.render import render_letter_pdf
from rights_guide.letters.request import LetterRequest
from rights_guide.letters.snapshot import LetterSnapshot, snapshot_letter

__all__ = ["Admission", "Delivered", "LetterRefused", "deliver_letter", "letter_weight"]

# A letter's weight in the allowance: one token, plus one for every
# WEIGHT_UNIT characters of typed text it prints (a line break, and each
# recorded contact, counts as LINE_WEIGHT characters, since layout time
# follows lines: each contact is a line of the appendix). The largest
# letter the parser accepts weighs a few tokens.
WEIGHT_UNIT = 20_000
LINE_WEIGHT = 50


@dataclass(frozen=True)
class Delivered:
    pdf: bytes
    snapshot: LetterSnapshot

    def response(self) -> HttpResponse:
        response = HttpResponse(self.pdf, content_type="application/pdf")
        response["Content-Disposition"] = self.snapshot.content_disposition
        response["Cache-Control"] = "no-store"
        return response


def letter_weight(request: LetterRequest) -> int:
    """Tokens a letter costs: 1, plus 1 per ``WEIGHT_UNIT`` of typed text, lines and contacts."""
    texts = [incident.description for incident in request.incidents]
    texts += [request.requests, *(request.paragraphs or {}).values()]
    size = sum(len(text) + LINE_WEIGHT * text.count("\n") for text in texts)
    size += LINE_WEIGHT * len(request.incidents)
    return 1 + size // WEIGHT_UNIT


def deliver_document(html: str, *, client: str, tokens: int = 1) -> bytes:
    """Admit, take a render slot and print a document that is not a letter (the evidence list).

    The same allowance and slots as letters: any PDF costs a core for a while.
    """
    with Admission(client) as admitted:
        admitted.wait()
        admitted.charge(tokens)
        return render_letter_pdf(html)


def deliver_letter(letter: Letter, admitted: Admission, *, case: Case | None = None) -> Delivered:
    """Charge, render and (for a case) store a letter made inside ``admitted`` (its slot held).

    Raises LetterRefused when the letter weighs more than the client has left.
    """
    admitted.wait()
    admitted.charge(letter_weight(letter.request))
    snapshot = snapshot_letter(letter)
    pdf = snapshot.render_pdf()
    if case is not None:
        from rights_guide.models import StoredLetter

        with transaction.atomic():
            StoredLetter.keep(snapshot, case)
    return Delivered(pdf, snapshot)


def deliver_stored(stored, *, client: str) -> Delivered:
    """Print a stored letter again from its snapshot (the same letter, not a new one)."""
    with Admission(client) as admitted:
        admitted.wait()
        snapshot = stored.snapshot()
        return Delivered(snapshot.render_pdf(), snapshot)
