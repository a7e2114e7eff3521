"""A signed letter states only what was answered, and a finding claims no more than the answers.

The interview asks about a person once, whatever the means of contact, and
lets any question be left blank or answered "not sure". Random interviews,
in the borrower's and the third party's flow, are answered page by page
through the real forms; every letter kind they can send is built; and every
clause of each letter's facts is traced (``facts.Clause.claims``) to the
page answer that says it. The engine is held to the same standard: a
finding it gives as established must hold in every situation the answers
allow.
"""

from __future__ import annotations

import datetime
import itertools

import pytest
from django.utils import translation
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from rights_guide.assessment import Event, evaluate, is_night, parse_answers
from rights_guide.assessment.answers import Answers
from rights_guide.interview.called import THIRD_PARTY
from rights_guide.interview.steps import BORROWER, target_slug
from rights_guide.knowledge import get_knowledge
from rights_guide.knowledge.model import SEVERITY_RANK
from rights_guide.letters import build_letter, parse_letter_request, render_letter_html
from rights_guide.letters.facts import conduct_clauses, numbered, sentence_join
from rights_guide.letters.kinds import KINDS
from rights_guide.letters.request import InvalidLetterRequest
from tests.factories import NOW, TODAY, letter_data

VOCABULARY = get_knowledge().vocabulary
COUNTED = [m for m in VOCABULARY.contact_means if m.count_field]
OTHER = [m.code for m in VOCABULARY.contact_means if m.other_option]
ANSWER = st.sampled_from(["yes", "no", "unsure", ""])
TIMES = st.sampled_from(["", "23:30", "06:45", "12:00", "21:59", "22:00", "07:59"])
# The kinds whose facts tell the interview's story; a repayment plan's facts are the
# situation the person chose on that letter's own page, checked by its own tests.
STORY_FREE = {"repayment_plan"}


@st.composite
def person_page(draw, target: str, called: bool = False):
    """One "how did they contact …?" page, as a person could fill it in (at least one means)."""
    page = {}
    for means in COUNTED:
        page[means.count_field] = draw(st.sampled_from(["", "0", "1", "2", "4", "60"]))
        if means.answered_field:
            page[means.answered_field] = ""
    page["other_channels"] = draw(st.lists(st.sampled_from(OTHER), unique=True, max_size=3))
    if not page["other_channels"] and all(page[m.count_field] in ("", "0") for m in COUNTED):
        page[COUNTED[0].count_field] = "1"
    page["time_of_day"] = draw(TIMES)
    kind = VOCABULARY.targets[target]
    for question in VOCABULARY.event_questions:
        if question.asked_about(kind):
            page[question.code] = draw(ANSWER)
    return page


def tactics_page(draw, visits: bool):
    offered = [t.code for t in VOCABULARY.tactics if visits or not t.needs_visit]
    return {
        "tactics": draw(st.lists(st.sampled_from(offered), unique=True, max_size=4)),
        "continued_after_intervention": draw(st.sampled_from(["yes", "no", "not_reported", ""])),
    }


def cleaned(flow, stored: dict, slug: str, page: dict) -> dict:
    """The page as the interview keeps it: bound to its real form, which must accept it."""
    form = flow.steps()[slug].make_form(stored, data=as_post(page))
    assert form.is_valid(), (slug, page, form.errors)
    return form.cleaned_data


def as_post(page: dict):
    from django.utils.datastructures import MultiValueDict

    return MultiValueDict({k: v if isinstance(v, list) else [v] for k, v in page.items()})


