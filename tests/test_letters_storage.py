"""A downloaded letter is kept as its snapshot, for this session only, until it expires."""

import datetime

import pytest
from django.contrib.sessions.backends.db import SessionStore
from django.test import override_settings
from django.utils import timezone

from rights_guide import housekeeping
from rights_guide.letters import snapshot_letter
from rights_guide.models import StoredLetter
from tests.test_letters_support import RARE_NAME, make_letter

pytestmark = pytest.mark.django_db


@pytest.fixture(scope="module")
def snapshot():
    return snapshot_letter(make_letter(kind="lender"))


@override_settings(SESSION_COOKIE_AGE=3600)
def test_a_kept_letter_comes_back_as_the_same_snapshot(snapshot):
    session = SessionStore()
    stored = StoredLetter.keep(snapshot, session)
    assert session[StoredLetter.SESSION_KEY] == [stored.token]
    assert len(stored.token) >= 40  # unguessable
    again = StoredLetter.live().get(token=stored.token)
    assert again.snapshot() == snapshot
    assert again.snapshot().request["complainant"]["name"] == RARE_NAME
    assert stored.expires_at - stored.created_at == datetime.timedelta(hours=1)


def test_expired_letters_are_not_live_and_are_purged(snapshot):
    session = SessionStore()
    old = StoredLetter.keep(snapshot, session)
    StoredLetter.objects.filter(pk=old.pk).update(expires_at=timezone.now())
    new = StoredLetter.keep(snapshot, session)
    assert list(StoredLetter.live().values_list("token", flat=True)) == [new.token]
    housekeeping.purge_expired()
    assert list(StoredLetter.objects.values_list("token", flat=True)) == [new.token]


def test_forgetting_deletes_only_this_sessions_letters(snapshot):
    mine, theirs = SessionStore(), SessionStore()
    StoredLetter.keep(snapshot, mine)
    StoredLetter.keep(snapshot, mine)
    kept = StoredLetter.keep(snapshot, theirs)
    assert StoredLetter.forget(mine) == 2
    assert StoredLetter.SESSION_KEY not in mine
    assert list(StoredLetter.objects.values_list("token", flat=True)) == [kept.token]


def test_a_session_remembers_at_most_twenty_letters(snapshot):
    session = SessionStore()
    tokens = [StoredLetter.keep(snapshot, session).token for _ in range(22)]
    assert session[StoredLetter.SESSION_KEY] == tokens[-20:]
