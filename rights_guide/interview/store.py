"""Keep interview answers in the visitor's case.

Each step's cleaned data is stored as plain JSON under its slug, so going
back and forth never loses an answer, and an answer to a step that no longer
applies (a person unticked later) is kept but ignored. A page left with Back
before it was valid is kept as a draft: only the form's own fields, each
value cut to ``MAX_DRAFT_VALUE`` characters, so nothing posted can make a
case grow. ``steps.to_answers`` turns the stored answers into the engine's
input through the API's own parser.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from django import forms

from rights_guide.cases.store import VisitorCase

ANSWERS = "answers"
DRAFTS = "drafts"
# The answers of someone called about another person's debt live apart (called.py).
THIRD_PARTY_ANSWERS = "third_party_answers"
THIRD_PARTY_DRAFTS = "third_party_drafts"
MAX_DRAFT_VALUE = 200  # characters; every interview field is a short number, date or choice


def stored_answers(case: VisitorCase, *, section: str = ANSWERS) -> dict[str, Any]:
    """The answers of one interview (``section``: the borrower's by default)."""
    return case.get(section, {})


def save_step(
    case: VisitorCase,
    slug: str,
    cleaned: Mapping[str, Any],
    *,
    section: str = ANSWERS,
    drafts: str = DRAFTS,
) -> None:
    answers = dict(case.get(section, {}))
    answers[slug] = {name: _to_json(value) for name, value in cleaned.items()}
    kept = dict(case.get(drafts, {}))
    kept.pop(slug, None)
    case.update(**{section: answers, drafts: kept or None})


def save_draft(case: VisitorCase, slug: str, form: forms.Form, *, drafts: str = DRAFTS) -> None:
    """Keep what was typed on a page that was left with Back before it was complete.

    Only the form's own fields are kept, each value cut to a bounded length
    and each list to the choices the field offers, each once.
    """
    kept: dict[str, Any] = {}
    for name, field in form.fields.items():
        if getattr(field.widget, "allow_multiple_selected", False):
            allowed = {str(code) for code, _label in getattr(field, "choices", [])}
            kept[name] = list(dict.fromkeys(v for v in form.data.getlist(name) if v in allowed))
        else:
            value = form.data.get(name)
            if value:
                kept[name] = str(value)[:MAX_DRAFT_VALUE]
    sections = dict(case.get(drafts, {}))
    sections[slug] = kept
    case.update(**{drafts: sections})


def draft(case: VisitorCase, slug: str, *, drafts: str = DRAFTS) -> dict[str, Any] | None:
    return case.get(drafts, {}).get(slug)


def _to_json(value: Any) -> Any:
    return value if isinstance(value, str | int | float | bool | list | type(None)) else str(value)
