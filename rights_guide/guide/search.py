"""Search over the guide, on the server, in Chinese and English.

Each topic's article (as rendered, in plain text), title, description and
keywords are stored as index words (tokens.py) in ``SearchEntry``, one row
per topic and language. A query is read into the same words, and a topic
matches when any word matches (Chinese queries rarely share every piece with
a page); the more matches, and the more of them in the title and keywords,
the higher it ranks, and topics far behind the best are left out. A topic found in either language is listed once, in
the reader's language, so "contact my mother" finds the family topic from
the Chinese page too.

- PostgreSQL: full-text search with the ``simple`` configuration (no
  stemming: the words are already normalised) over the weighted vector of
  the two token columns, which a GIN index serves, ranked by ``ts_rank``.
- Other databases (SQLite): rows holding any query word, matched as plain
  text, ranked the same way in Python (a title or keyword match weighs ten
  times a match in the text, as ``ts_rank``'s default A and D weights do).

A query is read as text: markup in it (``<script>…</script>``) is dropped
before it is split into words. The site's other pages that fit a query (the
"I'm not the borrower" interview, the evidence log; ``tools`` in
topics.yaml) are matched on their title, description and keywords in both
languages, held in memory: a tool is offered when most of the query's words
are among its words.

The index is rebuilt when the page version changes (a new knowledge base,
template, translation or release): each search first checks, with one
small query, that every row is of the current version, so a fresh clone
needs no manual step. Queries are bounded by the view and never logged.
"""

from __future__ import annotations

from collections import Counter

from django.db import IntegrityError, connection, transaction
from django.db.models import Q
from django.utils.html import strip_tags

from rights_guide.guide.articles import plain_text, topic_article
from rights_guide.guide.models import SearchEntry
from rights_guide.guide.registry import Tool, Topic, get_registry
from rights_guide.guide.tokens import token_string, tokenize
from rights_guide.guide.version import page_version
from rights_guide.knowledge.model import LANGUAGES

MAX_QUERY_WORDS = 64  # a 100-character Chinese query has 99 pieces; enough to rank on
KEY_WEIGHT, BODY_WEIGHT = 1.0, 0.1
# A topic is listed only if it ranks at least this share of the best one: a
# query shares common pieces (联系, contact) with every topic, and a list of
# everything helps nobody.
RELATIVE_CUTOFF = 0.25
# A tool is offered when more than this share of the query's words are its
# words: "我不是借款人" is all the /called/ interview's, "call my boss" only half
# the phone-call help's.
TOOL_SHARE = 0.5
_TOOL_WORDS: dict[str, tuple[tuple[Tool, frozenset[str]], ...]] = {}


def _entry(topic: Topic, language: str, version: str) -> SearchEntry:
    keywords = [word for words in topic.keywords.values() for word in words]
    key = " ".join([topic.title.get(language), topic.description.get(language), *keywords])
    body = plain_text(topic_article(topic, language))
    return SearchEntry(
        topic=topic.slug,
        language=language,
        version=version,
        key_tokens=token_string(key),
        body_tokens=token_string(body),
    )


def ensure_index() -> None:
    """Rebuild the index unless every topic in every language is there for this version."""
    version = page_version()
    topics = get_registry().topics
    if SearchEntry.objects.filter(version=version).count() == len(topics) * len(LANGUAGES):
        return
    entries = [_entry(topic, language, version) for topic in topics for language in LANGUAGES]
    try:
        with transaction.atomic():
            SearchEntry.objects.all().delete()
            SearchEntry.objects.bulk_create(entries)
    except IntegrityError:
        pass  # another process rebuilt it at the same moment; its rows are as good


def query_words(query: str) -> list[str]:
    """The distinct index words of a query's text (markup dropped), at most MAX_QUERY_WORDS."""
    return list(dict.fromkeys(tokenize(strip_tags(query))))[:MAX_QUERY_WORDS]


def _postgres_scores(words: list[str]) -> dict[str, float]:
    from django.contrib.postgres.search import SearchQuery, SearchRank, SearchVector

    vector = SearchVector("key_tokens", weight="A", config="simple") + SearchVector(
        "body_tokens", weight="D", config="simple"
    )
    # Words are [a-z0-9]+ only (tokens.py), so joining them with | is a safe raw query.
    query = SearchQuery(" | ".join(words), search_type="raw", config="simple")
    rows = (
        SearchEntry.objects.annotate(document=vector, rank=SearchRank(vector, query))
        .filter(document=query)
        .values_list("topic", "rank")
    )
    scores: dict[str, float] = {}
    for topic, rank in rows:
        scores[topic] = max(scores.get(topic, 0.0), rank)
    return scores


def _plain_scores(words: list[str]) -> dict[str, float]:
    padded = [" %s " % word for word in words]
    match = Q()
    for word in padded:
        match |= Q(key_tokens__contains=word) | Q(body_tokens__contains=word)
    scores: dict[str, float] = {}
    for topic, key, body in SearchEntry.objects.filter(match).values_list(
        "topic", "key_tokens", "body_tokens"
    ):
        in_key, in_body = Counter(key.split()), Counter(body.split())
        rank = sum(KEY_WEIGHT * in_key[w] + BODY_WEIGHT * in_body[w] for w in words)
        scores[topic] = max(scores.get(topic, 0.0), rank)
    return scores


def search_topics(query: str) -> list[Topic]:
    """Topics matching the query, best first (an empty list when nothing matches)."""
    words = query_words(query)
    if not words:
        return []
    ensure_index()
    full_text = connection.vendor == "postgresql"
    scores = _postgres_scores(words) if full_text else _plain_scores(words)
    registry = get_registry()
    order = {topic.slug: position for position, topic in enumerate(registry.topics)}
    best = max(scores.values(), default=0.0)
    found = sorted(
        (
            slug
            for slug, score in scores.items()
            if slug in order and score >= best * RELATIVE_CUTOFF
        ),
        key=lambda slug: (-scores[slug], order[slug]),
    )
    return [registry.topic(slug) for slug in found]


def _tool_words() -> tuple[tuple[Tool, frozenset[str]], ...]:
    """Each tool with the words of its title, description and keywords in every language."""
    registry = get_registry()
    cached = _TOOL_WORDS.get(registry.digest)
    if cached is None:
        cached = tuple(
            (
                tool,
                frozenset(
                    tokenize(
                        " ".join(
                            text
                            for language in LANGUAGES
                            for text in (
                                tool.title.get(language),
                                tool.description.get(language),
                                *tool.keywords[language],
                            )
                        )
                    )
                ),
            )
            for tool in registry.tools
        )
        _TOOL_WORDS.clear()
        _TOOL_WORDS[registry.digest] = cached
    return cached


def search_tools(query: str) -> list[Tool]:
    """The site's pages that fit the query, best first (most of the query's words are theirs)."""
    words = query_words(query)
    if not words:
        return []
    shares = [(len(set(words) & known) / len(words), tool) for tool, known in _tool_words()]
    return [tool for share, tool in sorted(shares, key=lambda pair: -pair[0]) if share > TOOL_SHARE]
