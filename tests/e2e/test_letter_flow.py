"""From the results page to a downloaded PDF letter, in both languages, on a phone."""

import subprocess
from urllib.parse import urlsplit

import pytest

from tests.e2e.conftest import check_accessibility, check_fits_width

NAME = "李堃昇"


def answer_interview(bp, prefix):
    page = bp.page
    bp.goto(prefix + "/interview/lender/")
    page.locator("input[value=consumer_finance]").check()
    page.locator("button[value=next]").click()
    page.locator("input[value=family]").check()
    page.locator("button[value=next]").click()
    page.locator("#id_calls").fill("3")
    page.locator("input[name=disclosed_debt][value=yes]").check()
    page.locator("input[name=borrower_unreachable][value=no]").check()
    page.locator("button[value=next]").click()
    page.locator("input[value=threat_violence]").check()
    page.locator("button[value=next]").click()
    page.locator("#id_conduct_date").fill("2026-04-02")
    page.locator("button[value=next]").click()
    page.locator("button[value=next]").click()
    page.locator("a[href$='/results/']").last.click()
    page.wait_for_load_state()


@pytest.mark.parametrize("javascript", [True, False], ids=["js", "nojs"])
@pytest.mark.parametrize("language", ["zh-hans", "en"])
def test_results_to_downloaded_letter(open_page, language, javascript, tmp_path):
    prefix = "/en" if language == "en" else ""
    bp = open_page(viewport="phone", javascript=javascript)
    page = bp.page
    answer_interview(bp, prefix)
    page.locator("a[href$='/letters/police/']").click()
    page.wait_for_load_state()
    check_fits_width(bp)
    check_accessibility(bp)
    page.locator("#id_complainant_name").fill(NAME)
    page.locator("#id_phone").fill("13912345678")
    page.locator("#id_respondent_name").fill("某某消费金融有限公司")
    page.locator("#id_incidents-0-when").fill("2026-04-01T23:10")
    page.locator("#id_incidents-0-target").select_option("family")
    page.locator("#id_incidents-0-channel").select_option("call")
    page.locator("#id_incidents-0-description").fill("对方打电话威胁说要上门打人。")
    page.locator("button[value=save]").click()
    page.wait_for_load_state()
    assert urlsplit(page.url).path.endswith("/letters/police/preview/")
    assert NAME in page.locator(".letter-paper[role=region]").inner_text()
    check_fits_width(bp)
    check_accessibility(bp)
    assert bp.foreign_requests() == []
    with page.expect_download() as download_info:
        page.locator("button[value=download]").click()
    path = tmp_path / "letter.pdf"
    download_info.value.save_as(path)
    text = subprocess.run(
        ["pdftotext", str(path), "-"], capture_output=True, check=True
    ).stdout.decode()
    assert NAME in text
    assert "对方打电话威胁说要上门打人" in text
    assert "第五十条" in text  # threats from 2026 fall under the revised public security law

    bp.goto(prefix + "/letters/police/print/")
    check_fits_width(bp)
    check_accessibility(bp)
