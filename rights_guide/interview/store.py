"""Keep interview answers in the visitor's case, and turn them into the engine's Answers.

Each step's cleaned data is stored as plain JSON under its slug, so going
back and forth never loses an answer, and an answer to a step that no longer
applies (a person unticked later) is kept but ignored. A page left with Back
before it was valid is kept as a draft: only the form's own fields, each
value cut to ``MAX_DRAFT_VALUE`` characters, so nothing posted can make a
case grow. ``to_answers`` is the one place where page answers become the
engine's input, so the results page and the API agree by construction.
"""

from __future__ import annotations

import datetime
from collections.abc import Mapping
from decimal import Decimal, InvalidOperation
from typing import Any

from django import forms

from rights_guide.assessment import Answers, Event
from rights_guide.cases.store import VisitorCase
from rights_guide.interview.forms import VISIT_ONLY_TACTICS
from rights_guide.interview.steps import TARGET_STEPS, had_visits, selected_targets

ANSWERS = "answers"
DRAFTS = "drafts"
COUNTED_CHANNELS = (("calls", "call"), ("texts", "sms"), ("messages", "im"))
MAX_DRAFT_VALUE = 200  # characters; every interview field is a short number, date or choice


def stored_answers(case: VisitorCase) -> dict[str, Any]:
    return case.get(ANSWERS, {})


def save_step(case: VisitorCase, slug: str, cleaned: Mapping[str, Any]) -> None:
    answers = dict(case.get(ANSWERS, {}))
    answers[slug] = {name: _to_json(value) for name, value in cleaned.items()}
    drafts = dict(case.get(DRAFTS, {}))
    drafts.pop(slug, None)
    case.update(**{ANSWERS: answers, DRAFTS: drafts or None})


def save_draft(case: VisitorCase, slug: str, form: forms.Form) -> None:
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
    drafts = dict(case.get(DRAFTS, {}))
    drafts[slug] = kept
    case.update(**{DRAFTS: drafts})


def draft(case: VisitorCase, slug: str) -> dict[str, Any] | None:
    return case.get(DRAFTS, {}).get(slug)


def _to_json(value: Any) -> Any:
    if isinstance(value, datetime.time):
        return value.strftime("%H:%M")
    if isinstance(value, datetime.date):
        return value.isoformat()
    if isinstance(value, Decimal):
        return str(value)
    return value


def _yes(value: Any) -> bool:
    return value == "yes"


def _time(value: Any) -> datetime.time | None:
    try:
        return datetime.time.fromisoformat(value) if value else None
    except (TypeError, ValueError):
        return None


def _events_for(target: str, stored: Mapping[str, Any]) -> list[Event]:
    flags = {
        "at_night": _yes(stored.get("at_night")),
        "time_of_day": _time(stored.get("time_of_day")),
        "disclosed_debt": _yes(stored.get("disclosed_debt")),
        "asked_to_pay": _yes(stored.get("asked_to_pay")),
        "after_stop_request": _yes(stored.get("after_stop_request")),
        # "Not sure" whether they could reach you is treated as "could not":
        # the result then never rests on a fact the borrower did not confirm.
        "borrower_unreachable": stored.get("borrower_unreachable") in ("yes", "unsure"),
    }
    events = []
    for field, channel in COUNTED_CHANNELS:
        count = stored.get(field) or 0
        if count > 0:
            events.append(Event(target=target, channel=channel, times_per_day=count, **flags))
    for channel in stored.get("other_channels", []):
        events.append(Event(target=target, channel=channel, times_per_day=1, **flags))
    return events


def to_answers(stored: Mapping[str, Any], *, today: datetime.date) -> Answers:
    """The engine's input for what the interview pages collected."""
    events: list[Event] = []
    for target in selected_targets(stored):
        events.extend(_events_for(target, stored.get(TARGET_STEPS[target].slug, {})))
    tactics_step = stored.get("tactics", {})
    tactics = set(tactics_step.get("tactics", []))
    if not had_visits(stored):
        tactics -= VISIT_ONLY_TACTICS
    rate = None
    raw_rate = stored.get("cost", {}).get("annual_rate_percent")
    if raw_rate not in (None, ""):
        try:
            rate = Decimal(str(raw_rate))
        except InvalidOperation:
            rate = None
    when = stored.get("when", {}).get("conduct_date")
    return Answers(
        lender_type=stored.get("lender", {}).get("lender_type", "unknown"),
        conduct_date=datetime.date.fromisoformat(when) if when else today,
        events=tuple(events),
        tactics=frozenset(tactics),
        annual_rate_percent=rate,
        continued_after_intervention=_yes(tactics_step.get("continued_after_intervention")),
    )
