"""The walk's C1 and H1 in a real browser: a letter states each answer once, and nothing unanswered.

A borrower gives calls, texts and a home visit with one latest time, at
night, after asking them to stop; their family was called and "could they
reach you directly?" is left blank. The results keep that finding apart, as
depending on the blank answer, and the PDF states the time, the night and
the stop request once, and never that they could reach the borrower.
"""

import pytest

from tests.e2e.conftest import check_accessibility, check_fits_width
from tests.e2e.test_letter_flow import downloaded_text, fill_details


def interview(bp, prefix):
    page = bp.page
    bp.goto(prefix + "/interview/lender/")
    page.locator("input[value=consumer_finance]").check()
    page.locator("button[value=next]").click()
    page.locator("input[value=borrower]").check()
    page.locator("input[value=family]").check()
    page.locator("button[value=next]").click()
    page.locator("#id_calls").fill("2")
    page.locator("#id_texts").fill("1")
    page.locator("input[name=other_channels][value=visit_home]").check()
    page.locator("#id_time_of_day").fill("23:30")
    page.locator("input[name=at_night][value=yes]").check()
    page.locator("input[name=after_stop_request][value=yes]").check()
    page.locator("button[value=next]").click()
    page.locator("#id_calls").fill("3")  # the family page: reachability left blank
    page.locator("button[value=next]").click()
    while "/interview/when/" not in page.url:
        page.locator("button[value=next]").click()
    page.locator("#id_conduct_date").fill("2026-10-15")
    page.locator("button[value=next]").click()
    while "/review/" not in page.url:
        page.locator("button[value=next]").click()
    page.locator("a[href$='/results/']").last.click()
    page.wait_for_load_state()


@pytest.mark.parametrize("javascript", [True, False], ids=["js", "nojs"])
@pytest.mark.parametrize("language", ["zh-hans", "en"])
def test_the_signed_letter_states_only_what_was_answered(open_page, language, javascript, tmp_path):
    prefix = "/en" if language == "en" else ""
    bp = open_page(viewport="phone", javascript=javascript)
    page = bp.page
    interview(bp, prefix)
    depends = page.locator("#depends-heading").locator("xpath=..")
    assert depends.locator("[data-finding-code=CONTACT__THIRD_PARTY_WHILE_REACHABLE]").count() == 1
    findings = page.locator("#findings-heading").locator("xpath=..")
    assert findings.locator("[data-finding-code=CONTACT__THIRD_PARTY_WHILE_REACHABLE]").count() == 0
    check_fits_width(bp)
    check_accessibility(bp)
    page.locator(".letters-offer a.btn[href$='/letters/lender/']").click()
    page.wait_for_load_state()
    fill_details(page, "王小明", "13912345678", "某某消费金融有限公司")
    text = "".join(downloaded_text(page, tmp_path, "letter.pdf").split())
    assert text.count("23:30") == 1
    assert text.count("要求停止后") == 1
    assert "对方给我本人发短信。其中一次是在23:30" not in text
    # The time is said of the person's contacts as a whole, not of the visit named last.
    assert "以上对我本人的联系中，有一次是在23:30" in text
    assert "上门找我本人。其中" not in text
    assert "能够直接联系到我本人" not in text
    assert "对方到家中上门找我本人" in text
