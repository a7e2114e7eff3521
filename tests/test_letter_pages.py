"""The letter pages: details once per case, a checked and edited preview, print and PDF.

Also the privacy defects a walk through the site found: starting again must
leave nothing of the previous person, and an edited paragraph must never be
printed over details it no longer matches.
"""

import pytest
from django.test import Client

from rights_guide.cases.models import Case
from rights_guide.letters.kinds import KINDS
from rights_guide.models import StoredLetter
from tests.factories import (
    ID_NUMBER,
    NAME,
    STORY,
    download,
    generated_paragraphs,
    log_contact,
    save_details,
    textarea,
    walk,
)
from tests.pdfs import pdf_text

pytestmark = pytest.mark.django_db


@pytest.fixture
def interviewed(client):
    walk(client, STORY)
    assert log_contact(client).status_code == 302
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


LOAN_SHARK = {
    "lender_type": "private_lender",
    "targets": {},
    "tactics": ["threat_violence"],
    "date": "2026-04-01",
}


@pytest.mark.parametrize("kind", ["lender", "regulator"])
def test_a_letter_that_does_not_fit_the_lender_is_refused_by_url_without_an_error_page(
    client, kind
):
    walk(client, LOAN_SHARK)
    for url in ("/letters/%s/" % kind, "/letters/%s/preview/" % kind, "/letters/%s/print/" % kind):
        response = client.get(url)
        assert response.status_code == 302, url
        assert response["Location"] == "/results/#next-steps"
    save_details(client, kind="police")  # with details saved, the answer is the same
    response = client.get("/letters/%s/preview/" % kind, follow=True)
    assert response.status_code == 200
    assert response.redirect_chain[-1][0] == "/results/#next-steps"
    page = response.content.decode()
    assert '/letters/%s/"' % kind not in page
    assert KINDS["pi_request"].law.purpose.zh_hans in page  # it names the law: letters.yaml's
    response = client.post("/letters/%s/preview/" % kind, {"action": "download"})
    assert response.status_code == 302 and not StoredLetter.objects.exists()
    # The details page ignores such a letter and checks the details as the letters that fit.
    assert client.get("/letters/details/?next=%s" % kind).status_code == 200
    response = save_details(client, kind=kind)
    assert response.status_code == 302 and response["Location"] == "/results/#next-steps"


def test_a_loan_shark_can_have_the_police_statement_and_the_data_request(client):
    walk(client, LOAN_SHARK)
    assert client.get("/letters/details/").status_code == 200
    assert save_details(client, kind="police")["Location"] == "/letters/police/preview/"
    for kind in ("police", "pi_request"):
        html = client.get("/letters/%s/preview/" % kind).content.decode()
        assert NAME in html


def test_letter_pages_need_the_interview_first(client):
    assert client.get("/letters/lender/")["Location"] == "/interview/"
    assert client.get("/letters/details/")["Location"] == "/interview/"


def test_unknown_kind_is_404(interviewed):
    assert interviewed.get("/letters/love-letter/").status_code == 404
    assert interviewed.get("/letters/love-letter/preview/").status_code == 404


def test_the_first_letter_asks_for_details_then_shows_the_letter(interviewed):
    assert interviewed.get("/letters/lender/")["Location"] == "/letters/details/?next=lender"
    response = save_details(interviewed)
    assert response.status_code == 302, response.content.decode()[:3000]
    assert response["Location"] == "/letters/lender/preview/"
    html = interviewed.get("/letters/lender/preview/").content.decode()
    assert NAME in html
    assert "某某消费金融有限公司" in html
    assert "80㎡" in html
    assert "第一千零三十二条" in html or "第一千零三十三条" in html
    assert "appendix__entry" in html  # the logged contact, in the appendix
    assert "催收员打电话给我母亲" not in html  # without the borrower's own notes, unless chosen
    assert ID_NUMBER not in html  # the ID number is masked on screen
    assert 'id="letter-text"' in html and NAME in html.split('id="letter-text"')[1]


