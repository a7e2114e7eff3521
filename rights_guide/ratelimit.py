"""Per-client rate limits kept in the database, so every app server shares them.

A token bucket per (scope, client): it holds up to ``capacity`` tokens and
refills at ``capacity / period``; each action takes one token, or more for
an action that costs more (a long letter). That allows a burst of
``capacity`` and then a steady ``capacity`` per ``period``, without the
double burst a fixed window allows at its edges. Clients are keyed by an
HMAC-SHA256 of their address under the project's secret key (salted, so
the table cannot be reversed by hashing every IPv4 address), and IPv6
clients by their /64 network, which one household or phone usually holds
whole. Raw addresses are never stored.

Rows are locked while they are updated (``select_for_update`` on
PostgreSQL; on SQLite every transaction takes the write lock when it
begins, see the IMMEDIATE mode in settings), so two workers cannot both
spend the last token. A bucket is deleted once it
would be full again (``expires_at``); ``consume`` purges such rows whenever
it creates a bucket, and ``manage.py purge_expired`` does too, which
keeps the table as small as the set of recently active clients.
"""

from __future__ import annotations

import datetime
import ipaddress
import math
from dataclasses import dataclass

from django.conf import settings
from django.db import IntegrityError, transaction
from django.http import HttpRequest
from django.utils import timezone
from django.utils.crypto import salted_hmac

from rights_guide.models import RateLimitBucket


@dataclass(frozen=True)
class RateLimit:
    scope: str
    capacity: int
    period: datetime.timedelta

    @property
    def rate(self) -> float:
        """Tokens regained per second."""
        return self.capacity / self.period.total_seconds()


@dataclass(frozen=True)
class Decision:
    allowed: bool
    remaining: int
    retry_after: int  # seconds until one token is back; 0 when allowed


# Letter PDFs are the app's expensive request (about a quarter of a second of CPU each).
LETTER_PDFS = RateLimit("letter_pdf", capacity=20, period=datetime.timedelta(minutes=10))


def _peer(request: HttpRequest) -> str:
    """The client's address: REMOTE_ADDR, or what the outermost trusted proxy recorded.

    Each proxy appends the address it received the request from to
    X-Forwarded-For, so with N trusted proxies the client is the N-th entry
    from the right; anything further left was written by the client itself.
    """
    hops = settings.TRUSTED_PROXIES
    if hops > 0:
        forwarded = [
            part.strip() for part in request.META.get("HTTP_X_FORWARDED_FOR", "").split(",")
        ]
        forwarded = [part for part in forwarded if part]
        if len(forwarded) >= hops:
            return forwarded[-hops]
    return request.META.get("REMOTE_ADDR", "") or ""


def client_address(request: HttpRequest) -> str:
    """The address the request came from, IPv6 reduced to its /64 network."""
    raw = _peer(request)
    try:
        address = ipaddress.ip_address(raw)
    except ValueError:
        return raw
    if address.version == 6:
        if address.ipv4_mapped is not None:
            return str(address.ipv4_mapped)
        return str(ipaddress.ip_network("%s/64" % address, strict=False))
    return str(address)


def client_key(request: HttpRequest) -> str:
    """A keyed hash of the client's address; the address itself is never kept."""
    return salted_hmac(
        "rights_guide.ratelimit.client", client_address(request), algorithm="sha256"
    ).hexdigest()


def _expiry(limit: RateLimit, tokens: float, now: datetime.datetime) -> datetime.datetime:
    return now + datetime.timedelta(seconds=(limit.capacity - tokens) / limit.rate)


def consume(
    limit: RateLimit, key: str, *, tokens: int = 1, now: datetime.datetime | None = None
) -> Decision:
    """Take ``tokens`` tokens from the client's bucket if it holds that many."""
    cost = float(min(max(tokens, 1), limit.capacity))
    now = now or timezone.now()
    for _attempt in range(2):
        try:
            with transaction.atomic():
                bucket = (
                    RateLimitBucket.objects.select_for_update()
                    .filter(scope=limit.scope, key=key)
                    .first()
                )
                if bucket is None:
                    purge_expired(now=now)
                    left = limit.capacity - cost
                    RateLimitBucket.objects.create(
                        scope=limit.scope,
                        key=key,
                        tokens=left,
                        updated_at=now,
                        expires_at=_expiry(limit, left, now),
                    )
                    return Decision(True, math.floor(left), 0)
                elapsed = max(0.0, (now - bucket.updated_at).total_seconds())
                left = min(float(limit.capacity), bucket.tokens + elapsed * limit.rate)
                allowed = left >= cost
                if allowed:
                    left -= cost
                bucket.tokens, bucket.updated_at = left, now
                bucket.expires_at = _expiry(limit, left, now)
                bucket.save(update_fields=["tokens", "updated_at", "expires_at"])
                if allowed:
                    return Decision(True, math.floor(left), 0)
                wait = (cost - left) / limit.rate
                return Decision(False, 0, max(1, math.ceil(wait - 1e-6)))  # float noise
        except IntegrityError:
            continue  # another worker created the bucket first: read it again
    raise RuntimeError("rate limit bucket for %s could not be created" % limit.scope)


def refund(
    limit: RateLimit, key: str, *, tokens: int = 1, now: datetime.datetime | None = None
) -> None:
    """Give back tokens spent on an action that did not happen (the renderer was busy)."""
    now = now or timezone.now()
    with transaction.atomic():
        bucket = (
            RateLimitBucket.objects.select_for_update().filter(scope=limit.scope, key=key).first()
        )
        if bucket is None:
            return  # already full and purged
        elapsed = max(0.0, (now - bucket.updated_at).total_seconds())
        left = min(float(limit.capacity), bucket.tokens + elapsed * limit.rate + tokens)
        bucket.tokens, bucket.updated_at = left, now
        bucket.expires_at = _expiry(limit, left, now)
        bucket.save(update_fields=["tokens", "updated_at", "expires_at"])


def purge_expired(*, now: datetime.datetime | None = None) -> int:
    """Delete buckets that have refilled completely; returns how many were deleted."""
    deleted, _kinds = RateLimitBucket.expired(now).delete()
    return deleted
