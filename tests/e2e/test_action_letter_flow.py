"""From the results to each letter that sets terms, as a PDF: a phone, no JavaScript."""

from urllib.parse import urlsplit

import pytest
from django.utils import timezone, translation

from rights_guide.letters.kinds import KINDS
from rights_guide.letters.kinds.contact_terms import CHANNELS
from tests.e2e.conftest import check_accessibility, check_fits_width
from tests.e2e.test_letter_flow import answer_interview, downloaded_text

NAME = "李堃昇"


def chinese(message) -> str:
    """What the letter sent prints (it is always Chinese), whatever the catalogue holds."""
    with translation.override("zh-hans"):
        return "".join(str(message).split())


def open_offer(bp, kind):
    bp.page.locator(".letters-offer a[href$='/letters/%s/']" % kind).click()
    bp.page.wait_for_load_state()


def check_page(bp):
    check_fits_width(bp)
    check_accessibility(bp)


@pytest.mark.parametrize("language", ["zh-hans", "en"])
def test_results_to_each_letter_that_sets_terms_without_javascript(open_page, language, tmp_path):
    prefix = "/en" if language == "en" else ""
    bp = open_page(viewport="phone", javascript=False)
    page = bp.page
    answer_interview(bp, prefix)
    offered = page.locator(".letters-offer > li > a.btn").evaluate_all(
        "links => links.map(a => a.getAttribute('href'))"
    )
    # A threat to safety was described: the police statement leads, then the letters that set terms.
    assert [urlsplit(href).path.split("/")[-2] for href in offered[:4]] == [
        "police",
        "debt_details",
        "contact_terms",
        "repayment_plan",
    ]
    check_page(bp)

    # Show me the debt: the shared details first (entered once), then the letter.
    open_offer(bp, "debt_details")
    assert urlsplit(page.url).path.endswith("/letters/details/")
    # A cooperative letter, not a complaint: the page asks whom it is to.
    label = page.locator("label[for=id_respondent_name]").inner_text()
    assert label.startswith("这封信寄给谁？" if language == "zh-hans" else "Who is this letter to?")
    assert "被投诉" not in page.content() and "complaints" not in page.inner_text("main")
    page.locator("#id_complainant_name").fill(NAME)
    page.locator("#id_respondent_name").fill("某某消费金融有限公司")
    page.locator("button[value=save]").click()
    page.wait_for_load_state()
    assert urlsplit(page.url).path.endswith("/letters/debt_details/preview/")
    check_page(bp)
    text = downloaded_text(page, tmp_path, "debt.pdf")
    assert NAME in text and chinese(KINDS["debt_details"].letter_title) in "".join(text.split())

    # Contact me only like this: its own choices, a mistake, then the letter.
    bp.goto(prefix + "/results/")
    open_offer(bp, "contact_terms")
    assert urlsplit(page.url).path.endswith("/letters/contact_terms/choices/")
    check_page(bp)
    page.locator("input[name=channels][value=sms]").check()
    page.locator("input[name=channels][value=post]").check()
    page.locator("#id_hours_from").fill("10:00")
    page.locator("#id_hours_to").fill("09:30")  # before the start: refused, kept
    page.locator("input[name=never_contact][value=everyone]").check()
    page.locator("input[name=never_contact][value=employer]").check()
    page.locator("#id_never_contact_names").fill("张三")
    page.locator("button[value=save]").click()
    page.wait_for_load_state()
    assert page.locator("#error-summary li").count() == 1
    assert page.locator("#id_never_contact_names").input_value() == "张三"
    assert page.locator("input[name=channels][value=post]").is_checked()
    check_page(bp)
    page.locator("#id_hours_to").fill("19:30")
    page.locator("button[value=save]").click()
    page.wait_for_load_state()
    assert urlsplit(page.url).path.endswith("/letters/contact_terms/preview/")
    check_page(bp)
    text = "".join(downloaded_text(page, tmp_path, "contact.pdf").split())
    letter_words = {option.code: chinese(option.letter) for option in CHANNELS}
    assert letter_words["sms"] in text and letter_words["post"] in text
    assert "10:00" in text and "19:30" in text

    # Here is what I can pay.
    bp.goto(prefix + "/results/")
    open_offer(bp, "repayment_plan")
    assert urlsplit(page.url).path.endswith("/letters/repayment_plan/choices/")
    page.locator("input[name=situation][value=income_drop]").check()
    page.locator("#id_situation_text").fill("店里生意不好，收入少了一半。")
    page.locator("#id_monthly_yuan").fill("800")
    page.locator("#id_start").fill("2027-01-01")
    page.locator("input[name=asks][value=instalments]").check()
    check_page(bp)
    page.locator("button[value=save]").click()
    page.wait_for_load_state()
    assert urlsplit(page.url).path.endswith("/letters/repayment_plan/preview/")
    check_page(bp)
    text = "".join(downloaded_text(page, tmp_path, "repayment.pdf").split())
    assert "¥800.00" in text and "店里生意不好" in text
    bp.goto(prefix + "/letters/repayment_plan/print/")
    check_page(bp)
    assert bp.foreign_requests() == []


