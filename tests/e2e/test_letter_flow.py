"""From the results page to a downloaded PDF letter, in both languages, on a phone."""

import subprocess
from urllib.parse import urlsplit

import pytest

from tests.e2e.conftest import (
    answer_interview,
    check_accessibility,
    check_fits_width,
    log_contact_in_browser,
)

NAME = "李堃昇"


@pytest.mark.parametrize("javascript", [True, False], ids=["js", "nojs"])
@pytest.mark.parametrize("language", ["zh-hans", "en"])
def test_results_to_downloaded_letter(open_page, language, javascript, tmp_path):
    prefix = "/en" if language == "en" else ""
    bp = open_page(viewport="phone", javascript=javascript)
    page = bp.page
    answer_interview(bp, prefix)
    log_contact_in_browser(bp, prefix, description="对方打电话威胁说要上门打人。")
    bp.goto(prefix + "/results/")
    page.locator(".letters-offer a.btn[href$='/letters/police/']").click()
    page.wait_for_load_state()
    check_fits_width(bp)
    check_accessibility(bp)
    page.locator("#id_complainant_name").fill(NAME)
    page.locator("#id_phone").fill("13912345678")
    page.locator("#id_respondent_name").fill("某某消费金融有限公司")
    page.locator("button[value=save]").click()
    page.wait_for_load_state()
    assert urlsplit(page.url).path.endswith("/letters/police/preview/")
    assert NAME in page.locator(".letter-paper[role=region]").inner_text()
    check_fits_width(bp)
    check_accessibility(bp)
    assert bp.foreign_requests() == []
    # The note is the borrower's own words: it goes into the appendix once they tick it.
    assert (
        "对方打电话威胁说要上门打人" not in page.locator(".letter-paper[role=region]").inner_text()
    )
    page.locator("input[name=columns][value=notes]").check()
    page.locator("button[value=appendix]").click()
    page.wait_for_load_state()
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


def fill_details(page, name, phone, respondent):
    page.locator("#id_complainant_name").fill(name)
    page.locator("#id_phone").fill(phone)
    page.locator("#id_respondent_name").fill(respondent)
    page.locator("button[value=save]").click()
    page.wait_for_load_state()


def downloaded_text(page, tmp_path, name) -> str:
    with page.expect_download() as download_info:
        page.locator("button[value=download]").click()
    path = tmp_path / name
    download_info.value.save_as(path)
    return subprocess.run(
        ["pdftotext", str(path), "-"], capture_output=True, check=True
    ).stdout.decode()


@pytest.mark.parametrize("javascript", [True, False], ids=["js", "nojs"])
def test_two_people_in_one_browser_never_see_each_other(open_page, javascript, tmp_path):
    bp = open_page(viewport="phone", javascript=javascript)
    page = bp.page
    first = ("张秀英", "13912345678", "某某消费金融有限公司", "我妈妈病了，是为她借的钱。")
    answer_interview(bp, "")
    log_contact_in_browser(bp, description=first[3])  # a note only the first person wrote
    bp.goto("/results/")
    page.locator(".letters-offer a.btn[href$='/letters/lender/']").click()
    page.wait_for_load_state()
    fill_details(page, *first[:3])
    page.locator("#id_facts").fill(
        page.locator("#id_facts").input_value() + "\n私人备注：不要告诉我丈夫。"
    )
    page.locator("button[value=update]").click()
    page.wait_for_load_state()
    assert first[0] in downloaded_text(page, tmp_path, "first.pdf")

    # The first person is told that starting again keeps the log, so they delete everything
    # (the privacy page names the log and offers it first), and hand the phone over.
    bp.goto("/results/")
    page.locator("a[href$='/interview/restart/']").click()
    page.wait_for_load_state()
    check_accessibility(bp)
    page.locator("a[href*='/privacy/#delete-heading']").click()
    page.wait_for_load_state()
    assert page.locator("#delete-log-first a[href$='/log/export.csv']").is_visible()
    page.locator("form[action$='/privacy/delete/'] button[type=submit]").click()
    page.wait_for_load_state()

    answer_interview(bp, "")
    page.locator(".letters-offer a.btn[href$='/letters/lender/']").click()
    page.wait_for_load_state()
    form_html = page.content()
    for trace in first:
        assert trace not in form_html
    fill_details(page, "李建国", "13700001111", "另一家小贷公司")
    seen = page.content()
    bp.goto("/letters/lender/print/")
    seen += page.content()
    bp.goto("/letters/lender/preview/")
    text = downloaded_text(page, tmp_path, "second.pdf")
    for trace in (*first, "私人备注"):
        assert trace not in seen and trace not in text
    assert "李建国" in text and "另一家小贷公司" in text


