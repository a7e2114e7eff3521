"""A refused request gets our page in the visitor's language, with a way back to our own site."""

import pytest
from django.test import RequestFactory
from django.utils import translation

from rights_guide.refusals import back_url, forbidden


@pytest.mark.django_db
def test_a_403_is_our_translated_page_with_a_way_back():
    request = RequestFactory().post("/letters/lender/preview/")
    with translation.override("zh-hans"):
        response = forbidden(request)
    html = response.content.decode()
    assert response.status_code == 403
    assert "无法完成这个操作" in html and 'href="/letters/lender/preview/"' in html


@pytest.mark.parametrize(
    ("path", "referer", "back"),
    [
        ("/interview/contacts/", "", "/interview/contacts/"),
        ("/privacy/delete/", "", "/privacy/"),
        ("/log/3/delete/", "", "/log/"),
        ("/interview/contacts/", "http://testserver/results/", "http://testserver/results/"),
        ("/interview/contacts/", "https://evil.example/", "/interview/contacts/"),
        ("/no/such/page/", "", "/"),
    ],
    ids=[
        "the-form-page",
        "a-delete-button",
        "a-log-button",
        "our-referer",
        "foreign-referer",
        "unknown",
    ],
)
def test_the_way_back(path, referer, back):
    headers = {"Referer": referer} if referer else {}
    assert back_url(RequestFactory().post(path, headers=headers)) == back
