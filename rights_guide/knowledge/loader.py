"""Load the knowledge files and refuse to start if any of them is wrong.

A legal reviewer edits YAML, not Python, so the loader is where mistakes are
caught: a citation of a provision that does not exist, a text missing one
language, a date range that ends before it starts, a rule that claims more
than its verified grounds support, or a citation of an instrument repealed
before the period we cover (the Contract Law, repealed on 2021-01-01, is
refused by name as well). Every problem is collected and reported with the
file and entry it is in, so one run shows them all.
"""

from __future__ import annotations

import datetime
import hashlib
import re
from collections.abc import Iterable, Mapping
from pathlib import Path
from typing import Any

import yaml

from rights_guide.knowledge.model import (
    CHANNEL_CODES,
    CHANNELS,
    CONFIDENCES,
    CONTEXT_FLAGS,
    LANGUAGES,
    LENDER_TYPES,
    SEVERITIES,
    SEVERITY_RANK,
    TACTICS,
    TARGETS,
    Channel,
    EventMatch,
    Ground,
    Instrument,
    Knowledge,
    Provision,
    RateMatch,
    Rule,
    Text,
)

DATA_DIR = Path(__file__).parent / "data"
INSTRUMENT_KINDS = (
    "law",
    "judicial_interpretation",
    "judicial_opinion",
    "regulation",
    "normative_document",
    "national_standard",
    "self_regulation",
)
# Repealed instruments that must never be cited, whatever their dates say.
NEVER_CITE = {"中华人民共和国合同法": "the Contract Law was repealed on 2021-01-01"}
RULE_CODE = re.compile(r"^[A-Z]+__[A-Z0-9_]+$")
ID = re.compile(r"^[a-z][a-z0-9_]*$")
SafeLoader = getattr(yaml, "CSafeLoader", yaml.SafeLoader)


class KnowledgeError(Exception):
    """The knowledge files are inconsistent; ``problems`` lists every one found."""

    def __init__(self, problems: list[str]):
        self.problems = problems
        super().__init__("Knowledge base is invalid:\n  - " + "\n  - ".join(problems))


class _Checker:
    """Collects problems instead of stopping at the first."""

    def __init__(self) -> None:
        self.problems: list[str] = []

    def fail(self, where: str, message: str) -> None:
        self.problems.append("%s: %s" % (where, message))

    def text(self, raw: Any, where: str) -> Text:
        if not isinstance(raw, Mapping):
            self.fail(where, "expected a text with both languages, got %r" % (raw,))
            return Text("", "")
        for language in LANGUAGES:
            value = raw.get(language)
            if not isinstance(value, str) or not value.strip():
                self.fail(where, "missing the %s text" % language)
        extra = set(raw) - set(LANGUAGES)
        if extra:
            self.fail(where, "unknown languages %s" % sorted(extra))
        return Text(zh_hans=str(raw.get("zh-hans", "")), en=str(raw.get("en", "")))

    def optional_text(self, raw: Any, where: str) -> Text | None:
        return None if raw is None else self.text(raw, where)

    def date(self, raw: Any, where: str, *, optional: bool = False) -> datetime.date | None:
        if raw is None and optional:
            return None
        if isinstance(raw, datetime.date) and not isinstance(raw, datetime.datetime):
            return raw
        self.fail(where, "expected a date YYYY-MM-DD, got %r" % (raw,))
        return datetime.date(1970, 1, 1)

    def choice(self, raw: Any, allowed: Iterable[str], where: str) -> str:
        allowed = tuple(allowed)
        if raw not in allowed:
            self.fail(where, "%r is not one of %s" % (raw, ", ".join(allowed)))
        return str(raw)

    def choices(self, raw: Any, allowed: Iterable[str], where: str) -> frozenset[str]:
        if raw is None:
            return frozenset()
        if not isinstance(raw, list):
            self.fail(where, "expected a list, got %r" % (raw,))
            return frozenset()
        return frozenset(self.choice(item, allowed, where) for item in raw)


def _read(path: Path) -> Any:
    with path.open(encoding="utf-8") as handle:
        return yaml.load(handle, Loader=SafeLoader)  # noqa: S506 - SafeLoader/CSafeLoader


