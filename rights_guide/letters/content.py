"""A letter's content: plain, frozen data in one language, ready for the template.

``build_letter`` evaluates the assessment in the request (so citations match
the conduct date), writes each part for the kind of letter in the
borrower's own voice, and substitutes the paragraphs the user edited: what
was edited is what is printed. The template only lays this out; it decides
nothing.
"""

from __future__ import annotations

import datetime
from collections.abc import Mapping
from dataclasses import dataclass, replace

from django.utils import timezone, translation
from django.utils.translation import gettext as _
from django.utils.translation import pgettext

from rights_guide.assessment import Assessment, evaluate
from rights_guide.formatting import format_date
from rights_guide.letters.appendix import Appendix, build_appendix
from rights_guide.letters.drafting import Draft, Section
from rights_guide.letters.facts import log_sentences, sentence_join
from rights_guide.letters.kinds import KINDS
from rights_guide.letters.legal import (
    cited_law,
    format_citations,
    format_limits,
    lead,
    notes_for,
)
from rights_guide.letters.request import EDITABLE, LetterRequest

HTML_LANG = {"zh-hans": "zh-Hans", "en": "en"}


@dataclass(frozen=True)
class Letter:
    """Everything one letter prints, already in its language."""

    request: LetterRequest
    kind: str
    language: str
    written_on: datetime.date
    title: str
    addressee: str
    sections: tuple[Section, ...]
    texts: Mapping[str, str]  # the editable paragraphs as printed
    generated: Mapping[str, str]  # the same paragraphs as the tool wrote them
    appendix: Appendix | None  # the recorded contacts in full, after the signature
    citations: Mapping[str, tuple[str, ...]]  # conduct, bases: one line per instrument; limits
    evidence: tuple[str, ...]
    signature: tuple[tuple[str, str], ...]
    footer: str
    knowledge_version: str

    @property
    def html_lang(self) -> str:
        return HTML_LANG[self.language]

    @property
    def edited(self) -> frozenset[str]:
        return frozenset(name for name in EDITABLE if self.request.edited(name) is not None)


def split_paragraphs(text: str) -> tuple[str, ...]:
    """Each non-empty line of a text is one printed paragraph."""
    return tuple(line.strip() for line in text.split("\n") if line.strip())


def numbered_heading(number: int, heading: str, language: str) -> str:
    """一、投诉人 in Chinese; 1. Complainant in English."""
    digits = "一二三四五六七八九十"
    shown = digits[number - 1] if language != "en" and number <= len(digits) else str(number)
    return _("%(number)s. %(heading)s") % {"number": shown, "heading": heading}


def letter_citations(
    request: LetterRequest, assessment: Assessment, draft: Draft, written_on: datetime.date
) -> dict[str, tuple[str, ...]]:
    """The citation lines for the conduct, the bases of the requests the draft makes, and
    the limits that already bind the lender (one line each: what it says and its source)."""
    law = cited_law(assessment, kind=request.kind, requests=draft.requests, written_on=written_on)
    return {
        "conduct": format_citations(law.conduct, request.language),
        "conduct_possible": format_citations(law.possible, request.language),
        "bases": format_citations(law.bases, request.language),
        "limits": format_limits(law.limits, request.language),
    }


def legal_section(
    section: Section, request: LetterRequest, lines: tuple[str, ...], possible: tuple[str, ...] = ()
) -> Section | None:
    """A legal part with its lead, its citations and, for the bases, the kind's notes.

    None when it has nothing to say. A single citation is printed on one
    line with its lead, as a sentence rather than a list of one.
    """
    language = request.language
    notes: tuple[str, ...] = ()
    if section.name == "conduct":
        key = KINDS[request.kind].law.conduct_lead
        if possible and not lines:  # only crimes: "may fall under", never "against"
            key, lines, possible = "conduct_police", possible, ()
        if possible:
            notes = (
                sentence_join(
                    [
                        lead("conduct_police", language),
                        pgettext("separator between list items that contain commas", "; ").join(
                            possible
                        ),
                    ]
                ),
            )
    elif section.name == "limits":
        key = "limits"
    else:
        key = "bases"
        notes = notes_for(request.kind, request.answers.lender_type, language)
    if not lines and not notes:
        return None
    opening = lead(key, language) if lines else ""
    if len(lines) == 1:
        opening, lines = sentence_join([opening, lines[0]]), ()
    return replace(section, lead=opening, lines=lines, paragraphs=notes)


def build_letter(
    request: LetterRequest,
    *,
    today: datetime.date | None = None,
    assessment: Assessment | None = None,
) -> Letter:
    """Write the letter a request describes, in the request's language, dated ``today``."""
    written_on = today or timezone.localdate()
    # A signed letter states and complains of what the answers establish, nothing that
    # rests on a question left unanswered (Finding.depends_on).
    assessment = (assessment or evaluate(request.answers)).as_established()
    kind = KINDS[request.kind]
    with translation.override(request.language):
        draft = kind.build(request, assessment)
        texts = {}
        for name in EDITABLE:  # what was edited is what is printed
            edited = request.edited(name)
            texts[name] = draft.texts[name] if edited is None else edited
        citations = letter_citations(request, assessment, draft, written_on)
        sections = []
        for section in draft.sections:
            if section.part == "text":
                if not texts[section.name]:
                    continue  # a paragraph the user emptied is left out, heading and all
                section = replace(section, paragraphs=split_paragraphs(texts[section.name]))
            if section.part == "legal":
                section = legal_section(
                    section,
                    request,
                    citations[section.name],
                    citations["conduct_possible"] if section.name == "conduct" else (),
                )
                if section is None:
                    continue
            if section.part == "incidents" and not (request.incidents and request.appendix.include):
                continue
            if section.heading:
                number = sum(1 for s in sections if s.heading) + 1
                section = replace(
                    section, heading=numbered_heading(number, section.heading, request.language)
                )
            sections.append(section)
        return Letter(
            request=request,
            kind=request.kind,
            language=request.language,
            written_on=written_on,
            title=str(kind.letter_title),
            addressee=draft.addressee,
            sections=tuple(sections),
            texts=texts,
            generated=dict(draft.texts),
            appendix=build_appendix(request, log_sentences(request, pointer=False) or ""),
            citations=citations,
            evidence=tuple(draft.evidence),
            signature=(*draft.signature, (_("Date"), format_date(written_on))),
            footer=_(
                "Prepared with the Collection Rights Guide, a legal-information tool. "
                "It is not legal advice."
            ),
            knowledge_version=assessment.knowledge_version,
        )
