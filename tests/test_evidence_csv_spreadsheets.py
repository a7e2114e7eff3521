"""The CSV as people really use it: backups imported twice, long logs, Chinese spreadsheets, formulas."""

import datetime
import re
from dataclasses import replace

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import Client

from rights_guide.evidence.csvio import Words, read_csv, write_csv
from rights_guide.evidence.models import LoggedIncident
from rights_guide.evidence.record import MAX_INCIDENT_TEXT
from rights_guide.knowledge import get_knowledge
from tests.test_evidence_csv import as_csv, row

pytestmark = pytest.mark.django_db

NOW = datetime.datetime(2026, 11, 29, 12)


def _upload(content: bytes, name: str = "evidence-log.csv"):
    return SimpleUploadedFile(name, content, content_type="text/csv")


def _words():
    return Words.of(get_knowledge().vocabulary, {})


def _text(response) -> str:
    html = response.content.decode()
    return re.sub(r"\s+", " ", re.sub(r"<[^>]+>", " ", html))


def _thirty(number: int) -> str:
    """A note of exactly 30 characters, different for each contact."""
    return ("第%04d次来电，对方说不还钱就上门找我家人和单位同事" % number)[:30]


def test_importing_the_downloaded_log_again_adds_nothing_and_says_how_many_were_already_there(
    client,
):
    client.post("/log/import/", {"text": as_csv([row(number) for number in range(10)])})
    backup = client.get("/log/export.csv").content
    response = client.post("/log/import/", {"file": _upload(backup)})
    assert response.status_code == 200
    assert LoggedIncident.objects.count() == 10
    page = _text(response)
    assert "已向您的证据记录添加0次联系" in page.replace(" ", "")
    assert "有10行没有添加" in page.replace(" ", "")
    # Ticking the box adds them anyway, and says so.
    again = client.post("/log/import/", {"file": _upload(backup), "keep_duplicates": "on"})
    assert LoggedIncident.objects.count() == 20
    assert "10" in _text(again) and again.context["result"].duplicates_kept == 10


def test_the_same_row_twice_in_one_file_is_added_once():
    text = as_csv([row(1), row(2), row(1)])
    result = read_csv(text, words=_words(), now=NOW)
    assert result.rows == [2, 3] and result.duplicates == [4] and result.errors == []
    kept = read_csv(text, words=_words(), now=NOW, keep_duplicates=True)
    assert kept.rows == [2, 3, 4] and kept.duplicates_kept == 1


def test_a_row_that_differs_in_anything_is_not_a_duplicate():
    existing = read_csv(as_csv([row(1)]), words=_words(), now=NOW).incidents
    changed = {**row(1), "description": row(1)["description"] + "又打了"}
    result = read_csv(as_csv([changed]), words=_words(), now=NOW, existing=existing)
    assert result.rows == [2] and result.duplicates == []


def test_two_thousand_contacts_with_thirty_character_notes_are_all_kept_whole(client):
    rows = [{**row(number), "description": _thirty(number)} for number in range(2000)]
    response = client.post("/log/import/", {"text": as_csv(rows)})
    assert response.status_code == 200
    result = response.context["result"]
    assert result.errors == [] and result.shortened == 0
    assert LoggedIncident.objects.count() == 2000
    assert {incident.description for incident in LoggedIncident.objects.all()} == {
        _thirty(number) for number in range(2000)
    }


def test_notes_past_the_limit_are_cut_and_said_once_while_every_contact_is_kept(client):
    long_note = "说" * 60
    rows = [{**row(number), "description": long_note} for number in range(1500)]
    rows[0]["description"] = "短"
    response = client.post("/log/import/", {"text": as_csv(rows)})
    assert response.status_code == 200
    assert LoggedIncident.objects.count() == 1500
    result = response.context["result"]
    assert result.errors == [] and result.shortened == 1499
    notes = [incident.description for incident in LoggedIncident.objects.order_by("day", "time")]
    assert sum(len(note) for note in notes) <= MAX_INCIDENT_TEXT
    assert "短" in notes  # the short note is whole
    assert all(note.endswith("…") for note in notes if note != "短")
    page = _text(response).replace(" ", "")
    assert page.count("条备注被缩短") == 1
    assert "alert-warning" not in response.content.decode()  # no problem named row by row


def test_line_breaks_past_the_limit_become_spaces_and_the_contacts_are_kept():
    rows = [{**row(number), "description": "第一句\n第二句"} for number in range(500)]
    result = read_csv(as_csv(rows), words=_words(), now=NOW)
    assert len(result.incidents) == 500 and result.errors == []
    assert sum(incident.description.count("\n") for incident in result.incidents) == 400
    assert result.shortened == 100
    assert result.incidents[-1].description == "第一句 第二句"


def test_the_import_page_says_the_limits_before_anything_is_imported(client):
    page = _text(client.get("/log/import/")).replace(" ", "")
    assert "2000次联系" in page
    assert f"{MAX_INCIDENT_TEXT:,}" in page
    assert "缩短" in page


