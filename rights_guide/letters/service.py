"""One way to turn a letter into a PDF, for the pages, the API and a stored letter.

In order: charge the client's allowance (``ratelimit.LETTER_PDFS``) by what
the letter costs to print (over the allowance: 429), take a render ticket
and wait for a slot (busy: 503, and the charge is given back), render, and
only then, for a letter made on the pages, keep its snapshot with the
visitor's case, so a failed render leaves nothing stored. Charging first
means a client flooding the API is told "too many" (429) for everything past
its allowance, and only the letters it may make wait in line. Refusals come back as
``LetterRefused`` carrying an error code and the seconds to wait, which the
API turns into JSON (429 or 503 with ``Retry-After``) and the pages into a
message.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

from django.db import transaction
from django.http import HttpResponse

from rights_guide import ratelimit
from rights_guide.assessment import FieldError
from rights_guide.cases.models import Case
from rights_guide.letters.content import Letter
from rights_guide.letters.pdf.render import render_letter_pdf
from rights_guide.letters.pdf.slots import RendererBusy, RenderTicket
from rights_guide.letters.request import LetterRequest
from rights_guide.letters.snapshot import LetterSnapshot, snapshot_letter

# A letter's weight in the allowance: one token, plus one for every
# WEIGHT_UNIT characters of typed text it prints (a line break, and each
# recorded contact, counts as LINE_WEIGHT characters, since layout time
# follows lines: each contact is a line of the appendix). The largest
# letter the parser accepts weighs a few tokens.
WEIGHT_UNIT = 20_000
LINE_WEIGHT = 50


class LetterRefused(Exception):
    """The letter cannot be made now: over the allowance (429) or no render slot (503)."""

    def __init__(self, code: str, status: int, retry_after: int):
        self.code, self.status, self.retry_after = code, status, retry_after
        super().__init__("%s; retry after %d s" % (code, retry_after))

    @property
    def error(self) -> FieldError:
        return FieldError("body", self.code, {"seconds": self.retry_after})


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


def _charge(client: str, tokens: int) -> None:
    decision = ratelimit.consume(ratelimit.LETTER_PDFS, client, tokens=tokens)
    if not decision.allowed:
        raise LetterRefused("rate_limited", 429, decision.retry_after)


def _deliver(render: Callable[[], bytes], client: str, tokens: int) -> bytes:
    _charge(client, tokens)
    try:
        with RenderTicket() as ticket:
            ticket.wait()
            return render()
    except RendererBusy as busy:
        ratelimit.refund(ratelimit.LETTER_PDFS, client, tokens=tokens)
        raise LetterRefused("renderer_busy", 503, busy.retry_after) from busy


def deliver_document(html: str, *, client: str, tokens: int = 1) -> bytes:
    """Charge, take a render slot and print a document that is not a letter (the evidence list).

    The same allowance and slots as letters: any PDF costs a core for a while.
    """
    return _deliver(lambda: render_letter_pdf(html), client, tokens)


def deliver_letter(letter: Letter, *, client: str, case: Case | None = None) -> Delivered:
    """Charge, render and (for a case) store a new letter; raises LetterRefused."""
    snapshot = snapshot_letter(letter)
    pdf = _deliver(snapshot.render_pdf, client, letter_weight(letter.request))
    if case is not None:
        from rights_guide.models import StoredLetter

        with transaction.atomic():
            StoredLetter.keep(snapshot, case)
    return Delivered(pdf, snapshot)


def deliver_stored(stored, *, client: str) -> Delivered:
    """Print a stored letter again from its snapshot (the same letter, not a new one)."""
    snapshot = stored.snapshot()
    return Delivered(_deliver(snapshot.render_pdf, client, 1), snapshot)
