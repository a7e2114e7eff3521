"""Which letter the results page offers first: the police's when the engine says go there first.

With a possible crime, or a tactic that puts someone's safety at stake, the
results say "complain first to: the police"; the letter to them must then
be the first offered, not the sixth (issue 19, item 13). Urgency is the
engine's: the offers follow its channel order, never a second rule.
"""

from __future__ import annotations

import re

import pytest

from rights_guide.assessment import evaluate
from rights_guide.knowledge import get_knowledge
from rights_guide.letters.kinds import KINDS, Situation, offered_kinds
from tests.factories import STORY, make_answers, make_event, walk

KNOWLEDGE = get_knowledge()


def offers_for(answers) -> list[str]:
    assessment = evaluate(answers)
    situation = Situation(
        lender_type=answers.lender_type,
        overall=assessment.overall,
        channels=assessment.channels,
        vocabulary=KNOWLEDGE.vocabulary,
    )
    return [kind.code for kind in offered_kinds(situation)]


def offered_links(html: str) -> list[str]:
    """The letters' buttons on the results page, in order (not the follow-up links under them)."""
    offer = html.split('class="letters-offer')[1].split("</ul>")[0]
    return re.findall(r'<li><a class="btn[^"]*" href="[^"]*/letters/([\w-]+)/"', offer)


@pytest.mark.parametrize(
    "tactics",
    [["threat_violence"], ["detention"], ["impersonate_authority", "insults"]],
    ids=["threatened", "held", "fake-police"],
)
def test_when_the_engine_puts_the_police_first_their_letter_is_offered_first(tactics):
    answers = make_answers(
        lender_type="consumer_finance", events=[make_event("family")], tactics=tactics
    )
    assert evaluate(answers).channels[0] == "police"  # the engine's own order
    offers = offers_for(answers)
    assert offers[0] == "police"
    # The rest keep the registry's order: the letters that set terms, then the complaints.
    assert offers[1:] == [code for code in KINDS.codes if code in offers[1:]]


def test_otherwise_the_letters_that_set_terms_still_come_first():
    answers = make_answers(
        lender_type="consumer_finance",
        events=[make_event("borrower", times_per_day=9)],
        tactics=["insults"],
    )
    assert evaluate(answers).channels[0] != "police"
    offers = offers_for(answers)
    assert offers == [code for code in KINDS.codes if code in offers]
    assert offers[0] != "police"


@pytest.mark.django_db
@pytest.mark.parametrize("prefix", ["", "/en"], ids=["zh", "en"])
def test_the_results_page_offers_the_police_statement_first_when_safety_is_at_stake(client, prefix):
    story = {**STORY, "tactics": ["threat_violence", "insults"]}
    walk(client, story, prefix=prefix)
    html = client.get(prefix + "/results/").content.decode()
    links = offered_links(html)
    assert links[0] == "police"
    assert set(links) > {"police", "debt_details"}


@pytest.mark.django_db
def test_the_results_page_keeps_its_order_when_nothing_is_urgent(client):
    walk(client, STORY)
    html = client.get("/results/").content.decode()
    links = offered_links(html)
    assert links == [code for code in KINDS.codes if code in links]
