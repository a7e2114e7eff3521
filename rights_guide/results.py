"""Turn an Assessment into plain, JSON-ready data in one language.

The API, the command line, the results page and the letters all read this
one structure, so what a borrower sees on the page is exactly what an
advocate's tool gets from the API for the same answers. Codes (severity,
finding, channel) never change with the language; texts do.
"""

from __future__ import annotations

from collections import Counter
from typing import Any

import orjson
from django.utils import translation
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from rights_guide.assessment import Assessment, Citation, Finding
from rights_guide.knowledge import Knowledge, get_knowledge
from rights_guide.knowledge.model import Rule

# Parts of a response that depend only on the knowledge version and the
# language, never on a user, are built once and shared between responses.
# Callers must not modify what these return.
_MEMO: dict[tuple, Any] = {}


def _citation(citation: Citation, knowledge: Knowledge, language: str) -> dict[str, Any]:
    provision = citation.provision
    key = ("citation", knowledge.version, provision.id, citation.severity, language)
    found = _MEMO.get(key)
    if found is not None:
        return found
    instrument = provision.instrument
    number = provision.number
    found = _MEMO[key] = {
        "provision": provision.id,
        "instrument": instrument.name.zh_hans,
        "instrument_name": instrument.name.get(language),
        "short_name": instrument.short_name.get(language),
        "edition": instrument.edition.get(language) if instrument.edition else None,
        "article": provision.article,
        "item": provision.item,
        "number": int(number) if number is not None and number.is_integer() else number,
        "in_force_from": provision.in_force_from.isoformat(),
        "in_force_until": (
            provision.in_force_until.isoformat() if provision.in_force_until else None
        ),
        "confidence": provision.confidence,
        "binding": instrument.binding,
        "supports": citation.severity,
        "summary": provision.summary.get(language),
        "caveats": [_code(key) for key in citation.caveats],
        "note": provision.note.get(language) if provision.note else None,
    }
    return found


def _code(key: str) -> str:
    """Caveat texts are stored as caveat_<code>; the API speaks in the codes."""
    return key.removeprefix("caveat_")


def _caveat_texts(knowledge: Knowledge, language: str) -> dict[str, str]:
    """Every caveat code with its text, so clients can show the words for the codes they get."""
    key = ("caveats", knowledge.version, language)
    found = _MEMO.get(key)
    if found is None:
        found = _MEMO[key] = {
            _code(name): text.get(language)
            for name, text in knowledge.texts.items()
            if name.startswith("caveat_")
        }
    return found


def _rule_texts(rule: Rule, knowledge: Knowledge, language: str) -> dict[str, Any]:
    key = ("rule", knowledge.version, rule.code, language)
    found = _MEMO.get(key)
    if found is None:
        found = _MEMO[key] = {
            "title": rule.title.get(language),
            "explanation": rule.explanation.get(language),
            "actions": [action.get(language) for action in rule.actions],
        }
    return found


def _finding_static(finding: Finding, knowledge: Knowledge, language: str):
    """What a finding says regardless of whom it concerns: (dict, JSON without the closing brace)."""
    key = (
        "finding",
        knowledge.version,
        finding.code,
        finding.severity,
        finding.channels,
        finding.caveats,
        tuple((c.provision.id, c.severity) for c in finding.citations),
        language,
    )
    found = _MEMO.get(key)
    if found is None:
        texts = _rule_texts(finding.rule, knowledge, language)
        static = {
            "code": finding.code,
            "severity": finding.severity,
            "severity_label": knowledge.severity_names[finding.severity].get(language),
            "title": texts["title"],
            "explanation": texts["explanation"],
            "citations": [_citation(c, knowledge, language) for c in finding.citations],
            "actions": texts["actions"],
            "channels": list(finding.channels),
            "caveats": [_code(key) for key in finding.caveats],
        }
        found = _MEMO[key] = (static, orjson.dumps(static)[:-1])
    return found


def _finding_specific(finding: Finding, knowledge: Knowledge, language: str) -> dict[str, Any]:
    """The part of a finding that depends on this story: who was contacted, which events."""
    return {
        "targets": list(finding.targets),
        "target_labels": [
            knowledge.vocabulary.targets[t].name.get(language) for t in finding.targets
        ],
        "events": list(finding.event_indices),
    }


