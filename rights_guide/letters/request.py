"""What a letter is made from, and its validation from plain data (docs/api.md).

``parse_letter_request`` is the one door for the API, the command line and
the web flow: it checks every field, reports every problem with the field's
full name (``complainant.id_number``, ``incidents[2].when``,
``assessment.events[0].target``) and returns a ``LetterRequest``, or raises
``InvalidLetterRequest``. ``letter_request_to_data`` turns a request back
into the same plain data, so a stored letter keeps exactly the inputs it
was made from.
"""

from __future__ import annotations

import datetime
from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any

from rights_guide.assessment import (
    Answers,
    FieldError,
    InvalidAnswers,
    answers_to_data,
    parse_answers,
)
from rights_guide.evidence.record import (
    MAX_DESCRIPTION,
    MAX_DESCRIPTION_LINES,
    MAX_INCIDENT_LINES,
    MAX_INCIDENT_TEXT,
    MAX_INCIDENTS,
    Incident,
    check_totals,
    incident_to_data,
    read_incident,
)
from rights_guide.knowledge import get_knowledge
from rights_guide.letters.appendix_choice import (
    WHOLE,
    AppendixChoice,
    appendix_choice_data,
    read_appendix_choice,
)
from rights_guide.letters.choices import Chosen, choice_fields, read_choices
from rights_guide.letters.fields import read_id_number, read_phone
from rights_guide.letters.kinds import KINDS
from rights_guide.reading import Reader

__all__ = [  # the incident limits are re-exported: the API's documents name them from here
    "MAX_DESCRIPTION",
    "MAX_DESCRIPTION_LINES",
    "MAX_INCIDENTS",
    "MAX_INCIDENT_LINES",
    "MAX_INCIDENT_TEXT",
    "Complainant",
    "Incident",
    "InvalidLetterRequest",
    "LetterRequest",
    "letter_request_to_data",
    "parse_letter_request",
]

LANGUAGES = ("zh-hans", "en")
MAX_NAME = 50
MAX_RESPONDENT = 100
MAX_ADDRESS = 200
MAX_REQUESTS = 2000
MAX_REQUESTS_LINES = 30
MAX_PARAGRAPH = 5000
MAX_PARAGRAPH_LINES = 60
# What the incidents of one letter may hold (MAX_INCIDENTS, their text and
# files) is the evidence log's bound (rights_guide.evidence.record), so any
# log fits into a letter. With the limits here, the slowest letter anyone
# can ask for has a known cost, measured by bench/letter_load.py; see the
# README's letters section.
MAX_PEOPLE_REACHED = 100_000
EDITABLE = ("facts", "requests", "closing")

FIELDS = frozenset(
    {
        "kind",
        "language",
        "assessment",
        "complainant",
        "respondent",
        "incidents",
        "requests",
        "paragraphs",
        "borrower_name",
        "people_reached",
        "appendix",  # what of the log the appendix shows (letters/appendix_choice.py)
        *choice_fields(KINDS),  # what the writer chose for one letter (letters/choices.py)
    }
)
COMPLAINANT_FIELDS = frozenset({"name", "phone", "address", "id_number"})
RESPONDENT_FIELDS = frozenset({"name"})


class InvalidLetterRequest(InvalidAnswers):
    """The data does not describe a valid letter; ``errors`` names every bad field."""


@dataclass(frozen=True)
class Complainant:
    """The borrower, who files the letter in their own name."""

    name: str
    phone: str | None = None
    address: str | None = None
    id_number: str | None = None


