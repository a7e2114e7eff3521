"""Each incident judged by the engine itself, and the log's chart drawn from the log's counts."""

import datetime
import re

import pytest

from rights_guide.assessment import evaluate, parse_answers
from rights_guide.evidence import judge as judging
from rights_guide.evidence.chart import ChartTexts, draw_chart
from rights_guide.evidence.facts import contact_answers, summarise
from rights_guide.evidence.judge import judge
from rights_guide.evidence.record import Incident
from rights_guide.knowledge import get_knowledge

VOCABULARY = get_knowledge().vocabulary
BANK = {"lender_type": "bank", "events": []}


def at(day, hour, minute=0, target="borrower", channel="call", **fields):
    return Incident(datetime.datetime(2026, 10, day, hour, minute), target, channel, **fields)


def test_each_incident_gets_what_the_engine_says_of_it_as_a_story_of_its_own():
    incident = at(3, 23, target="family", flags=frozenset({"disclosed_debt", "asked_to_pay"}))
    (judged,) = judge([incident], BANK)
    alone = evaluate(
        parse_answers(
            {
                "lender_type": "bank",
                "conduct_date": "2026-10-03",
                "events": [
                    {
                        "target": "family",
                        "channel": "call",
                        "times_per_day": 1,
                        "at_night": True,
                        "disclosed_debt": True,
                        "asked_to_pay": True,
                        "borrower_unreachable": True,  # "not sure" counts as could not
                    }
                ],
            },
            today=datetime.date(2026, 10, 3),
        )
    )
    assert judged.severity == alone.overall
    assert judged.finding.code == alone.findings[0].code


def test_the_fourth_call_of_a_day_is_judged_as_the_fourth():
    calls = [at(3, 9 + n) for n in range(5)]
    judged = judge(calls, BANK)
    assert [j.rank for j in judged] == [1, 2, 3, 4, 5]
    ranks = {j.rank: j.severity for j in judged}
    story = {"lender_type": "bank", "conduct_date": "2026-10-03"}
    for rank in (1, 4):
        alone = evaluate(
            parse_answers(
                {
                    **story,
                    "events": [{"target": "borrower", "channel": "call", "times_per_day": rank}],
                },
                today=datetime.date(2026, 10, 3),
            )
        )
        assert ranks[rank] == alone.overall
    assert ranks[1] != ranks[4]  # more than three a day is not the same as one


def test_the_interview_says_whether_the_borrower_could_be_reached():
    story = {
        "lender_type": "bank",
        "events": [
            {"target": "emergency_contact", "channel": "call", "borrower_unreachable": False}
        ],
    }
    reachable = judge([at(3, 10, target="emergency_contact")], story)[0]
    unknown = judge([at(3, 10, target="emergency_contact")], BANK)[0]
    assert reachable.severity != unknown.severity or reachable.finding != unknown.finding


def test_among_two_thousand_incidents_contacts_alike_are_judged_once():
    # Speed is measured by bench/evidence_log.py (the log page); this checks the sharing.
    incidents = [
        at(1 + n % 28, n % 24, n % 60, target=("borrower", "family", "friends")[n % 3])
        for n in range(2000)
    ]
    incidents.sort(key=lambda incident: incident.when)
    first = judge(incidents, BANK)
    judged = judge(incidents, BANK)
    assert judged == first
    assert len(judged) == 2000
    assert len(judging._memo) < 2000  # contacts alike are judged once


def test_the_chart_counts_are_the_log_s():
    incidents = [
        at(1 + n % 9, (n * 5) % 24, target=("borrower", "family")[n % 2]) for n in range(143)
    ]
    facts = summarise(incidents, VOCABULARY)
    texts = ChartTexts("Contacts per day", "143 contacts", "3 a day", "night")
    chart = draw_chart(facts.days, incidents, VOCABULARY.targets.codes, texts)
    per_day = {}
    for incident in incidents:
        per_day[incident.when.date()] = per_day.get(incident.when.date(), 0) + 1
    assert chart.bars == per_day
    assert sum(chart.bars.values()) == facts.count == 143
    svg = chart.svg
    assert svg.count("<rect") - 3 == sum(len(row.by_target) for row in facts.days)  # + 3 bands
    assert 'role="img"' in svg and "<title" in svg and "<desc" in svg
    assert "stroke-dasharray" in svg  # the three-a-day line
    nights = sum(1 for row in facts.days if row.night)
    assert len(re.findall(r'<circle[^>]*fill="#1a1a1a"', svg)) >= nights


def test_the_facts_a_log_gives_the_interview():
    incidents = [
        at(3, 23, 30, target="family", flags=frozenset({"disclosed_debt"})),
        at(3, 10, target="family"),
        at(3, 11, target="family", channel="sms"),
        at(4, 9, target="family"),
        at(4, 10, target="family", channel="visit_home"),
    ]
    facts = summarise(incidents, VOCABULARY)
    assert (facts.count, facts.calls, facts.night) == (5, 3, 1)
    assert [(w.target, w.count) for w in facts.worst_days] == [("family", 3)]
    assert facts.third_parties == ("family",)
    answers = contact_answers(incidents, "family", VOCABULARY)
    assert answers["calls"] == "2" and answers["texts"] == "1" and answers["messages"] == ""
    assert answers["other_channels"] == ["visit_home"]
    assert answers["time_of_day"] == "23:30" and answers["at_night"] == "yes"
    assert answers["disclosed_debt"] == "yes" and answers["asked_to_pay"] == "no"
    assert "borrower_unreachable" not in answers


@pytest.mark.parametrize("language", ["zh-hans", "en"])
def test_every_evidence_kind_and_flag_has_its_words(language):
    from django.utils import translation

    from rights_guide.evidence.record import EVIDENCE_KINDS, FLAGS
    from rights_guide.evidence.words import EVIDENCE_LABELS, EVIDENCE_SHORT, FLAG_LABELS, FLAG_SHORT

    assert set(EVIDENCE_LABELS) == set(EVIDENCE_SHORT) == set(EVIDENCE_KINDS)
    assert set(FLAG_LABELS) == set(FLAG_SHORT) == set(FLAGS)
    assert set(FLAGS) <= set(VOCABULARY.event_questions.codes)
    with translation.override(language):
        assert all(str(word) for word in [*EVIDENCE_LABELS.values(), *FLAG_SHORT.values()])
