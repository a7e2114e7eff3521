"""The evidence log in a real browser on a phone: log, judge, chart, letter, and fingerprints."""

import hashlib
import subprocess

import pytest

from tests.e2e.conftest import (
    answer_interview,
    check_accessibility,
    check_fits_width,
    log_contact_in_browser,
)

CONTACTS = [
    ("2026-04-01", "23:10", "family", "call", "第一次：对方打电话威胁说要上门打人。"),
    ("2026-04-01", "23:40", "family", "call", "第二次：半夜又打给我母亲。"),
    ("2026-04-02", "09:15", "borrower", "sms", "第三次：短信说今天不还就曝光。"),
]


@pytest.mark.parametrize("language", ["zh-hans", "en"])
def test_log_each_contact_judged_charted_and_in_the_letter_without_javascript(
    open_page, language, tmp_path
):
    prefix = "/en" if language == "en" else ""
    bp = open_page(viewport="phone", javascript=False)
    page = bp.page
    answer_interview(bp, prefix)
    for day, time, target, channel, words in CONTACTS:
        log_contact_in_browser(
            bp, prefix, day=day, time=time, target=target, channel=channel, description=words
        )
    # "The same as the last one, now", in one tap, without JavaScript.
    page.locator("form[action$='/log/repeat/'] button").click()
    page.wait_for_load_state()
    bp.goto(prefix + "/log/?day=2026-04-01")
    cards = page.locator(".log-incident")
    assert cards.count() == 2
    for index in range(2):
        verdict = cards.nth(index).locator(".log-verdict")
        assert verdict.locator(".severity-badge").inner_text().strip()
        assert len(verdict.inner_text()) > len(verdict.locator(".severity-badge").inner_text())
    chart = page.locator("svg.log-chart:visible")  # the phone's drawing at this width
    assert chart.is_visible() and chart.get_attribute("role") == "img"
    check_fits_width(bp)
    check_accessibility(bp)

    bp.goto(prefix + "/results/")
    page.locator(".letters-offer a.btn[href$='/letters/police/']").click()
    page.wait_for_load_state()
    page.locator("#id_complainant_name").fill("李堃昇")
    page.locator("#id_respondent_name").fill("某某消费金融有限公司")
    page.locator("button[value=save]").click()
    page.wait_for_load_state()
    # The borrower's own words are left out until chosen on the letter page (no JavaScript).
    notes = page.locator("input[name=columns][value=notes]")
    assert page.locator("input[name=include]").is_checked() and not notes.is_checked()
    notes.check()
    page.locator("button[value=appendix]").click()
    page.wait_for_load_state()
    assert page.locator("input[name=columns][value=notes]").is_checked()
    check_fits_width(bp)
    check_accessibility(bp)
    with page.expect_download() as download_info:
        page.locator("button[value=download]").click()
    path = tmp_path / "letter.pdf"
    download_info.value.save_as(path)
    text = "".join(
        subprocess.run(["pdftotext", str(path), "-"], capture_output=True, check=True)
        .stdout.decode()
        .split()
    )
    for _day, _time, _target, _channel, words in CONTACTS:
        assert "".join(words.split()) in text  # the appendix lists every contact
    assert "4" in text and "2026" in text  # the facts paragraph: four contacts, from the log
    assert "<svg" not in text
    assert bp.foreign_requests() == []


def test_a_chosen_file_is_fingerprinted_on_the_phone_as_sha256sum_does(open_page, tmp_path):
    evidence = tmp_path / "录音-2026-04-01.m4a"
    evidence.write_bytes(bytes(range(256)) * 4099 + "催收录音".encode())
    expected = subprocess.run(
        ["sha256sum", str(evidence)], capture_output=True, check=True, text=True
    ).stdout.split()[0]
    assert expected == hashlib.sha256(evidence.read_bytes()).hexdigest()
    bp = open_page(viewport="phone", javascript=True)
    page = bp.page
    bp.goto("/log/")
    requests_before = len(bp.requests)
    page.locator(".log-more > summary").click()
    assert page.locator("#evidence-files").is_visible()
    page.locator("#evidence-files").set_input_files(str(evidence))
    page.wait_for_function(
        "() => document.querySelector(\"[name='file_sha256_1']\").value.length === 64"
    )
    assert page.locator("[name='file_sha256_1']").input_value() == expected
    assert page.locator("[name='file_name_1']").input_value() == evidence.name
    assert page.locator("[name='file_size_1']").input_value() == str(evidence.stat().st_size)
    assert expected in page.locator("#id_file_sha256_1-shown").inner_text()
    assert len(bp.requests) == requests_before  # nothing was sent while fingerprinting
    page.locator(".log-add .step-buttons button[type=submit]").click()
    page.wait_for_load_state()
    assert expected in page.locator(".log-files-list").inner_text()
    check_accessibility(bp)


@pytest.mark.parametrize("javascript", [True, False], ids=["js", "nojs"])
@pytest.mark.parametrize("language", ["zh-hans", "en"])
def test_the_log_chart_and_import_pages_are_accessible(open_page, language, javascript):
    prefix = "/en" if language == "en" else ""
    bp = open_page(viewport="phone", javascript=javascript)
    page = bp.page
    bp.goto(prefix + "/log/")  # empty
    check_fits_width(bp)
    check_accessibility(bp)
    for day, time, target, channel, words in CONTACTS:
        log_contact_in_browser(
            bp, prefix, day=day, time=time, target=target, channel=channel, description=words
        )
    for path in ("/log/", "/log/chart/", "/log/import/"):
        bp.goto(prefix + path)
        assert page.locator("h1").count() == 1
        check_fits_width(bp)
        check_accessibility(bp)
    # A mistake on the quick entry: the error summary and the fields it links to.
    bp.goto(prefix + "/log/")
    page.locator("#id_time").fill("")
    page.locator(".log-add .step-buttons button[type=submit]").click()
    page.wait_for_load_state()
    assert page.locator("#error-summary").count() == 1
    check_accessibility(bp)
    # An import with a bad row: the good one kept, the bad one named.
    bp.goto(prefix + "/log/import/")
    page.locator("#id_text").fill(
        "date,time,target,channel\n2026-04-03,10:00,family,call\n2026-04-03,25:00,family,call\n"
    )
    page.locator("form[action$='/log/import/#import-result'] button[type=submit]").click()
    page.wait_for_load_state()
    problems = page.locator(".import-result li").all_inner_texts()
    assert len(problems) == 1 and "3" in problems[0] and "time" in problems[0]
    check_fits_width(bp)
    check_accessibility(bp)
    assert bp.foreign_requests() == []