def test_details_are_entered_once_and_shown_in_every_letter(interviewed):
    save_details(interviewed, kind="police")
    for kind in ("regulator", "lender", "pi_request"):
        assert interviewed.get("/letters/%s/" % kind)["Location"] == "/letters/%s/preview/" % kind
        html = interviewed.get("/letters/%s/preview/" % kind).content.decode()
        assert NAME in html and "某某消费金融有限公司" in html and "appendix__entry" in html
    # One place to change them, for every letter.
    form = interviewed.get("/letters/details/?next=regulator").content.decode()
    assert 'value="%s"' % NAME in form and 'href="/log/"' in form  # the contacts: the log
    save_details(interviewed, kind="regulator", respondent_name="另一家消费金融公司")
    for kind in ("police", "lender"):
        html = interviewed.get("/letters/%s/preview/" % kind).content.decode()
        assert "另一家消费金融公司" in html and "某某消费金融有限公司" not in html


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
    response = save_details(interviewed, **{field: value})
    assert response.status_code == 200
    html = response.content.decode()
    assert message in html
    assert "is-invalid" in html
    assert "13812345678" in html or field == "phone"


def test_every_problem_is_reported_at_once_in_a_summary_that_links_to_the_fields(interviewed):
    response = save_details(
        interviewed,
        complainant_name="",
        phone="12345",
        id_number="110105194912310021",  # wrong check digit, found in the same pass
    )
    html = response.content.decode()
    summary = html.split('id="error-summary"')[1].split("</div>")[0]
    for target, message in (
        ("id_complainant_name", "此项必填"),
        ("id_phone", "请填写11位的大陆手机号码"),
        ("id_id_number", "这不是有效的18位身份证号码"),
    ):
        assert 'href="#%s"' % target in summary and message in summary
        assert 'id="%s"' % target in html  # the link has somewhere to go
    # The summary comes before the form, and the page title says there is an error.
    main = html.split('<main id="main"')[1]
    assert main.index('id="error-summary"') < main.index("<form")
    assert "<title>错误：" in html
    assert 'action="/letters/details/?next=lender#error-summary"' in html


def test_the_details_page_points_to_the_log_instead_of_typing_contacts(interviewed):
    html = interviewed.get("/letters/details/?next=lender").content.decode()
    assert 'href="/log/"' in html
    assert "incidents-TOTAL_FORMS" not in html  # no contact rows to type here any more


def test_edited_paragraphs_are_what_is_printed(interviewed):
    save_details(interviewed)
    assert generated_paragraphs(interviewed)["facts"]
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
    assert "此致" in text


def test_undo_restores_the_generated_text(interviewed):
    save_details(interviewed)
    interviewed.post(
        "/letters/lender/preview/",
        {"action": "update", "facts": "只有这一句。", "requests": "x", "closing": "y"},
    )
    assert "只有这一句。" in interviewed.get("/letters/lender/preview/").content.decode()
    interviewed.post("/letters/lender/preview/", {"action": "reset"})
    assert "只有这一句。" not in interviewed.get("/letters/lender/preview/").content.decode()


@pytest.mark.parametrize("pasted", ["\u200e", "\u202e", "\x07"])
def test_an_invisible_character_in_an_edit_is_shown_where_it_was_typed(interviewed, pasted):
    save_details(interviewed)
    shown = generated_paragraphs(interviewed)
    response = interviewed.post(
        "/letters/lender/preview/",
        {"action": "update", **shown, "facts": "我要求核实" + pasted + "催收员身份。"},
    )
    assert response.status_code == 400
    html = response.content.decode()
    assert "U+%04X" % ord(pasted) in html  # the character is named
    assert 'href="#id_facts"' in html and "is-invalid" in html
    assert "我要求核实" in textarea(html, "facts")  # what was typed is kept
    # The letter itself is still there to print, and nothing was stored.
    assert interviewed.get("/letters/lender/preview/").status_code == 200
    assert interviewed.get("/letters/lender/print/").status_code == 200


