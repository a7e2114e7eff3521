"""Turn an Assessment into plain, JSON-ready data in one language.

The API, the command line, the results page and the letters all read this
one structure, so what a borrower sees on the page is exactly what an
advocate's tool gets from the API for the same answers. Codes (severity,
finding, channel) never change with the language; texts do.

What a finding or a complaint body says depends only on the knowledge
version and the language, never on the visitor, so those parts are built
once and shared between answers (measured by bench/assess.py: a 19-finding
answer takes about 90 µs instead of 240). Everything shared is immutable
(frozen dataclasses, tuples, strings), so no caller can change what the
next visitor is told; ``present_plainly`` builds the same answer without
sharing anything, and a test proves the two equal.
"""

from __future__ import annotations

import datetime
from collections import Counter
from dataclasses import dataclass
from decimal import Decimal
from functools import lru_cache
from typing import Any

import orjson
from babel.lists import format_list
from babel.numbers import format_decimal
from django.utils import translation
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from rights_guide.assessment import Assessment, Citation, Finding
from rights_guide.assessment.engine import WHICH_CONTACT
from rights_guide.assessment.rates import Detail, Span
from rights_guide.formatting import babel_locale, format_date
from rights_guide.knowledge import Knowledge, get_knowledge
from rights_guide.perspective import present_third_party, target_label, wording


@dataclass(frozen=True)
class CitationView:
    """A provision as one answer cites it (serialised by orjson as a JSON object)."""

    provision: str
    instrument: str
    instrument_name: str
    short_name: str
    edition: str | None
    article: str | None
    item: str | None
    number: int | float | None
    in_force_from: str
    in_force_until: str | None
    confidence: str
    binding: bool
    supports: str
    summary: str
    caveats: tuple[str, ...]
    note: str | None
    role: str  # conduct (a rule broken), remedy (what you can ask for) or context
    counted: bool  # whether it decides the finding's severity


@dataclass(frozen=True)
class FindingText:
    """What a finding says whoever it concerns."""

    severity_label: str
    title: str
    explanation: str
    citations: tuple[CitationView, ...]
    actions: tuple[str, ...]
    caveats: tuple[str, ...]


@dataclass(frozen=True)
class ChannelText:
    name: str
    contact: str
    why: str
    prepare: str
    confidence: str
    caveats: tuple[str, ...]


def _code(key: str) -> str:
    """Caveat texts are stored as caveat_<code>; the API speaks in the codes."""
    return key.removeprefix("caveat_")


# The lead over a finding's grounds says what they mean for the reader: a
# lawful reminder's ground (the Civil Code's duty to repay) is why it is
# lawful, never a "rule broken"; a crime is only something the conduct may
# involve. Remedies and context keep their own leads.
CONDUCT_LEADS = {
    "criminal": "role_conduct_criminal",
    "unlawful": "role_conduct",
    "breach": "role_conduct",
    "grey": "role_conduct_grey",
    "lawful": "role_conduct_lawful",
}


def citation_groups(
    citations: tuple[CitationView, ...], knowledge: Knowledge, language: str
) -> list[tuple[str, list[CitationView]]]:
    """A finding's citations under their leads, in the order the engine gave them."""
    groups: dict[str, list[CitationView]] = {}
    for citation in citations:
        key = (
            CONDUCT_LEADS[citation.supports]
            if citation.role == "conduct"
            else "role_" + citation.role
        )
        groups.setdefault(key, []).append(citation)
    return [(knowledge.texts[key].get(language), items) for key, items in groups.items()]


def _citation(citation: Citation, language: str) -> CitationView:
    provision = citation.provision
    instrument = provision.instrument
    number = provision.number
    return CitationView(
        provision=provision.id,
        instrument=instrument.name.zh_hans,
        instrument_name=instrument.name.get(language),
        short_name=instrument.short_name.get(language),
        edition=instrument.edition.get(language) if instrument.edition else None,
        article=provision.article,
        item=provision.item,
        number=int(number) if number is not None and number.is_integer() else number,
        in_force_from=provision.in_force_from.isoformat(),
        in_force_until=provision.in_force_until.isoformat() if provision.in_force_until else None,
        confidence=provision.confidence,
        binding=instrument.binding,
        supports=citation.severity,
        summary=provision.summary.get(language),
        caveats=tuple(_code(key) for key in citation.caveats),
        note=provision.note.get(language) if provision.note else None,
        role=citation.role,
        counted=citation.counted,
    )


