"""The evidence log's pages: quick entry, each contact judged, edit and delete, the chart page."""

import re

import pytest

from rights_guide.cases.models import Case
from rights_guide.evidence.models import LoggedIncident

pytestmark = pytest.mark.django_db

CALL = {
    "date": "2026-10-03",
    "time": "23:15",
    "target": "family",
    "channel": "call",
    "caller": "13812345678",
    "description": "说不还钱就上门",
    "flags": ["disclosed_debt", "asked_to_pay"],
    "tactics": ["insults"],
    "evidence": ["recording"],
    "file_name_1": "call.m4a",
    "file_date_1": "2026-10-03",
}


def add(client, **changes):
    return client.post("/log/", {**CALL, **changes})


def test_an_empty_log_offers_quick_entry_with_today_and_now(client):
    html = client.get("/log/").content.decode()
    assert 'name="date"' in html and 'name="time"' in html
    assert "evidence_repeat" not in html  # nothing to repeat yet


def test_a_contact_is_saved_judged_and_shown_on_its_day(client):
    response = add(client)
    assert response.status_code == 302
    assert response["Location"].startswith("/log/?day=2026-10-03")
    row = LoggedIncident.objects.get()
    assert (row.target, row.channel, row.caller) == ("family", "call", "13812345678")
    assert row.disclosed_debt and row.asked_to_pay and not row.after_stop_request
    assert row.files == [{"name": "call.m4a", "size": None, "date": "2026-10-03", "sha256": ""}]
    html = client.get(response["Location"]).content.decode()
    assert "severity-badge-" in html
    assert "说不还钱就上门" in html
    assert '<svg xmlns="http://www.w3.org/2000/svg" class="log-chart"' in html


def test_a_long_log_is_shown_one_day_at_a_time(client):
    from tests.test_evidence_csv import as_csv, row

    client.post("/log/import/", {"text": as_csv([row(n) for n in range(2000)])})
    html = client.get("/log/").content.decode()
    days = re.findall(r'<li class="log-incident', html)
    assert 0 < len(days) <= 100  # the latest day, at most a page of it
    assert "2000" in html or "2,000" in html
    day = client.get("/log/?day=2026-10-05").content.decode()
    assert "2026年10月5日" in day
    assert '?day=2026-10-04"' in day and '?day=2026-10-06"' in day


def test_the_chart_page_has_the_chart_and_its_numbers_for_screen_readers(client):
    add(client)
    add(client, date="2026-10-04", time="09:00", target="borrower")
    html = client.get("/log/chart/").content.decode()
    assert 'role="img"' in html and "<caption>" in html
    # Drawn wide for screens and narrow, with larger type, for phones; ids kept apart.
    wide, narrow = re.findall(r'<svg [^>]*class="log-chart"[^>]*viewBox="0 0 (\d+) ', html)
    assert int(narrow) < int(wide)
    assert html.count('id="log-chart-title"') == html.count('id="log-chart-narrow-title"') == 1
    assert html.count('<th scope="row">') == 3  # two days and the total
    assert 'href="/log/?day=2026-10-03"' in html


def test_the_table_by_day_names_the_people_as_a_list_in_each_language(client):
    add(client, date="2026-10-04", time="09:00", target="borrower")
    add(client, date="2026-10-04", time="09:30", target="family")
    add(client, date="2026-10-04", time="10:00", target="friends")
    chinese = client.get("/log/chart/").content.decode()
    assert re.search(r"您本人\s*1\s*次、[^<]+1\s*次和[^<]+1\s*次", chinese), chinese
    english = client.get("/en/log/chart/").content.decode()
    assert re.search(r"[^<]+ 1, [^<]+ 1(,)? and [^<]+ 1", english)


def test_the_people_reached_are_kept_for_the_letters(client):
    add(client)
    assert client.post("/log/people/", {"people_reached": "11"}).status_code == 302
    case = Case.objects.get()
    assert case.data["log"] == {"people_reached": 11}
    client.post("/log/people/", {"people_reached": "many"})
    assert Case.objects.get().data["log"] == {"people_reached": 11}


def test_the_contact_pages_offer_to_answer_from_the_log(client):
    add(client)
    add(client, time="23:40")
    add(client, time="10:00", channel="sms", flags=[])
    client.post("/interview/lender/", {"lender_type": "bank", "nav": "next"})
    contacts = client.get("/interview/contacts/").content.decode()
    assert 'value="use_log"' in contacts
    filled = client.post("/interview/contacts/", {"nav": "use_log"}).content.decode()
    assert re.search(r'value="family"[^>]*checked', filled)
    client.post("/interview/contacts/", {"targets": ["family"], "nav": "next"})
    page = client.post("/interview/contact-family/", {"nav": "use_log"}).content.decode()
    assert re.search(r'name="calls" value="2"', page)
    assert re.search(r'name="texts" value="1"', page)
    assert re.search(r'name="time_of_day" value="23:40"', page)
    assert re.search(
        r'value="yes"[^>]*name="disclosed_debt"|name="disclosed_debt" value="yes"[^>]*checked', page
    )


def test_without_a_log_the_contact_pages_ask_as_before(client):
    client.post("/interview/lender/", {"lender_type": "bank", "nav": "next"})
    assert 'value="use_log"' not in client.get("/interview/contacts/").content.decode()


def test_after_saving_a_past_contact_the_next_one_starts_on_the_same_day(client):
    response = add(client, date="2026-10-03")
    html = client.get(response["Location"]).content.decode()
    assert re.search(r'name="date" value="2026-10-03"', html)
    future = client.get("/log/?day=2999-01-01").content.decode()
    assert not re.search(r'name="date" value="2999-01-01"', future)  # never a future default


def test_a_visit_s_people_are_not_called_callers(client):
    response = add(client, channel="visit_work", caller="两名男子", description="到单位找我")
    html = client.get(response["Location"]).content.decode()
    assert "两名男子" in html
    assert not re.search(r"来电[：:]?\s*两名男子", html)


def test_a_short_log_is_shown_whole_with_a_heading_per_day(client):
    for number in range(10):
        add(client, date="2026-10-%02d" % (1 + number // 2), time="2%d:00" % (number % 2))
    html = client.get("/log/").content.decode()
    assert len(re.findall(r'<li class="log-incident', html)) == 10
    assert len(re.findall(r'<h3 class="log-whole-day"', html)) == 5
    assert "2026年10月1日" in html and "2026年10月5日" in html
    one_day = client.get("/log/?day=2026-10-02").content.decode()
    assert len(re.findall(r'<li class="log-incident', one_day)) == 2
    assert 'href="/log/"' in one_day  # back to every contact