def test_a_pasted_line_separator_is_a_line_break_not_a_lockout(interviewed):
    save_details(interviewed)
    shown = generated_paragraphs(interviewed)
    response = interviewed.post(
        "/letters/lender/preview/",
        {"action": "update", **shown, "facts": "第一段。\u2028第二段。"},
    )
    assert response.status_code == 302
    html = interviewed.get("/letters/lender/preview/").content.decode()
    assert "<p>第一段。</p>" in html and "<p>第二段。</p>" in html
    assert interviewed.get("/letters/lender/print/").status_code == 200


def test_an_edit_made_stale_by_new_details_is_never_printed_silently(interviewed):
    save_details(interviewed)
    facts = generated_paragraphs(interviewed)["facts"]
    assert NAME in facts
    edited = facts.replace("某某消费金融有限公司", "某某消费金融公司") + "\n补充：对方还威胁我。"
    interviewed.post("/letters/lender/preview/", {"action": "update", "facts": edited})
    # Correct the name afterwards: the edited facts still carry the old one.
    save_details(interviewed, complainant_name="王小明")
    html = interviewed.get("/letters/lender/preview/").content.decode()
    conflicts = html.split('id="conflicts"')[1].split("</section>")[0]
    assert "本人" + NAME in conflicts and "本人王小明" in conflicts  # both versions shown
    assert 'value="download"' not in html  # no way to print until a version is chosen
    assert 'id="letter-text"' not in html and "data-copy=" not in html  # nor to copy
    assert "letter-paper--not-final" in html  # the preview says it is not the letter
    assert interviewed.get("/letters/lender/print/")["Location"] == "/letters/lender/preview/"
    refused = interviewed.post("/letters/lender/preview/", {"action": "download", "facts": edited})
    assert refused.status_code == 302 and StoredLetter.objects.count() == 0
    interviewed.post("/letters/lender/preview/", {"action": "resolve", "keep_facts": "new"})
    text = pdf_text(download(interviewed).content)
    assert "王小明" in text and NAME not in text
    assert "补充：对方还威胁我" not in text.replace("\n", "")


def test_keeping_the_edited_version_is_an_explicit_choice(interviewed):
    save_details(interviewed)
    interviewed.post("/letters/lender/preview/", {"action": "update", "facts": "我自己写的事实。"})
    # Remove a person from the answers: the generated facts change under the edit.
    interviewed.post(
        "/interview/contacts/", {"targets": ["borrower"], "nav": "next", "review": "1"}
    )
    html = interviewed.get("/letters/lender/preview/").content.decode()
    assert "我自己写的事实。" in html.split('id="conflicts"')[1]
    interviewed.post("/letters/lender/preview/", {"action": "resolve"})  # no choice made
    assert 'id="conflicts"' in interviewed.get("/letters/lender/preview/").content.decode()
    interviewed.post("/letters/lender/preview/", {"action": "resolve", "keep_facts": "mine"})
    html = interviewed.get("/letters/lender/preview/").content.decode()
    assert 'id="conflicts"' not in html and 'value="download"' in html
    assert "我自己写的事实。" in pdf_text(download(interviewed).content)


def test_a_downloaded_letter_is_kept_and_can_be_downloaded_again_unchanged(interviewed):
    save_details(interviewed, kind="regulator")
    first = download(interviewed, "regulator")
    stored = StoredLetter.objects.get()
    # Changing the details later does not change the letter already made.
    save_details(interviewed, kind="regulator", respondent_name="另一家公司")
    again = interviewed.get("/letters/download/%s/" % stored.token)
    assert again.status_code == 200
    assert pdf_text(again.content) == pdf_text(first.content)
    assert "另一家公司" not in pdf_text(again.content)


