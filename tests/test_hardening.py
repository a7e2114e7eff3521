"""What a security and reliability probe found: each finding, held shut.

Expensive letters are bounded when they are read, rendering waits for a
slot or is refused with a 503, the allowance is charged by size, SQLite
serialises concurrent writers, a session cannot swell, deleting reaches
every letter, personal data gets a fresh session key, and database outages,
unreadable bodies and bad hosts get honest short answers.
"""

import io
import json
import logging
import os
import subprocess
import sys
from types import SimpleNamespace

import pytest
from django.conf import settings
from django.contrib.sessions.models import Session
from django.db import OperationalError, connection
from django.test import Client, override_settings
from django.utils import timezone

from rights_guide import ratelimit
from rights_guide.cases.models import Case
from rights_guide.cases.store import MAX_CASE_BYTES, encoded_size
from rights_guide.letters import parse_letter_request
from rights_guide.letters.pdf.slots import render_slot
from rights_guide.letters.request import MAX_INCIDENT_LINES, MAX_INCIDENT_TEXT
from rights_guide.letters.service import letter_weight
from rights_guide.letters.snapshot import LetterSnapshot
from rights_guide.models import RateLimitBucket, StoredLetter
from rights_guide.sessions import MAX_SESSION_BYTES
from tests.factories import (
    ID_NUMBER,
    NAME,
    NOW,
    STORY,
    TODAY,
    download,
    letter_data,
    log_contact,
    post_step,
    save_details,
    walk,
)

pytestmark = pytest.mark.django_db


def post_letter(client, data, **extra):
    return client.post(
        "/api/v1/letters", data=json.dumps(data), content_type="application/json", **extra
    )


def with_incidents(descriptions):
    data = letter_data(kind="police")
    data["incidents"] = [
        {
            "when": "2026-10-%02dT21:00" % (i % 28 + 1),
            "target": "family",
            "channel": "call",
            "description": text,
        }
        for i, text in enumerate(descriptions)
    ]
    return data


