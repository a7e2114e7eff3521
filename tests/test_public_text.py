"""What every page and letter says reads as finished, public, Chinese-typeset text.

The knowledge base (every ``Text`` it loads, in both languages), both
catalogues and the templates are public: no internal work-sheet or issue
number may reach them. Chinese text uses full-width quotation marks, never
ASCII ones; titles are never wrapped in 《》 twice; a question is not
followed by a colon. And an error is said once, in one wording.
"""

from __future__ import annotations

import dataclasses
import gettext
import re
from collections.abc import Iterator
from pathlib import Path

import pytest
from django.test import Client

from rights_guide.formatting import book_title
from rights_guide.knowledge import get_knowledge
from rights_guide.knowledge.model import Text
from tests.factories import STORY, log_contact, post_step, save_details, walk

ROOT = Path(__file__).resolve().parent.parent
CATALOGUES = {
    language: ROOT / "locale" / language / "LC_MESSAGES" / "django.mo"
    for language in ("zh_Hans", "en")
}

INTERNAL_NOTE = re.compile(
    r"\bissues?\s*#?\d+|第\s*\d+\s*号工作单|工作单(?!位)|\btickets?\b|\bwork\s*sheets?\b",
    re.IGNORECASE,
)
CJK = "[\u3000-\u303f\u3400-\u4dbf\u4e00-\u9fff\uff00-\uffef]"
ASCII_QUOTE_IN_CHINESE = re.compile('%s"|"%s' % (CJK, CJK))
NESTED_TITLE = re.compile("《[^》]*《")
COLON_AFTER_QUESTION = re.compile(r"[？?。]\s*[:：]")


def knowledge_texts(obj, path="knowledge", seen=None) -> Iterator[tuple[str, Text]]:
    """Every Text the loaded knowledge holds, wherever it sits, with where it sits."""
    seen = set() if seen is None else seen
    if id(obj) in seen or obj is None or isinstance(obj, str | bytes | int | float):
        return
    seen.add(id(obj))
    if isinstance(obj, Text):
        yield path, obj
    elif isinstance(obj, dict):
        for key, value in obj.items():
            yield from knowledge_texts(value, "%s.%s" % (path, key), seen)
    elif isinstance(obj, list | tuple | set | frozenset):
        for index, value in enumerate(obj):
            yield from knowledge_texts(value, "%s[%s]" % (path, index), seen)
    elif dataclasses.is_dataclass(obj):
        for field in dataclasses.fields(obj):
            yield from knowledge_texts(getattr(obj, field.name), path + "." + field.name, seen)
    elif hasattr(obj, "__dict__"):
        for key, value in vars(obj).items():
            yield from knowledge_texts(value, "%s.%s" % (path, key), seen)


TEXTS = list(knowledge_texts(get_knowledge()))


def catalogue(language: str) -> dict:
    with CATALOGUES[language].open("rb") as file:
        return gettext.GNUTranslations(file)._catalog


def test_the_knowledge_walk_reaches_rules_instruments_and_vocabulary():
    paths = " ".join(path for path, _text in TEXTS)
    assert len(TEXTS) > 500
    for part in ("rules", "instruments", "provisions", "vocabulary", "texts"):
        assert "knowledge.%s" % part in paths


def public_strings() -> Iterator[tuple[str, str]]:
    for path, text in TEXTS:
        yield path, text.zh_hans
        yield path, text.en
    for language in CATALOGUES:
        for msgid, msgstr in catalogue(language).items():
            yield "%s: %r" % (language, msgid), msgstr
    for template in (ROOT / "templates").rglob("*.*"):
        yield str(template.relative_to(ROOT)), template.read_text()


def test_no_page_or_letter_text_mentions_an_internal_issue_or_work_sheet():
    found = [
        (where, match.group())
        for where, text in public_strings()
        for match in INTERNAL_NOTE.finditer(text)
    ]
    assert found == []


def chinese_strings() -> Iterator[tuple[str, str]]:
    for path, text in TEXTS:
        yield path, text.zh_hans
    for msgid, msgstr in catalogue("zh_Hans").items():
        yield repr(msgid), msgstr


@pytest.mark.parametrize(
    "pattern",
    [ASCII_QUOTE_IN_CHINESE, NESTED_TITLE, COLON_AFTER_QUESTION],
    ids=["ascii-quotes-in-chinese", "title-marks-inside-title-marks", "colon-after-question"],
)
def test_chinese_text_is_typeset_in_chinese(pattern):
    found = [(where, text) for where, text in chinese_strings() if pattern.search(text)]
    assert found == []


