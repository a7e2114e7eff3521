"""The interview's questions about the loan: the funder, card or loan, and the day it was made.

Each is asked only where it changes the result: the funder for an app or a
lender the borrower is not sure about, card or loan for a bank, the contract
date after a rate when the lender is not known to be licensed. The answers
reach the engine as the same request the API takes.
"""

import json
import re

import pytest
from django.test import Client

from rights_guide.cases.models import Case
from rights_guide.interview.loan_forms import PRODUCT_OPTIONS
from rights_guide.interview.steps import request_from_answers
from rights_guide.knowledge.model import PRODUCTS
from tests.factories import post_step, walk

pytestmark = pytest.mark.django_db

# A loan shark who phoned the borrower: the kind of story whose rate needs the contract date.
LOAN_SHARK = {
    "lender_type": "private_lender",
    "targets": {"borrower": {"calls": "2"}},
    "date": "2026-03-02",
}


def finding_codes(client, prefix=""):
    page = client.get(prefix + "/results/")
    assert page.status_code == 200
    return re.findall(r'data-finding-code="([A-Z_]+)"', page.content.decode())


def review_slugs(client, prefix=""):
    html = client.get(prefix + "/interview/review/").content.decode()
    return re.findall(r'/interview/([\w-]+)/\?review=1"', html)


def input_tag(html, name):
    """The <input> of a field, as rendered: its value and its error state."""
    return re.search(r'<input[^>]*name="%s"[^>]*>' % name, html).group(0)


def interview_request(client):
    """The assess request the interview built from this visitor's answers."""
    return request_from_answers(Case.objects.get().data["answers"])


def answer_until_cost(client, lender_type, *, licensed=None, product=None, prefix="/en"):
    post_step(client, "lender", {"lender_type": lender_type}, prefix=prefix)
    if licensed is not None:
        post_step(client, "funder", {"licensed": licensed}, prefix=prefix)
    if product is not None:
        post_step(client, "card-or-loan", {"product": product}, prefix=prefix)
    post_step(client, "contacts", {"targets": []}, prefix=prefix)
    post_step(client, "tactics", {}, prefix=prefix)
    post_step(client, "when", {"conduct_date": "2026-03-02"}, prefix=prefix)


def test_every_product_has_words_in_the_interview():
    assert set(PRODUCT_OPTIONS) == set(PRODUCTS)


# The contract date: only after a rate, only for a lender not known to be licensed.


def test_a_loan_shark_without_a_rate_is_not_asked_when_the_loan_was_made(client):
    walk(client, LOAN_SHARK)
    assert "contract-date" not in review_slugs(client)
    assert client.get("/interview/contract-date/")["Location"] == "/interview/"


def test_a_loan_shark_with_a_rate_is_asked_the_day_and_it_decides_the_cap(client):
    answer_until_cost(client, "private_lender")
    response = post_step(client, "cost", {"annual_rate_percent": "14"}, prefix="/en")
    assert response["Location"] == "/en/interview/contract-date/"
    page = client.get("/en/interview/contract-date/").content.decode()
    assert "When was the loan contract made?" in page
    assert "usually the day the money arrived" in page
    assert 'name="contract_date_unknown"' in page
    # Not remembering it: the answer lists the cap for each period instead.
    post_step(client, "contract-date", {"contract_date_unknown": "on"}, prefix="/en")
    assert "RATE__PRIVATE_CAP_DEPENDS_ON_DATE" in finding_codes(client, "/en")
    assert "contract_date" not in interview_request(client)
    # 2022-03-01: four times the LPR of that day (3.7%) is 14.8%, and 14% is within it.
    response = post_step(client, "contract-date", {"contract_date": "2022-03-01"}, prefix="/en")
    assert response["Location"] == "/en/interview/review/"
    assert "RATE__PRIVATE_WITHIN_CAP" in finding_codes(client, "/en")
    assert interview_request(client)["contract_date"] == "2022-03-01"


def test_a_bank_with_a_rate_is_not_asked_when_the_loan_was_made(client):
    answer_until_cost(client, "bank", product="loan")
    response = post_step(client, "cost", {"annual_rate_percent": "30"}, prefix="/en")
    assert response["Location"] == "/en/interview/review/"
    assert "contract-date" not in review_slugs(client, "/en")


@pytest.mark.parametrize(
    ("licensed", "asked"),
    [("no", True), ("unsure", True), ("yes", False)],
    ids=["unlicensed-funder", "funder-not-known", "licensed-funder"],
)
def test_an_app_is_asked_when_the_loan_was_made_unless_its_funder_is_licensed(
    client, licensed, asked
):
    answer_until_cost(client, "lending_platform", licensed=licensed)
    response = post_step(client, "cost", {"annual_rate_percent": "14"}, prefix="/en")
    expected = "/en/interview/contract-date/" if asked else "/en/interview/review/"
    assert response["Location"] == expected


