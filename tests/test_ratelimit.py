"""Per-client rate limits: a burst of 20 letters, then one every 30 seconds; no raw addresses kept."""

import datetime

import pytest
from django.test import RequestFactory, override_settings
from django.utils import timezone

from rights_guide import housekeeping, ratelimit
from rights_guide.models import RateLimitBucket

pytestmark = pytest.mark.django_db
LIMIT = ratelimit.LETTER_PDFS
START = timezone.now().replace(microsecond=0)


def at(seconds: float) -> datetime.datetime:
    return START + datetime.timedelta(seconds=seconds)


def request_from(address: str):
    return RequestFactory().post("/api/v1/letters", REMOTE_ADDR=address)


def test_twenty_at_once_then_the_next_must_wait_thirty_seconds():
    decisions = [ratelimit.consume(LIMIT, "client", now=at(0)) for _ in range(21)]
    assert [d.allowed for d in decisions] == [True] * 20 + [False]
    assert [d.remaining for d in decisions[:3]] == [19, 18, 17]
    assert decisions[-1].retry_after == 30  # 20 per 600 s: one token every 30 s
    waiting = ratelimit.consume(LIMIT, "client", now=at(20))
    assert not waiting.allowed and waiting.retry_after == 10
    assert ratelimit.consume(LIMIT, "client", now=at(30)).allowed
    again = ratelimit.consume(LIMIT, "client", now=at(30))
    assert not again.allowed and again.retry_after == 30


def test_the_bucket_refills_to_twenty_and_no_further():
    for _ in range(20):
        ratelimit.consume(LIMIT, "client", now=at(0))
    later = ratelimit.consume(LIMIT, "client", now=at(3600))
    assert later.allowed and later.remaining == 19


def test_clients_and_scopes_have_separate_buckets():
    for _ in range(20):
        ratelimit.consume(LIMIT, "one", now=at(0))
    assert not ratelimit.consume(LIMIT, "one", now=at(0)).allowed
    assert ratelimit.consume(LIMIT, "two", now=at(0)).allowed
    other = ratelimit.RateLimit("other", capacity=1, period=datetime.timedelta(minutes=1))
    assert ratelimit.consume(other, "one", now=at(0)).allowed


def test_a_bucket_expires_when_full_again_and_purging_it_changes_nothing():
    ratelimit.consume(LIMIT, "client", now=at(0))
    bucket = RateLimitBucket.objects.get()
    assert bucket.expires_at == at(30)  # one token spent, back after 30 s
    assert ratelimit.purge_expired(now=at(29)) == 0
    assert ratelimit.purge_expired(now=at(30)) == 1
    assert ratelimit.consume(LIMIT, "client", now=at(30)).remaining == 19


def test_housekeeping_purges_expired_buckets():
    ratelimit.consume(LIMIT, "old", now=at(-3600))
    ratelimit.consume(LIMIT, "new", now=timezone.now())
    housekeeping.purge_expired()
    assert list(RateLimitBucket.objects.values_list("key", flat=True)) == ["new"]


def test_the_client_key_is_a_salted_hash_not_the_address():
    key = ratelimit.client_key(request_from("198.51.100.7"))
    assert len(key) == 64 and "198.51.100.7" not in key
    assert key == ratelimit.client_key(request_from("::ffff:198.51.100.7"))
    assert key != ratelimit.client_key(request_from("198.51.100.8"))
    with override_settings(SECRET_KEY="another-secret-" + "x" * 40):
        assert key != ratelimit.client_key(request_from("198.51.100.7"))


def test_ipv6_clients_are_limited_per_64_network():
    home = ratelimit.client_key(request_from("2001:db8:1:2::1"))
    assert home == ratelimit.client_key(request_from("2001:db8:1:2:abcd:ef01:2345:6789"))
    assert home != ratelimit.client_key(request_from("2001:db8:1:3::1"))


def test_behind_trusted_proxies_the_client_is_what_the_outermost_proxy_saw(rf, settings):
    from rights_guide.ratelimit import client_address

    request = rf.get(
        "/", REMOTE_ADDR="10.0.0.2", HTTP_X_FORWARDED_FOR="6.6.6.6, 203.0.113.7, 10.0.0.1"
    )
    settings.TRUSTED_PROXIES = 0
    assert client_address(request) == "10.0.0.2"
    settings.TRUSTED_PROXIES = 2
    assert client_address(request) == "203.0.113.7"  # 6.6.6.6 was claimed by the client
    settings.TRUSTED_PROXIES = 5
    assert client_address(request) == "10.0.0.2"
