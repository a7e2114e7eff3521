"""A borrower goes from the home page to results on a phone, in both languages, with and without JavaScript.

Every page on the way is checked with axe (WCAG 2.2 A/AA), for sideways
scrolling at 360 px, and for requests leaving our origin. With
SCREENSHOTS_DIR set, the home page, one step and the results are saved as
PNGs (docs/screenshots/ holds the committed ones).
"""

import os
from pathlib import Path

import pytest

from tests.e2e.conftest import check_accessibility, check_fits_width

TEXT = {
    "zh-hans": {
        "start": "开始",
        "next": "下一步",
        "bank": "银行或信用卡",
        "me": "我本人",
        "family": "其他家人",
        "told": "他们有没有把您欠款的事告诉对方？",
        "insults": "辱骂、侮辱",
        "results": "查看结果",
        "summary": "看起来违法",
        "change": "修改",
        "microloan": "小额贷款公司",
        "regulator": "省级地方金融管理部门",
    },
    "en": {
        "start": "Start",
        "next": "Next",
        "bank": "A bank, or a credit card",
        "me": "Me",
        "family": "Other family members",
        "told": "Did they tell them about your debt?",
        "insults": "Insults or abuse",
        "results": "See my results",
        "summary": "look unlawful",
        "change": "Change",
        "microloan": "A microloan company",
        "regulator": "Provincial local financial regulator",
    },
}


def checked(bp, shot=None):
    check_fits_width(bp)
    check_accessibility(bp)
    assert bp.foreign_requests() == []
    folder = os.environ.get("SCREENSHOTS_DIR")
    if folder and shot:
        Path(folder).mkdir(parents=True, exist_ok=True)
        bp.page.screenshot(path=str(Path(folder) / shot), full_page=True)


def click_next(bp, t):
    bp.page.get_by_role("button", name=t["next"]).click()
    bp.page.wait_for_load_state()


@pytest.mark.parametrize("javascript", [True, False], ids=["js", "nojs"])
@pytest.mark.parametrize("language", ["zh-hans", "en"])
def test_home_to_results_on_a_phone(open_page, language, javascript):
    t = TEXT[language]
    prefix = "/en" if language == "en" else ""
    bp = open_page(viewport="phone", javascript=javascript)
    page = bp.page
    bp.goto(prefix + "/")
    shots = javascript and language == "zh-hans"
    checked(bp, "home-360.png" if shots else None)
    page.get_by_role("link", name=t["start"]).click()

    # Who is collecting.
    page.get_by_label(t["bank"]).check()
    checked(bp, "step-lender-360.png" if shots else None)
    click_next(bp, t)

    # A bank: a credit card or a loan ("not sure" is already chosen).
    assert page.locator("input[name=product][value=unsure]").is_checked()
    page.locator("input[name=product][value=loan]").check()
    checked(bp)
    click_next(bp, t)

    # Whom they contacted.
    page.get_by_label(t["me"], exact=True).check()
    page.get_by_label(t["family"]).check()
    checked(bp)
    click_next(bp, t)

    # How they contacted the borrower: an empty page gets a clear error first,
    # summarised where the page starts, linked to the field, and (with
    # JavaScript) focused so it is read out.
    click_next(bp, t)
    assert page.locator("#error-summary li").count() == 1
    assert page.locator("#error-summary a").get_attribute("href") == "#id_calls"
    if javascript:
        assert page.evaluate("document.activeElement.id") == "error-summary"
    assert page.url.endswith("#error-summary")
    checked(bp)
    page.locator("#id_calls").fill("5")
    page.locator("#id_answered_calls").fill("2")
    click_next(bp, t)

    # Family: the debt was revealed.
    page.locator("#id_calls").fill("2")
    page.get_by_role("group", name=t["told"]).get_by_label(
        "是" if language == "zh-hans" else "Yes", exact=True
    ).check()
    checked(bp)
    click_next(bp, t)

    # What they said or did.
    page.get_by_label(t["insults"]).check()
    checked(bp)
    click_next(bp, t)

    # Insults call for one more question: were they public? (issue 21, G-08)
    page.locator("input[name=insult_public][value=no]").check()
    checked(bp)
    click_next(bp, t)

    page.locator("#id_conduct_date").fill("2026-03-02")
    checked(bp)
    click_next(bp, t)
    checked(bp)
    click_next(bp, t)

    # Review, then change the lender without losing anything else.
    assert page.get_by_role("heading", level=1).count() == 1
    checked(bp)
    page.locator('a[href*="/interview/lender/?review=1"]').click()
    page.get_by_label(t["microloan"]).check()
    page.locator("button[value=next]").click()
    page.wait_for_load_state()
    page.get_by_role("link", name=t["results"]).click()
    page.wait_for_load_state()

    assert t["summary"] in page.locator(".results-summary").inner_text()
    assert page.locator("[data-finding-code=CONTACT__THIRD_PARTY_DISCLOSURE]").count() == 1
    assert page.locator("[data-finding-code=TACTIC__INSULTS]").count() == 1
    assert t["regulator"] in page.locator("#where").locator("..").inner_text()
    checked(bp, "results-360.png" if shots else None)
    # The legal basis opens without JavaScript (a native disclosure).
    page.locator("details.legal-basis summary").first.click()
    assert page.locator("details.legal-basis[open]").count() == 1
    check_accessibility(bp)
    print_button = page.locator(".js-print")
    assert print_button.is_visible() == javascript


