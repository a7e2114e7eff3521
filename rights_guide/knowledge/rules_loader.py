"""Load the rules: what triggers each finding, its grounds, and how far its claims may go.

A rule may not claim more, on no verified basis, than its grounds support;
every tactic and kind of person in the vocabulary must be recognised by
some rule; and no rule may cite a provision that ceased before the period
covered. Problems are collected with the rule they are in (loader.py).
"""

from __future__ import annotations

import datetime
import re
from collections.abc import Iterable, Mapping
from pathlib import Path

from rights_guide.knowledge.checker import Checker, read_yaml
from rights_guide.knowledge.model import (
    CONTEXT_FLAGS,
    LICENSING,
    PRODUCTS,
    ROLES,
    SEVERITIES,
    SEVERITY_RANK,
    VISIT_PLACES,
    EventMatch,
    Ground,
    Provision,
    RateMatch,
    Rule,
    Text,
    Wording,
)
from rights_guide.knowledge.vocabulary import Vocabulary

RULE_CODE = re.compile(r"^[A-Z]+__[A-Z0-9_]+$")
MATCH_COUNTS = (
    "min_times_per_day",
    "max_times_per_day",
    "min_answered_per_day",
    "max_answered_per_day",
    "min_unanswered_per_day",
    "max_unanswered_per_day",
)
RATE_BANDS = (
    "within_cap",
    "cap_depends_on_date",
    "cap_not_yet_known",
    "above_cap",
    "above_36",
    "all_caps_ok",
)
# A rule's `licensed` lists effective licence values: YAML true, false, or null.
LICENCE_VALUES = (True, False, None)


def load_rules(
    check: Checker,
    files: list[Path],
    provisions: dict[str, Provision],
    vocabulary: Vocabulary,
    texts: Mapping[str, Text],
):
    rules: list[Rule] = []
    seen: set[str] = set()
    for path in files:
        for raw in read_yaml(path) or []:
            code = str(raw.get("code", ""))
            where = "%s: rule %s" % (path.name, code or "?")
            if not RULE_CODE.match(code):
                check.fail(where, "code must look like AREA__WHAT_HAPPENED")
            if code in seen:
                check.fail(where, "duplicate rule code")
            seen.add(code)
            grounds = tuple(
                _load_ground(
                    check, item, provisions, "%s ground %d" % (where, number), vocabulary, texts
                )
                for number, item in enumerate(raw.get("grounds") or [], start=1)
            )
            rule = Rule(
                code=code,
                title=check.text(raw.get("title"), where + " title"),
                explanation=check.text(raw.get("explanation"), where + " explanation"),
                actions=tuple(
                    _load_action(check, action, "%s action %d" % (where, number), texts)
                    for number, action in enumerate(raw.get("actions") or [], start=1)
                ),
                channels=tuple(
                    check.choice(item, (*vocabulary.bodies.codes, "regulator"), where + " channels")
                    for item in raw.get("channels") or []
                ),
                grounds=grounds,
                fallback=check.choice(raw.get("fallback"), SEVERITIES, where + " fallback"),
                events=tuple(
                    _load_event_match(check, item, where, vocabulary)
                    for item in raw.get("events") or []
                ),
                tactics=check.choices(
                    raw.get("tactics"), vocabulary.tactics.codes, where + " tactics"
                ),
                rate=_load_rate_match(check, raw.get("rate"), where, vocabulary),
                lenders=check.choices(
                    raw.get("lenders"), vocabulary.lender_types.codes, where + " lenders"
                ),
                conduct=check.optional_text(raw.get("conduct"), where + " conduct"),
                licensed=_licence_values(check, raw.get("licensed"), where + " licensed"),
                unless_tactics=check.choices(
                    raw.get("unless_tactics"), vocabulary.tactics.codes, where + " unless_tactics"
                ),
                visit_place=(
                    check.choice(raw["visit_place"], VISIT_PLACES, where + " visit_place")
                    if raw.get("visit_place") is not None
                    else None
                ),
                third_party=_load_wording(check, raw.get("third_party"), where, texts),
            )
            if rule.unless_tactics and not rule.tactics:
                check.fail(where, "unless_tactics is for rules about a tactic")
            if rule.visit_place and not rule.tactics:
                check.fail(where, "visit_place is for rules about a tactic")
            triggers = bool(rule.events) + bool(rule.tactics) + (rule.rate is not None)
            if triggers != 1:
                check.fail(where, "needs exactly one of events, tactics or rate")
            if not rule.actions:
                check.fail(where, "needs at least one action")
            _check_fallback(check, rule, where)
            rules.append(rule)
    return tuple(rules)


