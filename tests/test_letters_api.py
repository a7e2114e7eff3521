"""POST /api/v1/letters as docs/api.md describes it: a PDF, or a 4xx naming what is wrong."""

import json
from urllib.parse import unquote

import pytest
from django.test import RequestFactory

from rights_guide import ratelimit
from rights_guide.models import RateLimitBucket
from tests.factories import letter_data
from tests.pdfs import pdf_text, squeezed

URL = "/api/v1/letters"
pytestmark = pytest.mark.django_db


def post(client, body, *, lang=None, content_type="application/json", **headers):
    url = URL + ("?lang=%s" % lang if lang else "")
    data = body if isinstance(body, str | bytes) else json.dumps(body, ensure_ascii=False)
    return client.post(url, data, content_type=content_type, **headers)


def errors(response) -> dict[str, str]:
    return {error["field"]: error["code"] for error in response.json()["errors"]}


def test_a_valid_request_returns_the_letter_as_a_pdf_attachment(client):
    response = post(client, letter_data(kind="police"))
    assert response.status_code == 200
    assert response["Content-Type"] == "application/pdf"
    assert response["Cache-Control"] == "no-store"
    disposition = response["Content-Disposition"]
    assert disposition.startswith('attachment; filename="police-report-')
    assert disposition.isascii()
    assert unquote(disposition.split("filename*=UTF-8''")[1]).startswith("报案材料-")
    pdf = response.content
    assert pdf.startswith(b"%PDF-")
    assert "报案材料" in squeezed(pdf_text(pdf))


def test_the_letter_language_comes_from_the_body_and_errors_from_the_request(client):
    response = post(client, letter_data(language="en"), lang="zh-hans")
    assert response.status_code == 200
    assert "Facts and reasons" in pdf_text(response.content)
    bad = post(client, letter_data(kind="novel"), HTTP_ACCEPT_LANGUAGE="en")
    assert bad.status_code == 400
    assert "is not one of the allowed values" in bad.json()["errors"][0]["message"]


def test_invalid_fields_are_each_named_with_a_translated_message(client):
    data = letter_data()
    data["complainant"]["id_number"] = "110105194912310021"
    data["complainant"]["phone"] = "12345"
    data["incidents"][1]["when"] = "yesterday"
    data["assessment"]["events"][0]["channel"] = "pigeon"
    response = post(client, data)
    assert response.status_code == 400
    assert response["Content-Type"].startswith("application/json")
    assert errors(response) == {
        "assessment.events[0].channel": "invalid_choice",
        "complainant.phone": "invalid_phone",
        "complainant.id_number": "invalid_id_number",
        "incidents[1].when": "invalid_datetime",
    }
    messages = {e["field"]: e["message"] for e in response.json()["errors"]}
    assert messages["complainant.id_number"] == "这不是有效的18位身份证号码，请检查数字和最后一位。"


def _about(lender_type: str, kind: str) -> dict:
    data = letter_data(kind=kind)
    data["assessment"]["lender_type"] = lender_type
    return data


@pytest.mark.parametrize(
    ("lender_type", "kind", "status"),
    [
        ("private_lender", "regulator", 400),
        ("private_lender", "lender", 400),
        ("private_lender", "police", 200),
        ("private_lender", "pi_request", 200),
        ("lending_platform", "regulator", 200),
    ],
    ids=[
        "no-regulator-answers-for-an-individual",
        "no-complaint-desk-either",
        "the-police-do",
        "the-data-rights-remain",
        "a-platform-has-regulators",
    ],
)
def test_a_letter_goes_only_to_bodies_that_answer_for_this_kind_of_lender(
    client, lender_type, kind, status
):
    response = post(client, _about(lender_type, kind))
    assert response.status_code == status
    if status == 400:
        assert errors(response) == {"kind": "kind_not_available_for_lender_type"}
        assert response.json()["errors"][0]["message"]
        return
    assert response["Content-Type"] == "application/pdf"
    text = squeezed(pdf_text(response.content))
    if kind == "regulator":  # addressed as before: the national and the local regulator
        assert "国家金融监督管理总局" in text and "地方金融管理部门" in text


@pytest.mark.parametrize(
    ("body", "content_type", "status", "code"),
    [
        ("{not json", "application/json", 415, "invalid_json"),
        (json.dumps(letter_data()), "text/plain", 415, "invalid_json"),
        (b"\xff\xfe{}", "application/json", 415, "invalid_encoding"),
        ("[]", "application/json", 400, "not_object"),
        ("x" * (1024 * 1024 + 1), "application/json", 413, "body_too_large"),
    ],
    ids=["malformed", "not-json-type", "not-utf8", "not-an-object", "too-large"],
)
def test_bodies_that_are_not_a_letter_request(client, body, content_type, status, code):
    response = post(client, body, content_type=content_type)
    assert response.status_code == status
    assert response.json()["errors"][0]["code"] == code


def test_a_body_just_under_the_limit_is_read(client):
    data = letter_data(requests="请" * 1000)
    body = json.dumps(data, ensure_ascii=False)
    padded = body[:-1] + "," + '"paragraphs": {"facts": "%s"}}' % ("事" * 5000)
    assert len(padded.encode()) < 1024 * 1024
    assert post(client, padded).status_code == 200


@pytest.mark.parametrize("method", ["get", "put", "delete", "patch"])
def test_other_methods_are_refused(client, method):
    response = getattr(client, method)(URL)
    assert response.status_code == 405
    assert response["Allow"] == "POST"
    assert errors(response) == {"method": "method_not_allowed"}


def test_each_pdf_spends_one_of_the_clients_allowance_and_so_does_an_invalid_request(client):
    # A request is admitted (one token) before it is read, so an invalid one costs that too.
    post(client, letter_data(kind="nothing"))
    assert RateLimitBucket.objects.get().tokens == pytest.approx(19, abs=0.01)
    post(client, letter_data())
    bucket = RateLimitBucket.objects.get()
    assert bucket.tokens == pytest.approx(18, abs=0.01)
    assert "127.0.0.1" not in bucket.key  # a keyed hash, never the address


def test_the_twenty_first_letter_in_ten_minutes_is_refused_with_retry_after(client):
    key = ratelimit.client_key(RequestFactory().post(URL))  # the test client's 127.0.0.1
    for _ in range(20):
        assert ratelimit.consume(ratelimit.LETTER_PDFS, key).allowed
    response = post(client, letter_data())
    assert response.status_code == 429
    retry_after = int(response["Retry-After"])
    assert 0 < retry_after <= 30
    assert errors(response) == {"body": "rate_limited"}
    assert "秒后再试" in response.json()["errors"][0]["message"]
    other = post(client, letter_data(), REMOTE_ADDR="203.0.113.9")
    assert other.status_code == 200  # other clients are not affected
