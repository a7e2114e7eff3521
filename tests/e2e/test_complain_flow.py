"""Complaining to 12378 by phone or online, at 360 px, with JavaScript on and off, in both languages.

From the results page's "where to complain" list to the body's page: the
phone script, the three texts in read-only boxes (a copy button only with
JavaScript), and the ticket form; a wrong date is explained, a saved ticket
is listed on the results page. Each page passes axe and fits the width.
"""

import pytest

from tests.e2e.conftest import answer_interview, check_accessibility, check_fits_width


@pytest.mark.parametrize("language", ["zh-hans", "en"])
@pytest.mark.parametrize("javascript", [True, False], ids=["js", "nojs"])
def test_complain_by_phone_or_online_and_record_the_ticket(open_page, javascript, language):
    prefix = "/en" if language == "en" else ""
    bp = open_page(viewport="phone", javascript=javascript)
    page = bp.page
    answer_interview(bp, prefix)
    page.locator("li[data-channel=nfra_12378] a[href$='/complain/nfra_12378/']").click()
    page.wait_for_load_state()
    assert "/complain/nfra_12378/" in page.url
    assert page.locator("#call-script li").count() >= 5
    for bound in (300, 500, 1000):
        box = page.locator("#text-%s" % bound)
        assert box.get_attribute("readonly") is not None
        assert 0 < len(box.input_value()) <= bound
    copy = page.locator("button.js-copy[data-copy=text-300]")
    assert copy.is_visible() == javascript
    check_fits_width(bp)
    check_accessibility(bp)
    page.locator("#id_ticket").fill("GD-7788")
    page.locator("#id_date").fill("2099-01-01")
    page.locator("#id_how_0").check()
    page.locator("#record-heading ~ form button[type=submit]").click()
    page.wait_for_load_state()
    summary = page.locator("#error-summary").inner_text()
    assert ("日期不能晚于今天" if language == "zh-hans" else "cannot be in the future") in summary
    assert page.locator("#id_ticket").input_value() == "GD-7788"  # kept
    check_accessibility(bp)
    page.locator("#id_date").fill("2026-04-03")
    page.locator("#record-heading ~ form button[type=submit]").click()
    page.wait_for_load_state()
    assert "/results/" in page.url
    assert "GD-7788" in page.locator("#complaints-made + ul").inner_text()
    check_fits_width(bp)
    check_accessibility(bp)
