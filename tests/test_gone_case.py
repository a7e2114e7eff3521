"""A case that is gone is noticed, once; the session that notices it holds nothing typed."""

import datetime

import pytest
from django.contrib.sessions.backends.db import SessionStore
from django.utils import timezone

from rights_guide.cases.models import Case
from rights_guide.cases.store import GONE_NOTICE_SECONDS, SESSION_KEY, VisitorCase

pytestmark = pytest.mark.django_db


def test_the_session_outlives_its_case_to_say_it_expired(settings):
    session = SessionStore()
    case = VisitorCase(session)
    case.update(answers={"lender": {"lender_type": "bank"}})
    assert session.get_expiry_age() == settings.SESSION_COOKIE_AGE + GONE_NOTICE_SECONDS
    assert set(session.keys()) == {SESSION_KEY, "_session_expiry"}  # only the pointer
    Case.objects.update(expires_at=timezone.now() - datetime.timedelta(seconds=1))
    later = VisitorCase(session)
    assert later.expired and not later.exists
    later.forget_expired()
    assert not VisitorCase(session).expired  # told once


def test_a_case_deleted_on_purpose_is_not_called_expired():
    session = SessionStore()
    case = VisitorCase(session)
    case.update(answers={})
    case.delete()
    assert not VisitorCase(session).expired


def test_the_privacy_page_says_how_long_the_note_is_kept(client):
    text = client.get("/privacy/").content.decode()
    assert "再保留7天" in text and "没有您填写的任何内容" in text
