"""The parts every kind of letter is drafted from, in the borrower's own voice.

``Section`` and ``Draft`` are what a kind builder (kinds.py) returns; the
helpers write the pieces several kinds share: the opening of the facts,
"stop contacting …" and "stop the following …" requests, numbered lists,
the rows that identify each side, and which regulator a lender answers to.
They run inside ``translation.override`` and only say what was entered.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING

from django.utils.translation import gettext as _

from rights_guide.assessment import Assessment
from rights_guide.formatting import format_date
from rights_guide.knowledge import get_knowledge
from rights_guide.letters import facts

if TYPE_CHECKING:
    from rights_guide.letters.request import LetterRequest


@dataclass(frozen=True)
class Section:
    """One part of a letter. ``part`` says which data it shows; numbered when it has a heading.

    A "legal" part is named ``conduct`` (the rules the conduct is against),
    ``bases`` (what the requests rely on) or ``limits`` (the rules that
    already limit how this lender collects, each with its source); build_letter
    fills in its lead and lines from the knowledge base, and leaves it out when
    empty.
    """

    part: str  # "party", "text", "incidents", "legal" or "evidence"
    heading: str = ""
    name: str = ""  # "text": facts, requests or closing; "legal": conduct, bases or limits
    paragraphs: tuple[str, ...] = ()  # "text": filled in by build_letter; "legal": notes
    rows: tuple[tuple[str, str], ...] = ()  # for "party" parts: labelled lines
    lead: str = ""  # "legal": the sentence before the citations
    lines: tuple[str, ...] = ()  # "legal": one citation per instrument


@dataclass(frozen=True)
class Draft:
    addressee: str
    texts: dict[str, str]
    sections: tuple[Section, ...]
    evidence: list[str]
    signature: tuple[tuple[str, str], ...]
    requests: tuple[str, ...] = ()  # codes of the requests made that letters.yaml gives bases


def lines(*groups) -> str:
    """Join paragraphs (strings or lists of strings, None skipped) one per line."""
    joined: list[str] = []
    for group in groups:
        if group is None:
            continue
        joined.extend([group] if isinstance(group, str) else group)
    return "\n".join(joined)


def numbered_items(items: list[str], request: LetterRequest) -> list[str]:
    """The requests numbered, the borrower's own requests (if any) as the last item."""
    if request.requests:
        items = [*items, *request.requests.split("\n")[:1]]
    numbered = [facts.numbered(n, text) for n, text in enumerate(items, start=1)]
    return numbered + request.requests.split("\n")[1:]


class Private(str):
    """A value printed in full on the letter but shown partly hidden on screen."""

    @property
    def masked(self) -> str:
        return self[:3] + "*" * max(len(self) - 7, 0) + self[-4:]


def complainant_rows(request: LetterRequest) -> tuple[tuple[str, str], ...]:
    """The borrower's name and the contact details they chose to give."""
    person = request.complainant
    rows = [(_("Name"), person.name)]
    if person.id_number:
        rows.append((_("ID number"), Private(person.id_number)))
    if person.phone:
        rows.append((_("Mobile phone"), person.phone))
    if person.address:
        rows.append((_("Address"), person.address))
    return tuple(rows)


def respondent_rows(request: LetterRequest) -> tuple[tuple[str, str], ...]:
    """The lender, platform or collector, and what kind of lender it is when known."""
    rows = [(_("Organisation"), request.respondent)]
    lender_type = request.answers.lender_type
    if lender_type != "unknown":
        name = get_knowledge().vocabulary.lender_types[lender_type].name
        rows.append((_("Type"), name.get(request.language)))
    return tuple(rows)


def regulator_names(request: LetterRequest) -> list[str]:
    """The regulators of this kind of lender.

    The letters that name them are not available for a lender type without
    one (letters.yaml ``lenders``; checked by parse_letter_request).
    """
    vocabulary = get_knowledge().vocabulary
    own = vocabulary.regulators(request.answers.lender_type)
    return [
        facts.words(body.letter_name)
        for body in vocabulary.bodies
        if body.regulator and body.code in own
    ]


def facts_text(request: LetterRequest, assessment: Assessment, intro: str, quiet_intro: str) -> str:
    """The facts: an opening (``quiet_intro`` when nothing was reported), then what happened."""
    conduct = facts.conduct_paragraphs(request, assessment)
    speaker = facts.voice(request)
    values = {
        "name": request.complainant.name,
        "respondent": request.respondent,
        "date": format_date(request.answers.conduct_date),
        "borrower": speaker.borrower if speaker else "",
    }
    opening = (intro if conduct or request.incidents else quiet_intro) % values
    return lines(opening, conduct, log_paragraph(request))


def log_paragraph(request: LetterRequest) -> str | None:
    """What the log shows; it points to the appendix only when the writer attaches one."""
    return facts.log_sentences(request, pointer=request.appendix.include)


def stop_requests(
    request: LetterRequest, assessment: Assessment, third: str, stop: str
) -> list[str]:
    """ "Stop contacting these people" and "stop doing these things", when there is cause."""
    items = []
    targets = [facts.target_label(code) for code in facts.people_to_leave_alone(request)]
    if targets:
        items.append(third % {"targets": facts.join_items(targets)})
    conduct = facts.conduct_to_stop(request, assessment)
    if conduct:
        items.append(stop % {"conduct": facts.join_clauses(conduct)})
    return items
