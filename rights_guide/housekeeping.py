"""Delete what has expired, outside visitors' requests, in small transactions.

Cases (what a visitor entered) and the sessions that point at them expire
DJANGO_SESSION_HOURS after the last change; expired rows must actually leave
the database, not just become unreadable (``Case.live()`` already hides
them). ``manage.py purge_expired`` deletes them, run every few minutes by
cron or a systemd timer (README.md, "Deleting expired data"). It used to run
inside whichever request came along, and that visitor waited for it (0.85 s
for 200,000 rows). Rows are deleted ``BATCH`` at a time, each batch its own
transaction, so writers are never held up for long; afterwards the SQLite
log is checkpointed so the deleted bytes leave it (rights_guide.erasure).

Other modules register what has expired for them (cases with their
letters, rate-limit buckets) with ``register``: a function returning a
queryset of the expired rows.
"""

from __future__ import annotations

import logging
from collections.abc import Callable

from django.contrib.sessions.models import Session
from django.db import transaction
from django.db.models import QuerySet
from django.utils import timezone

from rights_guide.erasure import forget_deleted

logger = logging.getLogger(__name__)
BATCH = 1000  # rows of one kind per transaction
_expired: list[Callable[[], QuerySet]] = []


def register(expired: Callable[[], QuerySet]) -> Callable[[], QuerySet]:
    """Add a function returning the rows that have expired now."""
    _expired.append(expired)
    return expired


@register
def expired_sessions() -> QuerySet:
    return Session.objects.filter(expire_date__lt=timezone.now())


def purge_expired(*, batch: int = BATCH) -> int:
    """Delete every expired row, ``batch`` at a time; returns how many rows went (cascades too)."""
    deleted = sum(_purge(expired, batch) for expired in _expired)
    if deleted:
        forget_deleted()
    return deleted


def _purge(expired: Callable[[], QuerySet], batch: int) -> int:
    total = 0
    while True:
        with transaction.atomic():
            rows = expired()
            keys = list(rows.values_list("pk", flat=True)[:batch])
            if not keys:
                return total
            count, _kinds = rows.model.objects.filter(pk__in=keys).delete()
        total += count
