"""The law on guide pages: cited by id, known, in force, caveated, and changed with the knowledge base."""

import datetime
import re
import shutil

import pytest
from django.core.exceptions import ImproperlyConfigured
from django.utils import timezone

from rights_guide.guide import checks
from rights_guide.guide.citations import page_problems, template_problems
from rights_guide.guide.registry import GuideError, get_registry, load_registry
from rights_guide.knowledge import get_knowledge
from rights_guide.knowledge.loader import DATA_DIR

pytestmark = pytest.mark.django_db

TOPICS = [topic.slug for topic in get_registry().topics]
PREFIX = {"zh-hans": "", "en": "/en"}


@pytest.fixture
def knowledge_copy(tmp_path, monkeypatch):
    """A copy of the knowledge base the app uses instead, for this test only."""
    copy = tmp_path / "data"
    shutil.copytree(DATA_DIR, copy)
    monkeypatch.setenv("RIGHTS_GUIDE_KNOWLEDGE_DIR", str(copy))
    get_knowledge.cache_clear()
    yield copy
    monkeypatch.undo()
    get_knowledge.cache_clear()


def edit(path, old, new):
    text = path.read_text(encoding="utf-8")
    assert old in text, old
    path.write_text(text.replace(old, new, 1), encoding="utf-8")


@pytest.mark.parametrize("language", ["zh-hans", "en"])
@pytest.mark.parametrize("slug", TOPICS)
def test_every_cited_provision_is_known_in_force_today_and_caveated(client, slug, language):
    html = client.get("%s/guide/%s/" % (PREFIX[language], slug)).text
    assert page_problems(html, get_knowledge(), timezone.localdate()) == []


def test_the_check_finds_an_unknown_a_repealed_and_an_uncaveated_provision():
    knowledge = get_knowledge()
    today = datetime.date(2026, 12, 1)

    def law(provision_id, body="<p>…</p>"):
        return '<li id="law-%s" data-provision="%s">%s</li>' % (provision_id, provision_id, body)

    assert page_problems(law("civil_code_1033"), knowledge, today) == []
    assert page_problems(law("contract_law_107"), knowledge, today) == [
        "contract_law_107: no such provision in the knowledge base"
    ]
    # The 2012 public security law's art 42 ended with 2025: citing it today is wrong.
    assert page_problems(law("psapl_2012_42_5"), knowledge, today) == [
        "psapl_2012_42_5: not in force on 2026-12-01"
    ]
    cited_only_inline = '<a href="#law-pipl_10">1</a>' + law("civil_code_1033")
    assert page_problems(cited_only_inline, knowledge, today) == [
        "pipl_10: cited in the text but missing from the law section"
    ]
    assert page_problems("<p>No law at all.</p>", knowledge, today) == ["the page lists no law"]


def test_an_unverified_provision_is_shown_with_its_caveat_and_checked(client, knowledge_copy):
    """No provision is U today; make one U in a copy and see the page caveat it."""
    edit(
        knowledge_copy / "instruments_finance.yaml",
        "    - id: nifa_14\n      article: 第十四条\n",
        "    - id: nifa_14\n      article: 第十四条\n      confidence: U\n",
    )
    knowledge = get_knowledge()
    assert knowledge.provisions["nifa_14"].confidence == "U"
    html = client.get("/guide/family/").text
    entry = re.search(r'<li id="law-nifa_14".*?</li>', html, re.S).group(0)
    assert knowledge.texts["caveat_unverified"].zh_hans in entry
    assert 'data-confidence="U"' in entry
    assert page_problems(html, knowledge, timezone.localdate()) == []
    stripped = html.replace(knowledge.texts["caveat_unverified"].zh_hans, "")
    assert page_problems(stripped, knowledge, timezone.localdate()) == [
        "nifa_14: unverified, but shown without its caveat"
    ]


