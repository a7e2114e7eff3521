"""What the letter pages print and say reads once, in the right language, without boxes.

Emoji print as boxes (tofu) in the PDF: a name with one is refused with a
clear message, and emoji are taken out of rewritten text with a notice.
The footer's disclaimer is not repeated above it; printing the preview page
(its ID number masked) points to the print view instead of printing it; the boxes holding the
Chinese letter on the English page are marked Chinese for screen readers;
the chart's table names each person with their count.
"""

import pytest

from tests.e2e.conftest import answer_interview, check_accessibility, log_contact_in_browser


def details(page, name):
    page.locator("#id_complainant_name").fill(name)
    page.locator("#id_phone").fill("13912345678")
    page.locator("#id_respondent_name").fill("某某消费金融有限公司")
    page.locator("button[value=save]").click()
    page.wait_for_load_state()


@pytest.mark.parametrize("javascript", [True, False], ids=["js", "nojs"])
def test_emoji_are_refused_in_a_name_and_taken_out_of_rewritten_text(open_page, javascript):
    bp = open_page(viewport="phone", javascript=javascript)
    page = bp.page
    answer_interview(bp, "")
    page.locator(".letters-offer a.btn[href$='/letters/lender/']").click()
    page.wait_for_load_state()
    details(page, "张三😀")
    summary = page.locator("#error-summary").inner_text()
    assert "第 3 个字符是表情符号（😀），打印出来的信件无法显示。" in summary
    assert page.locator("#id_respondent_name").input_value() == "某某消费金融有限公司"  # kept
    details(page, "张三")
    assert "/letters/lender/preview/" in page.url
    facts = page.locator("#id_facts")
    facts.fill(facts.input_value() + "\n对方发来🔪说要上门👍🏽。")
    page.locator("button[value=update]").click()
    page.wait_for_load_state()
    assert "已从您的文字中删除2个" in page.locator(".messages").inner_text()
    letter = page.locator(".letter-paper[role=region]").inner_text()
    assert "对方发来说要上门。" in letter and "🔪" not in letter
    check_accessibility(bp)


@pytest.mark.parametrize("language", ["zh-hans", "en"])
def test_the_preview_says_its_disclaimer_once_and_marks_chinese_text(open_page, language):
    prefix = "/en" if language == "en" else ""
    bp = open_page(viewport="phone", javascript=False)
    page = bp.page
    answer_interview(bp, prefix)
    bp.goto(prefix + "/letters/details/?next=lender")
    details(page, "张三")
    text = page.locator("body").inner_text()
    disclaimer = "一般性" if language == "zh-hans" else "general legal information"
    assert text.count(disclaimer) == 1
    for box in ("#id_facts", "#id_requests", "#id_closing", "#letter-text"):
        assert page.locator(box).get_attribute("lang") == "zh-Hans", box
    # Printed from the browser, the preview (ID number masked) is not passed off as the letter.
    assert not page.locator(".print-note").is_visible()
    page.emulate_media(media="print")
    assert page.locator(".print-note").is_visible()
    assert not page.locator(".letter-paper[role=region]").is_visible()


def test_the_chart_table_pairs_each_person_with_their_count(open_page):
    bp = open_page(viewport="phone", javascript=False)
    for target in ("emergency_contact", "family"):
        log_contact_in_browser(bp, "/en", day="2026-04-01", time="10:00", target=target)
    bp.goto("/en/log/chart/")
    row = bp.page.locator("table tbody tr").first.inner_text()
    assert "The emergency contact you listed: 1; Other family: 1" in row
