"""Small builders for test data: stories a borrower could tell, in a few words each."""

import datetime
from decimal import Decimal

from rights_guide.assessment import Answers, Event

TODAY = datetime.date(2026, 11, 29)


def make_event(target: str = "borrower", channel: str = "call", **details) -> Event:
    if "time_of_day" in details and isinstance(details["time_of_day"], str):
        hours, minutes = details["time_of_day"].split(":")
        details["time_of_day"] = datetime.time(int(hours), int(minutes))
    return Event(target=target, channel=channel, **details)


def make_answers(
    lender_type: str = "bank",
    conduct_date: str | datetime.date = "2026-10-15",
    events=(),
    tactics=(),
    rate=None,
    continued_after_intervention: bool = False,
) -> Answers:
    if isinstance(conduct_date, str):
        conduct_date = datetime.date.fromisoformat(conduct_date)
    return Answers(
        lender_type=lender_type,
        conduct_date=conduct_date,
        events=tuple(events),
        tactics=frozenset(tactics),
        annual_rate_percent=Decimal(str(rate)) if rate is not None else None,
        continued_after_intervention=continued_after_intervention,
    )


def make_request(**fields) -> dict:
    """An assess API request body with sensible defaults."""
    body = {"lender_type": "bank", "conduct_date": "2026-10-15", "events": [], "tactics": []}
    body.update(fields)
    return body