def _load_instruments(check: _Checker, files: list[Path]):
    instruments: dict[str, Instrument] = {}
    provisions: dict[str, Provision] = {}
    for path in files:
        for entry in _read(path) or []:
            where = "%s: instrument %s" % (path.name, entry.get("id", "?"))
            instrument_id = str(entry.get("id", ""))
            if not ID.match(instrument_id):
                check.fail(where, "id must be lower_snake_case")
            if instrument_id in instruments:
                check.fail(where, "duplicate instrument id")
            start = check.date(entry.get("in_force_from"), where + " in_force_from")
            until = check.date(
                entry.get("in_force_until"), where + " in_force_until", optional=True
            )
            if start and until and until < start:
                check.fail(where, "in_force_until is before in_force_from")
            instrument = Instrument(
                id=instrument_id,
                name=check.text(entry.get("name"), where + " name"),
                short_name=check.text(entry.get("short_name"), where + " short_name"),
                issuer=check.text(entry.get("issuer"), where + " issuer"),
                kind=check.choice(entry.get("kind"), INSTRUMENT_KINDS, where + " kind"),
                edition=check.optional_text(entry.get("edition"), where + " edition"),
                in_force_from=start,
                in_force_until=until,
                confidence=check.choice(entry.get("confidence"), CONFIDENCES, where),
                binding=bool(entry.get("binding", True)),
                note=check.optional_text(entry.get("note"), where + " note"),
            )
            if instrument.name.zh_hans in NEVER_CITE:
                check.fail(where, NEVER_CITE[instrument.name.zh_hans])
            instruments[instrument_id] = instrument
            for raw in entry.get("provisions") or []:
                provision = _load_provision(check, raw, instrument, path.name)
                if provision.id in provisions:
                    check.fail("%s: provision %s" % (path.name, provision.id), "duplicate id")
                provisions[provision.id] = provision
    return instruments, provisions


def _load_provision(check: _Checker, raw: Mapping, instrument: Instrument, filename: str):
    where = "%s: provision %s" % (filename, raw.get("id", "?"))
    provision_id = str(raw.get("id", ""))
    if not ID.match(provision_id):
        check.fail(where, "id must be lower_snake_case")
    start = check.date(raw.get("in_force_from", instrument.in_force_from), where)
    until = check.date(raw.get("in_force_until", instrument.in_force_until), where, optional=True)
    if start < instrument.in_force_from:
        check.fail(where, "starts before its instrument is in force")
    if instrument.in_force_until and (until is None or until > instrument.in_force_until):
        check.fail(where, "outlives its instrument")
    article = raw.get("article")
    number = raw.get("number")
    if article is not None and (not isinstance(article, str) or not article.startswith("第")):
        check.fail(where, "article must be written as in the text, e.g. 第五十条")
    if article is not None and not isinstance(number, int | float):
        check.fail(where, "a numbered article needs a sortable number")
    if article is None and number is not None:
        check.fail(where, "a number without its article text")
    return Provision(
        id=provision_id,
        instrument=instrument,
        article=article,
        number=float(number) if number is not None else None,
        item=raw.get("item"),
        summary=check.text(raw.get("summary"), where + " summary"),
        confidence=check.choice(raw.get("confidence", instrument.confidence), CONFIDENCES, where),
        in_force_from=start,
        in_force_until=until,
        note=check.optional_text(raw.get("note"), where + " note"),
    )


def _load_rules(check: _Checker, files: list[Path], provisions: dict[str, Provision]):
    rules: list[Rule] = []
    seen: set[str] = set()
    for path in files:
        for raw in _read(path) or []:
            code = str(raw.get("code", ""))
            where = "%s: rule %s" % (path.name, code or "?")
            if not RULE_CODE.match(code):
                check.fail(where, "code must look like AREA__WHAT_HAPPENED")
            if code in seen:
                check.fail(where, "duplicate rule code")
            seen.add(code)
            grounds = tuple(
                _load_ground(check, item, provisions, "%s ground %d" % (where, number))
                for number, item in enumerate(raw.get("grounds") or [], start=1)
            )
            rule = Rule(
                code=code,
                title=check.text(raw.get("title"), where + " title"),
                explanation=check.text(raw.get("explanation"), where + " explanation"),
                actions=tuple(
                    check.text(action, "%s action %d" % (where, number))
                    for number, action in enumerate(raw.get("actions") or [], start=1)
                ),
                channels=tuple(
                    check.choice(item, (*CHANNEL_CODES, "regulator"), where + " channels")
                    for item in raw.get("channels") or []
                ),
                grounds=grounds,
                fallback=check.choice(raw.get("fallback"), SEVERITIES, where + " fallback"),
                events=tuple(
                    _load_event_match(check, item, where) for item in raw.get("events") or []
                ),
                tactics=check.choices(raw.get("tactics"), TACTICS, where + " tactics"),
                rate=_load_rate_match(check, raw.get("rate"), where),
                lenders=check.choices(raw.get("lenders"), LENDER_TYPES, where + " lenders"),
            )
            triggers = bool(rule.events) + bool(rule.tactics) + (rule.rate is not None)
            if triggers != 1:
                check.fail(where, "needs exactly one of events, tactics or rate")
            if not rule.actions:
                check.fail(where, "needs at least one action")
            _check_fallback(check, rule, where)
            rules.append(rule)
    return tuple(rules)


