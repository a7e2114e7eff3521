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
    CONFIDENCES,
    CONTEXT_FLAGS,
    LANGUAGES,
    SEVERITIES,
    SEVERITY_RANK,
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
from rights_guide.knowledge.vocabulary import (
    TARGET_KINDS,
    ContactMeans,
    EventQuestion,
    LenderType,
    Registry,
    Tactic,
    Target,
    Vocabulary,
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
PLACEHOLDER = re.compile(r"%\((\w+)\)s")
MATCH_COUNTS = ("min_times_per_day", "max_times_per_day")
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

    def text(self, raw: Any, where: str, *, placeholders: set[str] | None = None) -> Text:
        """A text in both languages; with ``placeholders``, both must use exactly those."""
        if not isinstance(raw, Mapping):
            self.fail(where, "expected a text with both languages, got %r" % (raw,))
            return Text("", "")
        for language in LANGUAGES:
            value = raw.get(language)
            if not isinstance(value, str) or not value.strip():
                self.fail(where, "missing the %s text" % language)
            elif placeholders is not None and set(PLACEHOLDER.findall(value)) != placeholders:
                self.fail(
                    where,
                    "the %s text must use the placeholders %s"
                    % (language, ", ".join("%%(%s)s" % p for p in sorted(placeholders)) or "none"),
                )
        extra = set(raw) - set(LANGUAGES)
        if extra:
            self.fail(where, "unknown languages %s" % sorted(extra))
        return Text(zh_hans=str(raw.get("zh-hans", "")), en=str(raw.get("en", "")))

    def optional_text(self, raw: Any, where: str, *, placeholders=None) -> Text | None:
        return None if raw is None else self.text(raw, where, placeholders=placeholders)

    def flag(self, raw: Any, where: str) -> bool:
        if raw is None:
            return False
        if not isinstance(raw, bool):
            self.fail(where, "must be true or false, got %r" % (raw,))
        return bool(raw)

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


def _load_rules(
    check: _Checker, files: list[Path], provisions: dict[str, Provision], vocabulary: Vocabulary
):
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
                _load_ground(check, item, provisions, "%s ground %d" % (where, number), vocabulary)
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
            )
            triggers = bool(rule.events) + bool(rule.tactics) + (rule.rate is not None)
            if triggers != 1:
                check.fail(where, "needs exactly one of events, tactics or rate")
            if not rule.actions:
                check.fail(where, "needs at least one action")
            _check_fallback(check, rule, where)
            rules.append(rule)
    return tuple(rules)


def _load_ground(
    check: _Checker,
    raw: Mapping,
    provisions: dict[str, Provision],
    where: str,
    vocabulary: Vocabulary,
):
    provision_id = raw.get("provision")
    provision = provisions.get(provision_id)
    if provision is None:
        check.fail(where, "cites unknown provision %r" % (provision_id,))
        provision = next(iter(provisions.values()))
    return Ground(
        provision=provision,
        severity=check.choice(raw.get("severity"), SEVERITIES, where + " severity"),
        lenders=check.choices(
            raw.get("lenders"), vocabulary.lender_types.codes, where + " lenders"
        ),
        when=check.choices(raw.get("when"), CONTEXT_FLAGS, where + " when"),
        note=check.optional_text(raw.get("note"), where + " note"),
    )


def _load_event_match(
    check: _Checker, raw: Mapping, where: str, vocabulary: Vocabulary
) -> EventMatch:
    questions = vocabulary.event_questions.codes
    unknown = set(raw) - {"targets", "channels", *MATCH_COUNTS, *questions}
    if unknown:
        check.fail(where, "unknown event conditions %s" % sorted(unknown))
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
    )