@pytest.mark.parametrize(
    ("descriptions", "field", "code"),
    [
        (["a\n" * 1000] * 10, "incidents[0].description", "too_many_lines"),
        (["W" * 1000] * 3, "incidents[0].description", "unbroken_run"),
        (
            ["对方打电话威胁说要上门打人" * 150] * (MAX_INCIDENT_TEXT // 1950 + 1),
            "incidents",
            "text_too_long_total",
        ),
        (["打电话\n" * 29] * 15, "incidents", "too_many_lines_total"),
    ],
    ids=["line-breaks", "unbroken-run", "total-characters", "total-lines"],
)
def test_pathological_letters_are_refused_naming_the_field(client, descriptions, field, code):
    response = post_letter(client, with_incidents(descriptions))
    assert response.status_code == 400
    errors = response.json()["errors"]
    assert (field, code) in [(e["field"], e["code"]) for e in errors]
    assert all(e["message"] for e in errors)


def test_the_largest_valid_letter_is_within_every_bound():
    per_row = MAX_INCIDENT_TEXT // 100
    lines = MAX_INCIDENT_LINES // 100
    text = "\n".join(["催收员打电话来" * (per_row // lines // 7)] * lines)
    data = with_incidents([text] * 100)
    request = parse_letter_request(data, today=TODAY, now=NOW)
    assert len(request.incidents) == 100
    assert letter_weight(request) > 1  # a long letter costs more of the allowance


@override_settings(LETTER_SLOT_WAIT=0.3, LETTER_RENDER_QUEUE=1)
def test_a_letter_that_cannot_get_a_render_slot_is_a_503_with_retry_after(client):
    with render_slot():  # another request is rendering
        response = post_letter(client, letter_data())
    assert response.status_code == 503
    assert int(response["Retry-After"]) >= 1
    assert response.json()["errors"][0]["code"] == "renderer_busy"
    assert post_letter(client, letter_data()).status_code == 200  # the slot is free again


@override_settings(LETTER_SLOT_WAIT=0.3, LETTER_RENDER_QUEUE=0)
def test_a_busy_renderer_on_the_pages_explains_itself_and_keeps_the_letter(client):
    walk(client, STORY)
    save_details(client)
    with render_slot():
        response = download(client)
    assert response.status_code == 302 and int(response["Retry-After"]) >= 1
    page = client.get(response["Location"]).content.decode()
    assert "正在生成的信件很多" in page
    assert StoredLetter.objects.count() == 0


def test_the_allowance_is_charged_by_the_size_of_the_letter(client, monkeypatch):
    # The clock stands still, so the bucket does not refill while the letters render.
    frozen = timezone.now()
    monkeypatch.setattr(ratelimit, "timezone", SimpleNamespace(now=lambda: frozen))
    heavy = with_incidents(["催收员又打来电话，说要找我家人。\n" * 20] * 20)
    weight = letter_weight(parse_letter_request(heavy, today=TODAY, now=NOW))
    assert weight >= 2
    made = 0
    while post_letter(client, heavy).status_code == 200:
        made += 1
    assert made == ratelimit.LETTER_PDFS.capacity // weight


SQLITE_RACE = """
import json, os, threading, django
os.environ["DJANGO_SETTINGS_MODULE"] = "rights_guide.settings"
django.setup()
from django.core.management import call_command
from django.db import connection
call_command("migrate", verbosity=0)
from rights_guide import ratelimit
results, barrier = [], threading.Barrier(60)
def one():
    barrier.wait()
    try:
        results.append(ratelimit.consume(ratelimit.LETTER_PDFS, "one-client").allowed)
    except Exception as error:
        results.append(repr(error))
    finally:
        connection.close()
threads = [threading.Thread(target=one) for _ in range(60)]
[t.start() for t in threads]
[t.join() for t in threads]
print(json.dumps(results))
"""


def test_sixty_simultaneous_letters_on_sqlite_get_exactly_the_allowance(tmp_path):
    """A file database and 60 threads, as under gunicorn: no 'database is locked', no overrun."""
    env = {**os.environ, "DJANGO_VAR_DIR": str(tmp_path), "DJANGO_DEBUG": "1"}
    env.pop("DATABASE_URL", None)
    result = subprocess.run(
        [sys.executable, "-c", SQLITE_RACE],
        cwd=settings.BASE_DIR,
        env=env,
        capture_output=True,
        text=True,
        timeout=120,
        check=True,
    )
    outcomes = json.loads(result.stdout.strip().splitlines()[-1])
    assert [o for o in outcomes if not isinstance(o, bool)] == []  # no database errors
    assert outcomes.count(True) == ratelimit.LETTER_PDFS.capacity
    assert outcomes.count(False) == 60 - ratelimit.LETTER_PDFS.capacity


def _unreachable_database(execute, sql, params, many, context):
    raise OperationalError("could not connect to server")


def test_a_database_outage_is_a_json_503_for_the_api():
    client = Client(raise_request_exception=False)
    with connection.execute_wrapper(_unreachable_database):
        response = post_letter(client, letter_data())
    assert response.status_code == 503
    assert response["Content-Type"].startswith("application/json")
    assert response.json()["errors"][0]["code"] == "service_unavailable"
    assert int(response["Retry-After"]) > 0


def test_a_database_outage_on_a_page_says_something_true():
    client = Client(raise_request_exception=False)
    with connection.execute_wrapper(_unreachable_database):
        response = client.post("/interview/lender/", {"lender_type": "bank", "nav": "next"})
    assert response.status_code == 503
    html = response.content.decode()
    assert "可能没有保存" in html
    assert "仍然保存" not in html  # the old page promised what an outage cannot keep


def test_the_health_check_asks_the_database_and_answers_head(client):
    assert client.get("/healthz").json()["database"] == "ok"
    assert client.head("/healthz").status_code == 200
    with connection.execute_wrapper(_unreachable_database):
        response = client.get("/healthz")
    assert response.status_code == 503 and response.json()["status"] == "unavailable"


@pytest.mark.parametrize("path", ["/", "/en/", "/privacy/", "/help/calls/", "/interview/lender/"])
def test_pages_answer_head(client, path):
    assert client.head(path).status_code == 200


def test_whatever_is_posted_a_session_and_its_case_stay_small(client):
    post_step(client, "lender", {"lender_type": "bank"})
    post_step(client, "contacts", {"targets": ["family"]})
    junk = "欠" * 60_000  # 180 KB a value; the probe posted 2.3 MB bodies
    for _ in range(14):
        response = client.post(
            "/interview/contact-family/",
            {
                "nav": "back",
                "calls": junk,  # invalid: kept only as a short draft
                "other_channels": ["letter", junk, "letter"] * 3,
                **{"extra_%d" % i: junk for i in range(6)},
            },
        )
        assert response.status_code == 302
    case = Case.objects.get()
    assert encoded_size(case.data) < 4_000 < MAX_CASE_BYTES
    assert case.data["drafts"]["contact-family"]["other_channels"] == ["letter"]
    assert "extra_0" not in case.data["drafts"]["contact-family"]
    for session in Session.objects.all():
        assert len(session.session_data) < MAX_SESSION_BYTES


def test_deleting_reaches_every_letter_and_a_failed_render_stores_nothing(client, monkeypatch):
    monkeypatch.setattr(
        ratelimit,
        "LETTER_PDFS",
        ratelimit.RateLimit("letter_pdf", capacity=100, period=ratelimit.LETTER_PDFS.period),
    )
    walk(client, STORY)
    save_details(client)
    for number in range(25):  # 25 different letters (the same one is stored once)
        assert download(client, closing="此致\n敬礼！（%d）" % number).status_code == 200
    assert StoredLetter.objects.count() == 25
    render = LetterSnapshot.render_pdf

    def broken(snapshot):
        raise RuntimeError("renderer crashed")

    monkeypatch.setattr(LetterSnapshot, "render_pdf", broken)
    failing = Client(raise_request_exception=False)
    failing.cookies = client.cookies
    assert download(failing).status_code == 500
    assert StoredLetter.objects.count() == 25  # the failed letter was not stored
    monkeypatch.setattr(LetterSnapshot, "render_pdf", render)

    client.post("/privacy/delete/")
    assert Case.objects.count() == StoredLetter.objects.count() == 0
    for model in (Case, StoredLetter, Session):
        for row in model.objects.all():
            values = " ".join(str(getattr(row, f.attname)) for f in model._meta.fields)
            if model is Session:
                values += json.dumps(row.get_decoded(), ensure_ascii=False)
            assert NAME not in values and ID_NUMBER not in values


def test_a_planted_session_cannot_read_what_the_victim_enters():
    attacker = Client()
    attacker.get("/interview/lender/")
    post_step(attacker, "lender", {"lender_type": "bank"})
    planted = attacker.cookies[settings.SESSION_COOKIE_NAME].value
    victim = Client()
    victim.cookies[settings.SESSION_COOKIE_NAME] = planted
    walk(victim, STORY)
    save_details(victim)
    assert victim.cookies[settings.SESSION_COOKIE_NAME].value != planted
    # The attacker's cookie no longer reaches the victim's details or answers.
    html = attacker.get("/letters/details/?next=lender")
    assert NAME not in html.content.decode() and ID_NUMBER not in html.content.decode()
    assert "13812345678" not in attacker.get("/letters/lender/preview/").content.decode()


def test_a_form_post_in_another_charset_is_a_400_not_a_500():
    client = Client(raise_request_exception=False)
    walk(client, STORY)
    for path in ("/interview/lender/", "/letters/details/"):
        response = client.post(
            path,
            data="lender_type=bank&nav=next",
            content_type="application/x-www-form-urlencoded; charset=latin-1",
        )
        assert response.status_code == 400
        assert "无法读取" in response.content.decode()


def test_a_bad_host_is_logged_in_one_line():
    client = Client(raise_request_exception=False)
    handler = logging.getLogger("django.security").handlers[0]
    stream = io.StringIO()
    previous = handler.setStream(stream)
    try:
        assert client.get("/", HTTP_HOST="evil.example").status_code == 400
    finally:
        handler.setStream(previous)
    lines = stream.getvalue().splitlines()
    assert len(lines) == 1 and " django.security.DisallowedHost " in lines[0]


@pytest.mark.parametrize(
    ("when", "ok"),
    [
        ("２０２６-１０-０３T２２:３０", True),  # full-width digits, as Chinese keyboards type them
        ("٢٠٢٦-١٠-٠٣T٢٢:٣٠", False),  # Arabic-Indic digits are refused, not guessed
        ("2026-10-03T22:30", True),
    ],
)
def test_digits_in_incident_times(client, when, ok):
    data = letter_data()
    data["incidents"][0]["when"] = when
    response = post_letter(client, data)
    if ok:
        assert response.status_code == 200
    else:
        assert response.status_code == 400
        assert response.json()["errors"][0]["field"] == "incidents[0].when"


def test_gunicorn_recycles_workers_on_memory_not_every_few_hundred_requests():
    from rights_guide import gunicorn_conf

    assert gunicorn_conf.max_requests >= 10_000 and gunicorn_conf.max_requests_jitter > 0
    assert gunicorn_conf.worker_class == "gthread" and gunicorn_conf.threads > 1
    assert 0 < gunicorn_conf.resident_megabytes() < gunicorn_conf.MAX_MEMORY_MB * 4


def test_the_log_refuses_a_contact_beyond_what_a_letter_can_hold(client):
    walk(client, STORY)
    long = "对方打电话威胁说要上门打人" * 150  # 1,950 characters
    for minute in range(MAX_INCIDENT_TEXT // len(long)):
        assert log_contact(client, time="10:%02d" % minute, description=long).status_code == 302
    response = log_contact(client, time="11:30", description=long)
    assert response.status_code == 400  # one more would pass what a letter's descriptions hold
    assert "最多" in response.content.decode() or "at most" in response.content.decode()


@override_settings(LETTER_SLOT_WAIT=0.2, LETTER_RENDER_QUEUE=0)
def test_a_busy_renderer_gives_back_what_the_client_was_charged(client):
    with render_slot():
        assert post_letter(client, letter_data()).status_code == 503
    bucket = RateLimitBucket.objects.get()
    assert bucket.tokens == pytest.approx(ratelimit.LETTER_PDFS.capacity, abs=0.01)
