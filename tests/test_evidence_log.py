"""The log lives in the visitor's case: rows that go when the case goes, bounded, quick to add to."""

import datetime

import pytest
from django.contrib.sessions.backends.db import SessionStore
from django.core.management import call_command
from django.test import Client
from django.utils import timezone

from rights_guide.cases.models import Case
from rights_guide.cases.store import VisitorCase
from rights_guide.evidence import log
from rights_guide.evidence.models import LoggedIncident
from rights_guide.evidence.record import MAX_INCIDENTS, Incident
from tests.factories import STORY, log_contact, save_details, walk

pytestmark = pytest.mark.django_db


def make(minute=0, **fields):
    return Incident(
        when=datetime.datetime(2026, 10, 3, 21, minute), target="family", channel="call", **fields
    )


def test_delete_everything_leaves_no_incident_row(client):
    assert log_contact(client).status_code == 302
    assert log_contact(client, time="23:00").status_code == 302
    assert LoggedIncident.objects.count() == 2
    client.post("/privacy/delete/")
    assert LoggedIncident.objects.count() == 0 and Case.objects.count() == 0


def test_starting_again_keeps_the_log_in_a_new_case_under_a_new_session_key(client):
    walk(client, STORY)
    save_details(client)
    log_contact(client)
    log_contact(client, time="23:00")
    client.post("/log/people/", {"people_reached": "3"})
    before_case, before_session = Case.objects.get().key, client.session.session_key
    confirm = client.get("/interview/restart/").content.decode()
    assert "您的证据记录会保留" in confirm and "2次联系" in confirm
    client.post("/interview/restart/")
    assert LoggedIncident.objects.count() == 2
    case = Case.objects.get()
    assert case.key != before_case and client.session.session_key != before_session
    assert set(case.data) == {"log"} and case.data["log"]["people_reached"] == 3
    assert "说我欠钱不还" in client.get("/log/").content.decode()
    assert client.get("/results/")["Location"] == "/interview/lender/"  # the answers are gone


def test_starting_again_without_a_log_still_changes_the_session_key(client):
    walk(client, STORY)
    before = client.session.session_key
    client.post("/interview/restart/")
    assert Case.objects.count() == 0 and client.session.session_key != before


def test_delete_everything_names_the_log_and_offers_it_first(client):
    plain = client.get("/privacy/").content.decode()
    assert "证据记录" in plain and 'id="delete-log-first"' not in plain
    log_contact(client)
    page = client.get("/privacy/").content.decode()
    assert "您的证据记录里有1次联系，它们也会被删除" in page
    assert 'href="/log/export.csv"' in page.split('id="delete-log-first"')[1].split("</div>")[0]
    assert page.index('href="/log/export.csv"') < page.index('action="/privacy/delete/"')


def test_expiry_leaves_no_incident_row(client):
    log_contact(client)
    Case.objects.update(expires_at=timezone.now() - datetime.timedelta(seconds=1))
    call_command("purge_expired")
    assert LoggedIncident.objects.count() == 0 and Case.objects.count() == 0


def test_an_expired_case_shows_an_empty_log(client):
    log_contact(client)
    Case.objects.update(expires_at=timezone.now() - datetime.timedelta(seconds=1))
    assert "说我欠钱不还" not in client.get("/log/").content.decode()


def test_each_change_to_the_log_extends_the_case_s_life(client):
    log_contact(client)
    Case.objects.update(expires_at=timezone.now() + datetime.timedelta(minutes=1))
    log_contact(client, time="23:00")
    assert Case.objects.get().expires_at > timezone.now() + datetime.timedelta(hours=1)


def test_the_first_contact_changes_the_session_key(client):
    client.post("/interview/lender/", {"lender_type": "bank", "nav": "next"})
    before = client.cookies["sessionid"].value
    log_contact(client)
    assert client.cookies["sessionid"].value != before


def test_another_visitor_cannot_see_change_or_delete_my_contacts(client):
    log_contact(client)
    key = LoggedIncident.objects.get().pk
    stranger = Client()
    assert stranger.get("/log/%d/" % key).status_code == 404
    assert stranger.post("/log/%d/delete/" % key).status_code == 404
    assert "说我欠钱不还" not in stranger.get("/log/").content.decode()
    assert LoggedIncident.objects.count() == 1


def test_the_log_holds_at_most_two_thousand_contacts():
    visitor = VisitorCase(SessionStore())
    assert (
        log.add_incidents(visitor=visitor, incidents=[make(i % 60) for i in range(MAX_INCIDENTS)])
        == MAX_INCIDENTS
    )
    with pytest.raises(log.LogRefused) as refused:
        log.add_incident(visitor=visitor, incident=make())
    assert [error.code for error in refused.value.errors] == ["log_full"]
    assert log.count(visitor.instance) == MAX_INCIDENTS


def test_same_as_the_last_one_now_repeats_who_how_and_the_facts_but_not_the_words(client):
    log_contact(client, caller="13812345678", flags=["after_stop_request"], tactics=["insults"])
    response = client.post("/log/repeat/")
    assert response.status_code == 302
    _first, again = LoggedIncident.objects.order_by("pk")
    assert (again.target, again.channel, again.caller) == ("family", "call", "13812345678")
    assert again.after_stop_request and again.tactics == ["insults"]
    assert again.description == "" and again.files == []
    now = timezone.localtime()
    assert again.day == now.date()


def test_quick_entry_remembers_the_last_person_means_and_caller(client):
    log_contact(client, target="colleagues", channel="sms", caller="95555")
    html = client.get("/log/").content.decode()
    assert '<option value="colleagues" selected>' in html
    assert '<option value="sms" selected>' in html
    assert 'value="95555"' in html


def test_a_contact_can_be_changed_and_deleted(client):
    log_contact(client)
    key = LoggedIncident.objects.get().pk
    page = client.get("/log/%d/" % key).content.decode()
    assert "催收员打电话给我母亲" in page
    response = client.post(
        "/log/%d/" % key,
        {"date": "2026-03-02", "time": "07:30", "target": "employer", "channel": "visit_work"},
    )
    assert response.status_code == 302
    row = LoggedIncident.objects.get()
    assert (row.day, row.target, row.channel, row.description) == (
        datetime.date(2026, 3, 2),
        "employer",
        "visit_work",
        "",
    )
    assert client.post("/log/%d/delete/" % key).status_code == 302
    assert LoggedIncident.objects.count() == 0


def test_mistakes_are_named_next_to_their_field_and_nothing_is_saved(client):
    response = log_contact(
        client,
        date="2026-02-30",
        time="25:00",
        caller="1" * 41,
        file_name_1="a.jpg",
        file_sha256_1="zz",
    )
    assert response.status_code == 400
    html = response.content.decode()
    summary = html.split('id="error-summary"')[1].split("</div>")[0]
    for field in ("id_date", "id_time", "id_caller", "id_file_name_1"):
        assert 'href="#%s"' % field in summary
    assert '<details class="log-more" open>' in html  # the file row's error is not hidden
    assert LoggedIncident.objects.count() == 0
