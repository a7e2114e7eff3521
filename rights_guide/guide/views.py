"""The guide's pages: the table of contents, a topic, search, and robots.txt.

Views only glue: topics come from the registry, articles from articles.py,
search from search.py. A topic page is the same for everyone in a language
until the page version changes, so it carries an ETag of that version and
a repeat visit costs a 304.
"""

from __future__ import annotations

import hashlib

from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import render
from django.urls import reverse
from django.utils import translation
from django.utils.cache import patch_cache_control
from django.utils.translation import gettext as _
from django.views.decorators.http import condition, require_safe

from rights_guide.assessment import FieldError
from rights_guide.guide.articles import topic_article
from rights_guide.guide.registry import get_registry
from rights_guide.guide.search import search_tools, search_topics
from rights_guide.guide.seo import OG_LOCALE, faq_json_ld
from rights_guide.guide.version import page_version
from rights_guide.messages import error_message

MAX_QUERY = 100  # characters; a search box needs no more, and work stays bounded
# A browser may reuse a page this long before asking again (then it gets a 304).
MAX_AGE = 300
ROBOTS_DISALLOW = (
    "/interview/",
    "/results/",
    "/letters/",
    "/api/",
    "/privacy/delete/",
    "/guide/search/",
)


def _etag(request: HttpRequest, *parts: str) -> str:
    seed = "|".join((page_version(), translation.get_language(), *parts))
    return hashlib.sha256(seed.encode()).hexdigest()[:24]


def _cacheable(response: HttpResponse) -> HttpResponse:
    patch_cache_control(response, max_age=MAX_AGE)
    return response


def _topic_etag(request: HttpRequest, slug: str) -> str | None:
    return _etag(request, "topic", slug) if get_registry().topic(slug) else None


def _other_language(language: str) -> str:
    return "en" if language == "zh-hans" else "zh-hans"


def _page_context(request: HttpRequest) -> dict:
    """What every guide page's head and header need: its address, share locales, the switch."""
    language = translation.get_language()
    return {
        "canonical": request.build_absolute_uri(request.path),
        "og_locale": OG_LOCALE[language],
        "og_locale_alternate": OG_LOCALE[_other_language(language)],
        "switch_url": _switch_url(request),
    }


def _switch_url(request: HttpRequest) -> str:
    """The same page in the other language: guide pages switch by link, no form, no cookie."""
    match = request.resolver_match
    with translation.override(_other_language(translation.get_language())):
        return reverse(match.view_name, args=match.args, kwargs=match.kwargs)


@require_safe
@condition(etag_func=lambda request: _etag(request, "index"))
def index(request: HttpRequest) -> HttpResponse:
    language = translation.get_language()
    topics = [
        (topic, topic.title.get(language), topic.description.get(language))
        for topic in get_registry().topics
    ]
    return _cacheable(
        render(
            request,
            "guide/index.html",
            {
                **_page_context(request),
                "title": _("Guide: questions about debt collection, answered"),
                "description": _(
                    "Short, plain answers to what collectors may and may not do, with the law behind each and what to do now."
                ),
                "topics": topics,
            },
        )
    )


@require_safe
@condition(etag_func=_topic_etag)
def topic(request: HttpRequest, slug: str) -> HttpResponse:
    found = get_registry().topic(slug)
    if found is None:
        raise Http404
    language = translation.get_language()
    page = _page_context(request)
    return _cacheable(
        render(
            request,
            "guide/topic.html",
            {
                **page,
                "topic": found,
                "title": found.title.get(language),
                "description": found.description.get(language),
                "article": topic_article(found, language),
                "faq_json_ld": faq_json_ld(found, language, page["canonical"]),
            },
        )
    )


@require_safe
def search(request: HttpRequest) -> HttpResponse:
    """Search results, on the server: a plain GET form, no JavaScript needed.

    A query longer than MAX_QUERY characters is refused with a message (400)
    and never searched; control characters are dropped; an empty one asks
    for words. The site's pages that fit (the tools) come before the topics.
    The query is not logged (rights_guide.logs drops query strings from
    every log line).
    """
    raw = request.GET.get("q", "")
    query = "".join(c if c.isprintable() else " " for c in raw).strip()
    error = None
    if len(query) > MAX_QUERY:
        error = error_message(FieldError("q", "too_long", {"max": MAX_QUERY}))
    searched = bool(query) and not error
    results = search_topics(query) if searched else []
    tools = search_tools(query) if searched else []
    language = translation.get_language()
    response = render(
        request,
        "guide/search.html",
        {
            "query": query[:MAX_QUERY],
            "error": error,
            "searched": searched,
            "tools": [
                (tool, tool.title.get(language), tool.description.get(language)) for tool in tools
            ],
            "results": [
                (found, found.title.get(language), found.description.get(language))
                for found in results
            ],
            "switch_url": _switch_url(request),
            "max_query": MAX_QUERY,
        },
        status=400 if error else 200,
    )
    patch_cache_control(response, private=True, max_age=0)
    return response


@require_safe
def robots(request: HttpRequest) -> HttpResponse:
    """Crawl the guide and the home page; keep out of anyone's answers, letters and the API."""
    lines = ["User-agent: *", "Allow: /", "Allow: /guide/", "Allow: /en/guide/"]
    for path in ROBOTS_DISALLOW:
        lines.append("Disallow: %s" % path)
        if not path.startswith("/api/"):
            lines.append("Disallow: /en%s" % path)
    lines.append("Sitemap: %s" % request.build_absolute_uri(reverse("sitemap")))
    return HttpResponse("\n".join(lines) + "\n", content_type="text/plain; charset=utf-8")
