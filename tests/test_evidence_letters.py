"""Every letter carries the log: a facts paragraph, an appendix, evidence with fingerprints.

What the appendix shows is the writer's choice, part of the letter's inputs:
on the pages the borrower's own notes are left out until ticked (issue 19, 13).
"""

import hashlib
import json
import re

import pytest
from django.utils import translation

from rights_guide.letters import InvalidLetterRequest, letter_request_to_data, parse_letter_request
from rights_guide.letters.appendix_choice import WHOLE
from rights_guide.letters.pdf import render
from rights_guide.letters.pdf.render import render_letter_html
from rights_guide.letters.service import letter_weight
from rights_guide.models import StoredLetter
from tests.factories import (
    NOW,
    STORY,
    TODAY,
    download,
    letter_data,
    log_contact,
    make_letter,
    make_pdf,
    save_details,
    walk,
)
from tests.pdfs import pdf_text, squeezed

URL = "/api/v1/letters"


def logged(count: int, *, start_day: int = 3) -> list[dict]:
    """A log of ``count`` contacts over October, each with its own words."""
    incidents = []
    for n in range(count):
        day = start_day + n * 18 // count
        hour = (8 + n * 7) % 24
        incidents.append(
            {
                "when": "2026-10-%02dT%02d:%02d" % (day, hour, n % 60),
                "target": ("borrower", "family", "friends", "colleagues")[n % 4],
                "channel": ("call", "call", "sms")[n % 3],
                "description": "第%d次" % (n + 1),
                "caller": "1381234%04d" % (n % 97),
                "after_stop_request": n % 5 == 0,
            }
        )
    return incidents


def test_the_facts_paragraph_summarises_the_log_in_numbers_and_babel_dates():
    letter = make_letter(incidents=logged(143), people_reached=11)
    facts = letter.texts["facts"]
    assert "143" in facts and "11" in facts
    assert "2026年10月3日" in facts and "20日" in facts  # 2026年10月3日 – 20日
    night = sum(1 for incident in logged(143) if not 8 <= int(incident["when"][11:13]) < 22)
    assert str(night) in facts
    with translation.override("en"):
        english = make_letter(incidents=logged(143), people_reached=11, language="en")
    text = english.texts["facts"]
    assert "Over 3" in text and "20 Oct 2026 I recorded 143 contacts." in text
    assert "%d were at night, between 22:00 and 08:00." % night in text
    assert "They reached 11 different people I know." in text
    assert "Every contact is listed in the appendix" in text


def test_the_appendix_holds_the_chart_a_table_by_day_and_every_contact_in_time_order():
    incidents = logged(100)
    letter = make_letter(incidents=list(reversed(incidents)))
    appendix = letter.appendix
    assert appendix.count == 100
    assert "<svg" in appendix.chart and 'role="img"' in appendix.chart
    assert sum(row.total for row in appendix.table) == 100
    entries = [entry for day in appendix.days for entry in day.entries]
    assert [entry.number for entry in entries] == list(range(1, 101))
    in_time = sorted(incidents, key=lambda incident: incident["when"])
    assert [entry.description for entry in entries] == [i["description"] for i in in_time]


@pytest.mark.django_db
def test_a_hundred_contact_appendix_reads_back_with_every_contact():
    pdf = make_pdf(letter_data(incidents=logged(100)))
    text = squeezed(pdf_text(pdf))
    assert all("第%d次" % n in text for n in range(1, 101))
    assert "1381234" in text


@pytest.mark.django_db
def test_two_thousand_incidents_sent_through_the_api_are_all_in_the_pdf(client):
    data = letter_data(incidents=logged(2000))
    body = json.dumps(data, ensure_ascii=False)
    assert len(body.encode()) < 1024 * 1024
    response = client.post(URL, body, content_type="application/json")
    assert response.status_code == 200, response.content[:500]
    text = squeezed(pdf_text(response.content))
    missing = [n for n in range(1, 2001) if "第%d次" % n not in text]
    assert missing == []
    assert letter_weight(make_letter(data).request) > 1  # a long log costs more of the allowance


@pytest.mark.django_db
def test_the_web_letters_draw_on_the_log_without_the_borrowers_own_notes_unless_chosen(client):
    walk(client, STORY)
    for n in range(3):
        log_contact(client, time="23:%02d" % n, description="第%d次来电" % (n + 1), caller="95555")
    save_details(client)
    text = squeezed(pdf_text(download(client).content))
    assert "95555" in text and "附录" in text  # the log is attached, callers and all
    assert not any("第%d次来电" % n in text for n in (1, 2, 3))  # but not the private notes
    choose_appendix(client, include="on", columns=[*PAGE_COLUMNS, "notes"])
    text = squeezed(pdf_text(download(client).content))
    assert all("第%d次来电" % n in text for n in (1, 2, 3))


PAGE_COLUMNS = ["caller", "tactics", "evidence", "files"]  # what the letter page ticks at first


def choose_appendix(client, kind="lender", **fields):
    """Choose on the letter page what its appendix shows, as its form posts it."""
    response = client.post("/letters/%s/preview/" % kind, {"action": "appendix", **fields})
    assert response.status_code == 302
    return response


