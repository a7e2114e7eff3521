"""The letter pages: from the results to a checked, edited, printed or downloaded letter."""

import re
import subprocess

import pytest

from rights_guide.models import StoredLetter
from tests.test_interview import STORY, walk

pytestmark = pytest.mark.django_db

NAME = "王䶮𠮷"
DETAILS = {
    "language": "zh-hans",
    "complainant_name": NAME,
    "phone": "13812345678",
    "address": "北京市朝阳区某路1号 80㎡",
    "id_number": "11010519491231002X",
    "respondent_name": "某某消费金融有限公司",
    "requests": "",
    "incidents-TOTAL_FORMS": "3",
    "incidents-INITIAL_FORMS": "0",
    "incidents-MIN_NUM_FORMS": "0",
    "incidents-MAX_NUM_FORMS": "100",
    "incidents-0-when": "2026-03-01T22:30",
    "incidents-0-target": "family",
    "incidents-0-channel": "call",
    "incidents-0-description": "催收员打电话给我母亲，说我欠钱不还。",
    "nav": "save",
}


def pdf_text(data: bytes) -> str:
    result = subprocess.run(["pdftotext", "-", "-"], input=data, capture_output=True, check=True)
    return result.stdout.decode()


@pytest.fixture
def interviewed(client):
    walk(client, STORY)
    return client


def test_results_offer_the_letters_for_this_story(interviewed, client):
    html = interviewed.get("/results/").content.decode()
    for kind in ("lender", "regulator", "police", "pi_request"):
        assert '/letters/%s/"' % kind in html  # insults and disclosure are for the police too
    walk(
        client,
        {"lender_type": "bank", "targets": {"borrower": {"calls": "5"}}, "date": "2026-04-01"},
    )
    html = client.get("/results/").content.decode()
    assert '/letters/lender/"' in html
    assert '/letters/police/"' not in html  # too many calls is a matter for the regulator


def test_a_loan_shark_gets_no_lender_or_regulator_letter_but_a_police_one(client):
    walk(
        client,
        {
            "lender_type": "private_lender",
            "targets": {},
            "tactics": ["threat_violence"],
            "date": "2026-04-01",
        },
    )
    html = client.get("/results/").content.decode()
    assert '/letters/police/"' in html
    assert '/letters/lender/"' not in html and '/letters/regulator/"' not in html


def test_letter_pages_need_the_interview_first(client):
    assert client.get("/letters/lender/")["Location"] == "/interview/"


def test_unknown_kind_is_404(interviewed):
    assert interviewed.get("/letters/love-letter/").status_code == 404


def test_details_then_preview_shows_the_letter_with_rare_characters(interviewed):
    response = interviewed.post("/letters/lender/", DETAILS)
    assert response.status_code == 302, response.content.decode()[:3000]
    assert response["Location"] == "/letters/lender/preview/"
    html = interviewed.get("/letters/lender/preview/").content.decode()
    assert NAME in html
    assert "某某消费金融有限公司" in html
    assert "80㎡" in html
    assert "第一千零三十二条" in html or "第一千零三十三条" in html
    assert "催收员打电话给我母亲" in html
    assert "11010519491231002X" not in html  # the ID number is masked on screen
    assert 'id="letter-text"' in html and NAME in html.split('id="letter-text"')[1]


@pytest.mark.parametrize(
    ("field", "value", "message"),
    [
        ("phone", "12345", "请填写11位的大陆手机号码"),
        ("id_number", "110105194912310021", "这不是有效的18位身份证号码"),
        ("complainant_name", "", "此项必填"),
        ("complainant_name", "名" * 51, "50"),
        ("respondent_name", "", "此项必填"),
    ],
)
def test_bad_details_are_explained_next_to_the_field_and_nothing_is_lost(
    interviewed, field, value, message
):
    response = interviewed.post("/letters/lender/", {**DETAILS, field: value})
    assert response.status_code == 200
    html = response.content.decode()
    assert message in html
    assert "is-invalid" in html
    assert "催收员打电话给我母亲" in html  # the incident row is still there
    assert "13812345678" in html or field == "phone"


def test_an_incomplete_incident_row_is_explained(interviewed):
    response = interviewed.post(
        "/letters/lender/", {**DETAILS, "incidents-1-description": "又打电话了"}
    )
    assert response.status_code == 200
    assert "请写明时间、被联系的人和方式" in response.content.decode()


def test_add_more_rows_keeps_what_was_typed(interviewed):
    response = interviewed.post(
        "/letters/lender/", {**DETAILS, "nav": "add_rows", "phone": "12345"}
    )
    assert response.status_code == 200
    html = response.content.decode()
    assert 'name="incidents-TOTAL_FORMS" value="6"' in html
    assert "催收员打电话给我母亲" in html
    assert 'value="12345"' in html
    assert "is-invalid" not in html  # no errors while still typing