def _load_wording(check: Checker, raw, where: str, texts: Mapping[str, Text]) -> Wording | None:
    """A rule's words for someone called about another person's debt (``third_party``)."""
    if raw is None:
        return None
    where += " third_party"
    if not isinstance(raw, Mapping) or set(raw) != {"title", "explanation", "actions"}:
        check.fail(where, "needs exactly title, explanation and actions")
        return None
    actions = tuple(
        _load_action(check, action, "%s action %d" % (where, number), texts)
        for number, action in enumerate(raw.get("actions") or [], start=1)
    )
    if not actions:
        check.fail(where, "needs at least one action")
    return Wording(
        title=check.text(raw.get("title"), where + " title"),
        explanation=check.text(raw.get("explanation"), where + " explanation"),
        actions=actions,
    )


def concerns_third_parties(rule: Rule) -> bool:
    """Whether the rule can fire in the story of someone called about another's debt.

    Every tactic can be used on them; an event rule can when it matches
    anyone other than the borrower.
    """
    return bool(rule.tactics) or any(match.targets - {"borrower"} for match in rule.events)


def check_third_party_wording(check: Checker, rules: Iterable[Rule]) -> None:
    """Every finding a third party can get speaks to them, not to the borrower."""
    for rule in rules:
        if concerns_third_parties(rule) and rule.third_party is None:
            check.fail("rule %s" % rule.code, "can fire for a third party: add third_party words")


def _load_action(check: Checker, raw, where: str, texts: Mapping[str, Text]) -> Text:
    """An action's text, or ``{ref: key}``: a text written once in meta.yaml and shared."""
    if isinstance(raw, Mapping) and set(raw) == {"ref"}:
        found = texts.get(raw["ref"])
        if found is None:
            check.fail(where, "refers to unknown text %r" % (raw["ref"],))
            return Text("", "")
        return found
    return check.text(raw, where)


def _licence_values(check: Checker, raw, where: str) -> frozenset:
    if raw is None:
        return frozenset()
    if not isinstance(raw, list) or any(value not in LICENCE_VALUES for value in raw):
        check.fail(where, "must be a list of true, false and null, got %r" % (raw,))
        return frozenset()
    return frozenset(raw)


def _load_ground(
    check: Checker,
    raw: Mapping,
    provisions: dict[str, Provision],
    where: str,
    vocabulary: Vocabulary,
    texts: Mapping[str, Text],
):
    provision_id = raw.get("provision")
    provision = provisions.get(provision_id)
    if provision is None:
        check.fail(where, "cites unknown provision %r" % (provision_id,))
        provision = next(iter(provisions.values()))
    unknown = set(raw) - {
        "provision",
        "severity",
        "lenders",
        "when",
        "note",
        "role",
        "licensed",
        "products",
        "caveats",
    }
    if unknown:
        check.fail(where, "unknown keys %s" % sorted(unknown))
    caveats = tuple(raw.get("caveats") or ())
    for key in caveats:
        if key not in texts or not str(key).startswith("caveat_"):
            check.fail(where, "unknown caveat %r (a caveat_ text in meta.yaml)" % (key,))
    licensed = raw.get("licensed")
    return Ground(
        provision=provision,
        severity=check.choice(raw.get("severity"), SEVERITIES, where + " severity"),
        lenders=check.choices(
            raw.get("lenders"), vocabulary.lender_types.codes, where + " lenders"
        ),
        when=check.choices(raw.get("when"), CONTEXT_FLAGS, where + " when"),
        note=check.optional_text(raw.get("note"), where + " note"),
        role=check.choice(raw.get("role", "conduct"), ROLES, where + " role"),
        licensed=(
            check.choice(licensed, LICENSING, where + ' licensed (quote "yes" and "no")')
            if licensed is not None
            else None
        ),
        products=check.choices(raw.get("products"), PRODUCTS, where + " products"),
        caveats=caveats,
    )


