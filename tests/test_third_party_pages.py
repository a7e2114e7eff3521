"""The "I'm not the borrower" pages: the interview, their result, their letter, the notice.

Every page works without JavaScript (plain posts and redirects), keeps the
third party's answers apart from a borrower's, and shows exactly what the
API answers for the same story.
"""

import json
import re

import pytest

from rights_guide.knowledge import get_knowledge
from rights_guide.results import present_assessment
from tests.factories import DETAILS, STORY, walk
from tests.pdfs import pdf_text, squeezed

pytestmark = pytest.mark.django_db
KNOWLEDGE = get_knowledge()

# A friend of the borrower, called eight times on the worst day and asked to pay.
FRIEND = {
    "relationship": {"relationship": "friends"},
    "lender": {"lender_type": "consumer_finance"},
    "contact": {
        "calls": "8",
        "asked_to_pay": "yes",
        "disclosed_debt": "yes",
        "borrower_unreachable": "unsure",
        "after_stop_request": "yes",
    },
    "tactics": {"tactics": ["insults"], "continued_after_intervention": "not_reported"},
    "when": {"conduct_date": "2026-10-15"},
}
LETTER_DETAILS = {
    "complainant_name": "周晓梅",
    "phone": "13912345678",
    "respondent_name": "某某消费金融有限公司",
    "borrower_name": "李四",
    "incidents-TOTAL_FORMS": "1",
    "incidents-INITIAL_FORMS": "0",
    "incidents-0-when": "2026-10-03T21:30",
    "incidents-0-channel": "call",
    "incidents-0-description": "对方让我替李四还钱，我说不是我借的。",
    "nav": "save",
}


def answer(client, pages=FRIEND, prefix=""):
    """Answer each page the third-party interview asks, following its redirects."""
    location = client.get(prefix + "/called/")["Location"]
    asked = []
    while not location.endswith("/called/review/"):
        slug = re.fullmatch(r".*/called/([\w-]+)/", location).group(1)
        assert slug not in asked, asked
        asked.append(slug)
        response = client.post(location, {**pages.get(slug, {}), "nav": "next"})
        assert response.status_code == 302, response.content.decode()[:1500]
        location = response["Location"]
    return asked


def text(response) -> str:
    return re.sub(r"\s+", " ", re.sub(r"<[^>]+>", " ", response.content.decode()))


def test_the_home_page_leads_to_the_third_party_interview(client):
    for prefix in ("", "/en"):
        home = client.get(prefix + "/").content.decode()
        assert 'href="%s/called/"' % prefix in home
        assert client.get(prefix + "/called/")["Location"] == prefix + "/called/relationship/"


def test_the_interview_asks_who_they_are_then_about_the_calls_to_them(client):
    page = client.get("/called/relationship/").content.decode()
    for code in ("guarantor", "spouse", "emergency_contact", "family", "friends", "contacts_list"):
        assert 'value="%s"' % code in page
    assert 'value="minor"' not in page and 'value="public"' not in page
    # The insult on the tactics page brings the page that asks whether it was public.
    assert answer(client) == ["relationship", "lender", "contact", "tactics", "details", "when"]
    contact = client.get("/called/contact/").content.decode()
    question = KNOWLEDGE.vocabulary.event_questions["asked_to_pay"].third_party.question.zh_hans
    assert question in contact  # asked of them, in their words
    assert "不知道" in contact  # their own "not sure" for whether the borrower could be reached
    review = client.get("/called/review/")
    assert review.status_code == 200
    assert "/called/contact/?review=1" in review.content.decode()
    assert 'href="/called/results/"' in review.content.decode()


def test_a_wrong_answer_is_shown_with_the_error_summary(client):
    client.post("/called/relationship/", {"relationship": "friends", "nav": "next"})
    client.post("/called/lender/", {"lender_type": "unknown", "nav": "next"})
    response = client.post("/called/contact/", {"calls": "-2", "nav": "next"})
    assert response.status_code == 200
    assert 'id="error-summary"' in response.content.decode()