@pytest.mark.parametrize("language", ["zh-hans", "en"])
def test_results_page_at_desktop_width(open_page, language):
    prefix = "/en" if language == "en" else ""
    bp = open_page(viewport="desktop", javascript=True)
    page = bp.page
    bp.goto(prefix + "/interview/lender/")
    page.locator("input[value=private_lender]").check()
    page.locator("button[value=next]").click()
    page.locator("input[value=borrower]").check()
    page.locator("button[value=next]").click()
    page.locator("#id_calls").fill("30")
    page.locator("input[name=other_channels][value=visit_home]").check()
    page.locator("button[value=next]").click()
    page.locator("input[value=refused_to_leave]").check()
    page.locator("input[value=threat_violence]").check()
    page.locator("button[value=next]").click()
    # At home: inside, or at the door? (issue 21, G-10)
    page.locator("input[name=came_inside][value=yes]").check()
    page.locator("button[value=next]").click()
    page.locator("#id_conduct_date").fill("2025-12-20")
    page.locator("button[value=next]").click()
    page.locator("#id_annual_rate_percent").fill("48")
    page.locator("button[value=next]").click()
    # A private lender's rate: the day the loan was made decides the limit.
    page.locator("#id_contract_date").fill("2025-06-01")
    check_accessibility(bp)
    page.locator("button[value=next]").click()
    check_accessibility(bp)
    page.locator("a[href$='/results/']").last.click()
    page.wait_for_load_state()
    assert page.locator("[data-severity=criminal]").count() >= 2
    assert page.locator("[data-channel]").first.get_attribute("data-channel") == "police"
    check_fits_width(bp)
    check_accessibility(bp)
    assert bp.foreign_requests() == []


@pytest.mark.parametrize("language", ["zh-hans", "en"])
def test_an_app_borrower_is_asked_about_the_funder_and_the_contract_date_without_javascript(
    open_page, language
):
    prefix = "/en" if language == "en" else ""
    bp = open_page(viewport="phone", javascript=False)
    page = bp.page
    bp.goto(prefix + "/interview/lender/")
    page.locator("input[value=lending_platform]").check()
    page.locator("button[value=next]").click()
    # Where the contract or the app names the funder; "I don't know" is already chosen.
    assert page.locator("input[name=licensed][value=unsure]").is_checked()
    assert "资金方" in page.locator("main").inner_text()
    checked(bp)
    page.locator("input[name=licensed][value=no]").check()
    page.locator("button[value=next]").click()
    page.locator("button[value=next]").click()  # nobody else contacted
    page.locator("button[value=next]").click()  # nothing said or done
    page.locator("#id_conduct_date").fill("2026-03-02")
    page.locator("button[value=next]").click()
    page.locator("#id_annual_rate_percent").fill("14")
    page.locator("button[value=next]").click()
    # A date after the collection is explained next to the field, and linked from the top.
    page.locator("#id_contract_date").fill("2026-05-01")
    page.locator("button[value=next]").click()
    assert page.locator("#error-summary a").get_attribute("href") == "#id_contract_date"
    assert page.locator("#id_contract_date").input_value() == "2026-05-01"
    checked(bp)
    page.locator("#id_contract_date").fill("")
    page.locator("input[name=contract_date_unknown]").check()
    page.locator("button[value=next]").click()
    assert "/interview/review/" in page.url
    checked(bp)
    page.locator("a[href$='/results/']").last.click()
    page.wait_for_load_state()
    assert page.locator("[data-finding-code^=RATE__]").count() >= 1
    checked(bp)
