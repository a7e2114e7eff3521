"""The guide's pages: every topic in both languages, the family answer, SEO, caching, the check's entry."""

import html as entities
import json
import re
import xml.etree.ElementTree as ET

import pytest
from django.urls import NoReverseMatch, reverse
from django.utils.html import escape

from rights_guide.guide.registry import get_registry
from rights_guide.guide.verdicts import story_verdicts
from rights_guide.interview import store

pytestmark = pytest.mark.django_db

TOPICS = [topic.slug for topic in get_registry().topics]
PREFIX = {"zh-hans": "", "en": "/en"}


def topic_url(slug: str, language: str) -> str:
    return "%s/guide/%s/" % (PREFIX[language], slug)


def text_of(html: str) -> str:
    return entities.unescape(re.sub(r"\s+", " ", re.sub(r"<[^>]+>", " ", html)))


def between(html: str, start: str, end: str) -> str:
    return html[html.index(start) : html.index(end, html.index(start))]


@pytest.mark.parametrize("language", ["zh-hans", "en"])
@pytest.mark.parametrize("slug", TOPICS)
def test_every_topic_renders_with_its_question_answer_and_law(client, slug, language):
    topic = get_registry().topic(slug)
    response = client.get(topic_url(slug, language))
    assert response.status_code == 200
    html = response.text
    assert '<html lang="%s">' % language in html
    title = escape(topic.title.get(language))
    assert re.search(r"<h1[^>]*>%s</h1>" % re.escape(title), html)
    assert html.count("<h1") == 1
    assert "<title>%s · " % title in html
    lead = between(html, 'class="guide-lead"', "</section>")
    assert len(text_of(lead).strip()) > 60  # a direct answer comes first
    assert html.index('class="guide-lead"') < html.index('id="conditions-heading"')
    assert 'class="cites"' in lead  # the answer cites its law
    law = between(html, 'class="guide-law"', "</section>")
    assert law.count("data-provision=") >= 5
    assert "2026" in text_of(law) and "2026-12-01+" in law  # law as of, knowledge version
    assert html.count('class="verdicts"') >= 1
    assert 'href="/%sinterview/?preselect=' % ("en/" if language == "en" else "") in html
    assert (
        '<meta name="description" content="%s">' % escape(topic.description.get(language)) in html
    )


@pytest.mark.parametrize("language", ["zh-hans", "en"])
def test_the_index_lists_every_topic_and_has_a_search_form(client, language):
    html = client.get("%s/guide/" % PREFIX[language]).text
    for topic in get_registry().topics:
        assert 'href="%s"' % topic_url(topic.slug, language) in html
        assert escape(topic.title.get(language)) in html
    assert 'role="search"' in html and 'name="q"' in html


def test_the_home_page_and_header_link_to_the_guide(client):
    html = client.get("/").text
    header = between(html, "<header", "</header>")
    assert 'href="/guide/"' in header
    assert 'href="/guide/"' in between(html, "<main", "</main>")
    assert 'href="/en/guide/"' in client.get("/en/privacy/").text


FAMILY_ANSWER = {
    "zh-hans": [
        "紧急联系人",
        "只能问怎么找到您",
        "就必须停止",
        "不能把您欠款的事告诉他",
        "不能要求他替您还钱",
        "群发消息",
        "与这笔债务无关的人",
        "最多只能向他们打听您的联系方式",
        "担保人要在担保范围内负责",
        "配偶只对夫妻共同债务负责",
    ],
    "en": [
        "emergency contact",
        "only to ask how to reach you",
        "they must stop as soon as that person says",
        "may not tell them about your debt or ask them to pay",
        "never send messages to everyone in your contacts",
        "have nothing to do with the debt",
        "the most they may do is ask them for your contact details",
        "a guarantor answers for the loan within the guarantee",
        "a spouse only for a joint marital debt",
    ],
}
LENDER_DIFFERENCES = {
    "zh-hans": [
        "银行（含信用卡）和消费金融公司",
        "银行业协会",
        "小额贷款公司（含网络小贷）",
        "GB/T 45251—2025",
        "互联网金融协会",
        "个人或没有牌照的放贷人",
        "民法典约束所有人",
    ],
    "en": [
        "Banks (credit cards included) and consumer-finance companies",
        "Banking Association",
        "Microloan companies",
        "GB/T 45251—2025",
        "internet-finance association",
        "Individuals and unlicensed lenders",
        "The Civil Code binds everyone",
    ],
}


@pytest.mark.parametrize("language", ["zh-hans", "en"])
def test_the_family_topic_gives_the_nuanced_answer(client, language):
    html = client.get(topic_url("family", language)).text
    lead = text_of(between(html, 'class="guide-lead"', "</section>"))
    for phrase in FAMILY_ANSWER[language]:
        assert phrase in lead, phrase
    body = text_of(html)
    for phrase in LENDER_DIFFERENCES[language]:
        assert phrase in body, phrase
    # The emergency contact's limits come from the rule itself, and the verdict
    # tables the brief names are all there.
    assert 'data-rule="CONTACT__EMERGENCY_CONTACT_BEYOND_LOCATING"' in html
    for story in ("family_reachable", "ec_locate", "ec_repeated", "family_told"):
        assert 'data-story="%s"' % story in html
    law = between(html, 'class="guide-law"', "</section>")
    for provision in (
        "civil_code_1064",  # the spouse
        "civil_code_688_2",  # the guarantor
        "gbt_45251_debtor_only",
        "cba_third_parties",
        "nifa_14",
        "microloan_37_5",
        "civil_code_1032",
        "psapl_2025_56",
    ):
        assert 'data-provision="%s"' % provision in law