def _load_ground(check: _Checker, raw: Mapping, provisions: dict[str, Provision], where: str):
    provision_id = raw.get("provision")
    provision = provisions.get(provision_id)
    if provision is None:
        check.fail(where, "cites unknown provision %r" % (provision_id,))
        provision = next(iter(provisions.values()))
    return Ground(
        provision=provision,
        severity=check.choice(raw.get("severity"), SEVERITIES, where + " severity"),
        lenders=check.choices(raw.get("lenders"), LENDER_TYPES, where + " lenders"),
        when=check.choices(raw.get("when"), CONTEXT_FLAGS, where + " when"),
        note=check.optional_text(raw.get("note"), where + " note"),
    )


def _load_event_match(check: _Checker, raw: Mapping, where: str) -> EventMatch:
    known = {
        "targets",
        "channels",
        "min_times_per_day",
        "max_times_per_day",
        "at_night",
        "disclosed_debt",
        "asked_to_pay",
        "after_stop_request",
        "borrower_unreachable",
    }
    unknown = set(raw) - known
    if unknown:
        check.fail(where, "unknown event conditions %s" % sorted(unknown))
    for flag in known - {"targets", "channels", "min_times_per_day", "max_times_per_day"}:
        if flag in raw and not isinstance(raw[flag], bool):
            check.fail(where, "%s must be true or false" % flag)
    return EventMatch(
        targets=check.choices(raw.get("targets"), TARGETS, where + " targets")
        or frozenset(TARGETS),
        channels=check.choices(raw.get("channels"), CHANNELS, where + " channels")
        or frozenset(CHANNELS),
        min_times_per_day=raw.get("min_times_per_day"),
        max_times_per_day=raw.get("max_times_per_day"),
        at_night=raw.get("at_night"),
        disclosed_debt=raw.get("disclosed_debt"),
        asked_to_pay=raw.get("asked_to_pay"),
        after_stop_request=raw.get("after_stop_request"),
        borrower_unreachable=raw.get("borrower_unreachable"),
    )


def _load_rate_match(check: _Checker, raw: Mapping | None, where: str) -> RateMatch | None:
    if raw is None:
        return None
    match = RateMatch(
        lenders=check.choices(raw.get("lenders"), LENDER_TYPES, where + " rate lenders"),
        above_percent=raw.get("above_percent"),
        at_most_percent=raw.get("at_most_percent"),
    )
    if match.above_percent is None and match.at_most_percent is None:
        check.fail(where, "a rate rule needs above_percent or at_most_percent")
    return match


def _check_fallback(check: _Checker, rule: Rule, where: str) -> None:
    """A rule may not claim more, on no basis, than its verified grounds could support."""
    verified = [g.severity for g in rule.grounds if g.provision.confidence != "U"]
    if verified and SEVERITY_RANK[rule.fallback] > max(SEVERITY_RANK[s] for s in verified):
        check.fail(where, "fallback %s is higher than any verified ground" % rule.fallback)
    if not verified and rule.fallback not in ("lawful", "grey"):
        check.fail(where, "with no verified ground the fallback can only be lawful or grey")


def _check_citable(check: _Checker, rules: Iterable[Rule], earliest: datetime.date) -> None:
    for rule in rules:
        for ground in rule.grounds:
            provision = ground.provision
            if provision.in_force_until and provision.in_force_until < earliest:
                check.fail(
                    "rule %s" % rule.code,
                    "cites %s, which ceased to apply before %s"
                    % (provision.id, earliest.isoformat()),
                )


def _check_coverage(check: _Checker, rules: tuple[Rule, ...]) -> None:
    """Every tactic and every kind of contact the API accepts must be recognised by some rule."""
    tactics = set().union(*(rule.tactics for rule in rules))
    for tactic in sorted(set(TACTICS) - tactics):
        check.fail("rules", "no rule recognises the tactic %r" % tactic)
    targets = set().union(*(match.targets for rule in rules for match in rule.events))
    for target in sorted(set(TARGETS) - targets):
        check.fail("rules", "no rule recognises contact with %r" % target)


