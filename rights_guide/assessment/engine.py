"""Evaluate a borrower's story against the knowledge base.

``evaluate(answers)`` runs every rule and keeps every finding; it never stops
at the first and never raises on valid Answers. A rule's severity is the
highest severity among its grounds that apply on the conduct date, to this
lender type and in this context, counting only verified (V1, V2, V2-weak)
provisions that the collector broke; unverified (U) provisions, remedies,
context and grounds that hinge on a fact the borrower does not know are
still cited, with a caveat, but never decide a severity. The overall
severity is the highest finding's.

Two facts about the lender are worked out once here and used everywhere:
whether it is licensed (a bank always is, an individual never is, an app or
an unknown lender only if the borrower knows its funder is) and what the
debt is (a bank's card or loan; anyone else's loan).
"""

from __future__ import annotations

import datetime
from dataclasses import dataclass, replace
from typing import NamedTuple

from rights_guide.assessment import rates
from rights_guide.assessment.answers import Answers
from rights_guide.assessment.compiled import (
    Citation,
    CompiledRules,
    compiled,
    event_bits,
)
from rights_guide.knowledge import get_knowledge
from rights_guide.knowledge.model import SEVERITY_RANK, Knowledge, Rule

__all__ = ["Assessment", "Citation", "Finding", "effective_licence", "evaluate"]

# 多次 (repeatedly) in the public-security law, read as three or more contacts a
# day by the means that reach a person (analysis, see the README's legal notes).
REPEATED = 3
REPEATED_MEANS = frozenset({"call", "sms", "im", "letter", "visit_home", "visit_work"})
# Telling the debt to 50 or more people, each separately: the threshold of the
# 2017 personal-information interpretation art 5 read with art 11.
MASS_DISCLOSURE = 50
DISCLOSURE_TARGETS = frozenset({"contacts_list", "family", "friends", "employer", "colleagues"})
DISCLOSURE_MEANS = frozenset({"call", "sms", "im", "letter"})
# Ten or more calls a day to the borrower is 频繁致电 under the NIFA convention
# art 17 on any reading (legal review 2026-12, G-16).
FREQUENT_CALLS = 10
# The banking guideline's limit: at most six attempts a day on an unanswered number.
MANY_UNANSWERED = 7
VISIT_PLACE_MEANS = {"home": "visit_home", "work": "visit_work"}


# A finding that rests on which of a person's contacts an answer was about
# (events answered together, Event.group) depends on this, not on a question.
WHICH_CONTACT = "which_contact"


class Finding(NamedTuple):
    """One thing the collector did, how serious it is, and why (immutable).

    ``depends_on`` is empty for a finding the answers establish. Otherwise it
    names what the finding rests on that nobody said: the questions left
    unanswered, or ``which_contact`` when an answer given once for a person
    may have been about another of the ways they were contacted. Such a
    finding is shown for what it would be, but decides nothing: it does not
    count towards the overall severity, and letters leave it out.
    """

    code: str
    severity: str
    rule: Rule
    citations: tuple[Citation, ...]
    channels: tuple[str, ...]
    event_indices: tuple[int, ...]
    targets: tuple[str, ...]
    caveats: tuple[str, ...]
    details: tuple[rates.Detail, ...] = ()  # a rate finding's calculation, line by line
    depends_on: tuple[str, ...] = ()  # see above

    @property
    def established(self) -> bool:
        return not self.depends_on


@dataclass(frozen=True)
class Assessment:
    overall: str
    findings: tuple[Finding, ...]
    channels: tuple[str, ...]
    answers: Answers
    knowledge_version: str
    caveats: tuple[str, ...]
    licensed: bool | None = None  # effective: see effective_licence
    product: str | None = None  # effective: see effective_product

    @property
    def established(self) -> tuple[Finding, ...]:
        """The findings the answers establish, without those that rest on an unknown."""
        return tuple(f for f in self.findings if f.established)

    def as_established(self) -> Assessment:
        """This assessment with only its established findings: what a signed letter may use."""
        if len(self.established) == len(self.findings):
            return self
        return replace(self, findings=self.established)


def effective_licence(answers: Answers, knowledge: Knowledge) -> bool | None:
    """Whether the lender (or the funder behind an app) is licensed: True, False or not known."""
    implied = knowledge.vocabulary.lender_types[answers.lender_type].implied_licence
    return implied if implied is not None else answers.licensed


def effective_product(answers: Answers, knowledge: Knowledge) -> str | None:
    """The debt's product: the only one its kind of lender has, else as given (None: not known)."""
    products = knowledge.vocabulary.lender_types[answers.lender_type].products
    return products[0] if len(products) == 1 else answers.product