# Rates are shown as entered (14, 14.7); caps and the LPR always with two
# decimals (14.80, 3.85), as the PBOC publishes them.
EXACT = frozenset({"cap", "lpr", "cap_now"})


def _value(name: str, value: object, knowledge: Knowledge, language: str) -> str:
    locale = babel_locale(language)
    if isinstance(value, datetime.date):
        return format_date(value, language)
    if isinstance(value, Decimal):
        return format_decimal(value, format="0.00" if name in EXACT else "#,##0.##", locale=locale)
    if isinstance(value, tuple):  # spans of contract dates
        spans = []
        for span in value:
            if not isinstance(span, Span):
                continue
            if span.end is None:
                template = knowledge.rate_texts["span_open"].get(language)
                spans.append(template % {"from": format_date(span.start, language)})
            else:
                template = knowledge.rate_texts["span"].get(language)
                spans.append(
                    template
                    % {
                        "from": format_date(span.start, language),
                        "to": format_date(span.end, language),
                    }
                )
        return format_list(spans, style="or", locale=locale)
    return str(value)


def detail_text(detail: Detail, knowledge: Knowledge, language: str) -> str:
    """One line of a rate finding's calculation, its template filled in the reader's language."""
    values = {name: _value(name, value, knowledge, language) for name, value in detail.values}
    return knowledge.rate_texts[detail.key].get(language) % values


def _finding_text(
    finding: Finding, knowledge: Knowledge, language: str, third_party: bool = False
) -> FindingText:
    words = wording(finding.rule, third_party)  # a third party is told it in their own terms
    return FindingText(
        severity_label=knowledge.severity_names[finding.severity].get(language),
        title=words.title.get(language),
        explanation=words.explanation.get(language),
        citations=tuple(_citation(c, language) for c in finding.citations),
        actions=tuple(action.get(language) for action in words.actions),
        caveats=tuple(_code(key) for key in finding.caveats),
    )


def _channel_text(code: str, knowledge: Knowledge, language: str) -> ChannelText:
    channel = knowledge.vocabulary.bodies[code]
    return ChannelText(
        name=channel.name.get(language),
        contact=channel.contact.get(language),
        why=channel.handles.get(language),
        prepare=channel.prepare.get(language),
        confidence=channel.confidence,
        caveats=("channel_unverified",) if channel.confidence == "U" else (),
    )


# Lines of rate calculations depend on the rate and dates the visitor entered, so
# their memo is bounded: the recent ones, not every one ever asked.
RECENT_DETAILS = 4096


class _Shared:
    """The memo of shared, immutable parts, per knowledge version and language."""

    def __init__(self) -> None:
        self.parts: dict[tuple, Any] = {}
        self.details = lru_cache(maxsize=RECENT_DETAILS)(self._detail)

    @staticmethod
    def _detail(detail: Detail, version: str, language: str) -> str:
        return detail_text(detail, get_knowledge(), language)

    def detail(self, detail: Detail, knowledge: Knowledge, language: str) -> str:
        if knowledge is not get_knowledge():
            return detail_text(detail, knowledge, language)
        return self.details(detail, knowledge.version, language)

    def finding(
        self, finding: Finding, knowledge: Knowledge, language: str, third_party: bool = False
    ) -> FindingText:
        key = (
            "finding",
            knowledge.version,
            third_party,
            finding.code,
            finding.severity,
            finding.caveats,
            tuple(
                (c.provision.id, c.severity, c.role, c.counted, c.caveats)
                for c in finding.citations
            ),
            language,
        )
        found = self.parts.get(key)
        if found is None:
            found = self.parts[key] = _finding_text(finding, knowledge, language, third_party)
        return found

    def channel(self, code: str, knowledge: Knowledge, language: str) -> ChannelText:
        key = ("channel", knowledge.version, code, language)
        found = self.parts.get(key)
        if found is None:
            found = self.parts[key] = _channel_text(code, knowledge, language)
        return found


class _Fresh:
    """No sharing: every part built anew (the plain path the shared one must equal)."""

    def finding(
        self, finding: Finding, knowledge: Knowledge, language: str, third_party: bool = False
    ) -> FindingText:
        return _finding_text(finding, knowledge, language, third_party)

    def detail(self, detail: Detail, knowledge: Knowledge, language: str) -> str:
        return detail_text(detail, knowledge, language)

    def channel(self, code: str, knowledge: Knowledge, language: str) -> ChannelText:
        return _channel_text(code, knowledge, language)


_SHARED = _Shared()


