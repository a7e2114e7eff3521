"""What to attach to a 12321 or 12377 report, from the evidence log.

12321's harassing-call form asks for the calling number, the date and time
and a description (notes §3); 12377 takes public posts with links and
screenshots (§4). The log already has the numbers, times and counts, so the
report lists them instead of asking again; nothing is listed that the log does not hold.
"""

from __future__ import annotations

from dataclasses import dataclass

from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from rights_guide.evidence.record import Incident
from rights_guide.formatting import format_datetime

REPORTS = ("miit_12321", "cac_12377")


@dataclass(frozen=True)
class NumberLine:
    caller: str
    count: int
    first: str
    last: str


def numbers(incidents: list[Incident]) -> list[NumberLine]:
    """Each calling number in the log, with its contacts and first and last time, most first."""
    found: dict[str, list[Incident]] = {}
    for incident in incidents:
        if incident.caller:
            found.setdefault(incident.caller, []).append(incident)
    lines = [
        NumberLine(
            caller,
            len(items),
            format_datetime(min(i.when for i in items)),
            format_datetime(max(i.when for i in items)),
        )
        for caller, items in found.items()
    ]
    return sorted(lines, key=lambda line: -line.count)


def report_lines(incidents: list[Incident]) -> list[str]:
    """One sentence per number, to paste into a report's description."""
    return [
        ngettext(
            "%(number)s: %(count)s contact, from %(first)s to %(last)s.",
            "%(number)s: %(count)s contacts, from %(first)s to %(last)s.",
            line.count,
        )
        % {"number": line.caller, "count": line.count, "first": line.first, "last": line.last}
        for line in numbers(incidents)
    ]


def evidence_note() -> str:
    return _(
        "Attach screenshots of the call log or messages, and the recordings, without editing them."
    )