def context_flags(
    answers: Answers,
    knowledge: Knowledge,
    licensed: bool | None = None,
    reading: rates.RateReading | None = None,
) -> frozenset[str]:
    """Facts about the whole story that can raise a ground (see knowledge.model.CONTEXT_FLAGS)."""
    return story_flags(answers, knowledge, licensed, reading)[0]


def story_flags(
    answers: Answers,
    knowledge: Knowledge,
    licensed: bool | None = None,
    reading: rates.RateReading | None = None,
) -> tuple[frozenset[str], frozenset[str]]:
    """The context flags the answers establish, and those that hinge on a fact nobody gave.

    A ground that needs a flag of the second kind is cited as conditional, with the
    caveat ``caveat_if_<flag>`` saying what it depends on, and decides nothing.
    """
    tactics = knowledge.vocabulary.tactics
    flags: set[str] = set()
    maybe: set[str] = set()
    rate = answers.annual_rate_percent
    if rate is not None and rate > rates.USURY_LINE:
        flags.add("usury_rate")
    if licensed is False and rate is not None and rate > rates.USURY_LINE:
        flags.add("illegal_debt")
        if knowledge.vocabulary.lender_types[answers.lender_type].lends_to_public:
            flags.add("unlicensed_public_lending")
    if reading is not None and reading.pre_2020:
        flags.add("pre_2020_contract")
    # Only a truly public audience counts: the criminal thresholds for insult and
    # defamation (5,000 views, 500 reposts) are out of reach of a contact list.
    if any(e.target == "public" or e.channel == "online_post" for e in answers.events):
        flags.add("public_spread")
    if "extra_fees" in answers.tactics and any(tactics[t].threatens for t in answers.tactics):
        flags.add("demands_extra")
    if answers.continued_after_intervention:
        flags.add("continued_after_intervention")
    reached_low: dict[str, int] = {}
    reached_high = 0
    counted_groups: set[int | None] = set()
    sizes = group_sizes(answers)
    for event in answers.events:
        if (
            event.target == "borrower"
            and event.channel == "call"
            and event.times_per_day >= FREQUENT_CALLS
        ):
            flags.add("borrower_called_10")
        if (event.times_per_day >= REPEATED and event.channel in REPEATED_MEANS) or (
            "after_stop_request" in event.answers
        ):
            flags.add("repeated_contact")
        if "disclosed_debt" in event.answers:
            if event.target == "contacts_list":
                flags.add("contacts_disclosed")
            if event.target in DISCLOSURE_TARGETS and event.channel in DISCLOSURE_MEANS:
                # People told, not contacts: calling the same mother 25 times tells one
                # person (2017 interpretation art 11). Unless the number of people is
                # given, at least one was told and at most one per contact.
                together = sizes.get(event.group, 1) > 1
                people = event.people_reached
                reached_low[event.target] = max(reached_low.get(event.target, 0), people or 1)
                # A group's answers are given once for all the ways its people were reached.
                if not (together and event.group in counted_groups):
                    counted_groups.add(event.group)
                    reached_high += people or (1 if together else event.times_per_day)
        answered = event.answered_per_day
        if answered is not None and event.times_per_day - answered >= MANY_UNANSWERED:
            flags.add("many_unanswered")
    if answers.continued_after_intervention:
        flags.add("repeated_contact")
    if sum(reached_low.values()) >= MASS_DISCLOSURE:
        flags.add("mass_disclosure")
    elif reached_high >= MASS_DISCLOSURE:
        maybe.add("mass_disclosure")
    _optional_fact_flags(answers, flags, maybe)
    return frozenset(flags), frozenset(maybe - flags)


# An extortion "数额较大" starts at ¥2,000 to ¥5,000 depending on the province (2013
# extortion interpretation art 1): from the top of that range it is large anywhere.
EXTORTION_LARGE_YUAN = 5000
GUARANTEE_LAW_ENDS = datetime.date(2021, 1, 1)  # the Civil Code replaced the 担保法


