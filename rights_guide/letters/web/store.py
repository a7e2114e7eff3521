"""A case's letter details and edited paragraphs, and the letters request they make.

The details (complainant, respondent) are entered once per case and shared
by every letter, so the regulator letter knows what the police letter was
told; the contacts every letter lists come from the case's evidence log
(rights_guide.evidence). Each letter kind keeps only the paragraphs the visitor
rewrote, each with the generated text it was written over (``base``): when
the details or the answers later change what the tool would write, the
edit is stale, and the pages show both versions and let the visitor choose
instead of printing an old name or removed people silently.

The request built here has exactly the shape of a ``POST /api/v1/letters``
body (the assessment comes from the interview answers), and it is validated
by the same parser, so the pages cannot accept a letter the API would
refuse or the other way round. Letters made on the pages are in Chinese,
the language of every body they are sent to; an English rendering is only
a reading copy. Each letter keeps what it attaches of the log (the appendix
and its columns); the borrower's own notes are left out until chosen.
"""

from __future__ import annotations

import datetime
import re
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from typing import Any

from rights_guide.cases.store import VisitorCase
from rights_guide.evidence import log as evidence_log
from rights_guide.interview.called import flow_for
from rights_guide.letters import LetterRequest, letter_request_to_data, parse_letter_request
from rights_guide.letters.appendix_choice import PAGE_DEFAULT
from rights_guide.letters.choices import ChoiceSet
from rights_guide.letters.kinds import KINDS
from rights_guide.reading import FieldError

DETAILS = "details"
# Someone called about another person's debt writes in their own name: their
# details are kept apart from a borrower's.
THIRD_PARTY_DETAILS = "third_party_details"
LETTERS = "letters"
# What the writer chose for a letter that needs more than the shared details
# (its kind's ``ChoiceSet``), by the request field that carries it (``contact_terms``).
CHOICES = "letter_choices"
# What each letter attaches of the evidence log (letters/appendix_choice.py), by kind; a
# letter not set yet attaches the log without the borrower's own notes.
APPENDIX = "letter_appendix"
SEND_LANGUAGE = "zh-hans"  # what the pages print: every recipient is a Chinese body
READING_LANGUAGE = "en"
PERSONAL = ("name", "phone", "address", "id_number")
DETAILS_FIELDS = {
    "complainant.name": "complainant_name",
    "complainant.phone": "phone",
    "complainant.address": "address",
    "complainant.id_number": "id_number",
    "respondent.name": "respondent_name",
    "borrower_name": "borrower_name",
}
INCIDENT_FIELD = re.compile(r"^incidents\[(\d+)\]\.(\w+)$")
PARAGRAPH_FIELD = re.compile(r"^paragraphs\.(\w+)$")


@dataclass(frozen=True)
class Conflict:
    """A paragraph rewritten by hand whose generated text has changed since."""

    name: str
    edited: str
    generated: str


def _section(perspective: str) -> str:
    return THIRD_PARTY_DETAILS if perspective == "third_party" else DETAILS


def details(case: VisitorCase, perspective: str = "borrower") -> dict[str, Any] | None:
    """The details of one writer: the borrower's, or those of someone called about the debt."""
    return case.get(_section(perspective))


def save_details(case: VisitorCase, data: Mapping[str, Any], perspective: str = "borrower") -> None:
    """Keep the details; every time personal details are sent, the session key changes.

    Not only the first time: a cookie planted by someone who had already
    typed a decoy name into its case would otherwise never change, and its
    planter could read what the visitor types next.
    """
    if any(data.get("complainant", {}).get(key) for key in PERSONAL) or data.get("borrower_name"):
        case.personal_data_entered()
    case.update(**{_section(perspective): dict(data)})


def details_from_request(letter: LetterRequest) -> dict[str, Any]:
    """The shared details of a validated request, as the parser normalised them."""
    data = letter_request_to_data(letter)
    kept = {key: data[key] for key in ("complainant", "respondent")}
    if data.get("borrower_name"):
        kept["borrower_name"] = data["borrower_name"]
    return kept


def details_from_post(fields: Mapping[str, str], rows: Iterable[Mapping[str, str]]) -> dict:
    """The details as typed (untrimmed, unchecked), in the API's shape, empty values left out.

    ``borrower_name`` is there only on the pages of someone called about the debt.
    """
    complainant = {
        key: fields.get(field, "")
        for key, field in (
            ("name", "complainant_name"),
            ("phone", "phone"),
            ("address", "address"),
            ("id_number", "id_number"),
        )
        if fields.get(field, "").strip() or key == "name"
    }
    typed = {
        "complainant": complainant,
        "respondent": {"name": fields.get("respondent_name", "")},
        "incidents": [
            {key: row.get(key, "") for key in ("when", "target", "channel", "description")}
            for row in rows
        ],
    }
    if fields.get("borrower_name", "").strip():
        typed["borrower_name"] = fields["borrower_name"]
    return typed