def test_every_instrument_is_named_once_in_title_marks_or_by_its_standard_number():
    names = {i.name.zh_hans for i in get_knowledge().instruments.values()}
    names |= {i.short_name.zh_hans for i in get_knowledge().instruments.values()}
    for name in names:
        titled = book_title(name)
        assert not NESTED_TITLE.search(titled), titled
    assert book_title("中华人民共和国民法典") == "《中华人民共和国民法典》"
    assert book_title("国家标准 GB/T 45251—2025") == "国家标准 GB/T 45251—2025"
    assert book_title("中国银行业协会《金融机构个人消费类贷款催收工作指引（试行）》") == (
        "中国银行业协会《金融机构个人消费类贷款催收工作指引（试行）》"
    )


def summary(html: str) -> str:
    return html.split('id="error-summary"')[1].split("</div>")[0]


@pytest.mark.django_db
def test_an_error_summary_puts_a_chinese_colon_after_a_label_and_none_after_a_question():
    client = Client()
    post_step(client, "lender", {"lender_type": "bank"})
    post_step(client, "contacts", {"targets": []})
    post_step(client, "tactics", {"tactics": ["insults"]})
    html = summary(post_step(client, "when", {"conduct_date": ""}).content.decode())
    assert "请填最近的一天。此项必填。" in html
    assert not COLON_AFTER_QUESTION.search(html) and ": " not in html and "。：" not in html
    walk(client, STORY)
    html = summary(save_details(client, complainant_name="").content.decode())
    assert "您的姓名：此项必填。" in html


@pytest.mark.django_db
def test_an_empty_required_text_is_told_in_the_same_words_as_an_unanswered_question():
    client = Client()
    walk(client, STORY)
    html = summary(save_details(client, complainant_name="", respondent_name="").content.decode())
    assert html.count("此项必填。") == 2 and "不能为空" not in html


@pytest.mark.django_db
def test_a_null_character_is_reported_once_in_plain_words():
    client = Client()
    walk(client, STORY)
    html = summary(save_details(client, complainant_name="张\x00三").content.decode())
    assert html.count("<li>") == 1 and "U+0000" in html
    html = summary(log_contact(client, description="说\x00我").content.decode())
    assert html.count("<li>") == 1 and "U+0000" in html
    assert "空字符串" not in html


def test_a_question_label_takes_no_colon_in_either_language():
    from django.utils import translation

    from rights_guide.messages import labelled

    with translation.override("zh-hans"):
        assert labelled("能联系到您本人吗？", "此项必填。") == "能联系到您本人吗？此项必填。"
    with translation.override("en"):
        assert labelled("Could they reach you?", "Required.") == "Could they reach you? Required."
        assert labelled("Your name", "Required.") == "Your name: Required."
        assert labelled("Your name:", "Required.") == "Your name: Required."


@pytest.mark.parametrize(
    ("supports", "lead"),
    [
        ("lawful", "合法依据"),
        ("grey", "涉及的规定"),
        ("breach", "违反的规定"),
        ("unlawful", "违反的规定"),
        ("criminal", "可能涉及"),
    ],
)
def test_a_ground_is_led_by_what_it_means_for_the_reader(supports, lead):
    from rights_guide.assessment import evaluate
    from rights_guide.results import citation_groups, present_assessment
    from tests.factories import make_answers

    answers = make_answers(tactics=["lawsuit_notice"])
    finding = present_assessment(evaluate(answers), "zh-hans")["findings"][0]
    citation = dataclasses.replace(finding["citations"][0], supports=supports, role="conduct")
    remedy = dataclasses.replace(citation, role="remedy")
    groups = citation_groups((citation, remedy), get_knowledge(), "zh-hans")
    assert [(text, len(items)) for text, items in groups] == [
        (lead, 1),
        ("可以据此提出的请求", 1),
    ]


def test_what_a_letter_says_they_did_never_calls_its_reader_you():
    """A rule's conduct is quoted in letters to the lender, the regulator and the police alike."""
    addressed = [
        (rule.code, rule.conduct.en)
        for rule in get_knowledge().rules
        if rule.conduct is not None and re.search(r"\byou(r)?\b", rule.conduct.en)
    ]
    assert addressed == []


@pytest.mark.django_db
def test_an_empty_file_is_reported_once():
    from django.core.files.uploadedfile import SimpleUploadedFile

    client = Client()
    empty = SimpleUploadedFile("log.csv", b"", content_type="text/csv")
    html = client.post("/log/import/", {"file": empty}).content.decode()
    result = html.split('id="import-result"')[1].split("</section>")[0]
    assert result.count("文件是空的") == 1
    assert "添加0次" not in result and "第1行" not in result


@pytest.mark.django_db
@pytest.mark.parametrize("path", ["/help/calls/", "/en/help/calls/", "/", "/privacy/"])
def test_a_page_says_it_is_not_legal_advice_once(path):
    html = Client().get(path).content.decode()
    assert html.count("一般性的法律信息") + html.count("general legal information") == 1