def test_edited_paragraphs_are_what_is_printed(interviewed):
    interviewed.post("/letters/lender/", DETAILS)
    preview = interviewed.get("/letters/lender/preview/").content.decode()
    facts = re.search(r'<textarea name="facts"[^>]*>(.*?)</textarea>', preview, re.S).group(1)
    assert facts.strip()
    edited = "我请求贵司核实：2026年3月1日晚上给我母亲打电话的催收员是谁。"
    response = interviewed.post(
        "/letters/lender/preview/",
        {"action": "update", "facts": edited, "requests": "", "closing": "此致"},
    )
    assert response.status_code == 302
    html = interviewed.get("/letters/lender/preview/").content.decode()
    assert edited in html
    pdf = interviewed.post(
        "/letters/lender/preview/",
        {"action": "download", "facts": edited, "requests": "", "closing": "此致"},
    )
    assert pdf.status_code == 200
    assert pdf["Content-Type"] == "application/pdf"
    assert "attachment" in pdf["Content-Disposition"]
    text = pdf_text(pdf.content)
    assert edited.replace("：", "")[:10] in text.replace("\n", "").replace("：", "")
    assert NAME in text
    # The emptied requests paragraph is left out; the others are printed.
    assert "此致" in text


def test_undo_restores_the_generated_text(interviewed):
    interviewed.post("/letters/lender/", DETAILS)
    interviewed.post(
        "/letters/lender/preview/",
        {"action": "update", "facts": "只有这一句。", "requests": "x", "closing": "y"},
    )
    assert "只有这一句。" in interviewed.get("/letters/lender/preview/").content.decode()
    interviewed.post("/letters/lender/preview/", {"action": "reset"})
    assert "只有这一句。" not in interviewed.get("/letters/lender/preview/").content.decode()


def test_a_downloaded_letter_is_kept_and_can_be_downloaded_again_unchanged(interviewed):
    interviewed.post("/letters/regulator/", DETAILS)
    first = interviewed.post(
        "/letters/regulator/preview/",
        {"action": "download", "facts": "", "requests": "", "closing": ""},
    )
    stored = StoredLetter.objects.get()
    # Changing the details later does not change the letter already made.
    interviewed.post("/letters/regulator/", {**DETAILS, "respondent_name": "另一家公司"})
    again = interviewed.get("/letters/download/%s/" % stored.token)
    assert again.status_code == 200
    assert pdf_text(again.content) == pdf_text(first.content)
    assert "另一家公司" not in pdf_text(again.content)


def test_someone_else_cannot_download_a_letter(interviewed, client_factory=None):
    from django.test import Client

    interviewed.post("/letters/lender/", DETAILS)
    interviewed.post(
        "/letters/lender/preview/",
        {"action": "download", "facts": "", "requests": "", "closing": ""},
    )
    token = StoredLetter.objects.get().token
    assert Client().get("/letters/download/%s/" % token).status_code == 404


def test_delete_my_data_deletes_letters_too(interviewed):
    interviewed.post("/letters/lender/", DETAILS)
    interviewed.post(
        "/letters/lender/preview/",
        {"action": "download", "facts": "", "requests": "", "closing": ""},
    )
    assert StoredLetter.objects.count() == 1
    interviewed.post("/privacy/delete/")
    assert StoredLetter.objects.count() == 0


def test_wechat_gets_advice_about_downloads(interviewed):
    interviewed.post("/letters/lender/", DETAILS)
    ua = "Mozilla/5.0 (Linux; Android 14) AppleWebKit/537.36 MicroMessenger/8.0.50"
    html = interviewed.get("/letters/lender/preview/", HTTP_USER_AGENT=ua).content.decode()
    assert "在浏览器打开" in html
    html = interviewed.get("/letters/lender/preview/").content.decode()
    assert "在浏览器打开" not in html


def test_print_view_is_the_letter_alone(interviewed):
    interviewed.post("/letters/police/", DETAILS)
    html = interviewed.get("/letters/police/print/").content.decode()
    assert NAME in html
    assert "site-header" not in html


def test_english_letter_from_english_pages(client):
    walk(client, STORY, prefix="/en")
    response = client.post("/en/letters/lender/", {**DETAILS, "language": "en"})
    assert response["Location"] == "/en/letters/lender/preview/"
    html = client.get("/en/letters/lender/preview/").content.decode()
    assert "Edit the letter" in html
    assert NAME in html


def test_chinese_letter_from_english_pages_is_in_chinese(client):
    walk(client, STORY, prefix="/en")
    client.post("/en/letters/lender/", DETAILS)
    pdf = client.post(
        "/en/letters/lender/preview/",
        {"action": "download", "facts": "", "requests": "", "closing": ""},
    )
    text = pdf_text(pdf.content)
    assert "此致" in text or "敬礼" in text or "投诉" in text
