"""The law under a finding is introduced by what it means for the reader.

A frightened borrower whose collector only reminded them lawfully must not
read "违反的规定" (rules broken) above the Civil Code's duty to repay, as if
they had broken the law; nor see internal review notes, or titles wrapped
in 《》 twice.
"""

import re

import pytest

from tests.e2e.conftest import check_accessibility

TEXT = {
    "zh-hans": {"lawful": "合法依据", "broken": "违反的规定"},
    "en": {"lawful": "Why this is lawful", "broken": "Rules broken"},
}
INTERNAL = re.compile(r"工作单(?!位)|issue \d+", re.IGNORECASE)


def answer(page, prefix, *, night: str, tactics: list[str]):
    """A consumer-finance borrower called twice, at night or not, with these tactics."""
    page.goto(page.url.split("/interview/")[0].rsplit("/en", 1)[0] + prefix + "/interview/lender/")
    page.locator("input[value=consumer_finance]").check()
    page.locator("button[value=next]").click()
    page.locator("input[name=targets][value=borrower]").check()
    page.locator("button[value=next]").click()
    page.locator("#id_calls").fill("2")
    page.locator("input[name=at_night][value=%s]" % night).check()
    page.locator("button[value=next]").click()
    for tactic in tactics:
        page.locator("input[name=tactics][value=%s]" % tactic).check()
    page.locator("button[value=next]").click()
    page.locator("#id_conduct_date").fill("2026-04-02")
    page.locator("button[value=next]").click()
    page.locator("button[value=next]").click()  # the loan's cost: optional, left blank
    assert "/interview/review/" in page.url, (page.url, page.locator("main").inner_text()[:600])
    page.locator("a[href$='/results/']").last.click()
    page.wait_for_load_state()
    assert page.url.endswith("/results/"), page.url


def leads(card) -> list[str]:
    return [h.strip() for h in card.locator("h4.citation-role").all_text_contents()]


@pytest.mark.parametrize("language", ["zh-hans", "en"])
def test_a_lawful_reminder_shows_why_it_is_lawful_not_rules_broken(open_page, language):
    t = TEXT[language]
    prefix = "/en" if language == "en" else ""
    bp = open_page(viewport="phone", javascript=False)
    bp.goto(prefix + "/")
    answer(bp.page, prefix, night="no", tactics=["lawsuit_notice"])
    cards = bp.page.locator("article.finding[data-severity=lawful]")
    assert cards.count() >= 1
    for index in range(cards.count()):
        card = cards.nth(index)
        assert t["broken"] not in leads(card)
        if card.locator("h4.citation-role").count():
            assert leads(card)[0] == t["lawful"]
    reminder = cards.first
    reminder.locator("details.legal-basis summary").click()  # as a reader opens it
    basis = reminder.locator("details.legal-basis").inner_text()
    assert basis.splitlines()[1].strip() == t["lawful"]
    assert reminder.locator("[data-provision=civil_code_675]").is_visible()
    main = bp.page.locator("main").text_content()
    assert not INTERNAL.search(main)
    check_accessibility(bp)


def test_rules_broken_lead_only_breaches_and_titles_are_marked_once(open_page):
    bp = open_page(viewport="phone", javascript=False)
    bp.goto("/")
    answer(bp.page, "", night="yes", tactics=["threat_violence"])
    page = bp.page
    for card in page.locator("article.finding").all():
        severity = card.get_attribute("data-severity")
        card_leads = leads(card)
        if severity in ("lawful", "grey"):
            assert "违反的规定" not in card_leads
    night = page.locator("article.finding[data-severity=breach]")
    assert night.count() and "违反的规定" in leads(night.first)
    refs = page.locator(".citation-ref").all_text_contents()
    assert refs and not [ref for ref in refs if re.search("《[^》]*《", ref)]
    assert any("GB/T" in ref for ref in refs)
