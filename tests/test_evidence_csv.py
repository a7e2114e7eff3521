"""The log as CSV: bulk import that keeps the good rows and names each bad one, and export."""

import csv
import datetime
import io
import re

import pytest
from django.test import Client

from rights_guide.evidence import log
from rights_guide.evidence.csvio import BOM, COLUMNS, Words, read_csv, write_csv
from rights_guide.evidence.models import LoggedIncident
from rights_guide.knowledge import get_knowledge

pytestmark = pytest.mark.django_db

TARGETS = ("borrower", "family", "friends", "colleagues", "contacts_list")
CHANNELS = ("call", "call", "sms", "im")
# Twenty kinds of mistake, each in one column: (column, bad value).
MISTAKES = [
    ("date", "2026-02-30"),
    ("date", "yesterday"),
    ("date", ""),
    ("time", "25:00"),
    ("time", "noon"),
    ("target", "aunt"),
    ("target", ""),
    ("channel", "pigeon"),
    ("caller", "1" * 41),
    ("description", "W" * 101),
    ("disclosed_debt", "perhaps"),
    ("asked_to_pay", "2"),
    ("after_stop_request", "maybe"),
    ("tactics", "insults;karate"),
    ("evidence", "photo"),
    ("files", "a.jpg|big|2026-10-03"),
    ("files", "a.jpg|²|2026-10-03"),  # isdigit() says yes; it is not a digit here
    ("files", "a.jpg|%s|2026-10-03" % ("9" * 5000)),  # more digits than int() reads
    ("files", "a.jpg|10|2026-13-01"),
    ("files", "a.jpg|10|2026-10-03|not-a-fingerprint"),
    ("date", "2099-01-01"),
    ("description", "说\u202e反"),
]


def row(number: int) -> dict:
    day = datetime.date(2026, 10, 1) + datetime.timedelta(days=number % 28)
    return {
        "date": day.isoformat(),
        "time": "%02d:%02d" % ((7 + number) % 24, number % 60),
        "target": TARGETS[number % len(TARGETS)],
        "channel": CHANNELS[number % len(CHANNELS)],
        "caller": "1381234%04d" % (number % 100),
        "description": "第%d次" % number if number % 7 == 0 else "",
        "disclosed_debt": "yes" if number % 3 == 0 else "no",
        "asked_to_pay": "no",
        "after_stop_request": "yes" if number % 5 == 0 else "",
        "tactics": "insults" if number % 4 == 0 else "",
        "evidence": "screenshot;recording" if number % 50 == 0 else "",
        "files": "IMG_%04d.jpg|%d|%s|%064x" % (number, 1000 + number, day.isoformat(), number)
        if number % 10 == 0
        else "",
    }


def as_csv(rows: list[dict]) -> str:
    buffer = io.StringIO()
    writer = csv.DictWriter(buffer, fieldnames=COLUMNS, lineterminator="\r\n")
    writer.writeheader()
    writer.writerows(rows)
    return buffer.getvalue()


