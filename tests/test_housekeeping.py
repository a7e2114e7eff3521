"""Expired answers leave the database on their own."""

import datetime

import pytest
from django.contrib.sessions.backends.db import SessionStore
from django.contrib.sessions.models import Session
from django.core.management import call_command
from django.utils import timezone

from rights_guide import housekeeping

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


def test_a_request_triggers_the_purge_when_it_is_due(client, monkeypatch):
    old = make_session(datetime.timedelta(seconds=-1))
    monkeypatch.setattr(housekeeping, "_last_run", 0.0)
    client.get("/")
    assert not Session.objects.filter(session_key=old).exists()


def test_the_purge_does_not_run_on_every_request(client, monkeypatch):
    monkeypatch.setattr(housekeeping, "_last_run", 0.0)
    client.get("/")
    old = make_session(datetime.timedelta(seconds=-1))
    client.get("/")
    assert Session.objects.filter(session_key=old).exists()
