"""The knowledge base rearranged for fast evaluation, built once per knowledge version.

Two observations make evaluation cheap. First, an event can only match rules
that mention its target and channel, so rules are indexed by that pair.
Second, what a rule concludes (severity, citations, channels, caveats)
depends only on the lender type, which provisions are in force, and the few
context flags its grounds mention, not on the individual events. In-force
status only changes on a handful of dates, so time is cut into "epochs"
between those dates, and each rule's conclusion is computed once per
(lender, epoch, flags) and then reused.
"""

from __future__ import annotations

import bisect
import datetime
from dataclasses import dataclass

from rights_guide.assessment.answers import NIGHT
from rights_guide.knowledge.model import SEVERITY_RANK, EventMatch, Ground, Knowledge, Rule


@dataclass(frozen=True)
class Citation:
    """A provision cited for a finding, with what the reader must know about its certainty."""

    provision: object  # knowledge.model.Provision
    severity: str  # what this provision supports here
    counted: bool  # False for unverified provisions, which never decide a severity
    caveats: tuple[str, ...]  # keys of caveat texts in the knowledge base


@dataclass(frozen=True)
class Outcome:
    """What a rule concludes for one lender type, epoch and set of context flags."""

    severity: str
    citations: tuple[Citation, ...]
    channels: tuple[str, ...]
    caveats: tuple[str, ...]


def _caveats_for(provision) -> tuple[str, ...]:
    caveats = []
    if provision.confidence == "U":
        caveats.append("caveat_unverified")
    elif provision.confidence == "V2":
        caveats.append("caveat_v2")
    if provision.article is None:
        caveats.append("caveat_article_unverified")
    if not provision.instrument.binding:
        caveats.append("caveat_not_binding")
    return tuple(caveats)


def _cite(grounds: list[Ground]) -> tuple[Citation, ...]:
    """One citation per provision, at the highest severity it supports, strongest first."""
    best: dict[str, Ground] = {}
    for ground in grounds:
        held = best.get(ground.provision.id)
        if held is None or SEVERITY_RANK[ground.severity] > SEVERITY_RANK[held.severity]:
            best[ground.provision.id] = ground
    citations = [
        Citation(
            provision=g.provision,
            severity=g.severity,
            counted=g.provision.confidence != "U",
            caveats=_caveats_for(g.provision),
        )
        for g in best.values()
    ]
    # Strongest first; among equals, the order the rule's author listed them in.
    citations.sort(key=lambda c: -SEVERITY_RANK[c.severity])
    return tuple(citations)


# Each yes/no question about an event (vocabulary.yaml) is one bit, so a
# rule's event pattern is a pair of masks: which answers it cares about, and
# the values it wants.
def event_bits(event, bit_of: dict[str, int], night_bit: int) -> int:
    """The event's answers as bits (night also when the remembered time is at night)."""
    bits = 0
    for question in event.answers:
        bits |= bit_of.get(question, 0)
    if night_bit and event.night:
        bits |= night_bit
    return bits


@dataclass(frozen=True)
class CompiledMatch:
    position: int  # the rule's position in the knowledge base
    care: int
    want: int
    low: int
    high: int


def compile_match(position: int, match: EventMatch, questions: tuple[str, ...]) -> CompiledMatch:
    care = want = 0
    for question, wanted in match.answers:
        bit = questions.index(question)
        care |= 1 << bit
        if wanted:
            want |= 1 << bit
    return CompiledMatch(
        position=position,
        care=care,
        want=want,
        low=match.min_times_per_day or 0,
        high=match.max_times_per_day if match.max_times_per_day is not None else 1 << 30,
    )


