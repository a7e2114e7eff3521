"""Expired answers leave the database on their own."""

import datetime
import secrets

import pytest
from django.contrib.sessions.backends.db import SessionStore
from django.contrib.sessions.models import Session
from django.core.management import call_command
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from rights_guide.cases.models import Case

pytestmark = pytest.mark.django_db


def make_session(expires_in: datetime.timedelta) -> str:
    store = SessionStore()
    store["interview"] = {"lender": {"lender_type": "bank"}}
    store.set_expiry(timezone.now() + expires_in)
    store.save()
    return store.session_key


def test_expired_sessions_are_deleted_and_live_ones_kept(capsys):
    old = make_session(datetime.timedelta(seconds=-1))
    live = make_session(datetime.timedelta(hours=1))
    call_command("purge_expired")
    assert "Deleted" in capsys.readouterr().out
    assert not Session.objects.filter(session_key=old).exists()
    assert Session.objects.filter(session_key=live).exists()


def test_no_visitor_request_purges_expired_data(client):
    """Purging 200,000 rows took 0.85 s of whichever visitor came along: now only the command does it."""
    old = make_session(datetime.timedelta(seconds=-1))
    client.get("/")
    client.get("/privacy/")
    assert Session.objects.filter(session_key=old).exists()
    call_command("purge_expired")
    assert not Session.objects.filter(session_key=old).exists()


def make_case(expires_in: datetime.timedelta) -> Case:
    now = timezone.now()
    return Case.objects.create(
        key=secrets.token_urlsafe(8),
        data={"details": {"complainant_name": "张三"}},
        created_at=now,
        updated_at=now,
        expires_at=now + expires_in,
    )


def test_the_purge_deletes_in_batches_until_nothing_expired_is_left(capsys):
    for _ in range(5):
        make_case(datetime.timedelta(seconds=-1))
    live = make_case(datetime.timedelta(hours=1))
    with CaptureQueriesContext(connection) as queries:
        call_command("purge_expired", batch=2)
    assert "Deleted 5 expired rows." in capsys.readouterr().out
    assert list(Case.objects.values_list("pk", flat=True)) == [live.pk]
    deletes = [q["sql"] for q in queries if q["sql"].startswith('DELETE FROM "rights_guide_case"')]
    assert len(deletes) == 3  # 2 + 2 + 1
