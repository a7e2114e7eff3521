"""Each incident judged by the engine itself: one contact as a story of one event.

There is no second rule set. An incident becomes the same request data the
API takes (``parse_answers``, the one door): the lender facts of the
borrower's story, the incident's day as the conduct date, one event (who,
how, the incident's number among that day's contacts with the same person
by the same means as ``times_per_day``, night, the yes/no facts) and its
tactics; ``evaluate`` gives its severity and findings. So the fourth call
to the borrower on one day is judged as "four calls that day", and the
first three as what they were.

Whether the borrower could be reached is not in a log: it comes from the
interview's answer about that person when there is one, else from what
"not sure" counts as (vocabulary.yaml ``unsure_means``), as on the pages.

A judgement depends only on those inputs and on the law in force, which is
the same for every day of one of the engine's epochs, so judgements are
memoised by exactly that (bounded, per process): a log of 2,000 incidents
holds a few hundred different contacts, each judged once.
"""

from __future__ import annotations

import threading
from collections import Counter, OrderedDict
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from typing import Any

from rights_guide.assessment import Finding, evaluate, parse_answers
from rights_guide.assessment.compiled import compiled
from rights_guide.evidence.record import FLAGS, Incident
from rights_guide.knowledge import get_knowledge

# The parts of a story that judge every one of its incidents alike.
STORY_FIELDS = ("lender_type", "licensed", "product", "contract_date")
UNREACHABLE = "borrower_unreachable"
MEMO_SIZE = 8192

_memo: OrderedDict[tuple, Judgement] = OrderedDict()
_lock = threading.Lock()


@dataclass(frozen=True)
class Judgement:
    """An incident's severity and the finding that decides it (None: nothing found)."""

    severity: str
    finding: Finding | None
    rank: int  # its number among the day's contacts with that person by that means


def story_facts(story: Mapping[str, Any]) -> tuple[tuple, dict[str, bool]]:
    """What every incident shares, from an assess request: the lender, and who was reachable."""
    lender = tuple((key, story[key]) for key in STORY_FIELDS if story.get(key) is not None)
    reachable = {}
    for event in story.get("events") or ():
        if isinstance(event, Mapping) and isinstance(event.get(UNREACHABLE), bool):
            reachable[event.get("target")] = event[UNREACHABLE]
    return lender, reachable


def judge(incidents: Sequence[Incident], story: Mapping[str, Any]) -> list[Judgement]:
    """Each incident's judgement, in the order given (which must be time order for ranks)."""
    knowledge = get_knowledge()
    vocabulary = knowledge.vocabulary
    epoch_of = compiled(knowledge).epoch
    lender, reachable = story_facts(story)
    asked_unreachable = vocabulary.event_questions[UNREACHABLE]
    seen: Counter = Counter()
    judged = []
    for incident in incidents:
        day = incident.when.date()
        seen[day, incident.target, incident.channel] += 1
        rank = seen[day, incident.target, incident.channel]
        unreachable = None
        if asked_unreachable.asked_about(vocabulary.targets[incident.target]):
            unreachable = reachable.get(incident.target, asked_unreachable.unsure_means)
        key = (
            knowledge.version,
            lender,
            epoch_of(day),
            incident.target,
            incident.channel,
            rank,
            incident.night,
            incident.flags,
            incident.tactics,
            unreachable,
        )
        judged.append(_judgement(key, incident, rank, unreachable, lender))
    return judged


def _judgement(key: tuple, incident: Incident, rank: int, unreachable, lender) -> Judgement:
    with _lock:
        found = _memo.get(key)
        if found is not None:
            _memo.move_to_end(key)
            return found
    found = _evaluate(incident, rank, unreachable, lender)
    with _lock:
        _memo[key] = found
        if len(_memo) > MEMO_SIZE:
            _memo.popitem(last=False)
    return found


def _evaluate(incident: Incident, rank: int, unreachable, lender) -> Judgement:
    """The engine's verdict on this contact as a story of its own (through parse_answers)."""
    day = incident.when.date()
    event: dict[str, Any] = {
        "target": incident.target,
        "channel": incident.channel,
        "times_per_day": rank,
        "at_night": incident.night,
        **{flag: True for flag in FLAGS if flag in incident.flags},
    }
    if unreachable is not None:
        event[UNREACHABLE] = unreachable
    request = {
        "lender_type": "unknown",
        **dict(lender),
        "conduct_date": day.isoformat(),
        "events": [event],
        "tactics": sorted(incident.tactics),
    }
    if "contract_date" in request and request["contract_date"] > request["conduct_date"]:
        del request["contract_date"]  # a contract made after this contact says nothing about it
    assessment = evaluate(parse_answers(request, today=day))
    top = assessment.findings[0] if assessment.findings else None
    return Judgement(assessment.overall, top, rank)