def test_their_result_is_the_apis_answer_for_the_same_story(client):
    answer(client)
    response = client.get("/called/results/")
    assert response.status_code == 200
    page = text(response)
    friends = KNOWLEDGE.vocabulary.targets["friends"].called
    assert friends.owes_text.zh_hans in page
    assert friends.script.zh_hans in page
    assert 'id="call-script-text"' in response.content.decode()
    api = client.post(
        "/api/v1/assess",
        data=json.dumps(
            {
                "perspective": "third_party",
                "relationship": "friends",
                "lender_type": "consumer_finance",
                "conduct_date": "2026-10-15",
                "events": [
                    {
                        "channel": "call",
                        "times_per_day": 8,
                        "asked_to_pay": True,
                        "disclosed_debt": True,
                        # "Not sure" and left blank: not known, as the interview sends them.
                        "borrower_unreachable": None,
                        "at_night": None,
                        "after_stop_request": True,
                        "group": KNOWLEDGE.vocabulary.targets.position("friends") + 1,
                    }
                ],
                "tactics": ["insults"],
            }
        ),
        content_type="application/json",
    ).json()
    html = response.content.decode()
    shown = (
        [f["code"] for f in api["findings"] if f["severity"] != "lawful" and not f["depends_on"]]
        + [f["code"] for f in api["findings"] if f["severity"] == "lawful" and not f["depends_on"]]
        + [f["code"] for f in api["findings"] if f["depends_on"]]
    )
    assert re.findall(r'data-finding-code="(\w+)"', html) == shown
    assert re.findall(r'data-channel="(\w+)"', html) == [c["code"] for c in api["channels"]]
    assert api["channels"][0]["code"] == "miit_12321"
    assert 'href="/letters/third_party/"' in html
    # The borrower's letters are not offered to them.
    assert 'href="/letters/lender/"' not in html and 'href="/letters/police/"' not in html


def test_a_guarantor_is_told_it_depends_and_is_not_offered_the_letter(client):
    answer(client, {**FRIEND, "relationship": {"relationship": "guarantor"}})
    response = client.get("/called/results/")
    assert KNOWLEDGE.vocabulary.targets["guarantor"].called.owes_text.zh_hans in text(response)
    assert "/letters/third_party/" not in response.content.decode()
    refused = client.get("/letters/third_party/preview/")
    assert refused.status_code == 302 and refused["Location"].startswith("/called/results/")


def test_a_borrowers_answers_and_a_third_partys_are_kept_apart(client):
    walk(client, STORY)
    answer(client)
    assert client.get("/results/").status_code == 200
    assert client.get("/called/results/").status_code == 200
    borrower = client.get("/results/").content.decode()
    assert "/letters/third_party/" not in borrower  # the borrower is not offered their letter
    assert 'href="/notice/"' in borrower  # but can send the people called the notice


def test_their_letter_end_to_end_details_preview_print_and_pdf(client):
    answer(client)
    start = client.get("/letters/third_party/")
    assert start["Location"] == "/letters/details/?next=third_party"  # their details first
    details_page = client.get(start["Location"])
    page = details_page.content.decode()
    assert 'name="borrower_name"' in page
    assert 'name="incidents-0-target"' not in page  # every contact they list is about them
    assert 'href="/called/results/"' in page
    saved = client.post("/letters/details/?next=third_party", LETTER_DETAILS)
    assert saved.status_code == 302 and saved["Location"] == "/letters/third_party/preview/"
    preview = client.get("/letters/third_party/preview/")
    assert preview.status_code == 200
    shown = text(preview)
    assert "周晓梅" in shown and "李四" in shown and "我本人" in shown
    assert client.get("/letters/third_party/print/").status_code == 200
    paragraphs = {
        name: re.search(
            r'<textarea name="%s"[^>]*>(.*?)</textarea>' % name, preview.content.decode(), re.S
        )
        .group(1)
        .strip()
        for name in ("facts", "requests", "closing")
    }
    pdf = client.post("/letters/third_party/preview/", {"action": "download", **paragraphs})
    assert pdf.status_code == 200 and pdf["Content-Type"] == "application/pdf"
    printed = squeezed(pdf_text(pdf.content))
    assert "周晓梅" in printed and "某某消费金融有限公司" in printed
    assert "第四百六十五条第二款" in printed and "第四十七条" in printed
    # Their details are theirs: the borrower's details page is still empty.
    assert client.get("/letters/details/").status_code == 302  # no borrower interview yet


def test_the_borrowers_details_and_theirs_do_not_mix(client):
    walk(client, STORY)
    client.post("/letters/details/?next=lender", DETAILS)
    answer(client)
    page = client.get("/letters/details/?next=third_party").content.decode()
    assert DETAILS["complainant_name"] not in page


def test_the_notice_for_the_people_being_called_in_both_languages(client):
    for prefix, language in (("", "zh-hans"), ("/en", "en")):
        response = client.get(prefix + "/notice/")
        assert response.status_code == 200
        notice = KNOWLEDGE.texts["contacts_notice"].get(language)
        page = response.content.decode()
        assert 'id="notice-text"' in page
        assert notice.splitlines()[1] in page.replace("&#x27;", "'").replace("&quot;", '"')
        assert "js-copy" in page and "hidden" in page  # the button appears only with JavaScript
        assert 'href="%s/called/"' % prefix in page


def test_the_presenter_marks_only_a_third_partys_answer():
    from rights_guide.assessment import evaluate, parse_answers
    from tests.factories import TODAY, make_request

    borrower = present_assessment(evaluate(parse_answers(make_request(), today=TODAY)), "zh-hans")
    assert "owes" not in borrower and "perspective" not in borrower
