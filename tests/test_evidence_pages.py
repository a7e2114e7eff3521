"""The evidence log's pages: quick entry, each contact judged, edit and delete, the chart page."""

import re

import pytest

from rights_guide.cases.models import Case
from rights_guide.evidence.models import LoggedIncident
from tests.factories import STORY, generated_paragraphs, save_details, walk

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


@pytest.mark.parametrize(
    ("size", "saved"),
    [("２０４８", 2048), ("²", None), ("9" * 5000, None)],
    ids=["full-width", "superscript", "5000-digits"],
)
def test_a_file_size_is_read_like_every_other_typed_number(client, size, saved):
    response = add(client, file_size_1=size)
    if saved is None:  # an error beside the field, with what was typed; never a crash
        assert response.status_code == 400
        assert "is-invalid" in response.content.decode()
        assert 'value="%s"' % size in response.content.decode()
        assert LoggedIncident.objects.count() == 0
    else:
        assert response.status_code == 302
        assert LoggedIncident.objects.get().files[0]["size"] == saved


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
    assert "您本人1次、其他家人1次、朋友1次" in chinese, chinese
    english = client.get("/en/log/chart/").content.decode()
    # A count beside each name, not "You 1, Other family 1 and Friends 1".
    assert re.search(r"You: 1; Other family: 1; [^<;]+: 1<", english), english


def test_the_people_reached_are_kept_for_the_letters(client):
    add(client)
    assert client.post("/log/people/", {"people_reached": "11"}).status_code == 302
    case = Case.objects.get()
    assert case.data["log"] == {"people_reached": 11}
    client.post("/log/people/", {"people_reached": "many"})
    assert Case.objects.get().data["log"] == {"people_reached": 11}


@pytest.mark.parametrize(
    ("typed", "kept"),
    [("１２", 12), ("²", None), ("9" * 5000, None), ("1.5", None)],
    ids=["full-width", "superscript", "5000-digits", "decimal"],
)
def test_the_people_reached_are_read_like_every_other_typed_number(client, typed, kept):
    add(client)
    response = client.post("/log/people/", {"people_reached": typed}, follow=True)
    assert response.status_code in (200, 400)  # a field error at worst, never a crash
    assert Case.objects.get().data.get("log", {}).get("people_reached") == kept


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


def test_the_tactics_page_is_filled_from_the_tactics_the_log_recorded(client):
    add(client, tactics=["threat_violence", "insults"])
    add(client, time="23:40", tactics=["threat_exposure"])
    add(client, time="10:00", channel="sms", tactics=[])
    client.post("/interview/lender/", {"lender_type": "bank", "nav": "next"})
    client.post("/interview/contacts/", {"targets": ["family"], "nav": "next"})
    client.post("/interview/contact-family/", {"nav": "use_log"})
    tactics = client.get("/interview/tactics/").content.decode()
    assert 'value="use_log"' in tactics
    # Something already ticked stays ticked; the log adds what it recorded; all can be changed.
    client.post(
        "/interview/tactics/",
        {"tactics": ["lawsuit_notice"], "continued_after_intervention": "no", "nav": "back"},
    )
    filled = client.post("/interview/tactics/", {"nav": "use_log"}).content.decode()
    ticked = set(re.findall(r'name="tactics" value="(\w+)"[^>]*checked', filled)) | set(
        re.findall(r'value="(\w+)"[^>]*name="tactics"[^>]*checked', filled)
    )
    assert ticked == {"threat_violence", "insults", "threat_exposure", "lawsuit_notice"}
    assert not re.search(r'value="detention"[^>]*checked', filled)


def test_without_tactics_in_the_log_the_tactics_page_offers_nothing(client):
    add(client, tactics=[])
    client.post("/interview/lender/", {"lender_type": "bank", "nav": "next"})
    client.post("/interview/contacts/", {"targets": ["family"], "nav": "next"})
    client.post("/interview/contact-family/", {"calls": "1", "nav": "next"})
    assert 'value="use_log"' not in client.get("/interview/tactics/").content.decode()


def test_the_home_page_links_to_the_evidence_log(client):
    for prefix in ("", "/en"):
        html = client.get(prefix + "/").content.decode()
        assert 'href="%s/log/"' % prefix in html


def test_make_a_letter_from_the_log_alone_says_why_the_questions_come_first(client):
    add(client)
    log_page = client.get("/log/").content.decode()
    link = re.search(r'href="(/results/[^"#]*)#next-steps"', log_page).group(1)
    response = client.get(link, follow=True)
    assert response.redirect_chain[-1][0] == "/interview/lender/"
    assert "制作信件前，需要先回答几个问题" in response.content.decode()
    # Anyone else reaching the results too early is simply taken to the questions, as before.
    assert "制作信件前" not in client.get("/results/", follow=True).content.decode()


def test_a_threat_filled_in_from_the_log_is_in_the_results_and_the_letters_requests(client):
    add(client, tactics=["threat_violence"])
    walk(client, {**STORY, "tactics": []})  # the tactics page first answered from memory: none
    assert "TACTIC__THREAT_VIOLENCE" not in client.get("/results/").content.decode()
    filled = client.post("/interview/tactics/?review=1", {"nav": "use_log", "review": "1"})
    ticked = re.findall(r'name="tactics" value="(\w+)"[^>]*checked', filled.content.decode())
    assert ticked == ["threat_violence"]
    client.post("/interview/tactics/?review=1", {"tactics": ticked, "review": "1", "nav": "next"})
    results = client.get("/results/").content.decode()
    assert 'data-finding-code="TACTIC__THREAT_VIOLENCE"' in results
    save_details(client)
    assert "威胁人身安全" in generated_paragraphs(client)["requests"]


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