@st.composite
def borrower_interview(draw):
    lender = draw(st.sampled_from(["bank", "consumer_finance", "microlender", "private_lender"]))
    targets = draw(
        st.lists(
            st.sampled_from([t.code for t in VOCABULARY.targets]),
            min_size=1,
            max_size=3,
            unique=True,
        )
    )
    stored = {"lender": {"lender_type": lender}}
    stored["contacts"] = cleaned(BORROWER, stored, "contacts", {"targets": targets})
    pages = {}
    for target in targets:
        slug = target_slug(target)
        pages[target] = cleaned(BORROWER, stored, slug, draw(person_page(target)))
        stored[slug] = pages[target]
    visits = any(
        set(p.get("other_channels") or ()) & {"visit_home", "visit_work"} for p in pages.values()
    )
    stored["tactics"] = cleaned(BORROWER, stored, "tactics", tactics_page(draw, visits))
    stored["when"] = {"conduct_date": "2026-10-15"}
    stored["cost"] = {"annual_rate_percent": draw(st.sampled_from(["", "24", "150"]))}
    return "borrower", stored, pages


@st.composite
def third_party_interview(draw):
    relationship = draw(st.sampled_from(VOCABULARY.relationships))
    stored = {
        "relationship": {"relationship": relationship},
        "lender": {"lender_type": draw(st.sampled_from(["unknown", "consumer_finance"]))},
    }
    page = cleaned(THIRD_PARTY, stored, "contact", draw(person_page(relationship, called=True)))
    stored["contact"] = page
    visits = bool(set(page.get("other_channels") or ()) & {"visit_home", "visit_work"})
    stored["tactics"] = cleaned(THIRD_PARTY, stored, "tactics", tactics_page(draw, visits))
    stored["when"] = {"conduct_date": "2026-10-15"}
    return "third_party", stored, {relationship: page}


def holds(claim: tuple, stored: dict, pages: dict) -> bool:
    """Whether the page answers say what a clause claims."""
    kind = claim[0]
    if kind == "tactic":
        return claim[1] in (stored.get("tactics", {}).get("tactics") or [])
    if kind == "continued_after_intervention":
        return stored.get("tactics", {}).get("continued_after_intervention") == "yes"
    if kind == "rate":
        typed = stored.get("cost", {}).get("annual_rate_percent")
        return bool(typed) and float(typed) == float(claim[1])
    page = pages[claim[1]]
    if kind == "contact":
        means = VOCABULARY.contact_means[claim[2]]
        if means.count_field:
            return str(page.get(means.count_field) or "") not in ("", "0")
        return claim[2] in (page.get("other_channels") or [])
    if kind == "count":
        return int(page[VOCABULARY.contact_means[claim[2]].count_field]) == claim[3]
    if kind == "time":
        return str(page.get("time_of_day") or "")[:5] == claim[2]
    if kind == "yes":
        if claim[2] == "at_night" and page.get("time_of_day"):
            hours, minutes = str(page["time_of_day"])[:5].split(":")
            if is_night(datetime.time(int(hours), int(minutes))):
                return True
        return page.get(claim[2]) == "yes"
    if kind == "no":
        return page.get(claim[2]) == "no"
    raise AssertionError("a claim no test knows: %r" % (claim,))


def letters_for(perspective: str, stored: dict, language: str):
    """Every kind of letter this story can send, built as the site builds it."""
    flow = THIRD_PARTY if perspective == "third_party" else BORROWER
    request = flow.request(stored)
    for kind in KINDS:
        if kind.perspective != perspective:
            continue
        data = letter_data(kind=kind.code, assessment=request, incidents=[], requests="")
        data["language"] = language
        try:
            yield parse_letter_request(data, today=TODAY, now=NOW)
        except InvalidLetterRequest as invalid:
            # A kind this lender or person cannot send is refused, and nothing else is.
            assert all(e.code.startswith("kind_not") for e in invalid.errors), invalid.errors


