"""Delete what has expired, without a cron job.

Cases (what a visitor entered) and the sessions that point at them expire
DJANGO_SESSION_HOURS after the last change; expired rows must actually leave
the database, not just become unreadable. Each
process purges at most every PURGE_EVERY seconds, after a response has been
produced, so no visitor waits for it. ``manage.py purge_expired`` does the
same from cron for sites with little traffic. Other modules register their
own purge functions (cases with their letters, rate-limit buckets) with
``register``.
"""

from __future__ import annotations

import logging
import threading
import time
from collections.abc import Callable

from django.contrib.sessions.models import Session
from django.http import HttpRequest, HttpResponse
from django.utils import timezone

logger = logging.getLogger(__name__)
PURGE_EVERY = 600  # seconds
_purgers: list[Callable[[], int]] = []
_lock = threading.Lock()
_last_run = 0.0


def register(purger: Callable[[], int]) -> Callable[[], int]:
    """Add a function that deletes expired rows and returns how many it deleted."""
    _purgers.append(purger)
    return purger


@register
def purge_expired_sessions() -> int:
    deleted, _ = Session.objects.filter(expire_date__lt=timezone.now()).delete()
    return deleted


def purge_expired() -> int:
    """Run every registered purge; returns the number of rows deleted."""
    return sum(purger() for purger in _purgers)


def _due() -> bool:
    global _last_run
    with _lock:
        now = time.monotonic()
        if _last_run and now - _last_run < PURGE_EVERY:
            return False
        _last_run = now
        return True


class HousekeepingMiddleware:
    """Purge expired data now and then, after the response is built."""

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]):
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        response = self.get_response(request)
        if _due():
            try:
                deleted = purge_expired()
            except Exception:  # a failed purge must never cost a visitor their page
                logger.exception("Purging expired data failed")
            else:
                if deleted:
                    logger.info("Purged %d expired rows", deleted)
        return response