def test_the_family_verdicts_show_the_engine_by_lender_type(client):
    html = client.get("/en/guide/family/").text
    reachable = between(html, 'data-story="family_reachable"', "</table>")
    assert re.search(r'data-lender="consumer_finance" data-severity="breach"', reachable)
    assert re.search(r'data-lender="private_lender" data-severity="grey"', reachable)
    located = between(html, 'data-story="ec_locate"', "</table>")
    assert located.count('data-severity="lawful"') == len(get_registry().lenders)
    told = between(html, 'data-story="family_told"', "</table>")
    assert told.count('data-severity="unlawful"') == len(get_registry().lenders)


def test_canonical_and_language_alternates(client):
    html = client.get("/en/guide/family/").text
    assert '<link rel="canonical" href="http://testserver/en/guide/family/">' in html
    assert (
        '<link rel="alternate" hreflang="zh-Hans" href="http://testserver/guide/family/">' in html
    )
    assert '<link rel="alternate" hreflang="en" href="http://testserver/en/guide/family/">' in html
    assert (
        '<link rel="alternate" hreflang="x-default" href="http://testserver/guide/family/">' in html
    )
    assert '<meta property="og:url" content="http://testserver/en/guide/family/">' in html
    assert '<meta property="og:locale" content="en_US">' in html
    assert '<meta property="og:title"' in html and '<meta property="og:description"' in html
    home = client.get("/").text
    assert '<link rel="canonical" href="http://testserver/">' in home
    assert '<link rel="alternate" hreflang="en" href="http://testserver/en/">' in home
    # The guide switches language by a link to the same page, no form and no cookie.
    assert 'href="/guide/family/" hreflang="zh-Hans"' in html


@pytest.mark.parametrize("language", ["zh-hans", "en"])
@pytest.mark.parametrize("slug", TOPICS)
def test_faq_structured_data_is_json_and_matches_the_visible_faq(client, slug, language):
    html = client.get(topic_url(slug, language)).text
    blocks = re.findall(r'<script type="application/ld\+json">(.*?)</script>', html, re.S)
    assert len(blocks) == 1
    data = json.loads(blocks[0])
    assert data["@type"] == "FAQPage"
    topic = get_registry().topic(slug)
    pairs = [(q["name"], q["acceptedAnswer"]["text"]) for q in data["mainEntity"]]
    assert pairs == [(f.question.get(language), f.answer.get(language)) for f in topic.faq]
    faq = text_of(between(html, 'class="guide-faq"', "</dl>"))
    for question, answer in pairs:
        assert question in faq and answer in faq
    assert (
        "<script"
        not in html.replace('<script type="application/ld+json">', "").split("<body", 1)[0]
    )  # no executable script in <head>


@pytest.mark.parametrize("gzip", [False, True], ids=["plain", "gzip"])
@pytest.mark.parametrize("path", ["/guide/family/", "/en/guide/family/", "/guide/"])
def test_a_repeat_visit_gets_a_304(client, path, gzip):
    headers = {"HTTP_ACCEPT_ENCODING": "gzip"} if gzip else {}
    first = client.get(path, **headers)
    etag = first.headers["ETag"]
    assert etag.startswith('W/"' if gzip else '"')
    assert "max-age=" in first.headers["Cache-Control"]
    again = client.get(path, HTTP_IF_NONE_MATCH=etag, **headers)
    assert again.status_code == 304
    assert again.content == b""


def test_each_language_and_topic_has_its_own_etag(client):
    etags = {client.get(topic_url(s, lang)).headers["ETag"] for s in TOPICS for lang in PREFIX}
    assert len(etags) == len(TOPICS) * 2


def test_every_topic_offers_help_to_people_who_are_not_the_borrower(client):
    try:
        url = reverse("third_party_start")
    except NoReverseMatch:
        pytest.skip("the third-party flow is not in this tree")
    for slug in TOPICS:
        assert 'href="%s"' % url in client.get(topic_url(slug, "zh-hans")).text


def test_an_unknown_topic_is_a_404(client):
    assert client.get("/guide/no-such-topic/").status_code == 404


def test_the_sitemap_lists_every_page_with_its_alternate_language(client):
    response = client.get("/sitemap.xml")
    assert response.status_code == 200
    ns = {"s": "http://www.sitemaps.org/schemas/sitemap/0.9", "x": "http://www.w3.org/1999/xhtml"}
    root = ET.fromstring(response.content)
    entries = {
        url.find("s:loc", ns).text: {
            link.get("hreflang"): link.get("href") for link in url.findall("x:link", ns)
        }
        for url in root.findall("s:url", ns)
    }
    pages = ["/", "/guide/"] + ["/guide/%s/" % slug for slug in TOPICS]
    for path in pages:
        chinese, english = "http://testserver" + path, "http://testserver/en" + path
        for loc in (chinese, english):
            assert entries[loc] == {"zh-hans": chinese, "en": english, "x-default": chinese}


