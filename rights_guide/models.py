"""Database tables of the app: downloaded letters and rate-limit buckets, both expiring.

``StoredLetter`` keeps a downloaded letter as its snapshot (the inputs and
the rendered HTML, ``rights_guide.letters.LetterSnapshot``) so the visitor
can download exactly the same PDF again, for as long as their answers live
(``SESSION_COOKIE_AGE``, set by DJANGO_SESSION_HOURS). It holds a name and
perhaps an ID number, so it expires with the session and is reachable only
through a random token remembered in that session.

``RateLimitBucket`` holds one token bucket per client and scope for the
limits in ``rights_guide.ratelimit``, keyed by a keyed hash of the client's
address, never the address. A bucket that has refilled completely says
nothing a fresh one would not, so ``expires_at`` (when it is full again)
marks rows that can be deleted at any moment without changing a decision.

Both register their purge with ``rights_guide.housekeeping``, which deletes
expired rows now and then; the indexes on ``expires_at`` keep that cheap.
"""

from __future__ import annotations

import datetime
import secrets

from django.conf import settings
from django.contrib.sessions.backends.base import SessionBase
from django.db import models
from django.utils import timezone

from rights_guide import housekeeping
from rights_guide.letters.snapshot import LetterSnapshot

MAX_LETTERS_PER_SESSION = 20


class StoredLetter(models.Model):
    SESSION_KEY = "stored_letters"

    token = models.CharField(max_length=64, unique=True)
    kind = models.CharField(max_length=16)
    snapshot_data = models.JSONField()  # LetterSnapshot.to_data()
    created_at = models.DateTimeField()
    expires_at = models.DateTimeField(db_index=True)

    def __str__(self) -> str:
        return "%s letter of %s" % (self.kind, self.created_at.date().isoformat())

    @classmethod
    def keep(cls, snapshot: LetterSnapshot, session: SessionBase) -> StoredLetter:
        """Store a downloaded letter's snapshot and remember its token in the visitor's session."""
        now = timezone.now()
        stored = cls.objects.create(
            token=secrets.token_urlsafe(32),
            kind=snapshot.kind,
            snapshot_data=snapshot.to_data(),
            created_at=now,
            expires_at=now + datetime.timedelta(seconds=settings.SESSION_COOKIE_AGE),
        )
        tokens = [*session.get(cls.SESSION_KEY, []), stored.token]
        session[cls.SESSION_KEY] = tokens[-MAX_LETTERS_PER_SESSION:]
        return stored

    @classmethod
    def live(cls) -> models.QuerySet:
        return cls.objects.filter(expires_at__gt=timezone.now())

    @classmethod
    def forget(cls, session: SessionBase) -> int:
        """Delete the letters this session downloaded (the "delete my data" button)."""
        deleted, _types = cls.objects.filter(token__in=session.get(cls.SESSION_KEY, [])).delete()
        session.pop(cls.SESSION_KEY, None)
        return deleted

    @classmethod
    def purge_expired(cls) -> int:
        deleted, _types = cls.objects.filter(expires_at__lte=timezone.now()).delete()
        return deleted

    def snapshot(self) -> LetterSnapshot:
        """The letter as it was downloaded, ready to print again."""
        return LetterSnapshot.from_data(self.snapshot_data)


class RateLimitBucket(models.Model):
    scope = models.CharField(max_length=32)
    key = models.CharField(max_length=64)  # HMAC-SHA256 of the client address, hex
    tokens = models.FloatField()
    updated_at = models.DateTimeField()
    expires_at = models.DateTimeField(db_index=True)

    class Meta:
        constraints = (
            models.UniqueConstraint(fields=["scope", "key"], name="ratelimit_bucket_scope_key"),
        )

    def __str__(self) -> str:
        return "%s:%s" % (self.scope, self.key[:12])

    @classmethod
    def purge_expired(cls, now: datetime.datetime | None = None) -> int:
        """Delete buckets that have refilled completely: they decide nothing."""
        deleted, _types = cls.objects.filter(expires_at__lte=now or timezone.now()).delete()
        return deleted


housekeeping.register(StoredLetter.purge_expired)
housekeeping.register(RateLimitBucket.purge_expired)