def test_removing_the_rate_later_drops_the_contract_date_but_keeps_it(client):
    answer_until_cost(client, "private_lender", prefix="")
    post_step(client, "cost", {"annual_rate_percent": "14"})
    post_step(client, "contract-date", {"contract_date": "2022-03-01"})
    response = post_step(client, "cost", {"annual_rate_percent": ""}, review=True)
    assert response["Location"] == "/interview/review/"
    assert "contract_date" not in interview_request(client)
    post_step(client, "cost", {"annual_rate_percent": "14"}, review=True)
    assert interview_request(client)["contract_date"] == "2022-03-01"


@pytest.mark.parametrize(
    ("typed", "message"),
    [
        ("2026-05-01", "on or before the day of the collection"),  # after the conduct date
        ("2999-01-01", "This date is in the future"),
        ("1/3/2022", "Enter a real date as YYYY-MM-DD"),
        ("", "Enter the day the contract was made, or tick"),
    ],
    ids=["after-collection", "future", "bad-format", "empty"],
)
def test_a_wrong_contract_date_is_explained_next_to_it_and_nothing_is_lost(client, typed, message):
    answer_until_cost(client, "private_lender")
    post_step(client, "cost", {"annual_rate_percent": "14"}, prefix="/en")
    response = post_step(client, "contract-date", {"contract_date": typed}, prefix="/en")
    assert response.status_code == 200
    html = response.content.decode()
    assert message in html
    field = input_tag(html, "contract_date")
    assert "is-invalid" in field and ('value="%s"' % typed in field or not typed)
    assert 'href="#id_contract_date"' in html  # the summary at the top links to it
    # The earlier answers are all still there.
    when = client.get("/en/interview/when/").content.decode()
    assert 'value="2026-03-02"' in when
    assert 'value="14"' in client.get("/en/interview/cost/").content.decode()


def test_contract_dates_are_read_as_people_write_them(client):
    answer_until_cost(client, "private_lender", prefix="")
    post_step(client, "cost", {"annual_rate_percent": "14"})
    response = post_step(client, "contract-date", {"contract_date": "2022/3/1"})
    assert response["Location"] == "/interview/review/"
    assert interview_request(client)["contract_date"] == "2022-03-01"
    # Shown again in the form the date field understands.
    page = client.get("/interview/contract-date/").content.decode()
    assert 'value="2022-03-01"' in page


def test_not_remembering_wins_over_a_half_remembered_date(client):
    answer_until_cost(client, "private_lender", prefix="")
    post_step(client, "cost", {"annual_rate_percent": "14"})
    response = post_step(
        client, "contract-date", {"contract_date": "2022-03-01", "contract_date_unknown": "on"}
    )
    assert response["Location"] == "/interview/review/"
    assert "contract_date" not in interview_request(client)


# The funder, and card or loan: a page after the lender, only when the lender leaves it open.


@pytest.mark.parametrize("lender_type", ["lending_platform", "unknown"])
def test_an_app_or_an_unknown_lender_is_asked_about_the_funder(client, lender_type):
    response = post_step(client, "lender", {"lender_type": lender_type}, prefix="/en")
    assert response["Location"] == "/en/interview/funder/"
    html = client.get("/en/interview/funder/").content.decode()
    assert "a licensed financial institution" in html
    assert "No, a person or a company without a licence" in html
    assert "资金方" in html and "贷款人" in html  # where the contract or the app names it
    assert re.search(r'name="licensed" value="unsure"[^>]*checked', html)
    assert 'name="product"' not in html
    # Not knowing sends nothing: the engine never assumes a licence.
    response = post_step(client, "funder", {"licensed": "unsure"}, prefix="/en")
    assert response["Location"] == "/en/interview/contacts/"
    assert "licensed" not in interview_request(client)


def test_a_bank_is_asked_card_or_loan_and_not_about_a_licence(client):
    response = post_step(client, "lender", {"lender_type": "bank"}, prefix="/en")
    assert response["Location"] == "/en/interview/card-or-loan/"
    html = client.get("/en/interview/card-or-loan/").content.decode()
    assert "Is this debt a credit card or a loan?" in html
    assert "A loan (including a consumer loan applied for online)" in html
    assert re.search(r'name="product" value="unsure"[^>]*checked', html)
    assert 'name="licensed"' not in html
    post_step(client, "card-or-loan", {"product": "credit_card"}, prefix="/en")
    request = interview_request(client)
    assert request["product"] == "credit_card"
    assert "licensed" not in request