def test_robots_txt_opens_the_guide_and_closes_private_pages(client):
    response = client.get("/robots.txt")
    assert response.status_code == 200
    assert response.headers["Content-Type"].startswith("text/plain")
    lines = response.text.splitlines()
    for allowed in ("Allow: /guide/", "Allow: /en/guide/"):
        assert allowed in lines
    for path in ("/interview/", "/results/", "/letters/", "/api/", "/privacy/delete/"):
        assert "Disallow: %s" % path in lines
    for path in ("/en/interview/", "/en/results/", "/en/letters/", "/en/privacy/delete/"):
        assert "Disallow: %s" % path in lines
    assert "Sitemap: http://testserver/sitemap.xml" in lines


def test_the_check_button_starts_the_interview_with_family_ticked(client):
    html = client.get("/guide/family/").text
    start = re.search(r'href="(/interview/\?preselect=[^"]+)"', html).group(1)
    assert start == "/interview/?preselect=family"
    response = client.get(start)
    assert response.status_code == 302
    contacts = client.get("/interview/contacts/").text
    assert re.search(r'<input[^>]*value="family"[^>]*checked', contacts)
    assert not re.search(r'<input[^>]*value="friends"[^>]*checked', contacts)


def test_preselection_takes_only_known_codes_and_never_overwrites_an_answer(client):
    client.get("/interview/?preselect=<script>&preselect=nobody")
    assert "sessionid" not in client.cookies  # nothing known: nothing stored
    client.get("/interview/?preselect=friends")
    session = client.session
    from rights_guide.cases.store import VisitorCase

    case = VisitorCase(session)
    assert store.draft(case, "contacts") == {"targets": ["friends"]}
    store.save_step(case, "contacts", {"targets": ["employer"]})
    client.get("/interview/?preselect=family")
    assert store.draft(VisitorCase(client.session), "contacts") is None
    assert store.stored_answers(VisitorCase(client.session))["contacts"] == {
        "targets": ["employer"]
    }


@pytest.mark.parametrize("language", ["zh-hans", "en"])
@pytest.mark.parametrize("slug", TOPICS)
def test_each_verdict_table_states_each_conclusion_once_for_every_lender(client, slug, language):
    """A table gives every lender the engine's verdict, but states each distinct reason once."""
    html = client.get(topic_url(slug, language)).text
    lenders = [column.code for column in get_registry().lenders]
    tables = re.findall(r'<div class="verdicts" data-story="(\w+)">(.*?)</table>', html, re.S)
    assert tables
    for story, table in tables:
        reasons = [text_of(r) for r in re.findall(r'class="verdict-finding">(.*?)<', table, re.S)]
        assert len(reasons) == len(set(reasons)), (story, reasons)
        for block in table.split('class="verdict-finding"')[1:]:
            grades = re.findall(r'class="severity-badge severity-badge-(\w+)"', block)
            assert len(grades) == len(set(grades)), (story, grades)
        shown = re.findall(r'data-lender="(\w+)" data-severity="(\w+)"', table)
        assert sorted(lender for lender, _severity in shown) == sorted(lenders), story
        engine = {row.lender: row.severity for row in story_verdicts(story, language).rows}
        assert dict(shown) == engine, story


def test_every_indexable_page_linked_from_the_home_page_and_guide_is_in_the_sitemap(client):
    """A page search engines may index, one link from the home page, a guide page or its search, is listed.

    Pages with someone's answers are noindex or kept out by robots.txt; every
    other page a reader can reach there must be in sitemap.xml, in both languages.
    """
    listed = set(
        re.findall(r"<loc>http://testserver([^<]+)</loc>", client.get("/sitemap.xml").text)
    )
    robots = client.get("/robots.txt").text.splitlines()
    closed = [line.split(": ", 1)[1] for line in robots if line.startswith("Disallow: ")]
    starts = ["/", "/guide/", "/guide/search/?q=%E5%AE%B6%E4%BA%BA"]  # 家人
    starts += [topic_url(slug, "zh-hans") for slug in TOPICS]
    linked = set()
    for start in starts + ["/en" + path for path in starts]:
        linked |= set(re.findall(r'href="(/[^"#?]*)"', client.get(start).text))
    missing = []
    for path in sorted(linked):
        if path.startswith("/static/") or any(path.startswith(prefix) for prefix in closed):
            continue
        response = client.get(path)
        if response.status_code != 200 or "text/html" not in response.headers["Content-Type"]:
            continue
        if '<meta name="robots" content="index' in response.text and path not in listed:
            missing.append(path)
    assert missing == []
    assert {"/notice/", "/help/calls/", "/en/notice/", "/en/help/calls/"} <= listed