def two_thousand_with_twenty_bad() -> tuple[str, dict[int, str]]:
    """2,000 rows; every hundredth (rows 2, 102, …: spreadsheet numbering) has one mistake."""
    rows, bad = [], {}
    for number in range(2000):
        data = row(number)
        if number % 100 == 0:
            column, value = MISTAKES[number // 100]
            data[column] = value
            bad[number + 2] = column  # the header is row 1
        rows.append(data)
    return as_csv(rows), bad


def test_two_thousand_rows_with_twenty_bad_ones_import_the_good_ones_and_name_each_bad_one(client):
    text, bad = two_thousand_with_twenty_bad()
    response = client.post("/log/import/", {"text": text})
    assert response.status_code == 200
    assert LoggedIncident.objects.count() == 1980
    html = response.content.decode()
    problems = re.findall(
        r"<li>(.*?)</li>", html.split('class="alert alert-warning"')[1].split("</ul>")[0]
    )
    named = {}
    for problem in problems:
        found = re.search(r"(\d+)\D+?([a-z_]+)[^a-z_:：]*[:：]", problem)
        assert found, problem
        named.setdefault(int(found.group(1)), set()).add(found.group(2))
    assert set(named) == set(bad)
    for number, column in bad.items():
        assert column in named[number], (number, named[number])


def test_the_problems_name_row_and_column_in_words():
    words = Words.of(get_knowledge().vocabulary, {})
    text = as_csv([row(1), {**row(2), "time": "25:00", "target": "aunt"}])
    result = read_csv(text, words=words, now=datetime.datetime(2026, 11, 29, 12))
    assert len(result.incidents) == 1 and result.rows == [2]
    assert {(error.row, error.column, error.error.code) for error in result.errors} == {
        (3, "time", "invalid_time"),
        (3, "target", "invalid_choice"),
    }


def test_export_then_import_gives_the_same_log(client):
    text, _bad = two_thousand_with_twenty_bad()
    client.post("/log/import/", {"text": text})
    exported = client.get("/log/export.csv")
    assert exported["Content-Disposition"] == 'attachment; filename="evidence-log.csv"'
    content = exported.content
    assert content.decode("utf-8").startswith(BOM + ",".join(COLUMNS))
    assert client.get("/log/export.csv").content == content  # the same log, the same bytes
    other = Client()
    response = other.post("/log/import/", {"file": _upload(content)})
    assert response.status_code == 200
    mine, theirs = _log_of(client), _log_of(other)
    assert len(mine) == 1980 and mine == theirs
    assert other.get("/log/export.csv").content == content


def _upload(content: bytes):
    from django.core.files.uploadedfile import SimpleUploadedFile

    return SimpleUploadedFile("evidence-log.csv", content, content_type="text/csv")


def _log_of(client):
    from rights_guide.cases.models import Case
    from rights_guide.cases.store import SESSION_KEY

    key = client.session[SESSION_KEY]
    return log.incidents(Case.objects.get(key=key))


def test_words_in_either_language_and_spreadsheet_habits_are_read():
    words = Words.of(get_knowledge().vocabulary, {"screenshot": ["截图"]})
    text = (
        "Date,Time,Target,Channel,Disclosed_debt,Tactics,Evidence,Files\n"
        "2026/10/3,7:05,其他家人,电话,是,辱骂、侮辱；threat_exposure,截图,"
        '"a.jpg|1,024|2026.10.3\nb.m4a"\n'
    )
    result = read_csv(text, words=words, now=datetime.datetime(2026, 11, 29, 12))
    assert result.errors == []
    (incident,) = result.incidents
    assert incident.when == datetime.datetime(2026, 10, 3, 7, 5)
    assert (incident.target, incident.channel) == ("family", "call")
    assert incident.flags == {"disclosed_debt"}
    assert incident.tactics == {"insults", "threat_exposure"}
    assert incident.evidence == {"screenshot"}
    assert [(file.name, file.size) for file in incident.files] == [("a.jpg", 1024), ("b.m4a", None)]


def test_a_csv_without_the_required_columns_adds_nothing():
    words = Words.of(get_knowledge().vocabulary, {})
    result = read_csv(
        "date,who\n2026-10-03,family\n", words=words, now=datetime.datetime(2026, 11, 29)
    )
    assert result.incidents == []
    assert {(error.column, error.error.code) for error in result.errors} == {
        ("who", "csv_unknown_column"),
        ("time", "csv_missing_column"),
        ("target", "csv_missing_column"),
        ("channel", "csv_missing_column"),
    }


def test_rows_past_a_full_log_are_named_and_left_out(client):
    client.post("/log/import/", {"text": as_csv([row(number) for number in range(1, 1999)])})
    more = [row(number) for number in (2001, 2002, 2003)]
    response = client.post("/log/import/", {"text": as_csv(more)})
    assert LoggedIncident.objects.count() == 2000
    result = response.context["result"]
    assert result.rows == [2, 3]
    assert [(error.row, error.error.code) for error in result.errors] == [(4, "log_full")]


def test_the_template_is_the_header_row_and_the_page_documents_every_column(client):
    template = client.get("/log/template.csv")
    assert template.content.decode("utf-8") == BOM + ",".join(COLUMNS) + "\r\n"
    page = client.get("/log/import/").content.decode()
    for column in COLUMNS:
        assert "<code>%s</code>" % column in page


def test_a_file_in_gb18030_is_read(client):
    content = as_csv([{**row(1), "description": "催收员打电话"}]).encode("gb18030")
    response = client.post("/log/import/", {"file": _upload(content)})
    assert response.status_code == 200
    assert LoggedIncident.objects.get().description == "催收员打电话"


def test_write_csv_puts_the_log_in_time_order():
    words = Words.of(get_knowledge().vocabulary, {})
    text = as_csv([row(5), row(1)])
    result = read_csv(text, words=words, now=datetime.datetime(2026, 11, 29, 12))
    written = write_csv(result.incidents, get_knowledge().vocabulary).decode("utf-8")
    dates = [line.split(",")[0] for line in written.splitlines()[1:]]
    assert dates == sorted(dates)
