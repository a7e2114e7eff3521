"""Search over the guide: Chinese and English, bounded, never logged, on SQLite and PostgreSQL."""

import io
import logging
import re

import pytest
from django.core.management import call_command
from django.db import connection

from rights_guide.guide import search
from rights_guide.guide.models import SearchEntry
from rights_guide.guide.registry import get_registry
from rights_guide.guide.tokens import tokenize
from rights_guide.guide.version import page_version

PREFIX = {"zh-hans": "", "en": "/en"}


def code(characters: str) -> str:
    return "z" + "".join("%05x" % ord(c) for c in characters)


@pytest.mark.parametrize(
    ("text", "words"),
    [
        ("联系家人", [code("联系"), code("系家"), code("家人")]),
        ("家、人", [code("家"), code("人")]),
        ("Contact my Mother's PARENTS", ["contact", "mother", "parent"]),
        ("replies address 𠮷田", ["reply", "address", code("𠮷田")]),
        ("ＧＢ／Ｔ４５２５１", ["gb", "t45251"]),  # full-width letters and digits read as ASCII
        ("the my you", []),
        ("alert(1) x 12", ["alert", "12"]),  # a lone letter or digit says nothing
    ],
)
def test_words_are_chinese_pairs_and_plain_latin_words(text, words):
    assert tokenize(text) == words


def found(client, query, language="zh-hans"):
    response = client.get("%s/guide/search/" % PREFIX[language], {"q": query})
    assert response.status_code == 200
    return re.findall(r'<li data-topic="([^"]+)"', response.text)


@pytest.mark.django_db
@pytest.mark.parametrize("language", ["zh-hans", "en"])
@pytest.mark.parametrize("query", ["联系家人", "紧急联系人", "contact my mother"])
def test_the_family_topic_is_found(client, query, language):
    assert "family" in found(client, query, language)


@pytest.mark.django_db
@pytest.mark.parametrize(
    ("query", "first"),
    [
        ("联系家人", "family"),
        ("contact my mother", "family"),
        ("妈妈", "family"),
        ("爆通讯录", "contact-list"),
        ("半夜打电话", "calls-and-hours"),
        ("how many calls a day", "calls-and-hours"),
        ("紧急联系人要还钱吗", "emergency-contact"),
    ],
)
def test_the_best_topic_comes_first(client, query, first):
    assert found(client, query)[0] == first


@pytest.mark.django_db
def test_results_are_in_the_readers_language(client):
    response = client.get("/en/guide/search/", {"q": "联系家人"})
    assert 'href="/en/guide/family/"' in response.text
    assert get_registry().topic("family").title.en.split(" —")[0] in response.text


@pytest.mark.django_db
@pytest.mark.parametrize("query", ["", "   ", "the my", "！？。", "qqqqzzzz"])
def test_a_query_that_finds_nothing_is_a_page_not_an_error(client, query):
    assert found(client, query) == []


@pytest.mark.django_db
@pytest.mark.parametrize(
    ("language", "message"),
    [("en", "At most 100 characters are allowed."), ("zh-hans", "100")],
)
def test_a_too_long_query_is_refused_with_a_message(client, language, message):
    response = client.get("%s/guide/search/" % PREFIX[language], {"q": "家" * 101})
    assert response.status_code == 400
    assert 'aria-invalid="true"' in response.text
    assert message in response.text
    assert client.get("/guide/search/", {"q": "家" * 100}).status_code == 200


@pytest.mark.django_db
@pytest.mark.parametrize(
    "query", ["x" * 20_000, "\x00\x07联系家人\u202e", "<script>alert(1)</script>", "a | b & !c :*"]
)
def test_odd_queries_never_fail(client, query):
    response = client.get("/guide/search/", {"q": query})
    assert response.status_code in (200, 400)
    assert "<script>alert" not in response.text


@pytest.mark.django_db
def test_queries_are_not_logged(client, caplog):
    with caplog.at_level(logging.DEBUG):
        client.get("/guide/search/", {"q": "我妈妈的电话被打爆了"})
    assert "妈妈" not in caplog.text


@pytest.mark.django_db
def test_search_pages_are_not_indexed_or_cached(client):
    response = client.get("/guide/search/", {"q": "家人"})
    assert '<meta name="robots" content="noindex, follow">' in response.text
    assert "private" in response.headers["Cache-Control"]