@pytest.mark.django_db
@settings(
    max_examples=60,
    deadline=None,
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large],
)
@given(
    story=st.one_of(borrower_interview(), third_party_interview()),
    language=st.sampled_from(["zh-hans", "en"]),
)
def test_every_clause_of_every_letter_traces_to_an_answer_given(story, language):
    perspective, stored, pages = story
    built = 0
    for request in letters_for(perspective, stored, language):
        letter = build_letter(request, today=TODAY)
        assessment = evaluate(request.answers).as_established()
        with translation.override(language):
            paragraphs = conduct_clauses(request, assessment)
            expected = [
                numbered(n, sentence_join([c.text for c in clauses]))
                for n, clauses in enumerate(paragraphs, start=1)
            ]
        for clauses in paragraphs:
            for clause in clauses:
                assert clause.claims, clause.text
                for claim in clause.claims:
                    assert holds(claim, stored, pages), (request.kind, clause.text, claim, pages)
        if request.kind in STORY_FREE:
            continue
        # The letter's facts are its opening and these paragraphs, nothing else.
        told = letter.texts["facts"].split("\n")[1:]
        assert told == expected[: len(told)] and set(told) <= set(expected), (told, expected)
        html = render_letter_html(letter, language=language, for_pdf=True)
        for line in told:
            assert line.split("．", 1)[-1].split(". ", 1)[-1][:12] in html.replace("&#x27;", "'")
        built += 1
    # A borrower can always write some letter; a guarantor is offered none (they may owe it).
    assert built or perspective == "third_party", "no letter could be built for this story"


def worlds(answers: Answers):
    """Every situation the answers allow (a small story's): each unknown answer either way,
    and each answer given once for several means true of one or more of them."""
    groups: dict[int, list[int]] = {}
    for index, event in enumerate(answers.events):
        if event.group is not None:
            groups.setdefault(event.group, []).append(index)
    choices = []  # per (event, question): the values it can take
    slots = []
    for index, event in enumerate(answers.events):
        members = groups.get(event.group, [index])
        for question in event.unknown:
            slots.append(("unknown", index, question))
        if len(members) > 1 and index == members[0]:
            for question in event.yes:
                slots.append(("shared", tuple(members), question))
    for slot in slots:
        if slot[0] == "unknown":
            choices.append([True, False])
        else:
            members = slot[1]
            choices.append(
                [
                    subset
                    for size in range(1, len(members) + 1)
                    for subset in itertools.combinations(members, size)
                ]
            )
    for picked in itertools.product(*choices):
        yes = [set(e.yes) for e in answers.events]
        for index, event in enumerate(answers.events):
            if len(groups.get(event.group, [index])) > 1:
                yes[index] = set()
        for slot, value in zip(slots, picked, strict=True):
            if slot[0] == "unknown" and value:
                yes[slot[1]].add(slot[2])
            elif slot[0] == "shared":
                for index in value:
                    yes[index].add(slot[2])
        events = tuple(
            Event(e.target, e.channel, e.times_per_day, frozenset(y), None, e.answered_per_day)
            for e, y in zip(answers.events, yes, strict=True)
        )
        yield Answers(**{**answers.__dict__, "events": events})


@st.composite
def small_story(draw):
    lender = draw(st.sampled_from(VOCABULARY.lender_types.codes))
    events = []
    for group, target in enumerate(
        draw(
            st.lists(st.sampled_from(VOCABULARY.targets.codes), min_size=1, max_size=2, unique=True)
        ),
        start=1,
    ):
        kind = VOCABULARY.targets[target]
        asked = [q.code for q in VOCABULARY.event_questions if q.asked_about(kind)]
        values = {q: draw(st.sampled_from([True, False, None])) for q in asked}
        # Keep the worlds few: at most two unknown and two shared answers.
        for q in [q for q, v in values.items() if v is None][2:]:
            values[q] = False
        for q in [q for q, v in values.items() if v is True][2:]:
            values[q] = False
        channels = draw(
            st.lists(
                st.sampled_from(VOCABULARY.contact_means.codes), min_size=1, max_size=2, unique=True
            )
        )
        for channel in channels:
            events.append(
                {
                    "target": target,
                    "channel": channel,
                    "times_per_day": draw(st.sampled_from([1, 2, 4, 8])),
                    "group": group,
                    **values,
                }
            )
    request = {
        "lender_type": lender,
        "conduct_date": "2026-10-15",
        "events": events,
        "tactics": draw(
            st.lists(st.sampled_from(VOCABULARY.tactics.codes), max_size=2, unique=True)
        ),
    }
    return parse_answers(request, today=TODAY)


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(answers=small_story())
def test_an_established_finding_holds_in_every_situation_the_answers_allow(answers):
    assessment = evaluate(answers)
    for world in worlds(answers):
        found = {f.code: f.severity for f in evaluate(world).findings}
        for finding in assessment.established:
            assert finding.code in found, (finding.code, world.events)
            assert SEVERITY_RANK[found[finding.code]] >= SEVERITY_RANK[finding.severity], (
                finding.code,
                world.events,
            )


