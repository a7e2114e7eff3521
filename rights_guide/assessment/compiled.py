"""The knowledge base rearranged for fast evaluation, built once per knowledge version.

Two observations make evaluation cheap. First, an event can only match rules
that mention its target and channel, so rules are indexed by that pair.
Second, what a rule concludes (severity, citations, channels, caveats)
depends only on the lender type, whether it is licensed, the product, which
provisions are in force, and the few context flags its grounds mention, not
on the individual events. In-force status only changes on a handful of
dates, so time is cut into "epochs" between those dates, and each rule's
conclusion is computed once per (lender, licence, product, epoch, flags)
and then reused.

A ground can depend on a fact the borrower may not know: whether an app's
funder is licensed, or whether a bank debt is a card or a loan. While it is
unknown such a ground is cited as conditional, with a caveat saying what it
depends on, and never decides a severity. Remedy and context grounds are
cited for what they say, and never decide one either.
"""

from __future__ import annotations

import bisect
import datetime
from dataclasses import dataclass

from rights_guide.assessment.answers import NIGHT
from rights_guide.knowledge.model import SEVERITY_RANK, EventMatch, Ground, Knowledge, Rule

ROLE_ORDER = {"conduct": 0, "remedy": 1, "context": 2}
APPLIES, CONDITIONAL, DROPPED = "applies", "conditional", "dropped"


@dataclass(frozen=True)
class Citation:
    """A provision cited for a finding, with what the reader must know about its certainty."""

    provision: object  # knowledge.model.Provision
    severity: str  # what this provision supports here
    counted: bool  # whether it decides the severity (a verified conduct ground that holds)
    caveats: tuple[str, ...]  # keys of caveat texts in the knowledge base
    role: str = "conduct"  # conduct, remedy or context (knowledge.model.ROLES)
    conditional: bool = False  # holds only if a fact the borrower did not know is so


@dataclass(frozen=True)
class Outcome:
    """What a rule concludes for one lender type, epoch and set of context flags."""

    severity: str
    citations: tuple[Citation, ...]
    channels: tuple[str, ...]
    caveats: tuple[str, ...]
    conditions: frozenset[str] = frozenset()  # the caveat_if_* keys its citations carry


CONFIDENCE_CAVEATS = {"U": "caveat_unverified", "V2": "caveat_v2", "V2-weak": "caveat_v2_weak"}


def provision_caveats(provision) -> tuple[str, ...]:
    """The caveat keys a provision always carries: its confidence, an unverified article number,
    and a non-binding instrument (used wherever a provision is shown)."""
    caveats = []
    if provision.confidence in CONFIDENCE_CAVEATS:
        caveats.append(CONFIDENCE_CAVEATS[provision.confidence])
    if provision.article is None:
        caveats.append("caveat_article_unverified")
    if not provision.instrument.binding:
        caveats.append("caveat_not_binding")
    return tuple(caveats)


def ground_state(ground: Ground, licensed: bool | None, product: str | None):
    """Whether a ground holds for this licence and product: applies, conditional or dropped,
    with the caveats a conditional ground carries."""
    state, caveats = APPLIES, []
    if ground.licensed is not None:
        wanted = {"yes": (True,), "no": (False,), "not_no": (True, None)}[ground.licensed]
        if licensed is None and None not in wanted:
            state = CONDITIONAL
            caveats.append("caveat_if_licensed" if True in wanted else "caveat_if_unlicensed")
        elif licensed not in wanted:
            return DROPPED, ()
    if ground.products:
        if product is None:
            state = CONDITIONAL
            caveats.append(
                "caveat_if_credit_card" if ground.products == {"credit_card"} else "caveat_if_loan"
            )
        elif product not in ground.products:
            return DROPPED, ()
    return state, tuple(caveats)


def _cite(grounds: list[tuple[Ground, bool, tuple[str, ...]]]) -> tuple[Citation, ...]:
    """One citation per provision, the ground that counts (or the strongest) kept, rules broken
    first, strongest first; among equals, the order the rule's author listed them in."""
    best: dict[str, Citation] = {}
    for ground, conditional, extra in grounds:
        provision = ground.provision
        citation = Citation(
            provision=provision,
            severity=ground.severity,
            counted=(ground.role == "conduct" and provision.confidence != "U" and not conditional),
            caveats=tuple(dict.fromkeys((*provision_caveats(provision), *extra, *ground.caveats))),
            role=ground.role,
            conditional=conditional,
        )
        held = best.get(provision.id)
        if held is None or (citation.counted, SEVERITY_RANK[citation.severity]) > (
            held.counted,
            SEVERITY_RANK[held.severity],
        ):
            best[provision.id] = citation
    citations = list(best.values())
    citations.sort(key=lambda c: (ROLE_ORDER[c.role], not c.counted, -SEVERITY_RANK[c.severity]))
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


NO_LIMIT = 1 << 30


@dataclass(frozen=True)
class CompiledMatch:
    position: int  # the rule's position in the knowledge base
    care: int
    want: int
    low: int
    high: int
    answered_low: int = 0
    answered_high: int = NO_LIMIT
    unanswered_low: int = 0
    unanswered_high: int = NO_LIMIT
    known: bool | None = None  # answered_known: whether the answered count must be known

    def counts_match(self, times: int, answered: int | None) -> bool:
        if not self.low <= times <= self.high:
            return False
        if self.known is not None and self.known != (answered is not None):
            return False
        if answered is None:  # a minimum needs the count; a maximum is never shown exceeded
            return not self.answered_low and not self.unanswered_low
        return (
            self.answered_low <= answered <= self.answered_high
            and self.unanswered_low <= times - answered <= self.unanswered_high
        )