def _optional_fact_flags(answers: Answers, flags: set[str], maybe: set[str]) -> None:
    """The flags of the optional facts (answers.py): set when given, possible when unknown."""

    def mark(flag: str, value: bool | None) -> None:
        if value:
            flags.add(flag)
        elif value is None:
            maybe.add(flag)

    # 公然: an insult in public or in front of others (治安法 2025 art 50(1)(2)).
    mark("public_insult", True if "public_spread" in flags else answers.insult_public)
    # 多次 for insults and threats means the insults or threats themselves were repeated,
    # which no answer says: only possible, where contacts were repeated.
    if "repeated_contact" in flags:
        maybe.add("abuse_repeated")
    if "demands_extra" in flags:
        fee = answers.extra_fee_yuan
        # Below the line it is still a crime if it happened three times in two years.
        mark("extortion_amount", True if fee is not None and fee >= EXTORTION_LARGE_YUAN else None)
    mark("came_inside", answers.came_inside)
    mark(
        "child_under_14",
        None if answers.child_age_band is None else (answers.child_age_band == "under_14"),
    )
    signed = answers.guarantee_date
    mark("guarantee_pre_2021", None if signed is None else signed < GUARANTEE_LAW_ENDS)
    mark("guarantee_from_2021", None if signed is None else signed >= GUARANTEE_LAW_ENDS)
    wording = answers.guarantee_wording
    mark("guarantee_type_unstated", None if wording is None else wording == "not_stated")
    mark(
        "guarantee_pay_wording",
        None if wording is None else wording == "pays_when_borrower_does_not",
    )
    if answers.third_party:
        mark("borrower_died", answers.borrower_died)


def _visit_place_matches(place: str | None, answers: Answers) -> bool:
    """A tactic about a visit is judged by where it was: at home when the only visits were
    home visits or none was described (上门 means "came to the door"), at work when
    someone came to the workplace."""
    if place is None:
        return True
    channels = {e.channel for e in answers.events}
    if place == "home":
        return "visit_home" in channels or not channels & set(VISIT_PLACE_MEANS.values())
    return VISIT_PLACE_MEANS[place] in channels


def _channel_order(answers: Answers, overall: str, knowledge: Knowledge):
    """The complaint bodies' own order, with the police first when safety is at stake or a
    crime may have been committed."""
    bodies = knowledge.vocabulary.bodies
    tactics = knowledge.vocabulary.tactics
    urgent = overall == "criminal" or any(tactics[t].safety_first for t in answers.tactics)

    def key(code: str) -> tuple[int, int]:
        first = urgent and bodies[code].safety_first
        return (0 if first else 1, bodies.position(code))

    return key


def _rate_matches(
    rule: Rule, answers: Answers, licensed: bool | None, reading: rates.RateReading | None
) -> bool:
    rate = answers.annual_rate_percent
    match = rule.rate
    if rate is None or match is None or answers.lender_type not in match.lenders:
        return False
    if licensed not in match.licensed:
        return False
    if match.band:
        return reading is not None and reading.band in match.band
    if match.above_percent is not None and not rate > match.above_percent:
        return False
    return match.at_most_percent is None or rate <= match.at_most_percent


def group_sizes(answers: Answers) -> dict[int | None, int]:
    """How many events each group of events answered together has."""
    sizes: dict[int | None, int] = {}
    for event in answers.events:
        if event.group is not None:
            sizes[event.group] = sizes.get(event.group, 0) + 1
    return sizes