@pytest.mark.django_db
def test_the_index_is_built_on_first_search_and_rebuilt_for_a_new_version(client):
    assert SearchEntry.objects.count() == 0  # a fresh database: no manual step
    found(client, "家人")
    topics = len(get_registry().topics)
    assert SearchEntry.objects.filter(version=page_version()).count() == topics * 2
    SearchEntry.objects.update(version="old", key_tokens=" ", body_tokens=" ")
    assert "family" in found(client, "联系家人")
    assert set(SearchEntry.objects.values_list("version", flat=True)) == {page_version()}


@pytest.mark.django_db
def test_the_index_holds_both_languages_keywords_and_the_rendered_text():
    search.ensure_index()
    family = SearchEntry.objects.get(topic="family", language="zh-hans")
    assert " mother " in family.key_tokens and " %s " % code("妈妈") in family.key_tokens
    # Words of the verdict tables and of the law section, as the page shows them.
    assert " %s " % code("灰色") in family.body_tokens
    assert " %s " % code("民法") in family.body_tokens


@pytest.mark.django_db
@pytest.mark.skipif(connection.vendor != "postgresql", reason="PostgreSQL full-text search")
def test_postgresql_searches_with_the_gin_index():
    search.ensure_index()
    with connection.cursor() as cursor:
        cursor.execute("SELECT indexdef FROM pg_indexes WHERE indexname = 'guide_entry_search_gin'")
        (definition,) = cursor.fetchone()
        assert "gin" in definition.lower() and "to_tsvector('simple'" in definition
        cursor.execute("SET enable_seqscan = off")
    from django.contrib.postgres.search import SearchQuery, SearchVector

    vector = SearchVector("key_tokens", weight="A", config="simple") + SearchVector(
        "body_tokens", weight="D", config="simple"
    )
    query = SearchQuery(
        " | ".join(search.query_words("联系家人")), search_type="raw", config="simple"
    )
    plan = SearchEntry.objects.annotate(document=vector).filter(document=query).explain()
    assert "guide_entry_search_gin" in plan
    assert "family" in [t.slug for t in search.search_topics("联系家人")]


@pytest.mark.django_db
def test_the_index_can_be_built_ahead_of_the_first_search():
    call_command("guide_index", stdout=io.StringIO())
    assert SearchEntry.objects.filter(version=page_version()).count() == 2 * len(
        get_registry().topics
    )


def tools(client, query, language="zh-hans"):
    response = client.get("%s/guide/search/" % PREFIX[language], {"q": query})
    assert response.status_code == 200
    return re.findall(r'<li data-tool="([^"]+)"><a href="([^"]+)"', response.text)


@pytest.mark.django_db
@pytest.mark.parametrize(
    ("language", "query"), [("zh-hans", "我不是借款人"), ("en", "I'm not the borrower")]
)
def test_not_the_borrower_finds_the_interview_for_people_called(client, language, query):
    assert ("third_party_start", "%s/called/" % PREFIX[language]) in tools(client, query, language)


@pytest.mark.django_db
def test_a_tool_is_offered_only_when_most_of_the_query_is_its_words(client):
    assert tools(client, "利息") == []
    assert [url for url, _href in tools(client, "通话录音")] == ["help_calls"]


@pytest.mark.django_db
@pytest.mark.parametrize("language", ["zh-hans", "en"])
@pytest.mark.parametrize("query", ["call my boss", "打给领导"])
def test_calls_to_the_boss_find_the_family_and_colleagues_topic(client, query, language):
    assert "family" in found(client, query, language)


@pytest.mark.django_db
@pytest.mark.parametrize("query", ["<script>alert(1)</script>", "1", "<b>x</b>"])
def test_markup_and_lone_characters_match_nothing(client, query):
    assert found(client, query) == []
    assert tools(client, query) == []


@pytest.mark.django_db
@pytest.mark.parametrize(
    ("language", "message"),
    [("zh-hans", "请输入要查找的问题"), ("en", "Type what you want to find")],
)
@pytest.mark.parametrize("query", ["", "   "])
def test_an_empty_search_asks_for_words(client, language, message, query):
    response = client.get("%s/guide/search/" % PREFIX[language], {"q": query})
    assert response.status_code == 200
    assert message in response.text
    assert "No topic matches" not in response.text and "没有找到相关主题" not in response.text
