"""Keeping the log: backups imported twice, starting again, WeChat, and the chart on a phone."""

import datetime

import pytest

from tests.e2e.conftest import (
    answer_interview,
    check_accessibility,
    check_fits_width,
    log_contact_in_browser,
)

WECHAT = (
    "Mozilla/5.0 (Linux; Android 13; V2219A) AppleWebKit/537.36 (KHTML, like Gecko) "
    "Version/4.0 Chrome/111.0 Mobile Safari/537.36 MicroMessenger/8.0.40.2420"
)
TARGETS = ("family", "friends", "colleagues", "contacts_list", "borrower", "employer")


def _import_text(bp, text: str, *, keep_duplicates: bool = False) -> None:
    page = bp.page
    bp.goto("/log/import/")
    page.locator("#id_text").fill(text)
    if keep_duplicates:
        page.locator("#id_keep_duplicates").check()
    page.locator("form[action$='/log/import/#import-result'] button[type=submit]").click()
    page.wait_for_load_state()


@pytest.mark.parametrize("javascript", [True, False], ids=["js", "nojs"])
def test_importing_the_downloaded_log_again_does_not_double_it(open_page, javascript, tmp_path):
    bp = open_page(viewport="phone", javascript=javascript)
    page = bp.page
    log_contact_in_browser(bp, description="第一次：打给我母亲。")
    log_contact_in_browser(bp, time="23:40", description="第二次：又打给我母亲。")
    bp.goto("/log/")
    with page.expect_download() as download_info:
        page.locator("a[href$='/log/export.csv']").click()
    backup = tmp_path / "evidence-log.csv"
    download_info.value.save_as(backup)

    bp.goto("/log/import/")
    assert not page.locator("#id_keep_duplicates").is_checked()  # skipping is the default
    page.locator("#id_file").set_input_files(str(backup))
    page.locator("form[action$='/log/import/#import-result'] button[type=submit]").click()
    page.wait_for_load_state()
    said = page.locator(".import-duplicates").inner_text()
    assert "有2行没有添加" in said.replace(" ", "")
    check_fits_width(bp)
    check_accessibility(bp)
    bp.goto("/log/?day=2026-04-01")
    assert page.locator(".log-incident").count() == 2


def test_starting_again_keeps_the_log_and_says_so_first(open_page):
    bp = open_page(viewport="phone", javascript=False)
    page = bp.page
    answer_interview(bp, "")
    log_contact_in_browser(bp, description="对方打电话威胁说要上门。")
    bp.goto("/results/")
    page.locator("a[href$='/interview/restart/']").click()
    page.wait_for_load_state()
    kept = page.locator(".restart-log-kept")
    assert kept.is_visible() and "证据记录会保留" in kept.inner_text()
    assert page.locator("a[href*='/privacy/#delete-heading']").is_visible()
    check_accessibility(bp)
    page.locator("form[action$='/interview/restart/'] button[type=submit]").click()
    page.wait_for_load_state()
    assert page.url.endswith("/interview/") or "/interview/" in page.url
    bp.goto("/log/?day=2026-04-01")
    assert "对方打电话威胁说要上门。" in page.locator(".log-list").inner_text()


def test_wechat_is_told_how_to_download_the_log(browser, live_server):
    context = browser.new_context(
        viewport={"width": 360, "height": 740}, user_agent=WECHAT, locale="zh-CN"
    )
    try:
        page = context.new_page()
        page.goto(live_server.url + "/log/")
        hint = page.locator(".log-actions .wechat-hint")
        assert hint.is_visible() and "在浏览器打开" in hint.inner_text()
    finally:
        context.close()


def _ninety_one_days() -> str:
    lines = ["date,time,target,channel"]
    first = datetime.date(2026, 6, 1)
    for offset in range(91):
        day = first + datetime.timedelta(days=offset)
        for number in range(1 + offset % 7):
            lines.append(
                "%s,%02d:%02d,%s,call"
                % (day.isoformat(), 8 + number, offset % 60, TARGETS[number % len(TARGETS)])
            )
    return "\n".join(lines) + "\n"


@pytest.mark.parametrize("language", ["zh-hans", "en"])
def test_the_chart_on_a_phone_keeps_its_labels_off_the_bars_and_its_headers_whole(
    open_page, language
):
    prefix = "/en" if language == "en" else ""
    bp = open_page(viewport="phone", javascript=False)
    page = bp.page
    _import_text(bp, _ninety_one_days())
    bp.goto(prefix + "/log/chart/")
    chart = page.locator(".log-chart-narrow svg.log-chart")
    assert chart.is_visible()
    label = chart.locator(".log-chart-limit-label").bounding_box()
    for box in chart.locator("rect.log-chart-bar").evaluate_all(
        "bars => bars.map(bar => { const r = bar.getBoundingClientRect();"
        " return {x: r.x, y: r.y, width: r.width, height: r.height}; })"
    ):
        overlaps = (
            box["x"] < label["x"] + label["width"]
            and label["x"] < box["x"] + box["width"]
            and box["y"] < label["y"] + label["height"]
            and label["y"] < box["y"] + box["height"]
        )
        assert not overlaps, (box, label)
    headers = page.locator(".log-days-table thead th").all()
    headers += page.locator(".log-days-table tbody th").all()[:5]
    for header in headers:
        text = header.inner_text().strip()
        lines = header.evaluate(
            "th => { const range = document.createRange(); range.selectNodeContents(th);"
            " return new Set([...range.getClientRects()].map(r => Math.round(r.top))).size; }"
        )
        longest_word = max(len(word) for word in text.split())
        assert lines <= max(1, len(text.split())), (text, lines)
        assert lines == 1 or longest_word > 1, text  # never one character a line
    check_fits_width(bp)
    check_accessibility(bp)
