"""The interview pages: every step, branch and error; Back, Next and Change never lose an answer."""

import html
import json
import re

import pytest
from django.test import Client

from rights_guide.cases.models import Case
from rights_guide.interview.forms import as_number
from rights_guide.interview.steps import request_from_answers
from rights_guide.knowledge import get_knowledge
from tests.factories import STORY, post_step, walk

pytestmark = pytest.mark.django_db


def results_codes(client, prefix=""):
    page = client.get(prefix + "/results/")
    assert page.status_code == 200
    html = page.content.decode()
    return re.findall(r'data-finding-code="([A-Z_]+)" data-severity="(\w+)"', html), html


def test_start_redirects_to_the_first_step(client):
    response = client.get("/interview/")
    assert response.status_code == 302
    assert response["Location"] == "/interview/lender/"


def test_first_step_shows_progress_question_and_not_sure_default(client):
    html = client.get("/interview/lender/").content.decode()
    assert "第 1 步，共 6 步" in html
    assert "是谁在催收" in html
    assert re.search(r'value="unknown"[^>]*checked', html)
    assert "消费金融" in html


def test_english_steps(client):
    html = client.get("/en/interview/lender/").content.decode()
    assert "Step 1 of 6" in html
    assert "Who is collecting?" in html


def test_step_list_grows_with_each_person_contacted(client):
    post_step(client, "lender", {"lender_type": "bank"})
    response = post_step(client, "contacts", {"targets": ["borrower", "family", "employer"]})
    assert response["Location"] == "/interview/contact-borrower/"
    html = client.get("/interview/contact-family/").content.decode()
    assert "第 5 步，共 10 步" in html  # a bank's card-or-loan page comes after the lender


def test_borrower_page_does_not_ask_third_party_questions(client):
    post_step(client, "lender", {"lender_type": "bank"})
    post_step(client, "contacts", {"targets": ["borrower", "family"]})
    borrower = client.get("/interview/contact-borrower/").content.decode()
    family = client.get("/interview/contact-family/").content.decode()
    assert 'name="disclosed_debt"' not in borrower
    assert 'name="borrower_unreachable"' not in borrower
    assert 'name="disclosed_debt"' in family
    assert 'name="borrower_unreachable"' in family


def test_visit_questions_only_after_visits(client):
    post_step(client, "lender", {"lender_type": "bank"})
    post_step(client, "contacts", {"targets": ["borrower"]})
    post_step(client, "contact-borrower", {"calls": 2})
    assert 'value="refused_to_leave"' not in client.get("/interview/tactics/").content.decode()
    post_step(client, "contact-borrower", {"calls": 2, "other_channels": ["visit_home"]})
    assert 'value="refused_to_leave"' in client.get("/interview/tactics/").content.decode()


def test_a_contact_page_needs_at_least_one_way_of_contact(client):
    post_step(client, "lender", {"lender_type": "bank"})
    post_step(client, "contacts", {"targets": ["family"]})
    response = post_step(client, "contact-family", {"calls": "", "disclosed_debt": "yes"})
    assert response.status_code == 200
    html = response.content.decode()
    assert "至少告诉我们一种联系方式" in html
    # What was typed is still there.
    assert re.search(r'value="yes"[^>]*checked', html)


@pytest.mark.parametrize(
    ("data", "message"),
    [
        # The API's own messages: the page is read by the same parser.
        ({"calls": "-3"}, "必须在 1 到 1000 之间"),
        ({"calls": "lots"}, "这里必须是整数"),
        ({"calls": "1001"}, "必须在 1 到 1000 之间"),
        ({"calls": "1", "time_of_day": "25:99"}, "请按24小时制填写时间"),
    ],
)
def test_contact_page_errors_are_translated_and_next_to_the_field(client, data, message):
    post_step(client, "lender", {"lender_type": "bank"})
    post_step(client, "contacts", {"targets": ["borrower"]})
    response = post_step(client, "contact-borrower", data)
    assert response.status_code == 200
    assert message in response.content.decode()
    assert "is-invalid" in response.content.decode()


