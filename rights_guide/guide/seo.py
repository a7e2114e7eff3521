"""What search engines and share cards read: alternate addresses and FAQ structured data.

Every indexable page names its canonical address, the same page in each
language (``hreflang``, with the Chinese page as ``x-default``: Chinese is
the default language and lives without a prefix) and, for a topic, its
questions and answers as schema.org FAQPage data. The data is a JSON block
(``application/ld+json``), which browsers never execute, so the
Content-Security-Policy (scripts from our origin only) is untouched.
"""

from __future__ import annotations

import json

from django.conf import settings
from django.http import HttpRequest
from django.urls import reverse
from django.utils import translation
from django.utils.safestring import SafeString, mark_safe

from rights_guide.guide.registry import Topic

HREFLANG = {"zh-hans": "zh-Hans", "en": "en"}
OG_LOCALE = {"zh-hans": "zh_CN", "en": "en_US"}
# As django.utils.html.json_script escapes: no "</script>" can end the block early.
JSON_ESCAPES = {ord(">"): "\\u003E", ord("<"): "\\u003C", ord("&"): "\\u0026"}


def alternate_urls(request: HttpRequest) -> list[tuple[str, str]]:
    """(language code, absolute URL) of the current page in every language, query left out."""
    match = request.resolver_match
    urls = []
    for code, _name in settings.LANGUAGES:
        with translation.override(code):
            path = reverse(match.view_name, args=match.args, kwargs=match.kwargs)
        urls.append((code, request.build_absolute_uri(path)))
    return urls


def faq_json_ld(topic: Topic, language: str, url: str) -> SafeString:
    """The topic's questions and answers as schema.org FAQPage JSON, safe inside a script block."""
    data = {
        "@context": "https://schema.org",
        "@type": "FAQPage",
        "inLanguage": HREFLANG[language],
        "url": url,
        "mainEntity": [
            {
                "@type": "Question",
                "name": pair.question.get(language),
                "acceptedAnswer": {"@type": "Answer", "text": pair.answer.get(language)},
            }
            for pair in topic.faq
        ],
    }
    text = json.dumps(data, ensure_ascii=False, separators=(",", ":"))
    return mark_safe(text.translate(JSON_ESCAPES))  # noqa: S308 - escaped like json_script
