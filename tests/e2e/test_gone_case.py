"""Coming back to answers that are gone says so once, instead of silently restarting at step 1."""

import datetime

import pytest
from django.utils import timezone

from rights_guide.cases.models import Case

EXPIRED = "按照我们的承诺，您之前填写的内容已在最后一次修改24小时后自动删除。"
GONE = "您之前填写的内容已经不在了"


def answer_lender(page):
    page.locator("input[value=consumer_finance]").check()
    page.locator("button[value=next]").click()
    page.wait_for_load_state()


def messages_text(page) -> str:
    box = page.locator(".messages")
    return box.inner_text() if box.count() else ""


@pytest.mark.parametrize("javascript", [True, False], ids=["js", "nojs"])
def test_answers_that_expired_are_said_to_be_deleted_once(open_page, javascript):
    bp = open_page(viewport="phone", javascript=javascript)
    page = bp.page
    bp.goto("/interview/lender/")
    answer_lender(page)
    assert "/interview/contacts/" in page.url
    Case.objects.update(expires_at=timezone.now() - datetime.timedelta(seconds=1))
    bp.goto("/results/")
    assert EXPIRED in messages_text(page)
    bp.goto("/interview/lender/")
    assert messages_text(page) == ""  # once


def test_a_page_left_open_after_a_restart_in_another_tab_says_so(open_page):
    bp = open_page(viewport="phone", javascript=False)
    page = bp.page
    bp.goto("/interview/lender/")
    answer_lender(page)
    other = page.context.new_page()  # the same browser, another tab
    other.goto(bp.base_url + "/interview/restart/")
    other.locator("main form button[type=submit]").click()
    other.wait_for_load_state()
    assert messages_text(other) == ""  # who started again is not told it was lost
    page.locator("input[value=family]").check()
    page.locator("button[value=next]").click()
    page.wait_for_load_state()
    assert GONE in messages_text(page)
    assert "另一个标签页" in messages_text(page)


def test_someone_new_is_told_nothing(open_page):
    bp = open_page(viewport="phone", javascript=False)
    page = bp.page
    bp.goto("/interview/lender/")
    answer_lender(page)
    assert messages_text(page) == ""
