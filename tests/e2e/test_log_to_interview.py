"""From the evidence log to the interview in a real browser: what the log recorded reaches the results.

A borrower who logs a threat sees it judged unlawful on the log; filling the
interview from the log must then carry the threat to the results too, as
the contacts do (issue 19, item 7).
"""

import pytest

from tests.e2e.conftest import check_accessibility

# (time, means, tactics ticked on the log's "more" panel)
CONTACTS = [
    ("22:40", "call", ["threat_violence", "insults"]),
    ("23:15", "call", ["threat_exposure", "false_consequences"]),
]


def log_with_tactics(bp, time, channel, tactics):
    page = bp.page
    bp.goto("/log/")
    page.locator("#id_date").fill("2026-04-01")
    page.locator("#id_time").fill(time)
    page.locator("#id_target").select_option("family")
    page.locator("#id_channel").select_option(channel)
    if page.locator("details.log-more").get_attribute("open") is None:
        page.locator("details.log-more summary").click()  # native: opens without JavaScript too
    for code in tactics:
        page.locator("input[name=tactics][value=%s]" % code).check()
    page.locator(".log-add .step-buttons button[type=submit]").click()
    page.wait_for_load_state()
    assert page.locator("#error-summary").count() == 0


def fill_from_log(page):
    page.locator("button[value=use_log]").click()
    page.wait_for_load_state()


@pytest.mark.parametrize("javascript", [True, False], ids=["js", "nojs"])
def test_a_logged_threat_fills_the_tactics_page_and_reaches_the_results(open_page, javascript):
    bp = open_page(viewport="phone", javascript=javascript)
    page = bp.page
    for time, channel, tactics in CONTACTS:
        log_with_tactics(bp, time, channel, tactics)

    bp.goto("/interview/lender/")
    page.locator("input[value=consumer_finance]").check()
    page.locator("button[value=next]").click()
    fill_from_log(page)  # whom: the family, from the log
    page.locator("button[value=next]").click()
    fill_from_log(page)  # the family's page
    page.locator("input[name=borrower_unreachable][value=no]").check()
    page.locator("button[value=next]").click()
    assert "/interview/tactics/" in page.url
    fill_from_log(page)  # the tactics page offers the log too, and ticks what it recorded
    for code in ("threat_violence", "insults", "threat_exposure", "false_consequences"):
        assert page.locator("input[name=tactics][value=%s]" % code).is_checked()
    check_accessibility(bp)
    page.locator("input[name=tactics][value=insults]").uncheck()  # still the person's to change
    page.locator("button[value=next]").click()
    fill_from_log(page)  # when: the log's last day
    page.locator("button[value=next]").click()
    page.locator("button[value=next]").click()  # the cost: not known
    page.locator("a[href$='/results/']").last.click()
    page.wait_for_load_state()

    threat = page.locator(".finding[data-finding-code=TACTIC__THREAT_VIOLENCE]")
    assert threat.is_visible()
    assert threat.get_attribute("data-severity") == "unlawful"
    # Unticked on the tactics page, insults are the person's call, not the log's.
    assert page.locator(".finding[data-finding-code=TACTIC__INSULTS]").count() == 0
