"""Someone called about another person's debt, on a phone: home → their result → their letter → PDF."""

import subprocess
from urllib.parse import urlsplit

import pytest

from rights_guide.knowledge import get_knowledge
from tests.e2e.conftest import check_accessibility, check_fits_width, log_contact_in_browser

NAME = "周晓梅"
LENDER = "某某消费金融有限公司"


def next_page(page):
    page.locator("button[value=next]").click()
    page.wait_for_load_state()


@pytest.mark.parametrize("javascript", [True, False], ids=["js", "nojs"])
@pytest.mark.parametrize("language", ["zh-hans", "en"])
def test_from_the_home_page_to_their_letter_as_a_pdf(open_page, language, javascript, tmp_path):
    prefix = "/en" if language == "en" else ""
    bp = open_page(viewport="phone", javascript=javascript)
    page = bp.page
    bp.goto(prefix + "/")
    page.locator(".third-party-entry a").click()
    page.wait_for_load_state()
    assert urlsplit(page.url).path == prefix + "/called/relationship/"
    page.locator("input[value=friends]").check()
    next_page(page)
    page.locator("input[value=consumer_finance]").check()
    next_page(page)
    assert urlsplit(page.url).path == prefix + "/called/contact/"
    check_fits_width(bp)
    check_accessibility(bp)
    page.locator("#id_calls").fill("8")
    page.locator("input[name=asked_to_pay][value=yes]").check()
    page.locator("input[name=disclosed_debt][value=yes]").check()
    page.locator("input[name=borrower_unreachable][value=unsure]").check()
    page.locator("input[name=after_stop_request][value=yes]").check()
    next_page(page)
    page.locator("input[value=insults]").check()
    next_page(page)
    # A few more details: whether the insults were public, whether the borrower has died.
    assert page.locator("input[name=borrower_died]").count() == 3
    check_accessibility(bp)
    page.locator("input[name=borrower_died][value=no]").check()
    next_page(page)
    page.locator("#id_conduct_date").fill("2026-10-15")
    next_page(page)
    assert urlsplit(page.url).path == prefix + "/called/review/"
    check_accessibility(bp)
    page.locator("a[href$='/called/results/']").last.click()
    page.wait_for_load_state()

    # Their own result: what they owe, what to say, what was done to them, where to go.
    owes = get_knowledge().vocabulary.targets["friends"].called.owes_text.get(language)
    assert owes in page.locator("[data-owes=no]").inner_text()
    assert page.locator("[data-channel=miit_12321]").count() == 1
    assert page.locator("[data-finding-code=CONTACT__THIRD_PARTY_ASKED_TO_PAY]").count() == 1
    assert page.locator("#call-script-text + button.js-copy").is_visible() == javascript
    check_fits_width(bp)
    check_accessibility(bp)

    # What happened to them, in the evidence log; then their letter: details once, then
    # the preview, then the PDF.
    log_contact_in_browser(
        bp,
        prefix,
        day="2026-10-03",
        time="21:30",
        target="friends",
        description="对方让我替李四还钱。",
    )
    bp.goto(prefix + "/called/results/")
    page.locator("a[href$='/letters/third_party/']").click()
    page.wait_for_load_state()
    check_fits_width(bp)
    check_accessibility(bp)
    page.locator("#id_complainant_name").fill(NAME)
    page.locator("#id_respondent_name").fill(LENDER)
    page.locator("#id_borrower_name").fill("李四")
    page.locator("button[value=save]").click()  # no number: the letter could not name it
    page.wait_for_load_state()
    assert page.locator("#error-summary li").count() == 1
    assert page.locator("#error-summary a[href='#id_phone']").count() == 1
    assert page.locator("#id_phone").get_attribute("aria-invalid") == "true"
    assert page.locator("#id_complainant_name").input_value() == NAME
    assert page.locator("#id_borrower_name").input_value() == "李四"
    check_accessibility(bp)
    page.locator("#id_phone").fill("13912345678")
    page.locator("button[value=save]").click()
    page.wait_for_load_state()
    assert urlsplit(page.url).path == prefix + "/letters/third_party/preview/"
    assert NAME in page.locator(".letter-paper[role=region]").first.inner_text()
    check_fits_width(bp)
    check_accessibility(bp)
    # Their own words on each call go into the appendix once they tick them on the letter page.
    page.locator("input[name=columns][value=notes]").check()
    page.locator("button[value=appendix]").click()
    page.wait_for_load_state()
    with page.expect_download() as download_info:
        page.locator("button[value=download]").click()
    path = tmp_path / "letter.pdf"
    download_info.value.save_as(path)
    text = "".join(
        subprocess.run(["pdftotext", str(path), "-"], capture_output=True, check=True)
        .stdout.decode()
        .split()
    )
    assert NAME in text
    assert LENDER in text
    assert "第四百六十五条第二款" in text  # a contract binds only its parties
    assert "第四十七条" in text  # deletion
    assert "对方让我替李四还钱" in text  # from the evidence log
    assert "我的电话号码（13912345678）" in text  # the number they are asked to delete
    assert bp.foreign_requests() == []


@pytest.mark.parametrize("javascript", [True, False], ids=["js", "nojs"])
def test_the_notice_can_be_copied_with_javascript_and_selected_without(open_page, javascript):
    bp = open_page(viewport="phone", javascript=javascript)
    bp.goto("/notice/")
    notice = bp.page.locator("#notice-text")
    assert "12321" in notice.inner_text()
    assert bp.page.locator("button.js-copy").is_visible() == javascript
    assert bp.page.locator("button.js-print").is_visible() == javascript
    check_fits_width(bp)
    assert bp.foreign_requests() == []