def test_a_changed_rule_changes_the_page(client, knowledge_copy):
    """Eight calls a day to the emergency contact: a breach now; not once the rule says nine."""

    def verdicts(html):
        table = html[html.index('data-story="ec_repeated"') :]
        table = table[: table.index("</table>")]
        return dict(re.findall(r'data-lender="(\w+)" data-severity="(\w+)"', table))

    before = client.get("/en/guide/family/")
    assert verdicts(before.text)["consumer_finance"] == "breach"
    edit(
        knowledge_copy / "rules_contact.yaml",
        "      borrower_unreachable: true\n      min_times_per_day: 4\n",
        "      borrower_unreachable: true\n      min_times_per_day: 9\n",
    )
    get_knowledge.cache_clear()  # the knowledge is loaded once per process: as a restart would
    after = client.get("/en/guide/family/", HTTP_IF_NONE_MATCH=before.headers["ETag"])
    assert after.status_code == 200  # the law changed: no 304 for the old page
    assert after.headers["ETag"] != before.headers["ETag"]
    assert verdicts(after.text)["consumer_finance"] != "breach"
    assert get_knowledge().version in after.text


def test_a_changed_explanation_changes_the_page(client, knowledge_copy):
    edit(
        knowledge_copy / "rules_contact.yaml",
        "The rules set no number of calls a day.",
        "The rules set no daily number of calls.",
    )
    assert "The rules set no daily number of calls." in client.get("/en/guide/family/").text


def test_the_start_up_check_names_a_template_citing_what_does_not_exist():
    knowledge = get_knowledge()
    registry = get_registry()
    source = (
        '{% cite "civil_code_1033" "no_such_law" %} {% verdicts "no_story" %}'
        ' {% channel "nowhere" %} {% provision "psapl_2012_42_5" %}'
        ' {% rule_explanation "CONTACT__NOTHING" %}'
    )
    problems = template_problems(
        "guide/en/x.html", source, knowledge, registry.stories, knowledge.vocabulary.bodies
    )
    assert problems == [
        "guide/en/x.html: {% cite 'no_such_law' %}: no such provision in the knowledge base",
        "guide/en/x.html: {% verdicts 'no_story' %}: no such story in topics.yaml",
        "guide/en/x.html: {% channel 'nowhere' %}: no such complaint body in channels.yaml",
        "guide/en/x.html: {% provision 'psapl_2012_42_5' %}: not in force on 2026-12-01",
        "guide/en/x.html: {% rule_explanation 'CONTACT__NOTHING' %}: no such rule in the knowledge base",
    ]


def test_the_shipped_guide_passes_its_start_up_check():
    assert checks.guide_problems() == []


def test_a_topic_without_its_template_stops_start_up(monkeypatch):
    from rights_guide.guide.apps import GuideConfig

    real = get_registry()
    topic = real.topics[0]
    renamed = type(topic)(**{**topic.__dict__, "slug": "no-template"})
    fake = type(real)(**{**real.__dict__, "topics": (renamed, *real.topics[1:])})
    monkeypatch.setattr(checks, "get_registry", lambda: fake)
    with pytest.raises(ImproperlyConfigured, match="topic no-template has no template"):
        GuideConfig.ready(None)


@pytest.mark.parametrize(
    ("old", "new", "message"),
    [
        (
            "related: [emergency-contact, contact-list",
            "related: [nowhere, contact-list",
            "no topic 'nowhere'",
        ),
        ("preselect: [family]", "preselect: [aunt]", "'aunt' is not one of"),
        (
            "cites: [civil_code_465_2, nifa_14",
            "cites: [contract_law_107, nifa_14",
            "cites unknown provision 'contract_law_107'",
        ),
        (
            "times_per_day: 8, borrower_unreachable",
            "times_per_day: 0, borrower_unreachable",
            "story ec_repeated: not a valid story",
        ),
        ("  - slug: calls-and-hours", "  - slug: search", "topic search: slug must be"),
        (
            "      en: Generally no. Collectors",
            "      fr: Generally no. Collectors",
            "missing the en text",
        ),
    ],
)
def test_a_broken_registry_is_refused_naming_the_entry(tmp_path, old, new, message):
    source = (load_registry.__defaults__[0]).read_text(encoding="utf-8")
    assert old in source
    broken = tmp_path / "topics.yaml"
    broken.write_text(source.replace(old, new, 1), encoding="utf-8")
    with pytest.raises(GuideError) as error:
        load_registry(broken)
    assert any(message in problem for problem in error.value.problems), error.value.problems