def _channel_static(code: str, knowledge: Knowledge, language: str):
    key = ("channel", knowledge.version, code, language)
    found = _MEMO.get(key)
    if found is None:
        channel = knowledge.vocabulary.bodies[code]
        static = {
            "code": code,
            "name": channel.name.get(language),
            "contact": channel.contact.get(language),
            "why": channel.handles.get(language),
            "prepare": channel.prepare.get(language),
            "confidence": channel.confidence,
            "caveats": ["channel_unverified"] if channel.confidence == "U" else [],
        }
        found = _MEMO[key] = (static, orjson.dumps(static)[:-1])
    return found


def _related(code: str, assessment: Assessment) -> dict[str, Any]:
    return {"findings": [f.code for f in assessment.findings if code in f.channels]}


def summary_sentence(assessment: Assessment) -> str:
    """One plain sentence (or two) that says the worst first, in the active language."""
    counts = Counter(f.severity for f in assessment.findings)
    sentences = []
    if counts["criminal"]:
        sentences.append(
            ngettext(
                "%(count)s thing they did may be a crime: report it to the police.",
                "%(count)s things they did may be crimes: report them to the police.",
                counts["criminal"],
            )
            % {"count": counts["criminal"]}
        )
    if counts["unlawful"]:
        template = (
            ngettext(
                "%(count)s more thing looks unlawful.",
                "%(count)s more things look unlawful.",
                counts["unlawful"],
            )
            if counts["criminal"]
            else ngettext(
                "%(count)s thing they did looks unlawful.",
                "%(count)s things they did look unlawful.",
                counts["unlawful"],
            )
        )
        sentences.append(template % {"count": counts["unlawful"]})
    if counts["breach"]:
        sentences.append(
            ngettext(
                "%(count)s thing breaks the rules for debt collectors.",
                "%(count)s things break the rules for debt collectors.",
                counts["breach"],
            )
            % {"count": counts["breach"]}
        )
    if not sentences and counts["grey"]:
        sentences.append(_("Some of what they did is in a grey area: keep records of everything."))
    if not sentences and counts["lawful"]:
        sentences.append(_("What you described looks like lawful debt collection."))
    if not sentences:
        sentences.append(_("You have not described any contact or tactic yet."))
    # Chinese sentences follow each other without a space; English ones with one.
    separator = "" if translation.get_language().startswith("zh") else " "
    return separator.join(sentences)


def _head(assessment: Assessment, knowledge: Knowledge, language: str) -> dict[str, Any]:
    with translation.override(language):
        summary = summary_sentence(assessment)
    answers = assessment.answers
    return {
        "overall": assessment.overall,
        "overall_label": knowledge.severity_names[assessment.overall].get(language),
        "summary": summary,
        "lender_type": answers.lender_type,
        "lender_label": knowledge.vocabulary.lender_types[answers.lender_type].name.get(language),
        "conduct_date": answers.conduct_date.isoformat(),
        "knowledge_version": assessment.knowledge_version,
        "caveats": [_code(key) for key in assessment.caveats],
        "caveat_texts": _caveat_texts(knowledge, language),
        "disclaimer": knowledge.texts["disclaimer"].get(language),
        "language": language,
    }


def present_assessment(assessment: Assessment, language: str) -> dict[str, Any]:
    """The assessment as JSON-ready data in one language: the API body, and what pages render."""
    knowledge = get_knowledge()
    data = _head(assessment, knowledge, language)
    data["findings"] = [
        {**_finding_static(f, knowledge, language)[0], **_finding_specific(f, knowledge, language)}
        for f in assessment.findings
    ]
    data["channels"] = [
        {**_channel_static(c, knowledge, language)[0], **_related(c, assessment)}
        for c in assessment.channels
    ]
    return data


def assessment_json(assessment: Assessment, language: str) -> bytes:
    """``present_assessment`` encoded as JSON, assembled from pre-encoded shared parts.

    A full assessment is about 60 KB; encoding only the few story-specific
    values per request keeps the API close to a trivial view's throughput.
    The result decodes to exactly ``present_assessment`` (tests prove it).
    """
    knowledge = get_knowledge()
    findings = b",".join(
        _finding_static(f, knowledge, language)[1]
        + b","
        + orjson.dumps(_finding_specific(f, knowledge, language))[1:]
        for f in assessment.findings
    )
    channels = b",".join(
        _channel_static(c, knowledge, language)[1]
        + b","
        + orjson.dumps(_related(c, assessment))[1:]
        for c in assessment.channels
    )
    head = orjson.dumps(_head(assessment, knowledge, language))[:-1]
    return b"".join((head, b',"findings":[', findings, b'],"channels":[', channels, b"]}"))