def _load_rate_match(
    check: _Checker, raw: Mapping | None, where: str, vocabulary: Vocabulary
) -> RateMatch | None:
    if raw is None:
        return None
    match = RateMatch(
        lenders=check.choices(
            raw.get("lenders"), vocabulary.lender_types.codes, where + " lenders"
        ),
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


def _check_coverage(check: _Checker, rules: tuple[Rule, ...], vocabulary: Vocabulary) -> None:
    """Every tactic and every kind of contact the API accepts must be recognised by some rule."""
    tactics = set().union(*(rule.tactics for rule in rules))
    for tactic in vocabulary.tactics.codes:
        if tactic not in tactics:
            check.fail("rules", "no rule recognises the tactic %r" % tactic)
    targets = set().union(*(match.targets for rule in rules for match in rule.events))
    for target in vocabulary.targets.codes:
        if target not in targets:
            check.fail("rules", "no rule recognises contact with %r" % target)


def _load_channels(check: _Checker, path: Path) -> Registry[Channel]:
    """The complaint bodies, in the order the results list them."""
    channels = []
    for entry in (_read(path) or {}).get("channels") or []:
        where = "%s: channel %s" % (path.name, entry.get("code", "?"))
        code = str(entry.get("code", ""))
        if not ID.match(code):
            check.fail(where, "code must be lower_snake_case")
        regulator = check.flag(entry.get("regulator"), where + " regulator")
        letter_name = check.optional_text(entry.get("letter_name"), where + " letter_name")
        if regulator and letter_name is None:
            check.fail(where, "a regulator needs the letter_name a letter addresses it by")
        channels.append(
            Channel(
                code=code,
                name=check.text(entry.get("name"), where + " name"),
                contact=check.text(entry.get("contact"), where + " contact"),
                handles=check.text(entry.get("handles"), where + " handles"),
                prepare=check.text(entry.get("prepare"), where + " prepare"),
                confidence=check.choice(entry.get("confidence"), CONFIDENCES, where),
                regulator=regulator,
                letter_name=letter_name,
                safety_first=check.flag(entry.get("safety_first"), where + " safety_first"),
            )
        )
    _check_unique(check, path.name, "channel", channels)
    return Registry(channels)


def _check_unique(check: _Checker, where: str, what: str, entries) -> None:
    seen: set[str] = set()
    for entry in entries:
        if entry.code in seen:
            check.fail(where, "duplicate %s %r" % (what, entry.code))
        seen.add(entry.code)


def _entries(check: _Checker, raw: Mapping, key: str, where: str) -> list[tuple[str, str, Mapping]]:
    """(code, place for messages, entry) for each entry of one vocabulary."""
    found = []
    for entry in raw.get(key) or []:
        code = str(entry.get("code", "")) if isinstance(entry, Mapping) else ""
        place = "%s: %s %s" % (where, key, code or "?")
        if not ID.match(code):
            check.fail(place, "code must be lower_snake_case")
            continue
        found.append((code, place, entry))
    if not found:
        check.fail(where, "no %s" % key)
    return found


def _load_vocabulary(check: _Checker, path: Path, bodies: Registry[Channel]) -> Vocabulary:
    """Every vocabulary, each entry with all its words: what the whole guide speaks."""
    raw = _read(path) or {}
    target = {"target"}
    lender_types = [
        LenderType(
            code=code,
            name=check.text(entry.get("name"), place + " name"),
            option=check.text(entry.get("option"), place + " option"),
            hint=check.text(entry.get("hint"), place + " hint"),
            complain_to=tuple(
                check.choice(body, bodies.codes, place + " complain_to")
                for body in entry.get("complain_to") or []
            ),
            desk=check.flag(entry.get("desk"), place + " desk"),
        )
        for code, place, entry in _entries(check, raw, "lender_types", path.name)
    ]
    targets = [
        Target(
            code=code,
            kind=check.choice(entry.get("kind"), TARGET_KINDS, place + " kind"),
            name=check.text(entry.get("name"), place + " name"),
            option=check.text(entry.get("option"), place + " option"),
            step_title=check.text(entry.get("step_title"), place + " step_title"),
            letter=check.text(entry.get("letter"), place + " letter"),
        )
        for code, place, entry in _entries(check, raw, "targets", path.name)
    ]
    means = []
    for code, place, entry in _entries(check, raw, "contact_means", path.name):
        count_field = entry.get("count_field")
        other = check.optional_text(entry.get("other_option"), place + " other_option")
        if (count_field is None) == (other is None):
            check.fail(place, "needs either count_field and count_label, or other_option")
        means.append(
            ContactMeans(
                code=code,
                name=check.text(entry.get("name"), place + " name"),
                incident=check.text(entry.get("incident"), place + " incident"),
                letter=check.text(entry.get("letter"), place + " letter", placeholders=target),
                count_field=str(count_field) if count_field is not None else None,
                count_label=check.optional_text(entry.get("count_label"), place + " count_label"),
                other_option=other,
            )
        )
    tactics = []
    for code, place, entry in _entries(check, raw, "tactics", path.name):
        letter = check.optional_text(entry.get("letter"), place + " letter", placeholders=set())
        conduct = check.optional_text(entry.get("conduct"), place + " conduct")
        if (letter is None) != (conduct is None):
            check.fail(place, "a tactic complained of needs both letter and conduct")
        tactics.append(
            Tactic(
                code=code,
                name=check.text(entry.get("name"), place + " name"),
                option=check.text(entry.get("option"), place + " option"),
                hint=check.text(entry.get("hint"), place + " hint"),
                letter=letter,
                conduct=conduct,
                safety_first=check.flag(entry.get("safety_first"), place + " safety_first"),
                threatens=check.flag(entry.get("threatens"), place + " threatens"),
                needs_visit=check.flag(entry.get("needs_visit"), place + " needs_visit"),
            )
        )
    questions = []
    for code, place, entry in _entries(check, raw, "event_questions", path.name):
        options = entry.get("options")
        if options is not None and set(options) != {"yes", "no", "unsure"}:
            check.fail(place, "options must give words for yes, no and unsure")
        questions.append(
            EventQuestion(
                code=code,
                ask=check.choices(entry.get("ask"), TARGET_KINDS, place + " ask"),
                question=check.text(entry.get("question"), place + " question"),
                question_borrower=check.optional_text(
                    entry.get("question_borrower"), place + " question_borrower"
                ),
                options=(
                    {key: check.text(value, place + " options") for key, value in options.items()}
                    if isinstance(options, Mapping)
                    else None
                ),
                unsure_means=check.flag(entry.get("unsure_means"), place + " unsure_means"),
                letter_yes=check.optional_text(
                    entry.get("letter_yes"), place + " letter_yes", placeholders=None
                ),
                letter_yes_borrower=check.optional_text(
                    entry.get("letter_yes_borrower"), place + " letter_yes_borrower"
                ),
                letter_no=check.optional_text(entry.get("letter_no"), place + " letter_no"),
            )
        )
    for what, entries in (
        ("lender type", lender_types),
        ("target", targets),
        ("means of contact", means),
        ("tactic", tactics),
        ("event question", questions),
    ):
        _check_unique(check, path.name, what, entries)
    return Vocabulary(
        lender_types=Registry(lender_types),
        targets=Registry(targets),
        contact_means=Registry(means),
        tactics=Registry(tactics),
        event_questions=Registry(questions),
        bodies=bodies,
    )


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
        bodies = _load_channels(check, data_dir / "channels.yaml")
        vocabulary = _load_vocabulary(check, data_dir / "vocabulary.yaml", bodies)
        instruments, provisions = _load_instruments(
            check, [p for p in files if p.name.startswith("instruments")]
        )
        if not provisions:
            raise KnowledgeError(["%s: no provisions found" % data_dir])
        rules = _load_rules(
            check, [p for p in files if p.name.startswith("rules")], provisions, vocabulary
        )
        meta_path = data_dir / "meta.yaml"
        meta = _read(meta_path) or {}
    except (OSError, yaml.YAMLError, AttributeError, TypeError) as error:
        raise KnowledgeError(
            [*check.problems, "cannot read the knowledge files: %s" % error]
        ) from error
    earliest = check.date(meta.get("earliest_covered"), "meta.yaml earliest_covered")
    version_date = check.date(meta.get("version_date"), "meta.yaml version_date")
    _check_citable(check, rules, earliest)
    _check_coverage(check, rules, vocabulary)
    knowledge = Knowledge(
        version=_version(files, version_date),
        instruments=instruments,
        provisions=provisions,
        rules=rules,
        vocabulary=vocabulary,
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
