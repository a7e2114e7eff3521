"""The case of the visitor making a request, loaded on first use and written through.

Views and feature modules read and change a case only through
``VisitorCase``, which ``CaseMiddleware`` puts on every request as
``request.case``. A case is created by its first write, never by a read, so
people who only read the guide leave nothing behind. Each write extends the
case's life to ``SESSION_COOKIE_AGE`` after the change, and marks the
session changed so that the session (which points at the case) lives as
long.

Creating a case, and every write of personal details into it, gives the
session a new key: a session cookie planted in someone's browser before
they began can never read what they enter afterwards.

The session outlives its case by ``GONE_NOTICE_SECONDS``, holding only the
pointer to it: a visitor who comes back after the case expired is told that
their answers were deleted (once; ``expired`` and ``forget_expired``),
instead of silently finding an empty interview.

A case's document is capped at ``MAX_CASE_BYTES``: everything written into
it is bounded where it is parsed, so the cap is a last line that turns a
mistake into a refused write instead of a row that slows every request.
"""

from __future__ import annotations

import datetime
import json
import secrets
from collections.abc import Mapping
from typing import Any

from django.conf import settings
from django.contrib.sessions.backends.base import SessionBase
from django.utils import timezone

from rights_guide.cases.models import Case

SESSION_KEY = "case"
MAX_CASE_BYTES = 512 * 1024
# How long after its case the session (the pointer only, nothing typed) lives on.
GONE_NOTICE_SECONDS = 7 * 24 * 3600


class CaseTooLarge(Exception):
    """A write would make the case's document larger than ``MAX_CASE_BYTES``."""


def encoded_size(data: Mapping[str, Any]) -> int:
    """Bytes the document takes as stored (UTF-8 JSON)."""
    return len(json.dumps(data, ensure_ascii=False, separators=(",", ":")).encode())


class VisitorCase:
    """The visitor's case, through their session. Sections are plain JSON values."""

    def __init__(self, session: SessionBase):
        self.session = session
        self._case: Case | None = None
        self._loaded = False
        self._dangling = False

    def _load(self) -> Case | None:
        if not self._loaded:
            key = self.session.get(SESSION_KEY)
            self._case = Case.live().filter(key=key).first() if isinstance(key, str) else None
            self._dangling = isinstance(key, str) and self._case is None
            self._loaded = True
        return self._case

    @property
    def expired(self) -> bool:
        """The session points at a case that is gone: it expired after its time."""
        self._load()
        return self._dangling

    def forget_expired(self) -> None:
        """Drop the pointer to an expired case, so the visitor is told only once."""
        if self.expired:
            self.session.pop(SESSION_KEY, None)
            self._dangling = False

    def _keep_session(self) -> None:
        """The session follows the case's life, and outlives it to say it has gone."""
        self.session.set_expiry(settings.SESSION_COOKIE_AGE + GONE_NOTICE_SECONDS)

    @property
    def exists(self) -> bool:
        return self._load() is not None

    @property
    def instance(self) -> Case | None:
        """The database row, for things that belong to the case (stored letters)."""
        return self._load()

    def get(self, section: str, default: Any = None) -> Any:
        """A section of the document; treat it as read-only and write with ``update``."""
        case = self._load()
        if case is None:
            return default
        return case.data.get(section, default)

    def update(self, **sections: Any) -> None:
        """Replace whole sections (``None`` removes one) and save, creating the case if needed."""
        case = self._load() or self._create()
        data = dict(case.data)
        for name, value in sections.items():
            if value is None:
                data.pop(name, None)
            else:
                data[name] = value
        if encoded_size(data) > MAX_CASE_BYTES:
            raise CaseTooLarge("a case may hold at most %d bytes" % MAX_CASE_BYTES)
        now = timezone.now()
        case.data, case.updated_at = data, now
        case.expires_at = now + datetime.timedelta(seconds=settings.SESSION_COOKIE_AGE)
        case.save(update_fields=["data", "updated_at", "expires_at"])
        self._keep_session()  # the session's expiry follows the case's

    def touch(self) -> Case:
        """The case, created if needed, its life extended: after a change to a row of it.

        Things kept as rows of their own (the evidence log) call this when
        they change, so the case and everything in it expire together,
        ``SESSION_COOKIE_AGE`` after the last change.
        """
        case = self._load()
        if case is None:
            return self._create()
        now = timezone.now()
        case.updated_at = now
        case.expires_at = now + datetime.timedelta(seconds=settings.SESSION_COOKIE_AGE)
        case.save(update_fields=["updated_at", "expires_at"])
        self._keep_session()
        return case

    def personal_data_entered(self) -> None:
        """Call whenever names, numbers or incidents are written into the case: a new session key.

        One UPDATE of the session row. Every time, not only the first, so a
        planted cookie whose case already held a decoy name changes too.
        """
        self.session.cycle_key()

    def _create(self) -> Case:
        self.session.cycle_key()
        now = timezone.now()
        case = Case.objects.create(
            key=secrets.token_urlsafe(32),
            data={},
            created_at=now,
            updated_at=now,
            expires_at=now + datetime.timedelta(seconds=settings.SESSION_COOKIE_AGE),
        )
        self.session[SESSION_KEY] = case.key
        self._keep_session()
        self._case, self._loaded, self._dangling = case, True, False
        return case

    def renew(self) -> Case | None:
        """Give the visitor a new, empty case under a new session key; the old case is returned.

        Not deleted yet: the caller carries what is to be kept into the new
        case (``self.instance``), then deletes the old one. Used to start
        the interview again while keeping the evidence log.
        """
        old = self._load()
        self.session.pop(SESSION_KEY, None)
        self._case, self._loaded = None, True
        self._create()
        return old

    def delete(self) -> None:
        """Delete the case and everything that belongs to it; the next write starts a new one."""
        case = self._load()
        if case is not None:
            case.delete()
        self.forget()

    def forget(self) -> None:
        """Stop pointing at the case (after it was deleted elsewhere)."""
        self.session.pop(SESSION_KEY, None)
        self._case, self._loaded, self._dangling = None, True, False
