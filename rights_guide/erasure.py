"""Deleted personal data leaves the database files, and deleting works with the disk full.

Deleting a row does not remove its bytes. SQLite leaves them in free pages
unless ``secure_delete`` is on (settings set it on every connection, since
upstream builds default to off), and it keeps the pages it wrote in its
write-ahead log until a checkpoint. So after "delete everything" and after
each expiry purge, ``forget_deleted`` checkpoints the log and truncates it
to nothing. PostgreSQL keeps dead tuples until VACUUM and WAL segments as
long as they are retained; README.md says what an operator must do there.

Deleting writes too: SQLite appends the zeroed pages to its log. On a full
disk that fails, and a visitor who wants their data gone cannot get it
gone. So a small reserve file is kept next to the SQLite database; when a
deletion fails for lack of space the reserve is given up and the deletion
retried in the room it leaves. The reserve is put back (``keep_reserve``)
at start-up, by ``manage.py purge_expired`` and by the health check, once
there is room again.
"""

from __future__ import annotations

import logging
import shutil
import tempfile
from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING, TypeVar

from django.conf import settings
from django.db import OperationalError, connection, transaction

if TYPE_CHECKING:
    from django.contrib.sessions.backends.base import SessionBase

    from rights_guide.cases.store import VisitorCase

logger = logging.getLogger(__name__)
RESERVE_BYTES = 32 * 1024 * 1024  # enough to delete the largest case with secure_delete
RESERVE_NAME = "deletion-reserve"
T = TypeVar("T")


def sqlite_directory() -> Path | None:
    """The folder of the SQLite database file, or None on another database."""
    database = settings.DATABASES["default"]
    name = str(database.get("NAME") or "")
    if database["ENGINE"] != "django.db.backends.sqlite3" or name in ("", ":memory:"):
        return None
    if name.startswith("file:") or "mode=memory" in name:
        return None
    return Path(name).resolve().parent


def watched_directories() -> list[Path]:
    """Where the app writes: var/, the temporary folder and the SQLite database's folder."""
    folders = [Path(settings.VAR_DIR), Path(tempfile.gettempdir())]
    database = sqlite_directory()
    if database is not None:
        folders.append(database)
    return folders


def short_of_space(minimum: int) -> list[Path]:
    """The watched folders with less than ``minimum`` bytes free."""
    short = []
    for folder in watched_directories():
        try:
            free = shutil.disk_usage(folder).free
        except OSError:
            free = 0
        if free < minimum:
            short.append(folder)
    return short


def _reserve() -> Path | None:
    folder = sqlite_directory()
    return folder / RESERVE_NAME if folder is not None else None


def keep_reserve() -> None:
    """Put the reserve file back if it is missing and there is room for it and more."""
    path = _reserve()
    if path is None or path.exists():
        return
    try:
        if shutil.disk_usage(path.parent).free < 2 * RESERVE_BYTES:
            return
        with open(path, "wb") as reserve:
            reserve.truncate(RESERVE_BYTES)  # then filled, so the blocks are really taken
            reserve.seek(0)
            block = b"\0" * (1024 * 1024)
            for _ in range(RESERVE_BYTES // len(block)):
                reserve.write(block)
    except OSError:
        path.unlink(missing_ok=True)


def _give_up_reserve() -> bool:
    path = _reserve()
    if path is None or not path.exists():
        return False
    path.unlink()
    logger.warning("The disk is full: the deletion reserve was used to delete a case")
    return True


def _disk_full(error: OperationalError) -> bool:
    return "full" in str(error).lower()


def delete_even_when_full(delete: Callable[[], T]) -> T:
    """Run ``delete`` (its own transaction); if the disk is full, free the reserve and retry."""
    try:
        with transaction.atomic():
            result = delete()
    except OperationalError as error:
        if not _disk_full(error) or not _give_up_reserve():
            raise
        with transaction.atomic():
            result = delete()
    forget_deleted()
    return result


def erase_visitor(*, visitor: VisitorCase, session: SessionBase) -> None:
    """Delete the visitor's case, everything in it and their session, even on a full disk.

    What is to be deleted is settled first, so that a retry deletes the same
    rows; the session is then flushed, which writes nothing (its row is gone
    and the confirmation travels in the messages cookie).
    """
    from rights_guide.cases.models import Case  # cases.models registers with housekeeping

    case = visitor.instance
    session_key = session.session_key

    def delete() -> None:
        if case is not None:
            Case.objects.filter(pk=case.pk).delete()  # cascades to incidents and letters
        if session_key:
            session.delete(session_key)

    delete_even_when_full(delete)
    visitor.forget()
    session.flush()


def forget_deleted() -> None:
    """After deleting: on SQLite, copy the log into the file and truncate it to nothing.

    Runs once the deletion is committed; a checkpoint cannot run inside a transaction.
    """
    if connection.vendor != "sqlite":
        return
    transaction.on_commit(_checkpoint)


def _checkpoint() -> None:
    try:
        with connection.cursor() as cursor:
            busy, _log, _done = cursor.execute("PRAGMA wal_checkpoint(TRUNCATE)").fetchone()
    except OperationalError:
        logger.warning("Could not checkpoint the SQLite log after deleting")
        return
    if busy:
        logger.warning(
            "The SQLite log is in use: deleted data stays in it until the next checkpoint"
        )
