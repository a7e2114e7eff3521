"""Keep interview answers in the session, and turn them into the engine's Answers.

Each step's cleaned data is stored as plain JSON under its slug, so going
back and forth never loses an answer, and an answer to a step that no longer
applies (a person unticked later) is kept but ignored. ``to_answers`` is the
one place where page answers become the engine's input, so the results page
and the API agree by construction.
"""

from __future__ import annotations

import datetime
from collections.abc import Mapping
from decimal import Decimal, InvalidOperation
from typing import Any

from django.contrib.sessions.backends.base import SessionBase

from rights_guide.assessment import Answers, Event
from rights_guide.interview.forms import VISIT_ONLY_TACTICS
from rights_guide.interview.steps import TARGET_STEPS, had_visits, selected_targets

SESSION_KEY = "interview"
DRAFTS_KEY = "interview_drafts"
COUNTED_CHANNELS = (("calls", "call"), ("texts", "sms"), ("messages", "im"))


def stored_answers(session: SessionBase) -> dict[str, Any]:
    return session.get(SESSION_KEY, {})


def save_step(session: SessionBase, slug: str, cleaned: Mapping[str, Any]) -> None:
    answers = dict(session.get(SESSION_KEY, {}))
    answers[slug] = {name: _to_json(value) for name, value in cleaned.items()}
    session[SESSION_KEY] = answers
    drafts = dict(session.get(DRAFTS_KEY, {}))
    if drafts.pop(slug, None) is not None:
        session[DRAFTS_KEY] = drafts


def save_draft(session: SessionBase, slug: str, data: Mapping[str, list[str]]) -> None:
    """Keep what was typed on a page that was left with Back before it was complete."""
    drafts = dict(session.get(DRAFTS_KEY, {}))
    drafts[slug] = {name: values for name, values in data.items() if name != "csrfmiddlewaretoken"}
    session[DRAFTS_KEY] = drafts


def draft(session: SessionBase, slug: str) -> dict[str, list[str]] | None:
    return session.get(DRAFTS_KEY, {}).get(slug)


def forget_all(session: SessionBase) -> None:
    session.pop(SESSION_KEY, None)
    session.pop(DRAFTS_KEY, None)


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
