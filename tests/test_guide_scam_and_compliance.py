"""Issue 25: the guide's warning about paid "debt relief" agents and its page for lenders.

The scam warning must be found where people are deciding how to repay (the
results page's "Your debt is still owed", a third party's results, the
repayment-plan letter's choices) and by the words the agents advertise with;
the page for lenders must be found by collection teams, and its API example
(also in docs/api.md) must stay what the engine answers.
"""

from __future__ import annotations

import json
import re
from pathlib import Path

import pytest

from tests.factories import STORY, walk
from tests.test_guide_search import found
from tests.test_third_party_pages import answer

pytestmark = pytest.mark.django_db

SCAM = "debt-rescue-agents"
LENDERS = "compliant-collection"
PREFIX = {"zh-hans": "", "en": "/en"}
WARNING = {
    "zh-hans": "先收费、声称能“停止催收”“停息挂账”的代理是常见骗局",
    "en": "Agents who charge up front to “stop the collection” or “freeze the interest” are a known scam",
}
DOCS = Path(__file__).resolve().parent.parent / "docs" / "api.md"


def link(slug: str, language: str) -> str:
    return 'href="%s/guide/%s/"' % (PREFIX[language], slug)


@pytest.mark.parametrize("language", ["zh-hans", "en"])
def test_the_results_debt_section_warns_of_paid_agents_and_links_both_topics(client, language):
    walk(client, STORY, prefix=PREFIX[language])
    html = client.get(PREFIX[language] + "/results/").content.decode()
    debt = html.split('id="debt"')[1].split("</section>")[0]
    assert WARNING[language] in debt
    assert link(SCAM, language) in debt
    assert link(LENDERS, language) in html


@pytest.mark.parametrize("language", ["zh-hans", "en"])
def test_a_third_partys_results_and_the_repayment_choices_link_the_warning(client, language):
    answer(client, prefix=PREFIX[language])
    html = client.get(PREFIX[language] + "/called/results/").content.decode()
    owes = html.split('id="owes-heading"')[1].split("</section>")[0]
    assert WARNING[language] in owes and link(SCAM, language) in owes
    assert link(LENDERS, language) in html

    walk(client, STORY, prefix=PREFIX[language])
    choices = client.get(PREFIX[language] + "/letters/repayment_plan/choices/")
    assert choices.status_code == 200
    assert link(SCAM, language) in choices.content.decode()
    other = client.get(PREFIX[language] + "/letters/contact_terms/choices/").content.decode()
    assert link(SCAM, language) not in other  # only where repayment is being decided


@pytest.mark.parametrize(
    ("query", "language", "slug"),
    [
        ("反催收", "zh-hans", SCAM),
        ("代理维权", "zh-hans", SCAM),
        ("债务优化", "zh-hans", SCAM),
        ("征信修复", "zh-hans", SCAM),
        ("debt relief agent", "en", SCAM),
        ("合规催收", "zh-hans", LENDERS),
        ("催收公司", "zh-hans", LENDERS),
        ("collection agency", "en", LENDERS),
    ],
)
def test_the_search_finds_them_first_by_the_words_people_use(client, query, language, slug):
    assert found(client, query, language)[0] == slug


def test_an_interest_freeze_search_shows_the_warning_beside_the_real_way(client):
    results = found(client, "停息挂账")
    assert {SCAM, "repayment-plan"} <= set(results)


def test_both_topics_are_in_the_sitemap(client):
    sitemap = client.get("/sitemap.xml").content.decode()
    for slug in (SCAM, LENDERS):
        assert "/guide/%s/</loc>" % slug in sitemap
        assert "/en/guide/%s/" % slug in sitemap


def _docs_example() -> dict:
    section = DOCS.read_text(encoding="utf-8").split("### Checking a contact plan")[1]
    return json.loads(re.search(r"```json\n(.*?)```", section, re.S).group(1))


def _assess(client, body: dict) -> dict:
    response = client.post(
        "/api/v1/assess?lang=en", data=json.dumps(body), content_type="application/json"
    )
    assert response.status_code == 200
    return response.json()


def test_the_documented_contact_plan_is_lawful_and_its_variant_is_not(client):
    plan = _docs_example()
    answer_ = _assess(client, plan)
    assert answer_["overall"] == "lawful"
    assert {f["code"] for f in answer_["findings"]} == {
        "CONTACT__BORROWER_REMINDER",
        "CONTACT__EMERGENCY_CONTACT_TO_LOCATE",
    }
    plan["events"][0].update(times_per_day=6, answered_per_day=4, time_of_day="22:30")
    plan["events"][1].update(disclosed_debt=True)
    worse = _assess(client, plan)
    assert worse["overall"] == "unlawful"
    assert {
        "CONTACT__THIRD_PARTY_DISCLOSURE",
        "CONTACT__BORROWER_CALLS_OVER_LIMIT",
        "CONTACT__NIGHT_HOURS",
    } <= {f["code"] for f in worse["findings"]}


@pytest.mark.parametrize("language", ["zh-hans", "en"])
def test_the_lenders_page_shows_the_same_request_as_the_docs(client, language):
    html = client.get("%s/guide/%s/" % (PREFIX[language], LENDERS)).content.decode()
    shown = re.search(r'<pre class="api-example"><code>.*?\n\n(.*?)</code></pre>', html, re.S)
    assert json.loads(shown.group(1).replace("&quot;", '"')) == _docs_example()
    assert 'class="verdicts"' in html


@pytest.mark.parametrize("language", ["zh-hans", "en"])
def test_the_repayment_topic_warns_of_paid_agents_in_what_to_do(client, language):
    html = client.get("%s/guide/repayment-plan/" % PREFIX[language]).content.decode()
    todo = html.split('id="todo-heading"')[1].split("</section>")[0]
    assert link(SCAM, language) in todo
