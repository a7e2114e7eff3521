"""Evaluate a borrower's story against the knowledge base.

``evaluate(answers)`` runs every rule and keeps every finding; it never stops
at the first and never raises on valid Answers. A rule's severity is the
highest severity among its grounds that apply on the conduct date, to this
lender type and in this context, counting only verified (V1/V2) provisions;
unverified (U) provisions are still cited, with a caveat, but never decide a
severity. The overall severity is the highest finding's.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import NamedTuple

from rights_guide.assessment.answers import Answers
from rights_guide.assessment.compiled import (
    Citation,
    CompiledRules,
    compiled,
)
from rights_guide.knowledge import get_knowledge
from rights_guide.knowledge.model import SEVERITY_RANK, Knowledge, Rule

__all__ = ["Assessment", "Citation", "Finding", "evaluate"]


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


@dataclass(frozen=True)
class Assessment:
    overall: str
    findings: tuple[Finding, ...]
    channels: tuple[str, ...]
    answers: Answers
    knowledge_version: str
    caveats: tuple[str, ...]


def context_flags(answers: Answers, knowledge: Knowledge) -> frozenset[str]:
    """Facts about the whole story that can raise a ground (see knowledge.model.CONTEXT_FLAGS)."""
    tactics = knowledge.vocabulary.tactics
    flags = set()
    rate = answers.annual_rate_percent
    if answers.lender_type == "private_lender" and rate is not None and rate > 36:
        flags.add("illegal_debt")
    # Only a truly public audience counts: the criminal thresholds for insult and
    # defamation (5,000 views, 500 reposts) are out of reach of a contact list.
    if any(e.target == "public" or e.channel == "online_post" for e in answers.events):
        flags.add("public_spread")
    if "extra_fees" in answers.tactics and any(tactics[t].threatens for t in answers.tactics):
        flags.add("demands_extra")
    if answers.continued_after_intervention:
        flags.add("continued_after_intervention")
    return frozenset(flags)


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


def _rate_matches(rule: Rule, answers: Answers) -> bool:
    rate = answers.annual_rate_percent
    match = rule.rate
    if rate is None or match is None or answers.lender_type not in match.lenders:
        return False
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
    flags = context_flags(answers, knowledge)
    fired = _matching_events(rules, answers)
    for position in rules.tactic_rules:
        if rules.rules[position].tactics & answers.tactics:
            fired[position] = []
    for position in rules.rate_rules:
        if _rate_matches(rules.rules[position], answers):
            fired[position] = []
    lender, day = answers.lender_type, answers.conduct_date
    epoch = rules.epoch(day)
    findings = []
    for position in sorted(fired):
        rule = rules.rules[position]
        if rule.lenders and lender not in rule.lenders:
            continue
        outcome = rules.outcome(position, lender, day, epoch, flags)
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
            )
        )
    findings.sort(key=lambda f: -SEVERITY_RANK[f.severity])  # stable: knowledge order within
    overall = findings[0].severity if findings else "lawful"
    channels: list[str] = []
    for finding in findings:
        channels.extend(c for c in finding.channels if c not in channels)
    channels.sort(key=_channel_order(answers, overall, knowledge))
    caveats = ("caveat_before_coverage",) if day < knowledge.earliest_covered else ()
    return Assessment(
        overall=overall,
        findings=tuple(findings),
        channels=tuple(channels),
        answers=answers,
        knowledge_version=knowledge.version,
        caveats=caveats,
    )
