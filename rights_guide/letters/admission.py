"""Admit a letter before doing any of its work: refuse a flood while refusing costs nothing.

A maximal letter (a 2,000-contact log) takes about a second of processor
to read and write before the renderer even starts, and up to ten seconds to
print. When the allowance and the render queue were asked only after that,
40 simultaneous letters made 40 threads parse and build at once, and every
page waited behind them (the December 2026 probe: the home page fell from
456 to 2.5 requests a second). So a letter request is admitted first, in
order of cost, each step refusing at once:

1. a place among this worker's ``LETTER_REQUESTS_PER_WORKER`` letter threads
   (in memory: a flood is refused without touching the database), so most
   of a worker's threads are always left for pages;
2. one token of the client's allowance (``ratelimit.LETTER_PDFS``): every
   attempt costs at least that, so a client over its allowance is told 429
   before its body is even read;
3. a render ticket (``pdf.slots``): a slot, or a place in line for one.

Only then is the body read (bounded: its ``Content-Length`` is checked
first), and the letter is parsed, built and printed only once the ticket
holds a slot (``wait``), so at most ``LETTER_RENDER_SLOTS`` letters take a
processor at a time on a machine, whatever their number. When the letter's
real weight is known, ``charge`` takes the rest of it (429 if the client
does not have that many; the first token stays spent, as the letter was
read). A busy renderer gives the first token back.
"""

from __future__ import annotations

import threading

from django.conf import settings

from rights_guide import ratelimit
from rights_guide.assessment import FieldError
from rights_guide.letters.pdf.slots import RendererBusy, RenderTicket, retry_after

_gates: dict[int, threading.BoundedSemaphore] = {}
_gates_lock = threading.Lock()


class LetterRefused(Exception):
    """The letter cannot be made now: over the allowance (429) or no render slot (503)."""

    def __init__(self, code: str, status: int, retry_after: int):
        self.code, self.status, self.retry_after = code, status, retry_after
        super().__init__("%s; retry after %d s" % (code, retry_after))

    @property
    def error(self) -> FieldError:
        return FieldError("body", self.code, {"seconds": self.retry_after})


def _gate() -> threading.BoundedSemaphore:
    size = max(1, settings.LETTER_REQUESTS_PER_WORKER)
    with _gates_lock:
        if size not in _gates:
            _gates[size] = threading.BoundedSemaphore(size)
        return _gates[size]


def charge(limit: ratelimit.RateLimit, client: str, tokens: int) -> None:
    """Take ``tokens`` from the client's bucket, or raise LetterRefused (429)."""
    decision = ratelimit.consume(limit, client, tokens=tokens)
    if not decision.allowed:
        raise LetterRefused("rate_limited", 429, decision.retry_after)


class Admission:
    """A letter let in: a worker thread, a token and a render ticket, held for the block.

    ``with Admission(client) as admitted:`` raises LetterRefused when any of
    the three cannot be had; inside, ``wait()`` before the expensive work
    and ``charge(weight)`` once the letter's weight is known.
    """

    def __init__(self, client: str, limit: ratelimit.RateLimit | None = None):
        self.client, self.limit = client, limit or ratelimit.LETTER_PDFS
        self.charged = 0
        self._gate: threading.BoundedSemaphore | None = None
        self._ticket: RenderTicket | None = None

    def __enter__(self) -> Admission:
        gate = _gate()
        if not gate.acquire(blocking=False):
            raise LetterRefused("renderer_busy", 503, retry_after())
        self._gate = gate
        try:
            charge(self.limit, self.client, 1)
            self.charged = 1
            self._ticket = RenderTicket().__enter__()
        except RendererBusy as busy:
            self._give_back()
            self._leave()
            raise LetterRefused("renderer_busy", 503, busy.retry_after) from busy
        except BaseException:
            self._leave()
            raise
        return self

    def wait(self) -> None:
        """Hold a render slot from now on; a wait past LETTER_SLOT_WAIT is a 503."""
        try:
            self._ticket.wait()
        except RendererBusy as busy:
            self._give_back()
            raise LetterRefused("renderer_busy", 503, busy.retry_after) from busy

    def charge(self, weight: int) -> None:
        """Charge the rest of the letter's weight (its first token was taken on admission)."""
        if weight > self.charged:
            charge(self.limit, self.client, weight - self.charged)
            self.charged = weight

    def _give_back(self) -> None:
        if self.charged:
            ratelimit.refund(self.limit, self.client, tokens=self.charged)
            self.charged = 0

    def _leave(self) -> None:
        if self._ticket is not None:
            self._ticket.__exit__(None, None, None)
            self._ticket = None
        if self._gate is not None:
            self._gate.release()
            self._gate = None

    def __exit__(self, *exc_info) -> None:
        self._leave()