# The walk's own steps (C1, H1), through the pages, read back from the PDF a person signs.


def facts_of(pdf_text_: str) -> str:
    return "".join(pdf_text_.split())


@pytest.mark.django_db
def test_answers_given_once_for_a_person_are_stated_once_not_under_every_means(client):
    from tests.factories import download, save_details, walk
    from tests.pdfs import pdf_text

    walk(
        client,
        {
            "lender_type": "consumer_finance",
            "targets": {
                "borrower": {
                    "calls": "2",
                    "texts": "1",
                    "other_channels": ["visit_home"],
                    "time_of_day": "23:30",
                    "at_night": "yes",
                    "after_stop_request": "yes",
                },
                "family": {"calls": "1", "borrower_unreachable": "no"},
            },
            "date": "2026-10-15",
        },
    )
    save_details(client)
    text = facts_of(pdf_text(download(client, "lender").content))
    # Each means once, the time and the stop request once, for the person, and no sentence
    # that puts the time, the night or the stop request on the text or the visit.
    assert text.count("23:30") == 1
    assert text.count("要求停止后") == 1
    assert text.count("夜间") == 1
    assert "对方给我本人发短信。其中一次是在23:30" not in text
    visit = text.index("对方到家中上门找我本人")
    # Said after every means, of the person's contacts as a whole, never of the last means.
    assert text.index("以上对我本人的联系中，有一次是在23:30") > visit
    assert "以上对我本人的联系中，至少有一次发生在夜间" in text
    assert "上门找我本人。其中" not in text


@pytest.mark.django_db
@pytest.mark.parametrize("left", ["", "unsure"], ids=["blank", "not-sure"])
def test_a_question_left_open_is_never_signed_as_fact_nor_counted_as_a_breach(client, left):
    from tests.factories import download, save_details, walk
    from tests.pdfs import pdf_text

    walk(
        client,
        {
            "lender_type": "consumer_finance",
            "targets": {"family": {"calls": "3", "borrower_unreachable": left}},
            "date": "2026-10-15",
        },
    )
    page = client.get("/results/").content.decode()
    found = page.split('id="depends-heading"')
    assert len(found) == 2, "no section for what depends on unanswered questions"
    assert 'data-finding-code="CONTACT__THIRD_PARTY_WHILE_REACHABLE"' in found[1]
    assert 'data-finding-code="CONTACT__THIRD_PARTY_WHILE_REACHABLE"' not in found[0]
    assert "当时催收方能直接联系到您本人吗？" in found[1]
    assert (
        'class="overall"' in page
        and "severity-badge-breach" not in found[0].split('class="overall"')[1].split("</p>")[0]
    )
    save_details(client)
    text = facts_of(pdf_text(download(client, "pi_request").content))
    assert "能够直接联系到我本人" not in text
    assert "对方给我的家人打电话" in text or "对方给我的其他家人打电话" in text or "打电话" in text


@pytest.mark.django_db
def test_the_person_called_is_not_made_to_sign_what_they_did_not_say_in_english(client):
    from tests.factories import download
    from tests.pdfs import pdf_text
    from tests.test_third_party_pages import FRIEND, LETTER_DETAILS, answer

    pages = {**FRIEND, "contact": {**FRIEND["contact"], "borrower_unreachable": ""}}
    answer(client, pages, prefix="/en")
    response = client.post("/en/letters/details/?next=third_party", LETTER_DETAILS)
    assert response.status_code == 302, response.content.decode()[:2000]
    english = client.get("/en/letters/third_party/preview/").content.decode()
    assert "could reach" not in english
    text = facts_of(pdf_text(download(client, "third_party").content))
    assert "能够直接联系到" not in text
    assert "李四" in text