def test_full_width_digits_are_read_as_on_the_letter_pages(client):
    # A Chinese keyboard types １２; the letters' amount field reads it, and so does this.
    post_step(client, "lender", {"lender_type": "private_lender"})
    post_step(client, "contacts", {"targets": ["borrower"]})
    assert post_step(client, "contact-borrower", {"calls": "１２"}).status_code == 302
    post_step(client, "tactics", {})
    post_step(client, "when", {"conduct_date": "2026-05-01"})
    assert post_step(client, "cost", {"annual_rate_percent": "１５０"}).status_code == 302
    assert (as_number("１２"), as_number(" １５０.５ "), as_number("1e5")) == (12, 150.5, "1e5")


def test_a_number_too_long_for_any_counter_is_an_error_on_the_page_not_a_crash(client):
    post_step(client, "lender", {"lender_type": "bank"})
    post_step(client, "contacts", {"targets": ["borrower"]})
    response = post_step(client, "contact-borrower", {"calls": "1" * 5000})
    assert response.status_code == 200
    assert "必须在 1 到 1000 之间" in response.content.decode()


@pytest.mark.parametrize(
    ("value", "message"),
    [
        ("2999-01-01", "这个日期还没到"),
        ("15/10/2026", "请按“年-月-日”格式"),
        ("1990-01-01", "不支持 2000-01-01 以前的日期"),
        ("", "此项必填"),
    ],
)
def test_when_step_errors(client, value, message):
    walk_until = {"lender_type": "bank", "targets": {}, "date": "2026-01-01"}
    post_step(client, "lender", {"lender_type": walk_until["lender_type"]})
    post_step(client, "contacts", {"targets": []})
    post_step(client, "tactics", {"tactics": ["insults"]})
    response = post_step(client, "when", {"conduct_date": value})
    assert response.status_code == 200
    assert message in response.content.decode()


@pytest.mark.parametrize("value", ["-1", "10001", "abc"])
def test_cost_step_rejects_bad_rates(client, value):
    post_step(client, "lender", {"lender_type": "private_lender"})
    post_step(client, "contacts", {"targets": []})
    post_step(client, "tactics", {})
    post_step(client, "when", {"conduct_date": "2026-05-01"})
    response = post_step(client, "cost", {"annual_rate_percent": value})
    assert response.status_code == 200
    assert "is-invalid" in response.content.decode()


def test_unknown_step_is_404(client):
    assert client.get("/interview/contact-neighbour/").status_code == 404


def test_back_keeps_a_half_filled_page_and_next_keeps_everything(client):
    post_step(client, "lender", {"lender_type": "microlender"})
    post_step(client, "contacts", {"targets": ["family"]})
    # Half-filled (no channel) and Back: goes back without an error, keeps the typing.
    response = post_step(client, "contact-family", {"disclosed_debt": "yes"}, nav="back")
    assert response["Location"] == "/interview/contacts/"
    html = client.get("/interview/contact-family/").content.decode()
    assert re.search(r'name="disclosed_debt" value="yes"[^>]*checked', html)
    # The contacts page still shows what was ticked.
    html = client.get("/interview/contacts/").content.decode()
    assert re.search(r'value="family"[^>]*checked', html)
    html = client.get("/interview/lender/").content.decode()
    assert re.search(r'value="microlender"[^>]*checked', html)


def test_cannot_skip_ahead_to_results(client):
    post_step(client, "lender", {"lender_type": "bank"})
    response = client.get("/results/")
    assert response["Location"] == "/interview/card-or-loan/"


def test_review_lists_every_answer_with_a_change_link(client):
    walk(client, STORY)
    html = client.get("/interview/review/").content.decode()
    for slug in (
        "lender",
        "contacts",
        "contact-borrower",
        "contact-family",
        "tactics",
        "when",
        "cost",
    ):
        assert '/interview/%s/?review=1"' % slug in html
    assert "银行或信用卡" in html
    assert "22:30" in html
    assert "2026-03-02" in html


def test_changing_one_answer_from_review_keeps_the_others(client):
    walk(client, STORY)
    response = post_step(client, "lender", {"lender_type": "microlender"}, review=True)
    assert response["Location"] == "/interview/review/"
    _codes, html = results_codes(client)
    assert "local_financial_regulator" in html
    # The family page answers survived.
    family = client.get("/interview/contact-family/").content.decode()
    assert re.search(r'name="disclosed_debt" value="yes"[^>]*checked', family)