def _load_channels(check: _Checker, path: Path):
    raw = _read(path) or {}
    channels: dict[str, Channel] = {}
    for entry in raw.get("channels") or []:
        where = "%s: channel %s" % (path.name, entry.get("code", "?"))
        code = check.choice(entry.get("code"), CHANNEL_CODES, where)
        channels[code] = Channel(
            code=code,
            name=check.text(entry.get("name"), where + " name"),
            contact=check.text(entry.get("contact"), where + " contact"),
            handles=check.text(entry.get("handles"), where + " handles"),
            prepare=check.text(entry.get("prepare"), where + " prepare"),
            confidence=check.choice(entry.get("confidence"), CONFIDENCES, where),
        )
    for code in sorted(set(CHANNEL_CODES) - set(channels)):
        check.fail(path.name, "channel %r is not described" % code)
    regulators: dict[str, tuple[str, ...]] = {}
    for lender in LENDER_TYPES:
        codes = (raw.get("regulators") or {}).get(lender)
        if codes is None:
            check.fail(path.name, "no regulators listed for lender type %r" % lender)
            codes = []
        regulators[lender] = tuple(
            check.choice(code, CHANNEL_CODES, "%s: regulators of %s" % (path.name, lender))
            for code in codes
        )
    desk = check.choices(raw.get("lender_desk"), LENDER_TYPES, path.name + " lender_desk")
    return channels, regulators, desk


def _load_names(check: _Checker, raw: Mapping, key: str, codes: Iterable[str], where: str):
    names = raw.get(key) or {}
    result = {}
    for code in codes:
        if code not in names:
            check.fail(where, "%s has no name for %r" % (key, code))
        result[code] = check.text(names.get(code), "%s %s.%s" % (where, key, code))
    return result


def _version(files: Iterable[Path], date: datetime.date) -> str:
    digest = hashlib.sha256()
    for path in sorted(files):
        digest.update(path.name.encode())
        digest.update(path.read_bytes())
    return "%s+%s" % (date.isoformat(), digest.hexdigest()[:10])


def load_knowledge(data_dir: Path = DATA_DIR) -> Knowledge:
    """Read and validate every knowledge file; raise KnowledgeError listing all problems."""
    check = _Checker()
    files = sorted(data_dir.glob("*.yaml"))
    try:
        instruments, provisions = _load_instruments(
            check, [p for p in files if p.name.startswith("instruments")]
        )
        if not provisions:
            raise KnowledgeError(["%s: no provisions found" % data_dir])
        rules = _load_rules(check, [p for p in files if p.name.startswith("rules")], provisions)
        channels, regulators, desk = _load_channels(check, data_dir / "channels.yaml")
        meta_path = data_dir / "meta.yaml"
        meta = _read(meta_path) or {}
    except (OSError, yaml.YAMLError, AttributeError, TypeError) as error:
        raise KnowledgeError(
            [*check.problems, "cannot read the knowledge files: %s" % error]
        ) from error
    earliest = check.date(meta.get("earliest_covered"), "meta.yaml earliest_covered")
    version_date = check.date(meta.get("version_date"), "meta.yaml version_date")
    _check_citable(check, rules, earliest)
    _check_coverage(check, rules)
    knowledge = Knowledge(
        version=_version(files, version_date),
        instruments=instruments,
        provisions=provisions,
        rules=rules,
        channels=channels,
        regulators=regulators,
        lender_desk=desk,
        lender_names=_load_names(check, meta, "lender_types", LENDER_TYPES, "meta.yaml"),
        target_names=_load_names(check, meta, "targets", TARGETS, "meta.yaml"),
        channel_kind_names=_load_names(check, meta, "contact_channels", CHANNELS, "meta.yaml"),
        tactic_names=_load_names(check, meta, "tactics", TACTICS, "meta.yaml"),
        severity_names=_load_names(check, meta, "severities", SEVERITIES, "meta.yaml"),
        texts={
            key: check.text(value, "meta.yaml texts.%s" % key)
            for key, value in (meta.get("texts") or {}).items()
        },
        earliest_covered=earliest,
        version_date=version_date,
    )
    required_texts = {
        "disclaimer",
        "caveat_v2",
        "caveat_unverified",
        "caveat_article_unverified",
        "caveat_not_binding",
        "caveat_no_verified_basis",
        "caveat_before_coverage",
        "caveat_channel_unverified",
    }
    for key in sorted(required_texts - set(knowledge.texts)):
        check.fail("meta.yaml", "missing text %r" % key)
    if check.problems:
        raise KnowledgeError(check.problems)
    return knowledge
