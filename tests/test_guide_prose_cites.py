"""Every statement of law in the guide's prose cites a provision the knowledge base holds.

A paragraph that says something is unlawful, a crime or punishable, or that
the reader may refuse, need not pay or has a right, is a statement of law. If
it names no provision, nobody can check it against the knowledge base, its
confidence label and caveats are never shown, and it does not change when the
law does (the review found several such sentences overstated). The test reads
the topic templates' source: each paragraph (a ``<p>``, list item, table cell,
heading) that uses one of the marking words must carry a ``{% cite %}`` or
``{% provision %}`` tag, and every id those tags name must be in the knowledge
base. The FAQ's answers are held to the same rule by the registry itself
(each answer lists its ``cites``, checked when the app starts).
"""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from rights_guide.guide.citations import QUOTED, TAG
from rights_guide.knowledge import get_knowledge

ROOT = Path(__file__).resolve().parent.parent
TEMPLATES = sorted((ROOT / "templates" / "guide").glob("*/*.html"))

# Words that make a sentence a statement of what the law says.
MARKERS = {
    "zh-hans": re.compile(
        r"违法|违反|不合法|罪|处罚|拘留|可以拒绝|不用还|不用替|不欠|没有义务|有权|无权"
    ),
    "en": re.compile(
        r"\bunlawful|\billegal|\bbreak(?:s|ing)?\b|\bcrim(?:e|es|inal)\b|\bpunish"
        r"|\bdetain|\bdetention|\bmay refuse|\bdo(?:es)? not have to (?:pay|repay)|\bneed not pay"
        r"|\bowes? nothing|\bhave the right|\bhas the right|\bno right",
        re.I,
    ),
}
# Block boundaries: a paragraph is the text between two of these tags.
BLOCK = re.compile(
    r"</?(?:p|li|ul|ol|td|th|tr|table|h[1-6]|dt|dd|dl|div|section|blockquote)\b[^>]*>"
)
COMMENT = re.compile(r"{#.*?#}|<!--.*?-->|{%\s*comment\s*%}.*?{%\s*endcomment\s*%}", re.S)
CITING = re.compile(r"{%\s*(?:cite|provision)\s")
TEMPLATE_TAG = re.compile(r"{%.*?%}|{{.*?}}", re.S)
HTML_TAG = re.compile(r"<[^>]+>")


def _language(path: Path) -> str:
    return path.parent.name


def paragraphs(source: str) -> list[str]:
    """The template's prose cut at every block tag, comments left out."""
    return [part.strip() for part in BLOCK.split(COMMENT.sub("", source)) if part.strip()]


def uncited(source: str, language: str) -> list[str]:
    """The paragraphs that state law (by the marking words) without citing a provision."""
    found = []
    for paragraph in paragraphs(source):
        text = HTML_TAG.sub("", TEMPLATE_TAG.sub("", paragraph))
        if MARKERS[language].search(text) and not CITING.search(paragraph):
            found.append(" ".join(text.split()))
    return found


def unknown_ids(source: str) -> list[str]:
    provisions = get_knowledge().provisions
    return [
        value
        for tag, arguments in TAG.findall(source)
        if tag in ("cite", "provision")
        for value in QUOTED.findall(arguments)
        if value not in provisions
    ]


def test_the_guide_has_templates_in_both_languages():
    assert {_language(path) for path in TEMPLATES} == {"zh-hans", "en"}
    assert len(TEMPLATES) >= 24


@pytest.mark.parametrize(
    "path", TEMPLATES, ids=lambda path: "%s/%s" % (path.parent.name, path.name)
)
def test_every_statement_of_law_cites_a_provision(path):
    assert uncited(path.read_text(encoding="utf-8"), _language(path)) == []


@pytest.mark.parametrize(
    "path", TEMPLATES, ids=lambda path: "%s/%s" % (path.parent.name, path.name)
)
def test_every_cited_id_is_in_the_knowledge_base(path):
    assert unknown_ids(path.read_text(encoding="utf-8")) == []


def test_the_check_flags_law_without_a_citation_and_an_unknown_id():
    """The checks themselves: each can fail."""
    source = (
        "<p>催收方这样做是违法的。</p>"
        '<p>这样做是违法的{% cite "civil_code_1033" %}。</p>'
        "<ol><li>您可以拒绝。</li><li>保存截图。</li></ol>"
        '<p>The collector broke the law {% cite "contract_law_107" %}.</p>'
    )
    assert uncited(source, "zh-hans") == ["催收方这样做是违法的。", "您可以拒绝。"]
    assert uncited("<p>Posting it online is unlawful.</p><p>Keep a copy.</p>", "en") == [
        "Posting it online is unlawful."
    ]
    assert uncited("<li>You do not have to pay a relative's debt.</li>", "en") != []
    assert uncited("<li>他们不欠钱，不用替您还。</li>", "zh-hans") != []
    assert uncited("<li>They owe nothing.</li>", "en") != []
    assert unknown_ids(source) == ["contract_law_107"]
