"""Load the knowledge files and refuse to start if any of them is wrong.

A legal reviewer edits YAML, not Python, so the loader is where mistakes are
caught: a citation of a provision that does not exist, a text missing one
language, a date range that ends before it starts, a rule that claims more
than its verified grounds support, or a citation of an instrument repealed
before the period we cover (the Contract Law, repealed on 2021-01-01, is
refused by name as well). Every problem is collected and reported with the
file and entry it is in, so one run shows them all. The vocabularies and
the complaint bodies are loaded first (vocabulary_loader.py), and every
code the instruments and rules use is checked against them.
"""

from __future__ import annotations

import datetime
import hashlib
from collections.abc import Iterable, Mapping
from pathlib import Path

import yaml

from rights_guide.knowledge.checker import ID, Checker, KnowledgeError, read_yaml
from rights_guide.knowledge.letter_law import load_letter_law
from rights_guide.knowledge.lpr import RATE_TEXTS, load_lpr
from rights_guide.knowledge.model import (
    CONFIDENCES,
    POSSIBLE_FLAGS,
    SEVERITIES,
    Instrument,
    Knowledge,
    Provision,
)
from rights_guide.knowledge.rules_loader import (
    check_advertised,
    check_citable,
    check_coverage,
    check_third_party_wording,
    load_rules,
)
from rights_guide.knowledge.vocabulary_loader import load_channels, load_vocabulary

__all__ = ["DATA_DIR", "KnowledgeError", "load_knowledge"]

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


def _load_instruments(check: Checker, files: list[Path]):
    instruments: dict[str, Instrument] = {}
    provisions: dict[str, Provision] = {}
    for path in files:
        for entry in read_yaml(path) or []:
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


def _load_provision(check: Checker, raw: Mapping, instrument: Instrument, filename: str):
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


def _load_names(check: Checker, raw: Mapping, key: str, codes: Iterable[str], where: str):
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


def _load_rate_texts(check: Checker, meta: Mapping) -> dict:
    """The rate findings' line templates, each with exactly the placeholders rates.py fills."""
    raw = meta.get("rate_texts") or {}
    for key in sorted(set(raw) - set(RATE_TEXTS)):
        check.fail("meta.yaml rate_texts.%s" % key, "not a template rates.py uses")
    templates = {}
    for key, names in RATE_TEXTS.items():
        where = "meta.yaml rate_texts.%s" % key
        text = templates[key] = check.text(raw.get(key), where, placeholders=names)
        for language in ("zh-hans", "en"):
            try:  # a literal percent sign is written %% (every template is formatted)
                text.get(language) % dict.fromkeys(names, "")
            except (ValueError, TypeError, KeyError):
                check.fail(where, "write a percent sign as %%%% in the %s text" % language)
    return templates


def _check_owes(check: Checker, vocabulary, provisions: Mapping[str, Provision]) -> None:
    """What a third party is told they owe rests on provisions the knowledge base holds."""
    for target in vocabulary.targets:
        for provision in target.called.owes_provisions if target.called else ():
            if provision not in provisions:
                check.fail(
                    "vocabulary.yaml: targets %s third_party" % target.code,
                    "owes_provisions names unknown provision %r" % provision,
                )


def load_knowledge(data_dir: Path = DATA_DIR) -> Knowledge:
    """Read and validate every knowledge file; raise KnowledgeError listing all problems."""
    check = Checker()
    files = sorted(data_dir.glob("*.yaml"))
    try:
        bodies = load_channels(check, data_dir / "channels.yaml")
        vocabulary = load_vocabulary(check, data_dir / "vocabulary.yaml", bodies)
        instruments, provisions = _load_instruments(
            check, [p for p in files if p.name.startswith("instruments")]
        )
        if not provisions:
            raise KnowledgeError(["%s: no provisions found" % data_dir])
        meta = read_yaml(data_dir / "meta.yaml") or {}
        texts = {
            key: check.text(value, "meta.yaml texts.%s" % key)
            for key, value in (meta.get("texts") or {}).items()
        }
        rules = load_rules(
            check, [p for p in files if p.name.startswith("rules")], provisions, vocabulary, texts
        )
        lpr = load_lpr(check, data_dir / "lpr.yaml")
        letters = load_letter_law(
            check,
            data_dir / "letters.yaml",
            provisions,
            instruments,
            vocabulary,
            rules=[rule.code for rule in rules],
            caveats=[key for key in texts if key.startswith("caveat_")],
        )
        rate_texts = _load_rate_texts(check, meta)
    except (OSError, yaml.YAMLError, AttributeError, TypeError) as error:
        raise KnowledgeError(
            [*check.problems, "cannot read the knowledge files: %s" % error]
        ) from error
    earliest = check.date(meta.get("earliest_covered"), "meta.yaml earliest_covered")
    version_date = check.date(meta.get("version_date"), "meta.yaml version_date")
    check_citable(check, rules, earliest)
    check_coverage(check, rules, vocabulary)
    check_advertised(check, rules, vocabulary, provisions)
    check_third_party_wording(check, rules)
    _check_owes(check, vocabulary, provisions)
    knowledge = Knowledge(
        version=_version(files, version_date),
        instruments=instruments,
        provisions=provisions,
        rules=rules,
        vocabulary=vocabulary,
        severity_names=_load_names(check, meta, "severities", SEVERITIES, "meta.yaml"),
        texts=texts,
        rate_texts=rate_texts,
        lpr=lpr,
        letters=letters,
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
        "caveat_v2_weak",
        "caveat_if_licensed",
        "caveat_if_unlicensed",
        "caveat_if_credit_card",
        "caveat_if_loan",
        "role_conduct",
        "role_conduct_criminal",
        "role_conduct_grey",
        "role_conduct_lawful",
        "role_remedy",
        "role_context",
        "caveat_depends_on_facts",
        "caveat_funder_unknown",
        "caveat_product_unknown",
        "home_lawful_collection",
        "results_lawful_collection",
        "verify_court_action",
        "third_party_you",
        "third_party_borrower",
        "contacts_notice",
        "results_third_party_lawful",
        "caveat_time_bar",
        *("caveat_if_%s" % flag for flag in POSSIBLE_FLAGS),
    }
    for key in sorted(required_texts - set(knowledge.texts)):
        check.fail("meta.yaml", "missing text %r" % key)
    if check.problems:
        raise KnowledgeError(check.problems)
    return knowledge
