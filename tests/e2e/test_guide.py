"""The guide in a real browser: a phone at 360 px without JavaScript, axe, our origin only, no CSP breach.

The topic page carries FAQ structured data in a JSON block; the browser
must not treat it as a script the Content-Security-Policy forbids, so the
console is watched for any CSP report. The search box works as a plain
form, and the check's button opens the interview with the family ticked.
"""

import pytest

from rights_guide.guide.registry import get_registry
from tests.e2e.conftest import check_accessibility, check_fits_width

GUIDE_PAGES = [
    ("index", "/guide/", "/en/guide/"),
    ("family", "/guide/family/", "/en/guide/family/"),
    ("emergency_contact", "/guide/emergency-contact/", "/en/guide/emergency-contact/"),
    ("contact_list", "/guide/contact-list/", "/en/guide/contact-list/"),
    ("calls_and_hours", "/guide/calls-and-hours/", "/en/guide/calls-and-hours/"),
    ("repayment_plan", "/guide/repayment-plan/", "/en/guide/repayment-plan/"),
    ("complaints", "/guide/complaints/", "/en/guide/complaints/"),
    ("personal_information", "/guide/personal-information/", "/en/guide/personal-information/"),
    ("evidence", "/guide/evidence/", "/en/guide/evidence/"),
    ("visits", "/guide/visits/", "/en/guide/visits/"),
    ("fake_authorities", "/guide/fake-authorities/", "/en/guide/fake-authorities/"),
    ("interest_limits", "/guide/interest-limits/", "/en/guide/interest-limits/"),
    ("consequences", "/guide/consequences/", "/en/guide/consequences/"),
    ("debt_rescue_agents", "/guide/debt-rescue-agents/", "/en/guide/debt-rescue-agents/"),
    ("compliant_collection", "/guide/compliant-collection/", "/en/guide/compliant-collection/"),
]
LANGUAGES = {"zh-hans": 1, "en": 2}


def watch_console(bp) -> list[str]:
    messages: list[str] = []
    bp.page.on("console", lambda message: messages.append(message.text))
    bp.page.on("pageerror", lambda error: messages.append(str(error)))
    return messages


@pytest.mark.parametrize("language", LANGUAGES)
@pytest.mark.parametrize("spec", GUIDE_PAGES, ids=[name for name, *_ in GUIDE_PAGES])
def test_guide_pages_on_a_phone_without_javascript(open_page, spec, language):
    bp = open_page(viewport="phone", javascript=False)
    console = watch_console(bp)
    bp.goto(spec[LANGUAGES[language]])
    assert bp.page.locator("html").get_attribute("lang") == language
    assert bp.page.locator("h1").count() == 1
    check_fits_width(bp)
    check_accessibility(bp)
    assert bp.foreign_requests() == []
    assert not [m for m in console if "Content Security Policy" in m], console


@pytest.mark.parametrize("language", LANGUAGES)
def test_the_family_topic_with_javascript_breaks_no_policy(open_page, language):
    bp = open_page(viewport="phone", javascript=True)
    console = watch_console(bp)
    bp.goto(GUIDE_PAGES[1][LANGUAGES[language]])
    assert bp.page.locator('script[type="application/ld+json"]').count() == 1
    check_accessibility(bp)
    assert bp.foreign_requests() == []
    assert not [m for m in console if "Content Security Policy" in m or "Refused" in m], console


def test_searching_and_starting_the_check_from_the_family_topic(open_page):
    bp = open_page(viewport="phone", javascript=False)
    bp.goto("/guide/")
    bp.page.locator("#guide-q").fill("联系家人")
    bp.page.locator('form[role="search"] button[type="submit"]').click()
    bp.page.wait_for_url("**/guide/search/?q=*")
    check_accessibility(bp)
    bp.page.locator('li[data-topic="family"] a').click()
    bp.page.wait_for_url("**/guide/family/")
    bp.page.locator(".guide-actions a.btn-primary").first.click()
    bp.page.wait_for_url("**/interview/lender/")
    bp.goto("/interview/contacts/")
    assert bp.page.locator('input[value="family"]').is_checked()
    assert not bp.page.locator('input[value="friends"]').is_checked()
    assert bp.foreign_requests() == []


def test_the_language_link_keeps_the_topic(open_page):
    bp = open_page(viewport="phone", javascript=False)
    bp.goto("/guide/contact-list/")
    bp.page.get_by_role("link", name="Switch to English").click()
    bp.page.wait_for_url(bp.base_url + "/en/guide/contact-list/")
    assert bp.page.locator("html").get_attribute("lang") == "en"


TWO_SCREENS = 2 * 780  # a phone of 360 × 780 px, scrolled once


@pytest.mark.parametrize("language", LANGUAGES)
def test_every_topic_puts_its_answer_contents_and_what_to_do_within_two_screens(
    open_page, language
):
    """A frightened reader on a phone sees the answer, the contents and what to do without digging.

    Every registered topic, in both languages: the short answer starts on the
    first screen, and the contents list and the "what to do now" heading
    start within two screens of 780 px at 360 px wide. Every contents link
    leads to an element of the page.
    """
    bp = open_page(viewport="phone", javascript=True)
    bp.page.set_viewport_size({"width": 360, "height": 780})
    prefix = "" if language == "zh-hans" else "/en"
    for topic in get_registry().topics:
        bp.goto("%s/guide/%s/" % (prefix, topic.slug))
        tops = bp.page.evaluate(
            """() => Object.fromEntries(["lead-heading", "contents-heading", "todo-heading"].map(
                id => [id, document.getElementById(id)?.getBoundingClientRect().top ?? null]))"""
        )
        assert None not in tops.values(), (topic.slug, tops)
        assert tops["lead-heading"] < 780, (topic.slug, tops)
        assert tops["contents-heading"] < TWO_SCREENS, (topic.slug, tops)
        assert tops["todo-heading"] < TWO_SCREENS, (topic.slug, tops)
        links = bp.page.locator(".guide-contents a")
        assert links.count() >= 5, topic.slug
        targets = [
            href.removeprefix("#")
            for href in links.evaluate_all("l => l.map(a => a.getAttribute('href'))")
        ]
        assert "todo-heading" in targets, topic.slug
        missing = bp.page.evaluate(
            "ids => ids.filter(id => !id || document.getElementById(id) === null)", targets
        )
        assert missing == [], (topic.slug, missing)


@pytest.mark.parametrize(
    ("language", "query"), [("zh-hans", "我不是借款人"), ("en", "I'm not the borrower")]
)
def test_searching_as_someone_called_about_anothers_debt_leads_to_their_interview(
    open_page, language, query
):
    bp = open_page(viewport="phone", javascript=False)
    prefix = "" if language == "zh-hans" else "/en"
    bp.goto(prefix + "/guide/search/?q=")
    assert bp.page.locator(".guide-search-empty").is_visible()
    bp.page.locator("#guide-q").fill(query)
    bp.page.locator('form[role="search"] button[type="submit"]').click()
    bp.page.wait_for_url("**/guide/search/?q=*")
    check_fits_width(bp)
    check_accessibility(bp)
    bp.page.locator('li[data-tool="third_party_start"] a').click()
    bp.page.wait_for_url("**%s/called/**" % prefix)
    assert bp.foreign_requests() == []