def test_someone_else_cannot_download_a_letter(interviewed):
    save_details(interviewed)
    download(interviewed)
    token = StoredLetter.objects.get().token
    stranger = Client()
    walk(stranger, STORY)
    assert stranger.get("/letters/download/%s/" % token).status_code == 404
    assert Client().get("/letters/download/%s/" % token).status_code == 404


def test_delete_my_data_deletes_letters_too(interviewed):
    save_details(interviewed)
    download(interviewed)
    assert StoredLetter.objects.count() == 1
    interviewed.post("/privacy/delete/")
    assert StoredLetter.objects.count() == 0 and Case.objects.count() == 0


def test_wechat_gets_advice_about_downloads(interviewed):
    save_details(interviewed)
    ua = "Mozilla/5.0 (Linux; Android 14) AppleWebKit/537.36 MicroMessenger/8.0.50"
    html = interviewed.get("/letters/lender/preview/", HTTP_USER_AGENT=ua).content.decode()
    assert "在浏览器打开" in html
    html = interviewed.get("/letters/lender/preview/").content.decode()
    assert "在浏览器打开" not in html


def test_print_view_is_the_letter_alone(interviewed):
    save_details(interviewed, kind="police")
    html = interviewed.get("/letters/police/print/").content.decode()
    assert NAME in html
    assert "site-header" not in html


def test_english_pages_print_the_chinese_letter_and_offer_an_english_reading_copy(client):
    walk(client, STORY, prefix="/en")
    response = save_details(client, prefix="/en")
    assert response["Location"] == "/en/letters/lender/preview/"
    html = client.get("/en/letters/lender/preview/").content.decode()
    assert "Edit the letter" in html
    letter = html.split('class="letter-paper"')[1]
    assert "投诉" in letter and NAME in letter  # the letter to send is in Chinese
    reading = html.split('id="reading-heading"')[1]
    assert "Send the Chinese letter above" in reading
    assert "Complaint about improper debt collection" in reading and NAME in reading
    text = pdf_text(download(client).content)
    assert "投诉" in text and "Complaint about" not in text


def test_the_chinese_pages_show_no_english_copy(interviewed):
    save_details(interviewed)
    assert "reading-heading" not in interviewed.get("/letters/lender/preview/").content.decode()


def test_starting_again_leaves_nothing_of_the_previous_person(client):
    """Two people, one browser: the second sees nothing of the first, on any page or PDF."""
    walk(client, STORY)
    save_details(client)
    private = "我妈妈得了癌症，所以我才借的钱。"
    shown = generated_paragraphs(client)
    client.post(
        "/letters/lender/preview/",
        {"action": "update", **shown, "facts": shown["facts"] + "\n" + private},
    )
    download(client)
    first_case = Case.objects.get()
    assert client.get("/interview/restart/").status_code == 200  # asks first
    client.post("/interview/restart/")
    assert not Case.objects.filter(pk=first_case.pk).exists()
    assert StoredLetter.objects.count() == 0

    second = {
        "lender_type": "microlender",
        "targets": {"borrower": {"calls": "6"}},
        "tactics": ["insults"],
        "date": "2026-05-02",
    }
    walk(client, second)
    assert client.get("/letters/lender/")["Location"] == "/letters/details/?next=lender"
    form = client.get("/letters/details/?next=lender").content.decode()
    for trace in (NAME, ID_NUMBER, "13812345678", "某某消费金融有限公司", "催收员打电话给我母亲"):
        assert trace not in form
    save_details(
        client,
        complainant_name="李四",
        phone="",
        address="",
        id_number="",
        respondent_name="某小额贷款公司",
    )
    pages = "".join(
        client.get(url).content.decode()
        for url in ("/results/", "/letters/lender/preview/", "/letters/lender/print/")
    )
    text = pdf_text(download(client).content)
    for trace in (NAME, ID_NUMBER, "13812345678", "某某消费金融", "催收员打电话给我母亲", private):
        assert trace not in pages and trace not in text
    assert "李四" in text and "某小额贷款公司" in text