@pytest.mark.parametrize("javascript", [True, False], ids=["js", "nojs"])
def test_next_steps_are_on_the_first_screens_and_printing_shows_the_law(open_page, javascript):
    bp = open_page(viewport="phone", javascript=javascript)
    page = bp.page
    answer_interview(bp, "")
    top = page.evaluate("document.getElementById('next-steps').getBoundingClientRect().top")
    assert top < 2 * page.viewport_size["height"]
    assert page.locator(".results-nav a[href='#next-steps']").count() == 1
    citations = page.locator("details.legal-basis .citations").first
    assert not citations.is_visible()  # folded on screen
    page.emulate_media(media="print")
    assert citations.is_visible()  # printed in full
    assert page.locator(".next-steps").is_hidden()  # buttons are not printed


@pytest.mark.parametrize("language", ["zh-hans", "en"])
def test_error_summary_conflicts_and_reading_copy_are_accessible(open_page, language):
    prefix = "/en" if language == "en" else ""
    bp = open_page(viewport="phone", javascript=False)
    page = bp.page
    answer_interview(bp, prefix)
    page.locator(".letters-offer a.btn[href$='/letters/lender/']").click()
    page.wait_for_load_state()
    page.locator("#id_id_number").fill("110105194912310021")
    page.locator("button[value=save]").click()  # no name, wrong ID: both reported at once
    page.wait_for_load_state()
    assert page.locator("#error-summary li").count() == 3
    check_fits_width(bp)
    check_accessibility(bp)
    page.locator("#id_id_number").fill("")
    fill_details(page, "王小明", "13912345678", "某某消费金融有限公司")
    page.locator("#id_facts").fill("本人王小明，我自己改写的事实。")
    page.locator("button[value=update]").click()
    page.wait_for_load_state()
    bp.goto(prefix + "/letters/details/?next=lender")
    page.locator("#id_complainant_name").fill("王晓明")
    page.locator("button[value=save]").click()
    page.wait_for_load_state()
    assert page.locator("#conflicts").is_visible()
    assert page.locator("button[value=download]").count() == 0
    check_fits_width(bp)
    check_accessibility(bp)
    if language == "en":
        assert page.locator("#reading-heading").is_visible()
    page.locator("#keep-facts-new").check()
    page.locator("button[value=resolve]").click()
    page.wait_for_load_state()
    assert "王晓明" in page.locator(".letter-paper[role=region]").inner_text()
    assert page.locator("button[value=download]").count() == 1


@pytest.mark.parametrize("javascript", [True, False], ids=["js", "nojs"])
def test_an_open_edit_conflict_offers_nothing_that_could_be_sent(open_page, javascript):
    bp = open_page(viewport="phone", javascript=javascript)
    page = bp.page
    answer_interview(bp, "")
    page.locator(".letters-offer a.btn[href$='/letters/police/']").click()
    page.wait_for_load_state()
    fill_details(page, "周八", "13912345678", "某某消费金融有限公司")
    assert "周八" in page.locator("#letter-text").input_value()
    page.locator("#id_facts").fill(page.locator("#id_facts").input_value() + "\n我补充的一句话。")
    page.locator("button[value=update]").click()
    page.wait_for_load_state()
    bp.goto("/letters/details/?next=police")
    page.locator("#id_complainant_name").fill("吴九")
    page.locator("button[value=save]").click()
    page.wait_for_load_state()

    # The chooser is open: the preview mixes 吴九 (header) with 周八 (the edited facts).
    assert page.locator("#conflicts").is_visible()
    preview = page.locator(".letter-paper[role=region]")
    assert "吴九" in preview.inner_text() and "周八" in preview.inner_text()
    assert "letter-paper--not-final" in preview.get_attribute("class")
    assert page.locator("#not-final").is_visible()
    assert preview.locator(".letter").evaluate("e => getComputedStyle(e).backgroundColor") != (
        "rgb(255, 255, 255)"
    )
    assert page.locator("#letter-text").count() == 0
    assert page.locator(".js-copy[data-copy=letter-text]").count() == 0
    assert page.locator(".letter-text-withheld").is_visible()
    assert page.locator("button[value=download]").count() == 0
    assert page.locator("a[href$='/letters/police/print/']").count() == 0
    check_fits_width(bp)
    check_accessibility(bp)
    page.emulate_media(media="print")
    assert preview.locator(".letter").is_hidden()  # printing the page gives no mixed letter
    assert page.locator("#not-final").is_visible()
    page.emulate_media(media="screen")
    bp.goto("/letters/police/print/")
    assert urlsplit(page.url).path.endswith("/letters/police/preview/")

    # Once chosen, the letter is whole again, and can be copied.
    page.locator("#keep-facts-new").check()
    page.locator("button[value=resolve]").click()
    page.wait_for_load_state()
    text = page.locator("#letter-text").input_value()
    assert "吴九" in text and "周八" not in text
    assert page.locator(".letter-paper--not-final").count() == 0
    assert page.locator(".js-copy[data-copy=letter-text]").is_visible() == javascript
