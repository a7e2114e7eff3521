"""The guide's topics as data (topics.yaml), checked when the app starts.

A topic is one question people search for: its stable slug (the address),
its title and one-sentence description in both languages, the words people
use for it (search keywords and synonyms), related topics, where its button
enters the check (the interview step and the answers ticked in advance) and
its frequently asked questions (shown on the page and as structured data).
The prose lives in one template per language; the law in it is cited by id.

The verdict tables compare lenders: ``lenders`` lists the columns (each a
part of an assess request: the kind of lender, and the product or licence
where that matters) and ``stories`` the canonical stories the engine is run
on (the rest of the request). Every story is parsed with the API's own
parser against every column here, so a table can never fail on a page.

``tools`` lists the site's other pages that answer what people search the
guide for (the "I'm not the borrower" interview, the evidence log…): the
guide's search offers them beside the topics, matched on their title,
description and keywords.

Problems are collected and reported together, each naming its entry, as the
knowledge loader does; a reviewer edits YAML, not Python.
"""

from __future__ import annotations

import datetime
import hashlib
import re
from collections.abc import Mapping
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from rights_guide.assessment import InvalidAnswers, parse_answers
from rights_guide.interview import preselect
from rights_guide.knowledge import get_knowledge
from rights_guide.knowledge.checker import Checker, read_yaml
from rights_guide.knowledge.model import LANGUAGES, Text

TOPICS_FILE = Path(__file__).parent / "topics.yaml"
SLUG = re.compile(r"^[a-z][a-z0-9]*(-[a-z0-9]+)*$")
CODE = re.compile(r"^[a-z][a-z0-9_]*$")
RESERVED_SLUGS = frozenset({"search"})  # other guide addresses
# The interview steps a guide button can start with answers ticked in advance
# (rights_guide.interview.preselect), and the request fields a story may set.
PRESELECT_STEPS = (preselect.STEP,)
LENDER_FIELDS = frozenset({"lender_type", "licensed", "product"})
STORY_FIELDS = frozenset(
    {"events", "tactics", "annual_rate_percent", "contract_date", "came_inside", "insult_public"}
)


class GuideError(Exception):
    """topics.yaml (or a topic template) is inconsistent; ``problems`` lists every one."""

    def __init__(self, problems: list[str]):
        self.problems = problems
        super().__init__("The guide is invalid:\n  - " + "\n  - ".join(problems))


@dataclass(frozen=True)
class Faq:
    question: Text
    answer: Text
    cites: tuple[str, ...]  # provision ids the answer rests on


@dataclass(frozen=True)
class Check:
    """Where a topic's button enters the interview, and what it ticks there."""

    step: str
    preselect: tuple[str, ...]  # target codes (vocabulary.yaml)


@dataclass(frozen=True)
class Topic:
    slug: str
    title: Text  # the question, as people search for it
    description: Text  # one sentence: the meta description and the index entry
    keywords: Mapping[str, tuple[str, ...]]  # by language
    related: tuple[str, ...]
    check: Check
    faq: tuple[Faq, ...]

    def template(self, language: str) -> str:
        return "guide/%s/%s.html" % (language, self.slug)


@dataclass(frozen=True)
class Tool:
    """A page of the site besides the topics that the guide's search also finds."""

    url: str  # its URL name (rights_guide/urls.py); start-up checks that it resolves
    title: Text
    description: Text
    keywords: Mapping[str, tuple[str, ...]]  # by language


@dataclass(frozen=True)
class LenderColumn:
    """One row of every verdict table: a kind of lender as an assess request sees it."""

    code: str
    label: Text
    request: Mapping[str, Any]


@dataclass(frozen=True)
class Story:
    """A canonical story: the part of an assess request besides the lender."""

    code: str
    label: Text
    request: Mapping[str, Any]


@dataclass(frozen=True)
class GuideRegistry:
    topics: tuple[Topic, ...]
    lenders: tuple[LenderColumn, ...]
    stories: Mapping[str, Story]
    tools: tuple[Tool, ...]
    digest: str  # of topics.yaml: part of the pages' version

    def topic(self, slug: str) -> Topic | None:
        return next((topic for topic in self.topics if topic.slug == slug), None)


def _keywords(check: Checker, raw: Any, where: str) -> dict[str, tuple[str, ...]]:
    result = {}
    for language in LANGUAGES:
        words = (raw or {}).get(language) if isinstance(raw, Mapping) else None
        if not isinstance(words, list) or not words or not all(isinstance(w, str) for w in words):
            check.fail(where, "needs a list of %s keywords" % language)
            words = []
        result[language] = tuple(words)
    return result


def _check(check: Checker, raw: Any, where: str) -> Check:
    raw = raw if isinstance(raw, Mapping) else {}
    step = check.choice(raw.get("step"), PRESELECT_STEPS, where + " step")
    targets = get_knowledge().vocabulary.targets
    preselect = tuple(check.choices(raw.get("preselect"), targets.codes, where + " preselect"))
    return Check(step=step, preselect=tuple(code for code in targets.codes if code in preselect))


def _faq(check: Checker, raw: Any, where: str) -> tuple[Faq, ...]:
    if not isinstance(raw, list) or not raw:
        check.fail(where, "needs at least one question and answer")
        return ()
    provisions = get_knowledge().provisions
    pairs = []
    for number, pair in enumerate(raw, start=1):
        here = "%s %d" % (where, number)
        pair = pair if isinstance(pair, Mapping) else {}
        cites = tuple(pair.get("cites") or ())
        for provision in cites:
            if provision not in provisions:
                check.fail(here, "cites unknown provision %r" % provision)
        if not cites:
            check.fail(here, "an answer must cite the provisions it rests on")
        pairs.append(
            Faq(
                question=check.text(pair.get("question"), here + " question"),
                answer=check.text(pair.get("answer"), here + " answer"),
                cites=cites,
            )
        )
    return tuple(pairs)


