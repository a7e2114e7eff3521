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

from dataclasses import dataclass
from typing import NamedTuple

from rights_guide.assessment import rates
from rights_guide.assessment.answers import Answers
from rights_guide.assessment.compiled import (
    Citation,
    CompiledRules,
    compiled,
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
# The banking guideline's limit: at most six attempts a day on an unanswered number.
MANY_UNANSWERED = 7
VISIT_PLACE_MEANS = {"home": "visit_home", "work": "visit_work"}


class Finding(NamedTuple):
    """One thing the collector did, how serious it is, and why (immutable)."""

    code: str
    severity: str
    rule: Rule
    citations: tuple[Citation, ...]
    channels: tuple[str, ...]
    event_indices: tuple[int, ...]
    targets: tuple[str, ...]
    caveats: tuple[str, ...]
    details: tuple[rates.Detail, ...] = ()  # a rate finding's calculation, line by line


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
    tactics = knowledge.vocabulary.tactics
    flags = set()
    rate = answers.annual_rate_percent
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
    disclosed = 0
    for event in answers.events:
        if (event.times_per_day >= REPEATED and event.channel in REPEATED_MEANS) or (
            "after_stop_request" in event.answers
        ):
            flags.add("repeated_contact")
        if "disclosed_debt" in event.answers:
            if event.target == "contacts_list":
                flags.add("contacts_disclosed")
            if event.target in DISCLOSURE_TARGETS and event.channel in DISCLOSURE_MEANS:
                disclosed += event.times_per_day
        answered = event.answered_per_day
        if answered is not None and event.times_per_day - answered >= MANY_UNANSWERED:
            flags.add("many_unanswered")
    if answers.continued_after_intervention:
        flags.add("repeated_contact")
    if disclosed >= MASS_DISCLOSURE:
        flags.add("mass_disclosure")
    return frozenset(flags)


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


def _matching_events(rules: CompiledRules, answers: Answers) -> dict[int, list[int]]:
    """Rule position → indices of the events that trigger it."""
    hits: dict[int, list[int]] = {}
    for index, event in enumerate(answers.events):
        for position in rules.rules_for_event(event):
            hits.setdefault(position, []).append(index)
    return hits


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
    flags = context_flags(answers, knowledge, licensed, reading)
    fired = _matching_events(rules, answers)
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
        outcome = rules.outcome(position, lender, day, epoch, flags, licensed, product)
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
            )
        )
    findings.sort(key=lambda f: -SEVERITY_RANK[f.severity])  # stable: knowledge order within
    overall = findings[0].severity if findings else "lawful"
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