@dataclass(frozen=True)
class LetterRequest:
    """A validated letter request. ``paragraphs`` holds only the paragraphs the user edited."""

    kind: str
    language: str
    answers: Answers
    complainant: Complainant
    respondent: str
    incidents: tuple[Incident, ...] = ()
    requests: str = ""
    paragraphs: Mapping[str, str] | None = None
    borrower_name: str = ""  # a third party's letter names the borrower, when they know it
    # How many different people other than the borrower the collectors reached, as the
    # borrower counted them (the log's summary); None when not given.
    people_reached: int | None = None
    # What the writer chose for this kind of letter alone (its ``choices``), or None.
    choices: Chosen | None = None
    # Whether the log is attached, and which of its optional columns it shows.
    appendix: AppendixChoice = WHOLE

    def edited(self, name: str) -> str | None:
        """The user's own text for an editable paragraph, or None to use the generated one."""
        return (self.paragraphs or {}).get(name)


def parse_letter_request(
    data: Any, *, today: datetime.date, now: datetime.datetime | None = None
) -> LetterRequest:
    """Validate decoded JSON into a LetterRequest, or raise InvalidLetterRequest.

    ``now`` (local, naive) bounds incident times; it defaults to the end of ``today``.
    """
    if not isinstance(data, Mapping):
        raise InvalidLetterRequest([FieldError("body", "not_object")])
    now = now or datetime.datetime.combine(today, datetime.time(23, 59))
    reader = Reader()
    reader.unknown(data, FIELDS, "")
    kind = _choice(reader, data, "kind", KINDS.codes, required=True)
    language = _choice(reader, data, "language", LANGUAGES, required=False) or "zh-hans"
    answers = _read_assessment(reader, data, today)
    complainant = _read_complainant(reader, data, today)
    respondent_data = reader.mapping(data, "respondent", "respondent", required=True)
    respondent = None
    if respondent_data is not None:
        reader.unknown(respondent_data, RESPONDENT_FIELDS, "respondent.")
        respondent = reader.line(
            respondent_data, "name", "respondent.name", max_length=MAX_RESPONDENT, required=True
        )
    incidents = _read_incidents(reader, data.get("incidents"), now)
    requests = (
        reader.text(
            data, "requests", "requests", max_length=MAX_REQUESTS, max_lines=MAX_REQUESTS_LINES
        )
        or ""
    )
    paragraphs = _read_paragraphs(reader, data)
    borrower_name = reader.line(
        data, "borrower_name", "borrower_name", max_length=MAX_NAME, required=False
    )
    people_reached = reader.integer(
        data, "people_reached", "people_reached", 0, MAX_PEOPLE_REACHED, None
    )
    if borrower_name and answers is not None and not answers.third_party:
        reader.error("borrower_name", "only_for_third_party")
    if kind is not None and KINDS[kind].needs_phone and _phone_missing(data):
        reader.error("complainant.phone", "phone_required")
    appendix = read_appendix_choice(reader, data)
    wanted = KINDS[kind].choices if kind is not None else None
    choices = read_choices(reader, data, wanted, KINDS, today=today)
    if kind is not None and answers is not None:
        # The writer must be the one whose story it is; a lender or regulator letter about an
        # individual lender would go to bodies with no power over them (letters.yaml
        # ``lenders``); a guarantor may lawfully be asked to pay.
        refused = KINDS[kind].refusal(answers, get_knowledge().vocabulary)
        if refused is not None:
            reader.error("kind", refused)
    if reader.errors:
        raise InvalidLetterRequest(reader.errors)
    return LetterRequest(
        kind=kind,
        language=language,
        answers=answers,
        complainant=complainant,
        respondent=respondent,
        incidents=incidents,
        requests=requests,
        paragraphs=paragraphs,
        borrower_name=borrower_name or "",
        people_reached=people_reached,
        choices=choices,
        appendix=appendix,
    )


def _choice(
    reader: Reader, data: Mapping, key: str, allowed: tuple[str, ...], *, required: bool
) -> str | None:
    value = data.get(key)
    if value is None:
        if required:
            reader.error(key, "required")
        return None
    normalised = value.strip().lower() if isinstance(value, str) else None
    if normalised not in allowed:
        shown = value if isinstance(value, str) else repr(value)
        reader.error(key, "invalid_choice", value=shown[:40], allowed=", ".join(allowed))
        return None
    return normalised