@pytest.mark.parametrize("javascript", [True, False], ids=["js", "nojs"])
def test_the_terms_never_consent_to_night_calls_and_a_plan_states_only_what_was_typed(
    open_page, javascript
):
    bp = open_page(viewport="phone", javascript=javascript)
    page = bp.page
    answer_interview(bp, "")

    # Hours reaching into the night are refused at both ends, with everything kept.
    open_offer(bp, "contact_terms")
    hours_help = page.locator("#id_hours_to_helptext").inner_text()
    assert "22:00" in hours_help and "08:00" in hours_help  # said beside the hours
    page.locator("input[name=channels][value=call]").check()
    page.locator("#id_hours_from").fill("06:00")
    page.locator("#id_hours_to").fill("23:30")
    page.locator("#id_never_contact_names").fill("张三")
    page.locator("button[value=save]").click()
    page.wait_for_load_state()
    assert urlsplit(page.url).path.endswith("/letters/contact_terms/choices/")
    summary = page.locator("#error-summary")
    assert summary.locator("li").count() == 2
    assert "22:00至次日08:00始终受到保护" in summary.inner_text()
    assert page.locator("#id_hours_from").input_value() == "06:00"
    assert page.locator("#id_hours_to").input_value() == "23:30"
    assert page.locator("#id_never_contact_names").input_value() == "张三"
    assert page.locator("input[name=channels][value=call]").is_checked()
    check_page(bp)
    page.locator("#id_hours_from").fill("08:00")
    page.locator("#id_hours_to").fill("22:00")
    page.locator("button[value=save]").click()
    page.wait_for_load_state()
    assert not urlsplit(page.url).path.endswith("/choices/")

    # The repayment plan: an exponent, a third decimal and a past date are refused, not read.
    bp.goto("/results/")
    open_offer(bp, "repayment_plan")
    page.locator("#id_monthly_yuan").fill("1e5")
    page.locator("#id_start").fill("2020-01-01")
    page.locator("button[value=save]").click()
    page.wait_for_load_state()
    assert page.locator("#error-summary li").count() == 2
    assert page.locator("#id_monthly_yuan").input_value() == "1e5"
    assert page.locator("#id_start").input_value() == "2020-01-01"
    page.locator("#id_monthly_yuan").fill("800.555")
    page.locator("#id_start").fill(timezone.localdate().isoformat())  # today is fine
    page.locator("button[value=save]").click()
    page.wait_for_load_state()
    assert page.locator("#error-summary li").count() == 1
    assert "2" in page.locator("#error-summary").inner_text()
    page.locator("#id_monthly_yuan").fill("１２３")  # full-width, as on every other page
    page.locator("button[value=save]").click()
    page.wait_for_load_state()
    assert not urlsplit(page.url).path.endswith("/choices/")
    bp.goto("/letters/repayment_plan/choices/")
    assert page.locator("#id_monthly_yuan").input_value() == "123"