def test_adding_a_person_from_review_asks_about_them_before_the_summary(client):
    walk(client, STORY)
    response = post_step(
        client, "contacts", {"targets": ["borrower", "family", "employer"]}, review=True
    )
    assert response["Location"] == "/interview/contact-employer/?review=1"
    response = post_step(client, "contact-employer", {"calls": "1"}, review=True)
    assert response["Location"] == "/interview/review/"


def test_unticking_a_person_drops_them_from_the_results_but_keeps_their_answers(client):
    walk(client, STORY)
    post_step(client, "contacts", {"targets": ["borrower"]}, review=True)
    codes, _html = results_codes(client)
    assert "CONTACT__THIRD_PARTY_DISCLOSURE" not in dict(codes)
    post_step(client, "contacts", {"targets": ["borrower", "family"]}, review=True)
    codes, _html = results_codes(client)
    assert dict(codes)["CONTACT__THIRD_PARTY_DISCLOSURE"] == "unlawful"


def test_restart_forgets_everything(client):
    walk(client, STORY)
    results = client.get("/results/").content.decode()
    # Starting again sits next to "change my answers": it asks first, on a page of its own.
    assert 'action="/interview/restart/"' not in results
    assert 'href="/interview/restart/"' in results
    confirm = client.get("/interview/restart/").content.decode()
    assert "无法恢复" in confirm and 'action="/interview/restart/"' in confirm
    assert client.get("/results/").status_code == 200  # nothing deleted by asking
    response = client.post("/interview/restart/")
    assert response["Location"] == "/interview/"
    assert client.get("/results/")["Location"] == "/interview/lender/"


def test_results_page_has_summary_cards_channels_debt_and_disclaimer(client):
    walk(client, STORY)
    codes, html = results_codes(client)
    assert codes[0][1] in ("unlawful", "criminal")
    assert "项看起来违法" in html
    assert "法律依据" in html and "<details" in html
    assert "第一千零三十二条" in html
    assert "2021年1月1日" in html
    assert 'data-channel="nfra_12378"' in html
    assert "欠款仍然需要偿还" in html
    assert "不是法律意见" in html
    assert "可能起诉" in html  # the truthful lawsuit notice, named as lawful
    assert client.get("/results/")["Cache-Control"].startswith("max-age=0")


def test_results_page_in_english(client):
    walk(client, STORY, prefix="/en")
    _codes, html = results_codes(client, prefix="/en")
    assert "Your results" in html
    assert "things they did look unlawful" in html
    assert "Where to complain" in html


SPREAD = [
    STORY,
    {"lender_type": "unknown", "targets": {}, "tactics": [], "date": "2026-05-01"},
    {
        "lender_type": "consumer_finance",
        "targets": {"emergency_contact": {"calls": "1", "borrower_unreachable": "yes"}},
        "date": "2026-05-01",
    },
    {
        "lender_type": "microlender",
        "targets": {
            "contacts_list": {"texts": "40", "disclosed_debt": "yes", "asked_to_pay": "yes"},
            "public": {"messages": "3", "other_channels": ["online_post"]},
        },
        "tactics": ["doctored_images", "threat_exposure", "extra_fees"],
        "date": "2025-12-31",
    },
    {
        "lender_type": "private_lender",
        "targets": {"borrower": {"calls": "1", "other_channels": ["visit_home"]}},
        "tactics": ["threat_violence", "refused_to_leave", "stalking"],
        "continued": "yes",
        "date": "2026-02-01",
        "rate": "48",
    },
    {
        "lender_type": "lending_platform",
        "targets": {
            "friends": {
                "calls": "3",
                "after_stop_request": "yes",
                "borrower_unreachable": "unsure",
            },
            "minor": {"messages": "2"},
            "colleagues": {"other_channels": ["visit_work"], "disclosed_debt": "unsure"},
        },
        "tactics": ["fake_legal_documents", "false_consequences", "push_new_loan"],
        "date": "2024-06-30",
        "rate": "30",
    },
]