def test_a_gbk_file_with_chinese_column_names_is_read(client):
    text = (
        "日期,时间,被联系的人,方式,对方号码或名称,说了或做了什么,透露了欠款\r\n"
        "2026/10/3,21:30,其他家人,电话,13812345678,对我妈说我欠钱,是\r\n"
    )
    response = client.post("/log/import/", {"file": _upload(text.encode("gbk"))})
    assert response.status_code == 200
    incident = LoggedIncident.objects.get()
    assert (incident.target, incident.channel, incident.caller) == ("family", "call", "13812345678")
    assert incident.description == "对我妈说我欠钱" and incident.disclosed_debt


def test_a_file_that_is_not_text_is_named_in_plain_words(client):
    picture = b"PK\x03\x04\x14\x00\x06\x00" + bytes(range(256)) * 4
    response = client.post("/log/import/", {"file": _upload(picture, "log.xlsx")})
    assert response.status_code == 400
    page = _text(response)
    assert "请求内容必须使用" not in page and "无法读取这个请求" not in page
    assert "不是以CSV文本格式保存的表格" in page and "另存为" in page
    english = Client().post("/en/log/import/", {"file": _upload(picture, "log.xlsx")})
    assert "Save as" in _text(english)


def test_an_unclosed_quotation_mark_is_named_and_does_not_swallow_the_next_rows():
    text = (
        as_csv([row(1)])
        + '2026-10-05,09:00,family,call,,"他说\r\n'
        + as_csv([row(3)]).split("\r\n", 1)[1]
    )
    result = read_csv(text, words=_words(), now=NOW)
    assert result.rows == [2]
    assert [(error.row, error.error.code) for error in result.errors] == [(3, "csv_unclosed_quote")]


def test_rows_without_a_header_get_one_message_not_one_per_column():
    text = "2026-10-03,21:30,family,call\r\n2026-10-04,21:30,family,call\r\n"
    result = read_csv(text, words=_words(), now=NOW)
    assert result.incidents == []
    assert [error.error.code for error in result.errors] == ["csv_no_header"]


def test_formulas_are_disarmed_in_the_export_and_read_back_unchanged(client):
    notes = ['=HYPERLINK("http://x","看")', "+1", "-他说", "@SUM(A1)", "\t=1", "普通"]
    rows = [
        {**row(number), "description": note, "caller": "01012345678" if number else "+86138"}
        for number, note in enumerate(notes)
    ]
    imported = read_csv(as_csv(rows), words=_words(), now=NOW).incidents
    first = imported[0]
    imported.append(replace(first, when=first.when.replace(hour=23), description="'=already"))
    exported = write_csv(imported, get_knowledge().vocabulary)
    text = exported.decode("utf-8-sig")
    for line in text.split("\r\n")[1:]:
        for cell in line.split(","):
            assert not re.match(r'"?[=+\-@]', cell), cell  # nothing a spreadsheet would run
    assert "'=HYPERLINK" in text and "''=already" in text and "'-他说" in text
    assert ",\t01012345678," in text  # kept as text: the leading 0 survives
    assert ",'+86138," in text
    again = read_csv(text, words=_words(), now=NOW).incidents
    assert [incident.description for incident in again] == [
        incident.description for incident in sorted(imported, key=lambda item: item.when)
    ]
    assert write_csv(again, get_knowledge().vocabulary) == exported
    client.post("/log/import/", {"file": _upload(exported)})
    assert client.get("/log/export.csv").content == exported


def test_the_export_starts_with_a_byte_order_mark_for_excel_and_wps():
    result = read_csv(as_csv([row(1)]), words=_words(), now=NOW)
    assert write_csv(result.incidents, get_knowledge().vocabulary).startswith(b"\xef\xbb\xbf")


def test_rows_past_a_full_log_are_named_once_not_row_by_row(client):
    client.post("/log/import/", {"text": as_csv([row(number) for number in range(1998)])})
    more = [row(number) for number in range(3001, 3006)]
    response = client.post("/log/import/", {"text": as_csv(more)})
    assert LoggedIncident.objects.count() == 2000
    html = response.content.decode()
    problems = re.findall(r"<li>(.*?)</li>", html.split("alert-warning")[1].split("</ul>")[0])
    assert len(problems) == 1 and "共3行（从第4行起）" in problems[0]


def test_a_file_whose_notes_were_cut_imported_again_adds_nothing(client):
    rows = [{**row(number), "description": "说" * 60 + "\n又说"} for number in range(1200)]
    client.post("/log/import/", {"text": as_csv(rows)})
    assert LoggedIncident.objects.count() == 1200
    response = client.post("/log/import/", {"text": as_csv(rows)})
    assert LoggedIncident.objects.count() == 1200
    assert len(response.context["result"].duplicates) == 1200