@pytest.mark.django_db
def test_the_letter_page_offers_the_appendix_with_the_notes_unticked(client):
    walk(client, STORY)
    log_contact(client, description="对我妈说我欠了三万元")
    save_details(client)
    html = client.get("/letters/lender/preview/").content.decode()
    assert re.search(r'name="include"[^>]*checked', html)
    ticked = re.findall(r'name="columns" value="(\w+)"[^>]*checked', html)
    assert ticked == PAGE_COLUMNS
    letter = html.split('class="letter-paper')[1].split("</div>\n\n")[0]
    assert "对我妈说我欠了三万元" not in letter
    assert "对我妈说我欠了三万元" not in html.split('id="letter-text"')[1].split("</textarea>")[0]


@pytest.mark.django_db
def test_a_letter_can_go_without_the_appendix_and_then_does_not_point_to_one(client):
    walk(client, STORY)
    for n in range(2):
        log_contact(client, time="23:%02d" % n, caller="95555")
    save_details(client)
    choose_appendix(client, columns=PAGE_COLUMNS)  # "attach" unticked
    html = client.get("/letters/lender/preview/").content.decode()
    assert not re.search(r'name="include"[^>]*checked', html)
    text = squeezed(pdf_text(download(client).content))
    assert "附录" not in text and "95555" not in text
    assert "2次" in text  # what the log shows is still said in the facts


@pytest.mark.django_db
def test_a_stored_letter_is_made_from_its_appendix_choice_and_downloads_again_the_same(client):
    walk(client, STORY)
    log_contact(client, description="只写给自己看的话", caller="95555")
    save_details(client)
    first = download(client).content
    stored = StoredLetter.objects.get()
    assert stored.snapshot_data["request"]["appendix"] == {"include": True, "columns": PAGE_COLUMNS}
    choose_appendix(client, include="on", columns=[*PAGE_COLUMNS, "notes"])
    again = client.get("/letters/download/%s/" % stored.token)
    assert again.content == first
    assert "只写给自己看的话" not in squeezed(pdf_text(again.content))


def test_the_api_reads_the_appendix_choice_and_without_it_attaches_everything():
    whole = make_letter(letter_data(incidents=logged(2)))
    assert whole.appendix is not None and whole.request.appendix == WHOLE
    assert "appendix" not in letter_request_to_data(whole.request)
    bare = make_letter(letter_data(incidents=logged(2), appendix={"include": False}))
    assert bare.appendix is None
    notes_only = letter_data(incidents=logged(2), appendix={"columns": ["notes"]})
    request = parse_letter_request(notes_only, today=TODAY, now=NOW)
    assert letter_request_to_data(request)["appendix"] == {"include": True, "columns": ["notes"]}
    with pytest.raises(InvalidLetterRequest) as raised:
        parse_letter_request(
            letter_data(incidents=logged(1), appendix={"include": "yes", "columns": ["diary"]}),
            today=TODAY,
            now=NOW,
        )
    assert {error.field for error in raised.value.errors} == {
        "appendix.include",
        "appendix.columns[0]",
    }


@pytest.mark.django_db
def test_the_evidence_list_prints_each_fingerprint_and_that_of_the_exported_log(client):
    fingerprint = "0123456789abcdef" * 4
    log_contact(client, file_name_1="call.m4a", file_size_1="204800", file_sha256_1=fingerprint)
    log_contact(client, time="23:00", file_name_1="typed.jpg", file_date_1="2026-03-01")
    exported = client.get("/log/export.csv").content
    response = client.get("/log/evidence.pdf")
    assert response["Content-Type"] == "application/pdf"
    text = squeezed(pdf_text(response.content))
    assert hashlib.sha256(exported).hexdigest() in text
    assert fingerprint in text and "call.m4a" in text and "typed.jpg" in text
    assert "204,800" in text


def test_a_long_log_prints_the_same_where_no_child_process_can_be_made(monkeypatch):
    """A large letter is laid out in a forked child (its memory leaves with it); without one,
    here, with the same result."""
    letter = make_letter(letter_data(incidents=logged(800)))
    html = render_letter_html(letter, language=letter.language, for_pdf=True)
    assert len(html) > render.LARGE_DOCUMENT  # the child's path, not the small letters'
    apart = pdf_text(render.render_letter_pdf(html))

    def no_fork():
        raise OSError("no processes left")

    monkeypatch.setattr(render.os, "fork", no_fork)
    here = pdf_text(render.render_letter_pdf(html))
    assert here == apart
    assert all("第%d次" % n in squeezed(here) for n in (1, 400, 800))


@pytest.mark.django_db
def test_the_evidence_list_claims_no_fingerprint_it_does_not_have(client):
    log_contact(client)  # no files at all
    text = squeezed(pdf_text(client.get("/log/evidence.pdf").content))
    assert "0个" not in text and "本清单列出" not in text
    assert "证据记录中还没有列出证据文件" in text
    log_contact(client, time="23:00", file_name_1="typed.jpg", file_date_1="2026-03-01")
    typed = squeezed(pdf_text(client.get("/log/evidence.pdf").content))
    assert "typed.jpg" in typed and "在本人手机上" not in typed
    assert "无指纹" in typed


def test_a_letter_claims_a_phone_computed_fingerprint_only_for_files_that_have_one():
    typed = logged(2)
    typed[0]["files"] = [{"name": "typed.jpg", "date": "2026-10-03"}]
    letter = make_letter(incidents=typed)
    html = render_letter_html(letter, language=letter.language, for_pdf=True)
    assert "typed.jpg" in html and "在本人手机上" not in html and "计算" not in html
    typed[1]["files"] = [{"name": "call.m4a", "sha256": "0123456789abcdef" * 4}]
    both = render_letter_html(make_letter(incidents=typed), language="zh-hans", for_pdf=True)
    assert "0123456789abcdef" * 4 in both and "无指纹" in both
