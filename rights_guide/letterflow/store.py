"""Letter details and edited paragraphs kept in the session, and the request they make.

The request built here has exactly the shape of a ``POST /api/v1/letters``
body (the assessment comes from the interview answers), and it is
validated by the same parser, so the pages cannot accept a letter the API
would refuse or the other way round.
"""

from __future__ import annotations

import datetime
import re
from collections.abc import Mapping
from typing import Any

from django.contrib.sessions.backends.base import SessionBase

from rights_guide.assessment import FieldError, answers_to_data
from rights_guide.interview import answers as interview_store
from rights_guide.letters import LetterRequest, parse_letter_request

SESSION_KEY = "letters"
DETAILS_FIELDS = {
    "complainant.name": "complainant_name",
    "complainant.phone": "phone",
    "complainant.address": "address",
    "complainant.id_number": "id_number",
    "respondent.name": "respondent_name",
    "requests": "requests",
    "language": "language",
}
INCIDENT_FIELD = re.compile(r"^incidents\[(\d+)\]\.(\w+)$")


def _letters(session: SessionBase) -> dict[str, Any]:
    return dict(session.get(SESSION_KEY, {}))


def details(session: SessionBase, kind: str) -> dict[str, Any] | None:
    return _letters(session).get(kind, {}).get("details")


def paragraphs(session: SessionBase, kind: str) -> dict[str, str] | None:
    return _letters(session).get(kind, {}).get("paragraphs")


def save_details(session: SessionBase, kind: str, data: Mapping[str, Any]) -> None:
    letters = _letters(session)
    letters[kind] = {**letters.get(kind, {}), "details": dict(data)}
    session[SESSION_KEY] = letters


def save_paragraphs(session: SessionBase, kind: str, edited: Mapping[str, str] | None) -> None:
    letters = _letters(session)
    letters[kind] = {**letters.get(kind, {}), "paragraphs": dict(edited) if edited else None}
    session[SESSION_KEY] = letters


def forget_all(session: SessionBase) -> None:
    session.pop(SESSION_KEY, None)


def details_from_forms(form_data: Mapping[str, Any], incidents: list[Mapping[str, Any]]) -> dict:
    """The letter details as request data, from cleaned form data (blank incident rows dropped)."""
    return {
        "language": form_data["language"],
        "complainant": {
            key: value
            for key, value in (
                ("name", form_data["complainant_name"]),
                ("phone", form_data.get("phone") or None),
                ("address", form_data.get("address") or None),
                ("id_number", form_data.get("id_number") or None),
            )
            if value
        },
        "respondent": {"name": form_data["respondent_name"]},
        "incidents": [
            {
                "when": row["when"].strftime("%Y-%m-%dT%H:%M"),
                "target": row["target"],
                "channel": row["channel"],
                "description": row.get("description", ""),
            }
            for row in incidents
            if row.get("when")
        ],
        "requests": form_data.get("requests", ""),
    }


def request_data(session: SessionBase, kind: str, *, today: datetime.date) -> dict[str, Any]:
    """The letters API request for this kind, from the interview and the letter pages."""
    answers = interview_store.to_answers(interview_store.stored_answers(session), today=today)
    data = {"kind": kind, "assessment": answers_to_data(answers), **(details(session, kind) or {})}
    edited = paragraphs(session, kind)
    if edited:
        data["paragraphs"] = edited
    return data


def letter_request(session: SessionBase, kind: str, *, today: datetime.date) -> LetterRequest:
    """Validate the stored inputs for a letter; raises InvalidLetterRequest."""
    return parse_letter_request(request_data(session, kind, today=today), today=today)


def route_errors(
    errors: list[FieldError],
) -> tuple[dict[str, list[FieldError]], dict[int, dict[str, list[FieldError]]], list[FieldError]]:
    """Sort parser errors into (details form field, incident row and field, everything else)."""
    by_field: dict[str, list[FieldError]] = {}
    by_row: dict[int, dict[str, list[FieldError]]] = {}
    other: list[FieldError] = []
    for error in errors:
        match = INCIDENT_FIELD.match(error.field)
        if error.field in DETAILS_FIELDS:
            by_field.setdefault(DETAILS_FIELDS[error.field], []).append(error)
        elif match:
            by_row.setdefault(int(match.group(1)), {}).setdefault(match.group(2), []).append(error)
        else:
            other.append(error)
    return by_field, by_row, other
