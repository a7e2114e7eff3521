"""A downloaded letter is kept as its snapshot, with the case it came from, until it expires."""

import datetime

import pytest
from django.contrib.sessions.backends.db import SessionStore
from django.test import override_settings
from django.utils import timezone

from rights_guide import housekeeping
from rights_guide.cases.models import Case
from rights_guide.cases.store import VisitorCase
from rights_guide.letters import snapshot_letter
from rights_guide.models import StoredLetter
from tests.factories import RARE_NAME, make_letter

pytestmark = pytest.mark.django_db


@pytest.fixture(scope="module")
def snapshot():
    return snapshot_letter(make_letter(kind="lender"))


def new_case() -> Case:
    case = VisitorCase(SessionStore())
    case.update(answers={})
    return case.instance


@override_settings(SESSION_COOKIE_AGE=3600)
def test_a_kept_letter_comes_back_as_the_same_snapshot(snapshot):
    case = new_case()
    stored = StoredLetter.keep(snapshot, case)
    assert len(stored.token) >= 40  # unguessable
    again = StoredLetter.live().get(token=stored.token, case=case)
    assert again.snapshot() == snapshot
    assert again.snapshot().request["complainant"]["name"] == RARE_NAME
    assert stored.expires_at == case.expires_at
    assert case.expires_at - timezone.now() <= datetime.timedelta(hours=1)


def test_expired_cases_are_purged_with_their_letters(snapshot):
    old, new = new_case(), new_case()
    StoredLetter.keep(snapshot, old)
    kept = StoredLetter.keep(snapshot, new)
    Case.objects.filter(pk=old.pk).update(expires_at=timezone.now())
    StoredLetter.objects.filter(case=old).update(expires_at=timezone.now())
    assert list(StoredLetter.live().values_list("token", flat=True)) == [kept.token]
    housekeeping.purge_expired()
    assert list(Case.objects.values_list("pk", flat=True)) == [new.pk]
    assert list(StoredLetter.objects.values_list("token", flat=True)) == [kept.token]


def test_deleting_a_case_deletes_all_its_letters_however_many(snapshot):
    mine, theirs = VisitorCase(SessionStore()), new_case()
    mine.update(answers={})
    for _ in range(25):
        StoredLetter.keep(snapshot, mine.instance)
    kept = StoredLetter.keep(snapshot, theirs)
    mine.delete()
    assert list(StoredLetter.objects.values_list("token", flat=True)) == [kept.token]
    assert not mine.exists