@pytest.mark.parametrize("lender_type", ["consumer_finance", "microlender", "private_lender"])
def test_lenders_that_leave_nothing_open_go_straight_on(client, lender_type):
    response = post_step(client, "lender", {"lender_type": lender_type})
    assert response["Location"] == "/interview/contacts/"
    for slug in ("funder", "card-or-loan"):
        assert client.get("/interview/%s/" % slug)["Location"] == "/interview/"


def test_an_unlicensed_funder_then_a_change_to_bank_never_contradicts_the_bank(client):
    walk(
        client,
        {
            **LOAN_SHARK,
            "lender_type": "lending_platform",
            "licensed": "no",
            "rate": "14",
            "contract_date": "2022-03-01",
        },
    )
    assert interview_request(client)["licensed"] is False
    response = post_step(client, "lender", {"lender_type": "bank"}, review=True)
    # The bank's own question is asked before the summary; the funder answer is not sent.
    assert response["Location"] == "/interview/card-or-loan/?review=1"
    response = post_step(client, "card-or-loan", {"product": "loan"}, review=True)
    assert response["Location"] == "/interview/review/"
    request = interview_request(client)
    assert "licensed" not in request and "contract_date" not in request
    assert client.get("/results/").status_code == 200


def test_the_review_reads_the_new_answers_back_in_plain_words(client):
    walk(
        client,
        {
            **LOAN_SHARK,
            "lender_type": "lending_platform",
            "licensed": "no",
            "targets": {"borrower": {"calls": "8", "answered_calls": "1"}},
            "rate": "14",
            "contract_date": "2022/3/1",
        },
        prefix="/en",
    )
    html = client.get("/en/interview/review/").content.decode()
    assert "No, a person or a company without a licence" in html
    assert "How many of those calls were answered?" in html
    assert re.search(r"<dd>1</dd>", html)
    assert "<dd>2022-03-01</dd>" in html
    for slug in ("funder", "contract-date"):
        assert '/interview/%s/?review=1"' % slug in html


# The interview and the API are two doors into the same engine.

STORIES = {
    "app-unlicensed-funder": (
        {
            **LOAN_SHARK,
            "lender_type": "lending_platform",
            "licensed": "no",
            "rate": "30",
            "contract_date": "2021-06-01",
        },
        {"licensed": False, "annual_rate_percent": 30.0, "contract_date": "2021-06-01"},
    ),
    "unknown-licensed-funder": (
        {
            **LOAN_SHARK,
            "lender_type": "unknown",
            "licensed": "yes",
            "rate": "30",
        },
        {"licensed": True, "annual_rate_percent": 30.0},
    ),
    "bank-credit-card": (
        {**LOAN_SHARK, "lender_type": "bank", "product": "credit_card"},
        {"product": "credit_card"},
    ),
    "loan-shark-before-2020": (
        {**LOAN_SHARK, "rate": "20", "contract_date": "2019-12-01"},
        {"annual_rate_percent": 20.0, "contract_date": "2019-12-01"},
    ),
    "answered-calls": (
        {**LOAN_SHARK, "targets": {"borrower": {"calls": "8", "answered_calls": "1"}}},
        {},
    ),
}


@pytest.mark.parametrize("name", list(STORIES))
def test_the_interview_sends_what_the_api_takes_and_gets_the_same_answer(name):
    story, extra = STORIES[name]
    client = Client()
    walk(client, story, prefix="/en")
    request = interview_request(client)
    for field, value in extra.items():
        assert request[field] == value
    answered = story["targets"]["borrower"].get("answered_calls")
    if answered:
        assert request["events"][0]["answered_per_day"] == int(answered)
    else:
        assert "answered_per_day" not in request["events"][0]
    api = Client().post(
        "/api/v1/assess?lang=en", json.dumps(request), content_type="application/json"
    )
    assert api.status_code == 200, api.content
    api_codes = {finding["code"] for finding in api.json()["findings"]}
    assert set(finding_codes(client, "/en")) == api_codes


def test_an_answered_count_without_the_number_of_calls_is_not_dropped_silently(client):
    post_step(client, "lender", {"lender_type": "bank"})
    post_step(client, "contacts", {"targets": ["borrower"]})
    response = post_step(
        client, "contact-borrower", {"calls": "", "answered_calls": "2", "texts": "1"}
    )
    assert response.status_code == 200
    assert "answered_calls" in response.context["form"].errors
    assert 'value="2"' in response.content.decode()


def test_a_conduct_date_typed_with_slashes_is_shown_again_as_a_date(client):
    post_step(client, "lender", {"lender_type": "bank"})
    post_step(client, "when", {"conduct_date": "2026/3/5"})
    response = client.get("/interview/when/")
    assert 'value="2026-03-05"' in response.content.decode()
