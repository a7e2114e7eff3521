"""After "delete everything" or expiry, no table holds a row of the person (every model, so a
table added later is covered)."""

import datetime

import pytest
from django.apps import apps
from django.core.management import call_command
from django.db import models

from rights_guide.cases.models import Case
from tests.factories import ID_NUMBER, NAME, STORY, download, log_contact, save_details, walk

pytestmark = pytest.mark.django_db

MARKS = (NAME, ID_NUMBER, "对我妈说我欠了三万元")


def rows_of_the_person() -> list[str]:
    """Every row, in every table of every installed app, whose text holds one of the marks."""
    found = []
    for model in apps.get_models():
        text_fields = [
            f.name
            for f in model._meta.get_fields()
            if isinstance(f, models.TextField | models.CharField | models.JSONField)
        ]
        for row in model.objects.all().values(*text_fields):
            text = repr(row)
            found.extend("%s: %s" % (model.__name__, mark) for mark in MARKS if mark in text)
    return found


def a_person_who_used_everything(client):
    walk(client, STORY)
    assert log_contact(client, description="对我妈说我欠了三万元").status_code == 302
    save_details(client)
    assert download(client).status_code == 200
    assert rows_of_the_person(), "the story should have left the marks somewhere first"


def test_delete_everything_leaves_no_row_of_the_person(client):
    a_person_who_used_everything(client)
    client.post("/privacy/delete/")
    assert rows_of_the_person() == []
    assert Case.objects.count() == 0


def test_expiry_leaves_no_row_of_the_person(client):
    a_person_who_used_everything(client)
    past = datetime.datetime(2000, 1, 1, tzinfo=datetime.UTC)
    Case.objects.update(expires_at=past)
    apps.get_model("sessions", "Session").objects.update(expire_date=past)
    call_command("purge_expired")
    assert rows_of_the_person() == []
