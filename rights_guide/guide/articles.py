"""A topic's article: its prose template rendered in one language, kept per version.

The article is the part of a topic page that is the same for everyone (the
question, the answer, the verdict tables, the law); the page around it
(head, header, footer) is rendered per request. Rendering the article runs
the engine for every verdict table, so it is kept, per topic, language and
page version, in the process: a handful of strings.

The search index reads the same articles as plain text, so what is found
is what is shown.
"""

from __future__ import annotations

import html
import re
import threading
from urllib.parse import urlencode

from django.template.loader import get_template, render_to_string
from django.template.loader_tags import BlockNode
from django.urls import reverse
from django.utils import translation
from django.utils.html import strip_tags
from django.utils.safestring import SafeString

from rights_guide.guide.citations import CitedLaw
from rights_guide.guide.registry import Topic, get_registry
from rights_guide.guide.version import page_version
from rights_guide.knowledge import get_knowledge

_ARTICLES: dict[tuple[str, str, str], SafeString] = {}
_LOCK = threading.Lock()
SPACES = re.compile(r"\s+")


def check_url(topic: Topic) -> str:
    """The interview's start, with the topic's answers ticked in advance (codes only)."""
    url = reverse("interview_start")
    if topic.check.preselect:
        url += "?" + urlencode({"preselect": topic.check.preselect}, doseq=True)
    return url


def _has_block(template_name: str, name: str) -> bool:
    """Whether a topic's template fills a block (its own, not the empty one it extends)."""
    nodes = get_template(template_name).template.nodelist.get_nodes_by_type(BlockNode)
    return any(node.name == name for node in nodes)


def _render(topic: Topic, language: str) -> SafeString:
    registry = get_registry()
    knowledge = get_knowledge()
    targets = knowledge.vocabulary.targets
    with translation.override(language):
        context = {
            "topic": topic,
            "title": topic.title.get(language),
            "related": [
                (other, other.title.get(language))
                for other in (registry.topic(slug) for slug in topic.related)
            ],
            "faq": [
                (pair.question.get(language), pair.answer.get(language), pair.cites)
                for pair in topic.faq
            ],
            "check_url": check_url(topic),
            # A long answer keeps its first lines on top and the rest after
            # "what to do now", so that is within two screens of a phone.
            "has_more": _has_block(topic.template(language), "lead_more"),
            "preselected": [targets[code].option.get(language) for code in topic.check.preselect],
            "cited_law": CitedLaw(),
            "law_as_of": knowledge.version_date,
            "knowledge_version": knowledge.version,
        }
        return render_to_string(topic.template(language), context)


def topic_article(topic: Topic, language: str) -> SafeString:
    """The topic's article in a language, rendered once per page version."""
    key = (page_version(), topic.slug, language)
    article = _ARTICLES.get(key)
    if article is None:
        article = _render(topic, language)
        with _LOCK:
            if any(cached[0] != key[0] for cached in _ARTICLES):
                _ARTICLES.clear()  # a new version: the old articles will not be asked for again
            _ARTICLES[key] = article
    return article


def plain_text(article: str) -> str:
    """The article's words as a reader sees them, for the search index."""
    return SPACES.sub(" ", html.unescape(strip_tags(article))).strip()
