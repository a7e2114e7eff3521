"""Database tables of the app: cases, downloaded letters and rate-limit buckets, all expiring.

``Case`` (rights_guide.cases.models) holds everything one visitor entered;
the incidents of their evidence log (``LoggedIncident``,
rights_guide.evidence.models) are rows of it, deleted with it.
``StoredLetter`` keeps a downloaded letter as its snapshot (the inputs and
the rendered HTML, ``rights_guide.letters.LetterSnapshot``) so the visitor
can download exactly the same PDF again (the "your letters" page lists
them, to download again or delete). It is kept once per content (a unique
hash per case), since each copy holds a name and perhaps an ID number. It
belongs to its case by foreign key: it is deleted with the case ("start again", "delete everything", expiry), however many letters
the case made, and it is reachable only through a random token checked
against the visitor's own case.

``RateLimitBucket`` holds one token bucket per client and scope for the
limits in ``rights_guide.ratelimit``, keyed by a keyed hash of the client's
address, never the address. A bucket that has refilled completely says
nothing a fresh one would not, so ``expires_at`` (when it is full again)
marks rows that can be deleted at any moment without changing a decision.

Each registers its expired rows with ``rights_guide.housekeeping``, whose
``purge_expired`` command deletes them; the indexes on ``expires_at`` keep
that cheap.
"""

from __future__ import annotations

import datetime
import hashlib
import json
import secrets

from django.db import models
from django.utils import timezone

from rights_guide import housekeeping
from rights_guide.cases.models import Case
from rights_guide.evidence.models import LoggedIncident
from rights_guide.letters.snapshot import LetterSnapshot

__all__ = ["Case", "LoggedIncident", "RateLimitBucket", "StoredLetter"]


class StoredLetter(models.Model):
    case = models.ForeignKey(Case, on_delete=models.CASCADE, related_name="letters")
    token = models.CharField(max_length=64, unique=True)
    kind = models.CharField(max_length=16)
    content_hash = models.CharField(max_length=64)  # snapshot_hash(): one row per content
    snapshot_data = models.JSONField()  # LetterSnapshot.to_data()
    created_at = models.DateTimeField()  # when this letter was last downloaded
    expires_at = models.DateTimeField(db_index=True)

    class Meta:
        constraints = (
            models.UniqueConstraint(
                fields=["case", "content_hash"], name="stored_letter_once_per_content"
            ),
        )

    def __str__(self) -> str:
        return "%s letter of %s" % (self.kind, self.created_at.date().isoformat())

    @classmethod
    def keep(cls, snapshot: LetterSnapshot, case: Case) -> StoredLetter:
        """Store a letter whose PDF was rendered, once per content, as part of its case.

        Downloading the same letter again (the same text, the same day) keeps
        the one row and notes the time: every copy would hold the ID number
        again, for nothing (the December 2026 probe found 26 rows after 26
        downloads).
        """
        now = timezone.now()
        data = snapshot.to_data()
        stored, _created = cls.objects.update_or_create(
            case=case,
            content_hash=snapshot_hash(data),
            defaults={"created_at": now, "expires_at": case.expires_at},
            create_defaults={
                "token": secrets.token_urlsafe(32),
                "kind": snapshot.kind,
                "snapshot_data": data,
                "created_at": now,
                "expires_at": case.expires_at,
            },
        )
        return stored

    @classmethod
    def of_case(cls, case: Case | None) -> models.QuerySet:
        """The case's stored letters, the latest download first."""
        if case is None:
            return cls.objects.none()
        return cls.live().filter(case=case).order_by("-created_at")

    @classmethod
    def live(cls) -> models.QuerySet:
        return cls.objects.filter(expires_at__gt=timezone.now())

    @classmethod
    def expired(cls) -> models.QuerySet:
        return cls.objects.filter(expires_at__lte=timezone.now())

    def snapshot(self) -> LetterSnapshot:
        """The letter as it was downloaded, ready to print again."""
        return LetterSnapshot.from_data(self.snapshot_data)


def snapshot_hash(data: dict) -> str:
    """SHA-256 of a snapshot's data, the same however its keys were ordered."""
    text = json.dumps(data, sort_keys=True, ensure_ascii=False, separators=(",", ":"))
    return hashlib.sha256(text.encode()).hexdigest()


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
    def expired(cls, now: datetime.datetime | None = None) -> models.QuerySet:
        """Buckets that have refilled completely: they decide nothing."""
        return cls.objects.filter(expires_at__lte=now or timezone.now())


housekeeping.register(StoredLetter.expired)
housekeeping.register(RateLimitBucket.expired)