def api_request(story):
    """The API request a tool would send for the same story."""
    events = []
    targets = get_knowledge().vocabulary.targets
    for target, details in story.get("targets", {}).items():
        # Asked once for the person: one group, and a blank or "not sure" is not known.
        flags = {
            question.code: {"yes": True, "no": False}.get(details.get(question.code))
            for question in get_knowledge().vocabulary.event_questions
            if question.asked_about(targets[target])
        }
        flags["group"] = targets.position(target) + 1
        if details.get("time_of_day"):
            flags["time_of_day"] = details["time_of_day"]
        for field, channel in (("calls", "call"), ("texts", "sms"), ("messages", "im")):
            if int(details.get(field) or 0):
                events.append(
                    {
                        "target": target,
                        "channel": channel,
                        "times_per_day": int(details[field]),
                        **flags,
                    }
                )
        for channel in details.get("other_channels", []):
            events.append({"target": target, "channel": channel, **flags})
    body = {
        "lender_type": story["lender_type"],
        "conduct_date": story["date"],
        "events": events,
        "tactics": story.get("tactics", []),
        "continued_after_intervention": story.get("continued") == "yes",
    }
    if story.get("rate"):
        body["annual_rate_percent"] = float(story["rate"])
    return body


@pytest.mark.parametrize(
    "story", SPREAD, ids=["bank", "nothing", "emergency", "microlender", "loan-shark", "platform"]
)
@pytest.mark.parametrize("prefix", ["", "/en"], ids=["zh", "en"])
def test_results_page_matches_the_api_for_the_same_story(story, prefix):
    client = Client()
    walk(client, story, prefix=prefix)
    page_codes, html = results_codes(client, prefix=prefix)
    lang = "en" if prefix else "zh-hans"
    api = (
        Client()
        .post(
            "/api/v1/assess?lang=%s" % lang,
            json.dumps(api_request(story)),
            content_type="application/json",
        )
        .json()
    )
    found = [(f["code"], f["severity"], bool(f["depends_on"])) for f in api["findings"]]
    shown = (
        [c[:2] for c in found if c[1] != "lawful" and not c[2]]
        + [c[:2] for c in found if c[1] == "lawful" and not c[2]]
        + [c[:2] for c in found if c[2]]
    )
    assert page_codes == shown
    assert re.findall(r'data-channel="(\w+)"', html) == [c["code"] for c in api["channels"]]
    assert api["summary"] in html.replace("&#x27;", "'")


def visible_text(html_source: str) -> str:
    """What a reader sees: tags removed, entities decoded once."""
    return html.unescape(
        re.sub(
            r"<[^>]+>", " ", re.sub(r"<(script|style)[^>]*>.*?</\1>", "", html_source, flags=re.S)
        )
    )


@pytest.mark.parametrize("prefix", ["", "/en"])
def test_no_label_or_hint_is_escaped_twice_and_the_review_shows_bare_labels(client, prefix):
    walk(client, {**STORY, "targets": {"family": {"calls": "2"}}}, prefix=prefix)
    pages = [client.get(prefix + "/interview/review/").content.decode()]
    for slug in ("lender", "contacts", "contact-family", "tactics", "when", "cost"):
        pages.append(client.get("%s/interview/%s/" % (prefix, slug)).content.decode())
    for page in pages:
        text = visible_text(page)
        assert not re.search(r"&(#x?[0-9a-fA-F]+|amp|quot|lt|gt);", text), text[:300]
    review = visible_text(pages[0])
    if prefix:
        assert "A bank, or a credit card" in review
        assert "Weilidai" not in review  # the example under the option is help, not an answer
        assert "bank's" in visible_text(pages[1])
    else:
        assert "银行或信用卡" in review
        assert "微粒贷" not in review


def test_what_to_do_next_comes_first_and_is_in_the_jump_links(client):
    walk(client, STORY)
    html_source = client.get("/results/").content.decode()
    nav = html_source.split('class="results-nav')[1].split("</nav>")[0]
    assert 'href="#next-steps"' in nav
    next_steps = html_source.index('id="next-steps"')
    assert next_steps < html_source.index('id="findings-heading"')
    letters = html_source[next_steps:].split("</section>")[0]
    assert '/letters/lender/"' in letters and '/letters/police/"' in letters
    assert "首先向这里投诉" in letters