class CompiledRules:
    """Indexes and a memo of rule outcomes for one knowledge version."""

    def __init__(self, knowledge: Knowledge):
        self.knowledge = knowledge
        self.rules: tuple[Rule, ...] = knowledge.rules
        self.questions = knowledge.vocabulary.event_questions.codes
        self.bit_of = {question: 1 << bit for bit, question in enumerate(self.questions)}
        self.night_bit = self.bit_of.get(NIGHT, 0)
        self.by_target_channel: dict[tuple[str, str], list[CompiledMatch]] = {}
        self.tactic_rules: list[int] = []
        self.rate_rules: list[int] = []
        self.flags_used: list[frozenset[str]] = []
        for position, rule in enumerate(self.rules):
            self.flags_used.append(frozenset().union(*(g.when for g in rule.grounds)))
            if rule.tactics:
                self.tactic_rules.append(position)
            elif rule.rate is not None:
                self.rate_rules.append(position)
            for match in rule.events:
                fast = compile_match(position, match, self.questions)
                for target in match.targets:
                    for channel in match.channels:
                        self.by_target_channel.setdefault((target, channel), []).append(fast)
        # Counts of contacts a day only matter relative to the thresholds rules use.
        self.count_steps = sorted(
            {m.low for ms in self.by_target_channel.values() for m in ms}
            | {m.high + 1 for ms in self.by_target_channel.values() for m in ms}
        )
        self._event_rules: dict[tuple, tuple[int, ...]] = {}
        changes = set()
        for provision in knowledge.provisions.values():
            changes.add(provision.in_force_from)
            if provision.in_force_until is not None:
                changes.add(provision.in_force_until + datetime.timedelta(days=1))
        self.epoch_starts = sorted(changes)
        self._outcomes: dict[tuple, Outcome] = {}

    def rules_for_event(self, event) -> tuple[int, ...]:
        """Positions of the rules an event triggers; memoised on what the rules can tell apart."""
        bits = event_bits(event, self.bit_of, self.night_bit)
        step = bisect.bisect_right(self.count_steps, event.times_per_day)
        key = (event.target, event.channel, bits, step)
        found = self._event_rules.get(key)
        if found is None:
            found = self._event_rules[key] = tuple(
                dict.fromkeys(
                    m.position
                    for m in self.by_target_channel.get((event.target, event.channel), ())
                    if bits & m.care == m.want and m.low <= event.times_per_day <= m.high
                )
            )
        return found

    def epoch(self, day: datetime.date) -> int:
        """Days in the same epoch have exactly the same provisions in force."""
        return bisect.bisect_right(self.epoch_starts, day)

    def outcome(
        self, position: int, lender: str, day: datetime.date, epoch: int, flags: frozenset[str]
    ) -> Outcome:
        """What a rule concludes for this lender, epoch (``self.epoch(day)``) and context."""
        relevant = flags & self.flags_used[position]
        key = (position, lender, epoch, relevant)
        found = self._outcomes.get(key)
        if found is None:
            found = self._outcomes[key] = self._conclude(
                self.rules[position], lender, day, relevant
            )
        return found

    def _conclude(self, rule: Rule, lender: str, day, flags: frozenset[str]) -> Outcome:
        applicable = [
            g
            for g in rule.grounds
            if g.provision.in_force_on(day)
            and (not g.lenders or lender in g.lenders)
            and g.when <= flags
        ]
        counted = [g.severity for g in applicable if g.provision.confidence != "U"]
        if counted:
            severity, caveats = max(counted, key=SEVERITY_RANK.__getitem__), ()
        else:
            severity, caveats = rule.fallback, ("caveat_no_verified_basis",)
        return Outcome(
            severity=severity,
            citations=_cite(applicable),
            channels=self._channels(rule.channels, lender),
            caveats=caveats,
        )

    def _channels(self, codes: tuple[str, ...], lender: str) -> tuple[str, ...]:
        lender_type = self.knowledge.vocabulary.lender_types[lender]
        resolved: list[str] = []
        for code in codes:
            expanded = lender_type.complain_to if code == "regulator" else (code,)
            for item in expanded:
                if item == "lender" and not lender_type.desk:
                    continue
                if item not in resolved:
                    resolved.append(item)
        return tuple(resolved)


_COMPILED: dict[str, CompiledRules] = {}


def compiled(knowledge: Knowledge) -> CompiledRules:
    """The compiled form of a knowledge version (built on first use, then shared)."""
    found = _COMPILED.get(knowledge.version)
    if found is None or found.knowledge is not knowledge:
        found = _COMPILED[knowledge.version] = CompiledRules(knowledge)
    return found
