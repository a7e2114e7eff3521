"""What ``/healthz`` checks: the database answers and takes writes, and the disks have room.

A load balancer or monitor must hear about a full disk before visitors do:
with no room every save fails, so the check also looks at free space in
the folders the app writes to (rights_guide.erasure.watched_directories).
The write probe changes nothing: an UPDATE of no row inside a transaction
that is rolled back, which still needs the write lock (SQLite) or a
writable server (PostgreSQL, not a read-only replica).
"""

from __future__ import annotations

import logging

from django.conf import settings
from django.db import DatabaseError, connection, transaction

from rights_guide.erasure import keep_reserve, short_of_space
from rights_guide.models import RateLimitBucket

logger = logging.getLogger(__name__)


def database_state() -> str:
    """ "ok", "read_only" (answers but refuses writes) or "unavailable"."""
    try:
        with connection.cursor() as cursor:
            cursor.execute("SELECT 1")
    except DatabaseError:
        return "unavailable"
    try:
        with transaction.atomic():
            RateLimitBucket.objects.filter(pk=-1).update(tokens=0)
            transaction.set_rollback(True)
    except DatabaseError:
        return "read_only"
    return "ok"


def check() -> dict[str, str]:
    """Each part's state, and ``status``: "ok" only when every part is."""
    database = database_state()
    disk = "full" if short_of_space(settings.HEALTH_MIN_FREE_BYTES) else "ok"
    if disk == "ok":
        keep_reserve()
    state = {"database": database, "disk": disk}
    if database != "ok" or disk != "ok":
        logger.warning("Health check: database %s, disk %s", database, disk)
        return {"status": "unavailable", **state}
    return {"status": "ok", **state}