def _topics(check: Checker, raw: Any) -> tuple[Topic, ...]:
    topics = []
    for entry in raw if isinstance(raw, list) else []:
        entry = entry if isinstance(entry, Mapping) else {}
        slug = str(entry.get("slug", ""))
        where = "topics.yaml: topic %s" % (slug or "?")
        if not SLUG.match(slug) or slug in RESERVED_SLUGS:
            check.fail(where, "slug must be lower-case words joined by hyphens, not a reserved one")
        if any(topic.slug == slug for topic in topics):
            check.fail(where, "duplicate slug")
        topics.append(
            Topic(
                slug=slug,
                title=check.text(entry.get("title"), where + " title"),
                description=check.text(entry.get("description"), where + " description"),
                keywords=_keywords(check, entry.get("keywords"), where + " keywords"),
                related=tuple(entry.get("related") or ()),
                check=_check(check, entry.get("check"), where + " check"),
                faq=_faq(check, entry.get("faq"), where + " faq"),
            )
        )
    if not topics:
        check.fail("topics.yaml", "no topics")
    slugs = {topic.slug for topic in topics}
    for topic in topics:
        for other in topic.related:
            if other not in slugs or other == topic.slug:
                check.fail("topics.yaml: topic %s related" % topic.slug, "no topic %r" % other)
    return tuple(topics)


def _tools(check: Checker, raw: Any) -> tuple[Tool, ...]:
    tools = []
    for entry in raw if isinstance(raw, list) else []:
        entry = entry if isinstance(entry, Mapping) else {}
        url = str(entry.get("url", ""))
        where = "topics.yaml: tool %s" % (url or "?")
        if not CODE.match(url) or any(tool.url == url for tool in tools):
            check.fail(where, "url must be a unique URL name")
        tools.append(
            Tool(
                url=url,
                title=check.text(entry.get("title"), where + " title"),
                description=check.text(entry.get("description"), where + " description"),
                keywords=_keywords(check, entry.get("keywords"), where + " keywords"),
            )
        )
    return tuple(tools)


def _lenders(check: Checker, raw: Any) -> tuple[LenderColumn, ...]:
    lender_types = get_knowledge().vocabulary.lender_types
    columns = []
    for entry in raw if isinstance(raw, list) else []:
        entry = entry if isinstance(entry, Mapping) else {}
        code = str(entry.get("code", ""))
        where = "topics.yaml: lender %s" % (code or "?")
        if not CODE.match(code) or any(column.code == code for column in columns):
            check.fail(where, "code must be a unique lower_snake_case word")
        request = dict(entry.get("request") or {})
        if set(request) - LENDER_FIELDS or request.get("lender_type") not in lender_types:
            check.fail(where, "request must name a lender_type and may add licensed or product")
        kind = lender_types.get(request.get("lender_type", ""))
        label = entry.get("label")
        columns.append(
            LenderColumn(
                code=code,
                label=check.text(label, where + " label") if label or kind is None else kind.name,
                request=request,
            )
        )
    if not columns:
        check.fail("topics.yaml", "no lenders to compare")
    return tuple(columns)


def _stories(check: Checker, raw: Any, lenders: tuple[LenderColumn, ...]) -> dict[str, Story]:
    stories = {}
    day = get_knowledge().version_date
    for code, entry in (raw if isinstance(raw, Mapping) else {}).items():
        where = "topics.yaml: story %s" % code
        entry = entry if isinstance(entry, Mapping) else {}
        if not CODE.match(str(code)):
            check.fail(where, "code must be lower_snake_case")
        request = dict(entry.get("request") or {})
        if set(request) - STORY_FIELDS:
            check.fail(where, "a story may set only %s" % ", ".join(sorted(STORY_FIELDS)))
        for column in lenders:
            try:
                parse_answers({**request, **column.request}, today=day)
            except InvalidAnswers as error:
                fields = ", ".join("%s (%s)" % (e.field, e.code) for e in error.errors)
                check.fail(where, "not a valid story for lender %s: %s" % (column.code, fields))
        stories[str(code)] = Story(
            code=str(code), label=check.text(entry.get("label"), where + " label"), request=request
        )
    return stories


def load_registry(path: Path = TOPICS_FILE) -> GuideRegistry:
    """Read and check topics.yaml against the knowledge base; raise GuideError listing all problems."""
    check = Checker()
    try:
        data = read_yaml(path) or {}
    except (OSError, ValueError) as error:
        raise GuideError(["cannot read %s: %s" % (path, error)]) from error
    lenders = _lenders(check, data.get("lenders"))
    registry = GuideRegistry(
        topics=_topics(check, data.get("topics")),
        lenders=lenders,
        stories=_stories(check, data.get("stories"), lenders),
        tools=_tools(check, data.get("tools")),
        digest=hashlib.sha256(path.read_bytes()).hexdigest()[:12],
    )
    if check.problems:
        raise GuideError(check.problems)
    return registry


_LOADED: dict[str, GuideRegistry] = {}


def get_registry() -> GuideRegistry:
    """The registry for the knowledge in use (loaded once per knowledge version)."""
    version = get_knowledge().version
    registry = _LOADED.get(version)
    if registry is None:
        _LOADED.clear()
        registry = _LOADED[version] = load_registry()
    return registry


def conduct_day() -> datetime.date:
    """The day every canonical story happens on: the day the law is stated as of."""
    return get_knowledge().version_date
