"""At most a few letters render at once on a machine; the rest wait briefly or are turned away.

Rendering a letter takes a processor core for a quarter of a second or
more; pages take milliseconds. If every worker could render at once, a
handful of large letters would hold every core and every page would wait
behind them. So rendering needs one of ``LETTER_RENDER_SLOTS`` slots
(fewer than the workers), and a request may wait for one only if it holds
one of ``LETTER_RENDER_QUEUE`` places in line: everyone else is answered
at once with "busy, try again in a few seconds" (a 503 with
``Retry-After``), and so is anyone whose wait runs past
``LETTER_SLOT_WAIT`` seconds. The line is long enough for one client's
whole allowance (20 letters), and a waiting request holds a thread that
sleeps, not a processor, so pages go on being served.

Slots and places are ``flock`` locks on small files in ``var/``, so they
hold across gunicorn workers and threads on one machine and are released
by the kernel if a worker dies mid-render. More machines each have their
own slots: more servers mean more letters at once.
"""

from __future__ import annotations

import fcntl
import os
import time
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

from django.conf import settings

POLL_SECONDS = 0.05


class RendererBusy(Exception):
    """No render slot could be had in time."""

    def __init__(self, retry_after: int):
        self.retry_after = retry_after
        super().__init__("letter renderer busy; retry after %d s" % retry_after)


def _folder() -> Path:
    folder = Path(settings.LETTER_SLOTS_DIR)
    folder.mkdir(parents=True, exist_ok=True)
    return folder


def _try_lock(path: Path) -> int | None:
    descriptor = os.open(path, os.O_RDWR | os.O_CREAT, 0o600)
    try:
        fcntl.flock(descriptor, fcntl.LOCK_EX | fcntl.LOCK_NB)
    except BlockingIOError:
        os.close(descriptor)
        return None
    return descriptor


def _release(descriptor: int) -> None:
    fcntl.flock(descriptor, fcntl.LOCK_UN)
    os.close(descriptor)


def _take_one(prefix: str, count: int) -> int | None:
    folder = _folder()
    for index in range(count):
        descriptor = _try_lock(folder / ("%s-%d" % (prefix, index)))
        if descriptor is not None:
            return descriptor
    return None


class RenderTicket:
    """A slot, or a place in line for one, taken at once; ``wait()`` turns a place into a slot.

    Taking the ticket first lets a caller refuse a busy moment before doing
    anything else (such as charging the client's allowance).
    """

    def __init__(self) -> None:
        self.slot: int | None = None
        self.place: int | None = None

    def __enter__(self) -> RenderTicket:
        self.slot = _take_one("slot", settings.LETTER_RENDER_SLOTS)
        if self.slot is None:
            self.place = _take_one("queue", settings.LETTER_RENDER_QUEUE)
            if self.place is None:
                raise RendererBusy(retry_after())
        return self

    def wait(self) -> None:
        """Block until this ticket holds a slot; raise RendererBusy after LETTER_SLOT_WAIT."""
        deadline = time.monotonic() + settings.LETTER_SLOT_WAIT
        while self.slot is None:
            self.slot = _take_one("slot", settings.LETTER_RENDER_SLOTS)
            if self.slot is not None:
                break
            if time.monotonic() >= deadline:
                raise RendererBusy(retry_after())
            time.sleep(POLL_SECONDS)
        if self.place is not None:
            _release(self.place)
            self.place = None

    def __exit__(self, *exc_info) -> None:
        for descriptor in (self.slot, self.place):
            if descriptor is not None:
                _release(descriptor)
        self.slot = self.place = None


def retry_after() -> int:
    """Seconds a refused client is asked to wait: half the longest wait in line."""
    return max(2, min(30, round(settings.LETTER_SLOT_WAIT / 2)))


@contextmanager
def render_slot() -> Iterator[None]:
    """Hold a render slot for the duration of the block, or raise RendererBusy."""
    with RenderTicket() as ticket:
        ticket.wait()
        yield
