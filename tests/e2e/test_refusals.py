"""A visitor whose cookies were dropped (WeChat, a private tab, a page left open) is told so.

Django's own CSRF page is English developer help; ours is translated, in the
site's look, and leads back to the page they were on.
"""

import pytest

from tests.e2e.conftest import check_accessibility, check_fits_width


@pytest.mark.parametrize("javascript", [True, False], ids=["js", "nojs"])
def test_a_form_sent_without_cookies_explains_and_leads_back(open_page, javascript):
    bp = open_page(viewport="phone", javascript=javascript)
    page = bp.page
    bp.goto("/interview/lender/")
    page.locator("input[value=consumer_finance]").check()
    page.context.clear_cookies()
    with page.expect_response(lambda r: r.request.method == "POST") as posted:
        page.locator("button[value=next]").click()
    assert posted.value.status == 403
    page.wait_for_load_state()
    assert page.locator("h1").inner_text() == "您填写的内容没有提交成功"
    assert "微信" in page.locator("main").inner_text()
    assert "CSRF" not in page.content()
    back = page.get_by_role("link", name="返回刚才的页面")
    assert back.get_attribute("href") == "/interview/lender/"
    check_fits_width(bp)
    check_accessibility(bp)
    back.click()
    page.wait_for_load_state()
    assert page.url.endswith("/interview/lender/")


def test_the_way_back_is_our_own_page_never_another_site(open_page):
    bp = open_page(viewport="phone", javascript=False)
    page = bp.page
    page.set_extra_http_headers({"Referer": "https://evil.example/phish"})
    response = page.request.post(bp.base_url + "/en/interview/lender/", form={"x": "1"})
    assert response.status == 403
    html = response.text()
    assert "Your answers were not sent" in html and "evil.example" not in html
    assert 'href="/en/interview/lender/"' in html
    # A button that only posts (delete everything) leads back to the page it is on.
    html = page.request.post(bp.base_url + "/en/privacy/delete/", form={}).text()
    assert 'href="/en/privacy/"' in html
