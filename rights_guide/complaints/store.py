"""Ticket numbers given for a complaint by phone or online, kept in the visitor's case.

Each record keeps the body, the ticket, the date it was made and how, so a
reply clock (the 15 days of 投诉办法 art 18) can be added to it later without
asking again.
"""

from __future__ import annotations

import datetime

from rights_guide.cases.store import VisitorCase

TICKETS = "complaint_tickets"
MAX_TICKETS = 50  # a case stays small: older records give way to newer ones
HOWS = ("phone", "online")


def tickets(case: VisitorCase) -> list[dict]:
    """The recorded tickets, oldest first."""
    stored = case.get(TICKETS) or []
    return [entry for entry in stored if isinstance(entry, dict)]


def record_ticket(
    case: VisitorCase, *, body: str, who: str, ticket: str, date: datetime.date, how: str
):
    """``who``: the borrower, or someone called about the debt (each sees their own)."""
    entry = {"body": body, "who": who, "ticket": ticket, "date": date.isoformat(), "how": how}
    case.update(**{TICKETS: [*tickets(case), entry][-MAX_TICKETS:]})
