"""Home, privacy, language switching, error pages and the headers every response carries."""

import re

import pytest
from django.test import Client, override_settings
from django.urls import path

from rights_guide.urls import urlpatterns as app_urlpatterns

pytestmark = pytest.mark.django_db


def test_home_is_chinese_at_the_root_and_english_under_en(client):
    chinese = client.get("/")
    assert chinese.status_code == 200
    assert '<html lang="zh-hans">' in chinese.text
    assert "正在被催收骚扰" in chinese.text
    assert "不是法律意见" in chinese.text

    english = client.get("/en/")
    assert '<html lang="en">' in english.text
    assert "harassed by debt collectors" in english.text
    assert "not legal advice" in english.text


def test_home_says_who_it_is_for_how_long_free_private(client):
    text = client.get("/en/").text
    for phrase in ("mainland China", "About 5 minutes", "Free.", "Private.", "debt is still owed"):
        assert phrase in text


def test_accept_language_does_not_move_the_chinese_root(client):
    response = client.get("/", HTTP_ACCEPT_LANGUAGE="en")
    assert '<html lang="zh-hans">' in response.text


@pytest.mark.parametrize(
    ("language", "next_path", "expected"),
    [("en", "/", "/en/"), ("zh-hans", "/en/", "/"), ("zh-hans", "/en/privacy/", "/privacy/")],
)
def test_language_switch_lands_on_the_same_page_in_the_other_language(
    language, next_path, expected
):
    client = Client(enforce_csrf_checks=False)
    prefix = "/en" if next_path.startswith("/en/") else ""
    response = client.post(prefix + "/i18n/setlang/", {"language": language, "next": next_path})
    assert response.status_code == 302
    assert response.headers["Location"] == expected


def test_language_switch_works_with_no_referrer_null_origin():
    """Browsers send Origin: null under Referrer-Policy: no-referrer; the switch must still work."""
    client = Client(enforce_csrf_checks=True)
    page = client.get("/")
    token = page.cookies["csrftoken"].value
    response = client.post(
        "/i18n/setlang/",
        {"language": "en", "next": "/", "csrfmiddlewaretoken": token},
        HTTP_ORIGIN="null",
        HTTP_SEC_FETCH_SITE="same-origin",
    )
    assert response.status_code == 302


def test_null_origin_from_another_site_is_refused():
    client = Client(enforce_csrf_checks=True)
    token = client.get("/").cookies["csrftoken"].value
    response = client.post(
        "/i18n/setlang/",
        {"language": "en", "next": "/", "csrfmiddlewaretoken": token},
        HTTP_ORIGIN="null",
        HTTP_SEC_FETCH_SITE="cross-site",
    )
    assert response.status_code == 403


def test_post_without_token_is_refused_even_from_our_origin():
    client = Client(enforce_csrf_checks=True)
    client.get("/")
    response = client.post(
        "/i18n/setlang/",
        {"language": "en", "next": "/"},
        HTTP_ORIGIN="null",
        HTTP_SEC_FETCH_SITE="same-origin",
    )
    assert response.status_code == 403


def test_security_headers_on_every_page(client):
    response = client.get("/")
    csp = response.headers["Content-Security-Policy"]
    assert "script-src 'self'" in csp
    assert "unsafe-inline" not in csp
    assert "frame-ancestors 'none'" in csp
    assert response.headers["Referrer-Policy"] == "no-referrer"
    assert response.headers["X-Content-Type-Options"] == "nosniff"
    assert response.headers["X-Frame-Options"] == "DENY"


def test_pages_reference_only_our_own_origin(client):
    for url in ("/", "/en/", "/privacy/", "/en/privacy/", "/guide/", "/en/guide/family/"):
        # Canonical and language-alternate links name our own pages in full, as search
        # engines require, and FAQ data names schema.org's vocabulary (a name, never
        # fetched); nothing else may name an origin.
        text = client.get(url).text.replace('href="http://testserver/', 'href="/')
        text = text.replace('content="http://testserver/', 'content="/')
        text = re.sub(r'<script type="application/ld\+json">.*?</script>', "", text, flags=re.S)
        assert "http://" not in text and "https://" not in text, url
        assert "//cdn" not in text


def test_privacy_page_explains_storage_and_retention(client):
    text = client.get("/en/privacy/").text
    assert "24 hours" in text
    assert "Delete everything I entered" in text
    assert "24 小时后" in client.get("/privacy/").text


def test_delete_my_data_empties_the_session(client):
    session = client.session
    session["answers"] = {"lender_type": "bank"}
    session.save()
    old_key = session.session_key
    response = client.post("/en/privacy/delete/", follow=True)
    assert "has been deleted" in response.text
    from django.contrib.sessions.models import Session

    assert not Session.objects.filter(session_key=old_key).exists()


def test_delete_my_data_refuses_get(client):
    assert client.get("/privacy/delete/").status_code == 405


@override_settings(DEBUG=False)
def test_404_page_is_translated(client):
    chinese = client.get("/no-such-page/")
    assert chinese.status_code == 404
    assert "找不到这个页面" in chinese.text
    english = client.get("/en/no-such-page/")
    assert english.status_code == 404
    assert "Page not found" in english.text


def _boom(request):
    raise RuntimeError("simulated failure")


urlpatterns = [*app_urlpatterns, path("boom/", _boom)]


@override_settings(DEBUG=False, ROOT_URLCONF="tests.test_pages")
def test_500_page_is_translated_and_keeps_the_language():
    client = Client(raise_request_exception=False)
    response = client.get("/boom/", HTTP_ACCEPT_LANGUAGE="zh-CN")
    assert response.status_code == 500
    assert "出错了" in response.text
    assert "Content-Security-Policy" in response.headers


def test_the_footer_says_when_the_law_was_checked_in_words(client):
    from rights_guide.knowledge import get_knowledge

    knowledge = get_knowledge()
    chinese, english = client.get("/").text, client.get("/en/").text
    assert knowledge.version not in chinese  # no version hash with a commit id
    day = knowledge.version_date
    assert "本站的法律信息最后核对于%d年%d月%d日" % (day.year, day.month, day.day) in chinese
    assert "last checked on %d %s %d" % (day.day, day.strftime("%B"), day.year) in english


@pytest.mark.parametrize("path", ["/", "/privacy/", "/interview/lender/"])
def test_how_long_answers_are_kept_comes_from_the_setting(client, settings, path):
    settings.SESSION_COOKIE_AGE = 6 * 3600
    text = client.get(path).text
    assert "6 小时" in text and "24 小时" not in text