def test_when_everything_is_lawful_no_complaint_letter_is_offered(client):
    walk(
        client,
        {
            "lender_type": "bank",
            "targets": {"borrower": {"calls": "2", "at_night": "no", "after_stop_request": "no"}},
            "tactics": ["lawsuit_notice"],
            "date": "2026-05-02",
        },
    )
    html_source = client.get("/results/").content.decode()
    assert "看起来是合法的催收" in html_source
    # Offered (a button): the letters that set terms and the data request, no complaint. A
    # complaint is named only as what to send if a letter that sets terms gets no answer.
    offered = 'class="btn btn-outline-primary" href="/letters/%s/"'
    for kind in ("lender", "regulator", "police"):
        assert offered % kind not in html_source
    for kind in ("debt_details", "contact_terms", "repayment_plan", "pi_request"):
        assert offered % kind in html_source
    assert "不需要投诉。下面这些信仍然可能有用" in html_source
    assert 'id="findings-heading"' not in html_source


def test_only_calls_ask_how_many_were_answered_right_after_the_count(client):
    post_step(client, "lender", {"lender_type": "microlender"}, prefix="/en")
    post_step(client, "contacts", {"targets": ["borrower"]}, prefix="/en")
    page = client.get("/en/interview/contact-borrower/").content.decode()
    assert page.count('name="answered_') == 1
    calls, answered, texts = (
        page.index('name="%s"' % n) for n in ("calls", "answered_calls", "texts")
    )
    assert calls < answered < texts
    assert "How many of those calls were answered?" in page


def test_answered_calls_reach_the_request_and_empty_means_not_known(client):
    walk(client, {**STORY, "targets": {"borrower": {"calls": "8", "answered_calls": "1"}}})
    events = request_from_answers(Case.objects.get().data["answers"])["events"]
    assert events == [
        {
            "target": "borrower",
            "channel": "call",
            "times_per_day": 8,
            "answered_per_day": 1,
            "at_night": None,  # left blank: not known, never "no"
            "after_stop_request": None,
            "group": 1,
        }
    ]
    post_step(client, "contact-borrower", {"calls": "8", "answered_calls": ""}, review=True)
    events = request_from_answers(Case.objects.get().data["answers"])["events"]
    assert "answered_per_day" not in events[0]


@pytest.mark.parametrize(
    ("answered", "message"),
    [("9", "At most 8: no more calls can have been answered"), ("-1", "between 0 and 1000")],
)
def test_more_answered_calls_than_calls_is_explained_next_to_the_answered_field(
    client, answered, message
):
    post_step(client, "lender", {"lender_type": "microlender"}, prefix="/en")
    post_step(client, "contacts", {"targets": ["borrower"]}, prefix="/en")
    response = post_step(
        client,
        "contact-borrower",
        {"calls": "8", "answered_calls": answered, "at_night": "yes"},
        prefix="/en",
    )
    assert response.status_code == 200
    html = response.content.decode()
    assert message in html
    assert 'href="#id_answered_calls"' in html
    answered_input = re.search(r'<input[^>]*name="answered_calls"[^>]*>', html).group(0)
    calls_input = re.search(r'<input[^>]*name="calls"[^>]*>', html).group(0)
    assert "is-invalid" in answered_input and 'value="%s"' % answered in answered_input
    assert "is-invalid" not in calls_input and 'value="8"' in calls_input
    assert re.search(r'name="at_night" value="yes"[^>]*checked', html)


def test_a_date_typed_with_full_width_digits_is_read_as_the_same_date(client):
    post_step(client, "lender", {"lender_type": "bank"})
    post_step(client, "contacts", {"targets": []})
    post_step(client, "tactics", {"tactics": ["insults"]})
    response = post_step(client, "when", {"conduct_date": "２０２６/３/１５"})
    assert response.status_code == 302, response.content.decode()[:2000]
    assert Case.objects.get().data["answers"]["when"]["conduct_date"] == "2026-03-15"