def choices(case: VisitorCase, field: str) -> dict[str, Any] | None:
    """What was chosen for the letter whose request carries ``field``, in the API's shape."""
    return (case.get(CHOICES) or {}).get(field)


def save_choices(case: VisitorCase, choice_set: ChoiceSet, data: Mapping[str, Any]) -> None:
    """Keep the choices as the parser normalised them.

    A part the kind marks ``personal`` (a phone number, a name) is personal
    data: whenever one is sent, the case's key is rotated (see ``save_details``).
    """
    field = choice_set.field
    if any(part.personal and data.get(part.name) for part in choice_set.parts):
        case.personal_data_entered()
    case.update(**{CHOICES: {**(case.get(CHOICES) or {}), field: dict(data)}})


def appendix_choice(case: VisitorCase, kind: str) -> dict[str, Any]:
    """What this letter attaches of the log, in the API's shape (the page's default until set)."""
    return (case.get(APPENDIX) or {}).get(kind) or PAGE_DEFAULT.to_data()


def save_appendix_choice(case: VisitorCase, kind: str, data: Mapping[str, Any]) -> None:
    case.update(**{APPENDIX: {**(case.get(APPENDIX) or {}), kind: dict(data)}})


def edits(case: VisitorCase, kind: str) -> dict[str, dict[str, str]]:
    """The paragraphs rewritten for one letter: ``{name: {"text": …, "base": …}}``."""
    return dict(case.get(LETTERS, {}).get(kind, {}).get("paragraphs") or {})


def save_edits(case: VisitorCase, kind: str, edited: Mapping[str, dict[str, str]] | None) -> None:
    letters = dict(case.get(LETTERS, {}))
    if edited:
        letters[kind] = {"paragraphs": dict(edited)}
    else:
        letters.pop(kind, None)
    case.update(**{LETTERS: letters or None})


def edits_over(texts: Mapping[str, str], generated: Mapping[str, str]) -> dict[str, dict]:
    """Keep the texts that differ from what the tool writes, each with what it was written over."""
    return {
        name: {"text": text, "base": generated.get(name, "")}
        for name, text in texts.items()
        if text != generated.get(name, "")
    }


def conflicts(edited: Mapping[str, dict[str, str]], generated: Mapping[str, str]) -> list[Conflict]:
    """Edits whose generated text has changed since they were made."""
    return [
        Conflict(name, edit["text"], generated.get(name, ""))
        for name, edit in edited.items()
        if edit.get("base") != generated.get(name, "")
    ]


def request_data(
    case: VisitorCase,
    kind: str,
    *,
    details_data: Mapping[str, Any] | None = None,
    paragraphs: Mapping[str, str] | None = None,
    language: str = SEND_LANGUAGE,
) -> dict[str, Any]:
    """The letters API request for this kind, from its writer's interview and letter pages."""
    perspective = KINDS[kind].perspective
    flow = flow_for(perspective)
    shared = details_data if details_data is not None else details(case, perspective) or {}
    data = {
        "kind": kind,
        "language": language,
        "assessment": flow.request(flow.stored(case)),
        # The contacts come from the evidence log, never from the details.
        **{key: value for key, value in shared.items() if key != "incidents"},
    }
    data.update(evidence_log.letter_fields(case, about=data["assessment"].get("relationship")))
    data["appendix"] = appendix_choice(case, kind)
    choice_set = KINDS[kind].choices
    if choice_set is not None and choices(case, choice_set.field) is not None:
        data[choice_set.field] = choices(case, choice_set.field)
    if paragraphs:
        data["paragraphs"] = dict(paragraphs)
    return data


def letter_request(
    case: VisitorCase, kind: str, *, today: datetime.date, **options
) -> LetterRequest:
    """Validate the stored inputs for a letter; raises InvalidLetterRequest."""
    return parse_letter_request(request_data(case, kind, **options), today=today)


@dataclass
class RoutedErrors:
    """Parser errors sorted by where a page shows them."""

    fields: dict[str, list[FieldError]]  # details form field → errors
    rows: dict[int, dict[str, list[FieldError]]]  # incident row → field → errors
    paragraphs: dict[str, list[FieldError]]  # editable paragraph → errors
    other: list[FieldError]


def route_errors(errors: list[FieldError]) -> RoutedErrors:
    routed = RoutedErrors({}, {}, {}, [])
    for error in errors:
        incident = INCIDENT_FIELD.match(error.field)
        paragraph = PARAGRAPH_FIELD.match(error.field)
        if error.field in DETAILS_FIELDS:
            routed.fields.setdefault(DETAILS_FIELDS[error.field], []).append(error)
        elif incident:
            row = routed.rows.setdefault(int(incident.group(1)), {})
            row.setdefault(incident.group(2), []).append(error)
        elif paragraph:
            routed.paragraphs.setdefault(paragraph.group(1), []).append(error)
        else:
            routed.other.append(error)
    return routed