def per_person(event):
    """The event as one person lived it: contacts spread over several people reached are
    judged per person (bombardment and frequency protect each person's peace, legal review
    2026-12, G-07), so 40 texts to 4 relatives are 10 each."""
    people = event.people_reached
    if not people or people <= 1:
        return event
    answered = event.answered_per_day
    return event._replace(
        times_per_day=-(-event.times_per_day // people),
        answered_per_day=None if answered is None else -(-answered // people),
    )


class Matches(NamedTuple):
    """Rule position → the events that trigger it for sure, and those that may."""

    certain: dict[int, list[int]]
    possible: dict[int, tuple[list[int], tuple[str, ...]]]  # with what they depend on


def _matching_events(rules: CompiledRules, answers: Answers) -> Matches:
    """Which rules the events trigger, and which they only may (see Finding.depends_on).

    An event taken on its own triggers a rule for sure when its pattern
    needs no unknown answer. In a group of events answered together, an
    answer of yes (or a time) is true of at least one of them: a rule holds
    for sure only when it holds whichever of them it was, which is tried
    answer by answer.
    """
    events = tuple(per_person(event) for event in answers.events)
    sizes = group_sizes(answers)
    certain: dict[int, list[int]] = {}
    possible: dict[int, tuple[list[int], int, int]] = {}
    members: dict[int, list[int]] = {}
    for index, event in enumerate(events):
        yes = event_bits(event, rules.bit_of, rules.night_bit)
        unknown = rules.question_bits(event.unknown) & ~yes
        shared = 0
        if sizes.get(event.group, 1) > 1:
            members.setdefault(event.group, []).append(index)
            shared, yes = yes, 0
        for position, hinge in rules.rules_for(event, yes, unknown | shared):
            if not hinge:
                certain.setdefault(position, []).append(index)
                continue
            indices, own, which = possible.get(position, ([], 0, 0))
            indices.append(index)
            possible[position] = (indices, own | (hinge & ~shared), which | (hinge & shared))
    for indices in members.values():
        first = events[indices[0]]
        shared = event_bits(first, rules.bit_of, rules.night_bit)
        unknown = rules.question_bits(first.unknown) & ~shared
        for bit in (1 << n for n in range(shared.bit_length()) if shared >> n & 1):
            held = None
            for index in indices:
                found = rules.rules_for(events[index], bit, unknown | (shared & ~bit))
                sure = {position for position, hinge in found if not hinge}
                held = sure if held is None else held & sure
            for position in held or ():
                known = certain.setdefault(position, [])
                known.extend(i for i in indices if i not in known)
    depends = {}
    for position, (indices, own, which) in possible.items():
        if position in certain:
            continue
        depends[position] = (
            sorted(indices),
            rules.questions_of(own) + ((WHICH_CONTACT,) if which else ()),
        )
    return Matches({p: sorted(i) for p, i in certain.items()}, depends)


def evaluate(answers: Answers, knowledge: Knowledge | None = None) -> Assessment:
    """Assess every tactic in the story; the overall severity is the highest finding's."""
    knowledge = knowledge or get_knowledge()
    rules = compiled(knowledge)
    licensed = effective_licence(answers, knowledge)
    product = effective_product(answers, knowledge)
    reading = None
    if answers.annual_rate_percent is not None and knowledge.lpr is not None:
        reading = rates.read_rate(
            answers.annual_rate_percent, licensed, answers.contract_date, knowledge.lpr
        )
    flags, maybe = story_flags(answers, knowledge, licensed, reading)
    matches = _matching_events(rules, answers)
    fired: dict[int, list[int]] = dict(matches.certain)
    fired.update({position: indices for position, (indices, _) in matches.possible.items()})
    for position in rules.tactic_rules:
        rule = rules.rules[position]
        if (
            rule.tactics & answers.tactics
            and not rule.unless_tactics & answers.tactics
            and _visit_place_matches(rule.visit_place, answers)
        ):
            fired[position] = []
    for position in rules.rate_rules:
        if _rate_matches(rules.rules[position], answers, licensed, reading):
            fired[position] = []
    lender, day = answers.lender_type, answers.conduct_date
    epoch = rules.epoch(day)
    findings = []
    conditions_seen = set()
    for position in sorted(fired):
        rule = rules.rules[position]
        if rule.lenders and lender not in rule.lenders:
            continue
        if rule.licensed and licensed not in rule.licensed:
            continue
        outcome = rules.outcome(position, lender, day, epoch, flags, licensed, product, maybe)
        if outcome.conditions:
            conditions_seen.add(outcome.conditions)
        indices = fired[position]
        targets = tuple(dict.fromkeys([answers.events[i].target for i in indices]))
        findings.append(
            Finding(
                rule.code,
                outcome.severity,
                rule,
                outcome.citations,
                outcome.channels,
                tuple(indices),
                targets,
                outcome.caveats,
                reading.details if rule.rate is not None and reading is not None else (),
                matches.possible[position][1] if position in matches.possible else (),
            )
        )
    # Established findings first, worst first; stable: knowledge order within.
    findings.sort(key=lambda f: (not f.established, -SEVERITY_RANK[f.severity]))
    overall = findings[0].severity if findings and findings[0].established else "lawful"
    channels: list[str] = []
    for finding in findings:
        channels.extend(c for c in finding.channels if c not in channels)
    channels.sort(key=_channel_order(answers, overall, knowledge))
    caveats = ["caveat_before_coverage"] if day < knowledge.earliest_covered else []
    # Say once, at the top, which unknown fact the conditional citations hinge on.
    conditions = frozenset().union(*conditions_seen)
    if conditions & {"caveat_if_licensed", "caveat_if_unlicensed"}:
        caveats.append("caveat_funder_unknown")
    if conditions & {"caveat_if_credit_card", "caveat_if_loan"}:
        caveats.append("caveat_product_unknown")
    if answers.may_be_time_barred:
        caveats.append("caveat_time_bar")
    return Assessment(
        overall=overall,
        findings=tuple(findings),
        channels=tuple(channels),
        answers=answers,
        knowledge_version=knowledge.version,
        caveats=tuple(caveats),
        licensed=licensed,
        product=product,
    )
