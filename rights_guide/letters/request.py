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
from rights_guide.assessment.answers import EARLIEST_CONDUCT_DATE
from rights_guide.knowledge import get_knowledge
from rights_guide.letters.fields import read_id_number, read_incident_time, read_phone
from rights_guide.letters.kinds import KINDS
from rights_guide.reading import Reader

LANGUAGES = ("zh-hans", "en")
MAX_NAME = 50
MAX_RESPONDENT = 100
MAX_ADDRESS = 200
MAX_INCIDENTS = 100
MAX_DESCRIPTION = 2000
MAX_DESCRIPTION_LINES = 30
MAX_REQUESTS = 2000
MAX_REQUESTS_LINES = 30
MAX_PARAGRAPH = 5000
MAX_PARAGRAPH_LINES = 60
# What all incident descriptions of one letter may add up to. With the
# limits above, the slowest letter anyone can ask for has a known cost,
# measured by bench/letter_bounds.py; see the README's letters section.
MAX_INCIDENT_TEXT = 20_000
MAX_INCIDENT_LINES = 400
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
    }
)
COMPLAINANT_FIELDS = frozenset({"name", "phone", "address", "id_number"})
RESPONDENT_FIELDS = frozenset({"name"})
INCIDENT_FIELDS = frozenset({"when", "target", "channel", "description"})


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
class Incident:
    """One contact the borrower recorded, in local time."""

    when: datetime.datetime
    target: str
    channel: str
    description: str = ""


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
    if borrower_name and answers is not None and not answers.third_party:
        reader.error("borrower_name", "only_for_third_party")
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
    if value is None:
        return ()
    if not isinstance(value, list):
        reader.error("incidents", "not_list")
        return ()
    if len(value) > MAX_INCIDENTS:
        reader.error("incidents", "too_many", max=MAX_INCIDENTS)
        return ()
    vocabulary = get_knowledge().vocabulary
    incidents = []
    for index, raw in enumerate(value):
        name = "incidents[%d]" % index
        if not isinstance(raw, Mapping):
            reader.error(name, "not_object")
            continue
        before = len(reader.errors)
        reader.unknown(raw, INCIDENT_FIELDS, name + ".")
        when = read_incident_time(
            reader, raw, "when", name + ".when", now=now, earliest=EARLIEST_CONDUCT_DATE
        )
        target = reader.choice(raw, "target", vocabulary.targets.codes, name + ".target")
        channel = reader.choice(raw, "channel", vocabulary.contact_means.codes, name + ".channel")
        description = reader.text(
            raw,
            "description",
            name + ".description",
            max_length=MAX_DESCRIPTION,
            max_lines=MAX_DESCRIPTION_LINES,
        )
        if len(reader.errors) == before:
            incidents.append(Incident(when, target, channel, description or ""))
    characters = sum(len(incident.description) for incident in incidents)
    if characters > MAX_INCIDENT_TEXT:
        reader.error("incidents", "text_too_long_total", max=MAX_INCIDENT_TEXT, length=characters)
    lines = sum(incident.description.count("\n") + 1 for incident in incidents)
    if lines > MAX_INCIDENT_LINES:
        reader.error("incidents", "too_many_lines_total", max=MAX_INCIDENT_LINES, lines=lines)
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
        "incidents": [
            {
                "when": incident.when.strftime("%Y-%m-%dT%H:%M"),
                "target": incident.target,
                "channel": incident.channel,
                "description": incident.description,
            }
            for incident in request.incidents
        ],
        "requests": request.requests,
    }
    if request.paragraphs:
        data["paragraphs"] = dict(request.paragraphs)
    if request.borrower_name:
        data["borrower_name"] = request.borrower_name
    return data