def _load_event_match(
    check: Checker, raw: Mapping, where: str, vocabulary: Vocabulary
) -> EventMatch:
    questions = vocabulary.event_questions.codes
    unknown = set(raw) - {"targets", "channels", "answered_known", *MATCH_COUNTS, *questions}
    if unknown:
        check.fail(where, "unknown event conditions %s" % sorted(unknown))
    for key in MATCH_COUNTS:
        value = raw.get(key)
        if value is not None and (isinstance(value, bool) or not isinstance(value, int)):
            check.fail(where, "%s must be a whole number" % key)
    known = raw.get("answered_known")
    if known is not None and not isinstance(known, bool):
        check.fail(where, "answered_known must be true or false")
    answers = []
    for code in questions:  # in the vocabulary's order
        if code in raw:
            if not isinstance(raw[code], bool):
                check.fail(where, "%s must be true or false" % code)
            answers.append((code, bool(raw[code])))
    targets, channels = vocabulary.targets.codes, vocabulary.contact_means.codes
    return EventMatch(
        targets=check.choices(raw.get("targets"), targets, where + " targets")
        or frozenset(targets),
        channels=check.choices(raw.get("channels"), channels, where + " channels")
        or frozenset(channels),
        min_times_per_day=raw.get("min_times_per_day"),
        max_times_per_day=raw.get("max_times_per_day"),
        answers=tuple(answers),
        min_answered_per_day=raw.get("min_answered_per_day"),
        max_answered_per_day=raw.get("max_answered_per_day"),
        min_unanswered_per_day=raw.get("min_unanswered_per_day"),
        max_unanswered_per_day=raw.get("max_unanswered_per_day"),
        answered_known=known,
    )


def _load_rate_match(
    check: Checker, raw: Mapping | None, where: str, vocabulary: Vocabulary
) -> RateMatch | None:
    if raw is None:
        return None
    licensed = _licence_values(check, raw.get("licensed"), where + " rate licensed")
    match = RateMatch(
        lenders=check.choices(
            raw.get("lenders"), vocabulary.lender_types.codes, where + " lenders"
        ),
        licensed=licensed or frozenset(LICENCE_VALUES),
        band=check.choices(raw.get("band"), RATE_BANDS, where + " rate band"),
        above_percent=raw.get("above_percent"),
        at_most_percent=raw.get("at_most_percent"),
    )
    fixed = match.above_percent is not None or match.at_most_percent is not None
    if fixed == bool(match.band):
        check.fail(where, "a rate rule needs either a band or above_percent / at_most_percent")
    if match.band and True in match.licensed:
        check.fail(
            where, "a band is for unlicensed or unknown lenders: licensed ones have fixed lines"
        )
    if fixed and match.licensed != {True}:
        check.fail(where, "fixed rate lines are for licensed lenders only: licensed: [true]")
    return match


def _check_fallback(check: Checker, rule: Rule, where: str) -> None:
    """A rule may not claim more, on no basis, than its verified grounds could support.

    Only grounds that decide a severity in every story the rule fires for
    count: conduct grounds of a verified provision that need no context flag
    and hold whatever the borrower does not know (whether an app's funder is
    licensed, card or loan).
    """
    verified = [
        g.severity
        for g in rule.grounds
        if g.provision.confidence != "U"
        and g.role == "conduct"
        and not g.when
        and g.licensed in (None, "not_no")
        and not g.products
    ]
    if verified and SEVERITY_RANK[rule.fallback] > max(SEVERITY_RANK[s] for s in verified):
        check.fail(where, "fallback %s is higher than any verified ground" % rule.fallback)
    if not verified and rule.fallback not in ("lawful", "grey"):
        check.fail(where, "with no verified ground the fallback can only be lawful or grey")


def check_citable(check: Checker, rules: Iterable[Rule], earliest: datetime.date) -> None:
    for rule in rules:
        for ground in rule.grounds:
            provision = ground.provision
            if provision.in_force_until and provision.in_force_until < earliest:
                check.fail(
                    "rule %s" % rule.code,
                    "cites %s, which ceased to apply before %s"
                    % (provision.id, earliest.isoformat()),
                )


def check_coverage(check: Checker, rules: tuple[Rule, ...], vocabulary: Vocabulary) -> None:
    """Every tactic and every kind of contact the API accepts must be recognised by some rule."""
    tactics = set().union(*(rule.tactics for rule in rules))
    for tactic in vocabulary.tactics.codes:
        if tactic not in tactics:
            check.fail("rules", "no rule recognises the tactic %r" % tactic)
    targets = set().union(*(match.targets for rule in rules for match in rule.events))
    for target in vocabulary.targets.codes:
        if target not in targets:
            check.fail("rules", "no rule recognises contact with %r" % target)


def check_advertised(check: Checker, rules: Iterable[Rule], vocabulary: Vocabulary, provisions):
    """What a complaint body says it handles must be something some rule can find."""
    cited = {ground.provision.id for rule in rules for ground in rule.grounds}
    for body in vocabulary.bodies:
        for provision in body.advertises:
            if provision not in provisions:
                check.fail(
                    "channels.yaml: channel %s" % body.code, "advertises unknown %r" % provision
                )
            elif provision not in cited:
                check.fail(
                    "channels.yaml: channel %s" % body.code,
                    "advertises %s, which no rule cites" % provision,
                )