def _read_assessment(reader: Reader, data: Mapping, today: datetime.date) -> Answers | None:
    if data.get("assessment") is None:
        reader.error("assessment", "required")
        return None
    try:
        return parse_answers(data["assessment"], today=today, prefix="assessment.")
    except InvalidAnswers as invalid:
        reader.errors.extend(invalid.errors)
        return None


def _phone_missing(data: Mapping) -> bool:
    """No mobile number sent at all (a wrong one is ``invalid_phone``, reported by its reader)."""
    complainant = data.get("complainant")
    if not isinstance(complainant, Mapping):
        return False  # reported as the complainant's own problem
    phone = complainant.get("phone")
    return phone is None or (isinstance(phone, str) and not phone.strip())


def _read_complainant(reader: Reader, data: Mapping, today: datetime.date) -> Complainant | None:
    raw = reader.mapping(data, "complainant", "complainant", required=True)
    if raw is None:
        return None
    reader.unknown(raw, COMPLAINANT_FIELDS, "complainant.")
    name = reader.line(raw, "name", "complainant.name", max_length=MAX_NAME, required=True)
    phone = read_phone(reader, raw, "phone", "complainant.phone")
    address = reader.line(
        raw, "address", "complainant.address", max_length=MAX_ADDRESS, required=False
    )
    id_number = read_id_number(reader, raw, "id_number", "complainant.id_number", today=today)
    if name is None:
        return None
    return Complainant(name=name, phone=phone, address=address or None, id_number=id_number)


def _read_incidents(reader: Reader, value: Any, now: datetime.datetime) -> tuple[Incident, ...]:
    """Each incident by the evidence log's own reader; then what they may add up to."""
    if value is None:
        return ()
    if not isinstance(value, list):
        reader.error("incidents", "not_list")
        return ()
    if len(value) > MAX_INCIDENTS:
        reader.error("incidents", "too_many", max=MAX_INCIDENTS)
        return ()
    incidents = []
    for index, raw in enumerate(value):
        incident = read_incident(reader, raw, "incidents[%d]" % index, now=now)
        if incident is not None:
            incidents.append(incident)
    check_totals(reader, incidents, "incidents")
    return tuple(incidents)


def _read_paragraphs(reader: Reader, data: Mapping) -> dict[str, str] | None:
    raw = reader.mapping(data, "paragraphs", "paragraphs", required=False)
    if raw is None:
        return None
    reader.unknown(raw, frozenset(EDITABLE), "paragraphs.")
    edited = {}
    for key in EDITABLE:
        value = reader.text(
            raw,
            key,
            "paragraphs." + key,
            max_length=MAX_PARAGRAPH,
            max_lines=MAX_PARAGRAPH_LINES,
        )
        if value is not None:
            edited[key] = value
    return edited or None


def letter_request_to_data(request: LetterRequest) -> dict[str, Any]:
    """The request as plain data again: what a stored letter keeps as its inputs."""
    complainant = {"name": request.complainant.name}
    for key in ("phone", "address", "id_number"):
        value = getattr(request.complainant, key)
        if value:
            complainant[key] = value
    data: dict[str, Any] = {
        "kind": request.kind,
        "language": request.language,
        "assessment": answers_to_data(request.answers),
        "complainant": complainant,
        "respondent": {"name": request.respondent},
        "incidents": [incident_to_data(incident) for incident in request.incidents],
        "requests": request.requests,
    }
    if request.paragraphs:
        data["paragraphs"] = dict(request.paragraphs)
    if request.borrower_name:
        data["borrower_name"] = request.borrower_name
    if request.people_reached is not None:
        data["people_reached"] = request.people_reached
    if request.choices is not None:
        data[request.choices.field] = request.choices.to_data()
    if appendix_choice_data(request.appendix) is not None:
        data["appendix"] = appendix_choice_data(request.appendix)
    return data
