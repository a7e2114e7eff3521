"""Every listed page, in both languages, at phone and desktop width, with and without JavaScript."""

import pytest

from tests.e2e.conftest import check_accessibility, check_fits_width
from tests.e2e.pages import PAGES

LANGUAGES = {"zh-hans": 1, "en": 2}


@pytest.mark.parametrize("viewport", ["phone", "desktop"])
@pytest.mark.parametrize("javascript", [True, False], ids=["js", "nojs"])
@pytest.mark.parametrize("language", LANGUAGES)
@pytest.mark.parametrize("page_spec", PAGES, ids=[name for name, *_ in PAGES])
def test_page_is_accessible_fits_and_stays_on_our_origin(
    open_page, page_spec, language, javascript, viewport
):
    bp = open_page(viewport=viewport, javascript=javascript)
    bp.goto(page_spec[LANGUAGES[language]])
    assert bp.page.locator("html").get_attribute("lang") == language
    assert bp.page.locator("h1").count() == 1
    check_fits_width(bp)
    check_accessibility(bp)
    assert bp.foreign_requests() == []


@pytest.mark.parametrize("javascript", [True, False], ids=["js", "nojs"])
def test_home_switches_language_and_back(open_page, javascript):
    bp = open_page(viewport="phone", javascript=javascript)
    bp.goto("/")
    assert "催收" in bp.page.locator("h1").inner_text()
    bp.page.get_by_role("button", name="Switch to English").click()
    bp.page.wait_for_url(bp.base_url + "/en/")
    assert bp.page.locator("html").get_attribute("lang") == "en"
    assert "debt collectors" in bp.page.locator("h1").inner_text()
    bp.page.get_by_role("button", name="切换到中文").click()
    bp.page.wait_for_url(bp.base_url + "/")
    assert bp.page.locator("html").get_attribute("lang") == "zh-hans"
