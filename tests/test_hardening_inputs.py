"""Numbers and cells too large to read are field errors, never a 500 (issue 20 item 2, D3).

Python refuses to turn more than 4,300 digits into an int, ``1e5000`` does
not fit a float, and the csv module refuses a cell over 131,072 characters.
Each of these was a 500 on a form a visitor can fill in; each must instead
be the field's translated error, with what was typed still in the form.
"""

import re

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import Client

from tests.factories import STORY, log_contact, walk

pytestmark = pytest.mark.django_db

HUGE = "9" * 5000
OUT_OF_RANGE = re.compile(r"必须在 [0-9.,]+ 到 [0-9.,]+ 之间。")


@pytest.fixture
def visitor():
    client = Client(raise_request_exception=False)
    walk(client, STORY)
    return client


def refused(response) -> str:
    """The page of a form sent back with its errors (400), as HTML."""
    assert response.status_code in (200, 400), response.status_code
    return response.content.decode()


def test_a_huge_interest_rate_is_out_of_range_and_kept(visitor):
    html = refused(visitor.post("/interview/cost/", {"annual_rate_percent": HUGE, "nav": "next"}))
    assert OUT_OF_RANGE.search(html) and 'value="%s"' % HUGE in html


def test_a_huge_count_of_calls_is_out_of_range_and_kept(visitor):
    data = {"calls": HUGE, "disclosed_debt": "yes", "borrower_unreachable": "no", "nav": "next"}
    html = refused(visitor.post("/interview/contact-family/", data))
    assert OUT_OF_RANGE.search(html) and 'value="%s"' % HUGE in html


def test_a_huge_count_of_people_reached_is_out_of_range_and_kept(visitor):
    log_contact(visitor)
    html = refused(visitor.post("/log/people/", {"people_reached": HUGE}))
    assert OUT_OF_RANGE.search(html) and 'value="%s"' % HUGE in html


def test_a_huge_evidence_file_size_is_out_of_range_and_kept(visitor):
    data = {
        "date": "2026-10-01",
        "time": "10:00",
        "target": "family",
        "channel": "call",
        "file_name_1": "a.jpg",
        "file_size_1": HUGE,
    }
    html = refused(visitor.post("/log/", data))
    assert OUT_OF_RANGE.search(html) and 'value="%s"' % HUGE in html


def test_a_huge_file_size_in_an_imported_csv_is_a_row_error(visitor):
    csv = b"date,time,target,channel,files\n2026-10-01,10:00,family,call,a.jpg|" + HUGE.encode()
    upload = SimpleUploadedFile("a.csv", csv + b"\n", "text/csv")
    html = refused(visitor.post("/log/import/", {"file": upload}))
    assert OUT_OF_RANGE.search(html)


def test_a_csv_cell_longer_than_the_csv_module_allows_is_a_row_error(visitor):
    text = "date,time,target,channel,description\n2026-10-01,10:00,family,call,%s\n" % (
        "a" * 131073
    )
    html = refused(visitor.post("/log/import/", {"text": text}))
    assert "最多" in html and text[:40] in html


def test_a_lone_carriage_return_in_a_csv_is_a_row_error(visitor):
    text = "date,time,target,channel,description\n2026-10-01,10:00,family,call,a\rb\n"
    html = refused(visitor.post("/log/import/", {"text": text}))
    assert "无法" in html


def test_an_overflowing_repayment_amount_is_refused_and_kept(visitor):
    html = refused(visitor.post("/letters/repayment_plan/choices/", {"monthly_yuan": "1e5000"}))
    # Refused as no amount at all (digits only, no exponents), with what was typed kept.
    assert "不要包含字母或科学计数法" in html
    assert 'value="1e5000"' in html