def depends_on_texts(finding: Finding, knowledge: Knowledge, third_party: bool) -> list[str]:
    """What a finding rests on that nobody said, one sentence each, in the active language."""
    texts = []
    for code in finding.depends_on:
        if code == WHICH_CONTACT:
            texts.append(
                _(
                    "This depends on which way of contact it was: you answered once for all the "
                    "ways this person was contacted."
                )
            )
            continue
        question = knowledge.vocabulary.event_questions[code]
        wording = question.question
        if third_party and question.third_party is not None:
            wording = question.third_party.question
        texts.append(
            _("This depends on a question you left blank or were not sure about: %(question)s")
            % {"question": wording.get(translation.get_language())}
        )
    return texts


def summary_sentence(assessment: Assessment) -> str:
    """One plain sentence (or two) that says the worst first, in the active language."""
    counts = Counter(f.severity for f in assessment.established)
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
    unsure = not sentences and any(
        f.severity != "lawful" for f in assessment.findings if not f.established
    )
    if not sentences and counts["lawful"]:
        sentences.append(_("What you described looks like lawful debt collection."))
    if unsure:
        sentences.append(
            _(
                "Whether they broke the rules depends on answers you left blank or were not sure "
                "about: see below."
            )
        )
    if not sentences:
        sentences.append(_("You have not described any contact or tactic yet."))
    # Chinese sentences follow each other without a space; English ones with one.
    separator = "" if translation.get_language().startswith("zh") else " "
    return separator.join(sentences)


def _present(assessment: Assessment, language: str, parts) -> dict[str, Any]:
    knowledge = get_knowledge()
    answers = assessment.answers
    with translation.override(language):
        summary = summary_sentence(assessment)
        depends = [depends_on_texts(f, knowledge, answers.third_party) for f in assessment.findings]
    findings = []
    for finding, depends_texts in zip(assessment.findings, depends, strict=True):
        text = parts.finding(finding, knowledge, language, answers.third_party)
        findings.append(
            {
                "code": finding.code,
                "severity": finding.severity,
                "severity_label": text.severity_label,
                "title": text.title,
                "explanation": text.explanation,
                "citations": text.citations,
                "actions": text.actions,
                "channels": list(finding.channels),
                "caveats": text.caveats,
                "targets": list(finding.targets),
                "target_labels": [
                    target_label(t, assessment, knowledge, language) for t in finding.targets
                ],
                "events": list(finding.event_indices),
                "details": [parts.detail(d, knowledge, language) for d in finding.details],
                "depends_on": list(finding.depends_on),
                "depends_on_texts": depends_texts,
            }
        )
    channels = []
    for code in assessment.channels:
        text = parts.channel(code, knowledge, language)
        channels.append(
            {
                "code": code,
                "name": text.name,
                "contact": text.contact,
                "why": text.why,
                "prepare": text.prepare,
                "confidence": text.confidence,
                "caveats": text.caveats,
                "findings": [f.code for f in assessment.findings if code in f.channels],
            }
        )
    answer = {
        "overall": assessment.overall,
        "overall_label": knowledge.severity_names[assessment.overall].get(language),
        "summary": summary,
        "lender_type": answers.lender_type,
        "lender_label": knowledge.vocabulary.lender_types[answers.lender_type].name.get(language),
        "licensed": assessment.licensed,
        "product": assessment.product,
        "conduct_date": answers.conduct_date.isoformat(),
        "knowledge_version": assessment.knowledge_version,
        "caveats": [_code(key) for key in assessment.caveats],
        "caveat_texts": {
            _code(name): text.get(language)
            for name, text in knowledge.texts.items()
            if name.startswith("caveat_")
        },
        "role_labels": {
            role: knowledge.texts["role_" + role].get(language)
            for role in ("conduct", "remedy", "context")
        },
        "disclaimer": knowledge.texts["disclaimer"].get(language),
        "language": language,
        "findings": findings,
        "channels": channels,
    }
    if answers.third_party:  # their own answer: what they owe, what to say, where to go
        answer.update(present_third_party(assessment, language, knowledge, _citation))
    return answer


def present_assessment(assessment: Assessment, language: str) -> dict[str, Any]:
    """The assessment in one language: the API's JSON body, and what the results page renders."""
    return _present(assessment, language, _SHARED)


def present_plainly(assessment: Assessment, language: str) -> dict[str, Any]:
    """The same as ``present_assessment``, sharing nothing between answers."""
    return _present(assessment, language, _Fresh())


def assessment_json(assessment: Assessment, language: str) -> bytes:
    """``present_assessment`` encoded as JSON (orjson writes the frozen parts as objects)."""
    return orjson.dumps(present_assessment(assessment, language))
