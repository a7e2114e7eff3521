"""A letter is admitted before any of its work is done, and its pages are throttled (D5, D7, D8).

The probe found the allowance and the render queue asked only after a
maximal letter had been read, parsed and built, so 40 letters at once
starved every page, and a long log's preview and print had no limit at
all. Each test sends a body that would be refused as unreadable if it were
read: getting the 429 or 503 instead shows it was refused first.
"""

import copy

import pytest
from django.test import RequestFactory, override_settings

from rights_guide import ratelimit
from rights_guide.evidence.models import LoggedIncident
from rights_guide.letters.admission import Admission
from rights_guide.letters.pdf.slots import render_slot
from rights_guide.letters.web.throttle import HEAVY_LOG, LETTER_PAGES
from rights_guide.models import RateLimitBucket
from tests.factories import STORY, letter_data, log_contact, save_details, walk

pytestmark = pytest.mark.django_db

UNREADABLE = b'{"kind": "lender", '  # cut off: "invalid_json" if anyone read it


def key() -> str:
    """The rate-limit key of the test client's address."""
    return ratelimit.client_key(RequestFactory().get("/"))


def post_raw(client, body: bytes):
    return client.post("/api/v1/letters", data=body, content_type="application/json")


def spend(limit: ratelimit.RateLimit) -> None:
    while ratelimit.consume(limit, key()).allowed:
        pass


def test_a_client_over_its_allowance_is_refused_before_its_letter_is_read(client):
    spend(ratelimit.LETTER_PDFS)
    response = post_raw(client, UNREADABLE)
    assert response.status_code == 429 and int(response["Retry-After"]) >= 1
    assert response.json()["errors"][0]["code"] == "rate_limited"


@override_settings(LETTER_SLOT_WAIT=0.2, LETTER_RENDER_QUEUE=0)
def test_a_full_render_queue_refuses_before_the_letter_is_read_and_charges_nothing(client):
    with render_slot():
        response = post_raw(client, UNREADABLE)
    assert response.status_code == 503 and int(response["Retry-After"]) >= 1
    assert response.json()["errors"][0]["code"] == "renderer_busy"
    bucket = RateLimitBucket.objects.get()
    assert bucket.tokens == pytest.approx(ratelimit.LETTER_PDFS.capacity, abs=0.01)


@override_settings(LETTER_REQUESTS_PER_WORKER=1)
def test_letters_take_only_some_of_a_worker_s_threads_the_rest_stay_for_pages(client):
    with Admission("another-client"):  # a letter already being read in this worker
        response = post_raw(client, UNREADABLE)
        assert client.get("/").status_code == 200
    assert response.status_code == 503
    assert response.json()["errors"][0]["code"] == "renderer_busy"
    assert post_raw(client, UNREADABLE).status_code == 415  # admitted again once it is done


def test_an_oversized_letter_is_refused_from_its_headers_without_a_charge(client):
    response = client.post(
        "/api/v1/letters",
        data=b"{}",
        content_type="application/json",
        CONTENT_LENGTH=str(2 * 1024 * 1024),
    )
    assert response.status_code == 413
    assert RateLimitBucket.objects.count() == 0


def test_a_letter_that_fails_to_parse_still_costs_its_first_token(client):
    post_raw(client, UNREADABLE)
    bucket = RateLimitBucket.objects.get()
    assert bucket.tokens == pytest.approx(ratelimit.LETTER_PDFS.capacity - 1, abs=0.01)
    assert (
        client.post(
            "/api/v1/letters", data=letter_data(), content_type="application/json"
        ).status_code
        == 200
    )


def ready(client) -> None:
    walk(client, STORY)
    save_details(client)


@pytest.mark.parametrize("page", ["preview", "print"])
def test_the_preview_and_print_pages_are_throttled_like_downloads(client, page):
    ready(client)
    assert client.get("/letters/lender/%s/" % page).status_code == 200
    spend(LETTER_PAGES)
    response = client.get("/letters/lender/%s/" % page)
    assert response.status_code == 429 and int(response["Retry-After"]) >= 1
    html = response.content.decode()
    assert "秒后再试" in html and "再试一次" in html


@override_settings(LETTER_SLOT_WAIT=0.2, LETTER_RENDER_QUEUE=0)
def test_a_long_log_s_preview_waits_for_a_render_slot(client):
    ready(client)
    log_contact(client)
    row = LoggedIncident.objects.get()
    copies = [copy.copy(row) for _ in range(HEAVY_LOG)]
    for again in copies:
        again.pk = None
    LoggedIncident.objects.bulk_create(copies)
    with render_slot():
        response = client.get("/letters/lender/preview/")
    assert response.status_code == 503 and int(response["Retry-After"]) >= 1
    assert "正在生成的信件很多" in response.content.decode()