def _limit(value: int | None) -> int:
    return value if value is not None else NO_LIMIT


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
        high=_limit(match.max_times_per_day),
        answered_low=match.min_answered_per_day or 0,
        answered_high=_limit(match.max_answered_per_day),
        unanswered_low=match.min_unanswered_per_day or 0,
        unanswered_high=_limit(match.max_unanswered_per_day),
        known=match.answered_known,
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
        matches = [m for ms in self.by_target_channel.values() for m in ms]
        self.count_steps = sorted({m.low for m in matches} | {m.high + 1 for m in matches})
        self.answered_steps = sorted(
            {m.answered_low for m in matches} | {m.answered_high + 1 for m in matches}
        )
        self.unanswered_steps = sorted(
            {m.unanswered_low for m in matches} | {m.unanswered_high + 1 for m in matches}
        )
        self._event_rules: dict[tuple, tuple[int, ...]] = {}
        changes = set()
        for provision in knowledge.provisions.values():
            changes.add(provision.in_force_from)
            if provision.in_force_until is not None:
                changes.add(provision.in_force_until + datetime.timedelta(days=1))
        self.epoch_starts = sorted(changes)
        self._outcomes: dict[tuple, Outcome] = {}

    def question_bits(self, questions) -> int:
        """Questions (codes) as bits."""
        bits = 0
        for question in questions:
            bits |= self.bit_of.get(question, 0)
        return bits

    def questions_of(self, bits: int) -> tuple[str, ...]:
        """Bits as question codes, in the vocabulary's order."""
        return tuple(q for q in self.questions if bits & self.bit_of[q])

    def rules_for(self, event, yes: int, unknown: int) -> tuple[tuple[int, int], ...]:
        """The rules an event may trigger, as (position, hinge) pairs.

        ``yes`` and ``unknown`` are the bits of the questions answered yes and
        of those nobody answered; every other question counts as no. A rule
        whose pattern cares about no unknown answer is triggered for sure
        (hinge 0); one whose pattern matches on the known answers but cares
        about unknown ones may be, and its hinge names those answers. Memoised
        on what the rules can tell apart.
        """
        times, answered = event.times_per_day, event.answered_per_day
        step = bisect.bisect_right(self.count_steps, times)
        if answered is None:
            key = (event.target, event.channel, yes, unknown, step)
        else:
            key = (
                event.target,
                event.channel,
                yes,
                unknown,
                step,
                bisect.bisect_right(self.answered_steps, answered),
                bisect.bisect_right(self.unanswered_steps, times - answered),
            )
        found = self._event_rules.get(key)
        if found is None:
            hinges: dict[int, int] = {}
            for m in self.by_target_channel.get((event.target, event.channel), ()):
                known = m.care & ~unknown
                if yes & known != m.want & known or not m.counts_match(times, answered):
                    continue
                # One pattern that needs no unknown answer settles it; else what they rest on.
                hinge, held = m.care & unknown, hinges.get(m.position)
                hinges[m.position] = (
                    hinge if held is None else (held | hinge if held and hinge else 0)
                )
            found = self._event_rules[key] = tuple(hinges.items())
        return found

    def epoch(self, day: datetime.date) -> int:
        """Days in the same epoch have exactly the same provisions in force."""
        return bisect.bisect_right(self.epoch_starts, day)

    def outcome(
        self,
        position: int,
        lender: str,
        day: datetime.date,
        epoch: int,
        flags: frozenset[str],
        licensed: bool | None = None,
        product: str | None = None,
        maybe: frozenset[str] = frozenset(),
    ) -> Outcome:
        """What a rule concludes for this lender, its licence and product, the epoch
        (``self.epoch(day)``) and the context: ``flags`` hold, ``maybe`` hinge on an
        unknown fact (a ground needing one is conditional)."""
        relevant = flags & self.flags_used[position]
        possible = maybe & self.flags_used[position]
        key = (position, lender, licensed, product, epoch, relevant, possible)
        found = self._outcomes.get(key)
        if found is None:
            found = self._outcomes[key] = self._conclude(
                self.rules[position], lender, day, relevant, licensed, product, possible
            )
        return found

    def _conclude(
        self,
        rule: Rule,
        lender: str,
        day,
        flags: frozenset[str],
        licensed: bool | None,
        product: str | None,
        maybe: frozenset[str] = frozenset(),
    ) -> Outcome:
        cited = []
        for g in rule.grounds:
            if not (
                g.provision.in_force_on(day)
                and (not g.lenders or lender in g.lenders)
                and g.when <= flags | maybe
            ):
                continue
            state, extra = ground_state(g, licensed, product)
            if state == DROPPED:
                continue
            hinges = sorted(g.when - flags)  # facts nobody gave that it needs
            if hinges:
                state, extra = CONDITIONAL, (*extra, *("caveat_if_%s" % f for f in hinges))
            cited.append((g, state == CONDITIONAL, extra))
        citations = _cite(cited)
        counted = [c.severity for c in citations if c.counted]
        if counted:
            severity, caveats = max(counted, key=SEVERITY_RANK.__getitem__), ()
        elif any(c.conditional and c.role == "conduct" for c in citations):
            severity, caveats = rule.fallback, ("caveat_depends_on_facts",)
        else:
            severity, caveats = rule.fallback, ("caveat_no_verified_basis",)
        return Outcome(
            severity=severity,
            citations=citations,
            channels=self._channels(rule.channels, lender),
            caveats=caveats,
            conditions=frozenset(key for c in citations if c.conditional for key in c.caveats),
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
