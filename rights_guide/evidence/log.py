"""Writes to a visitor's evidence log, and reading it back.

Small service functions with keyword-only arguments: add, change, delete,
"the same as the last one, now", and a bulk add for the CSV import. Each
checks what the whole log may hold (``evidence.record``: at most
``MAX_INCIDENTS`` incidents, their descriptions and files within the
totals a letter can print) and refuses with ``LogRefused`` carrying field
errors; each write extends the case's life, so the log expires with
everything else the visitor entered. The first incident is personal data
entering the case: the session key changes.
"""

from __future__ import annotations

import datetime
from collections.abc import Iterable, Sequence
from dataclasses import replace

from django.db import transaction
from django.utils import timezone

from rights_guide.cases.models import Case
from rights_guide.cases.store import VisitorCase
from rights_guide.evidence.models import COLUMNS, LoggedIncident, as_incident
from rights_guide.evidence.record import (
    MAX_INCIDENTS,
    Incident,
    check_totals,
    incident_to_data,
)
from rights_guide.reading import FieldError, Invalid, Reader

SUMMARY = "log"  # the case's section for the log's own settings (people reached)
MAX_PEOPLE_REACHED = 100_000


class LogRefused(Invalid):
    """The log cannot take this change; ``errors`` says why, as field errors."""


def local_now() -> datetime.datetime:
    """Local time now, naive, to the minute: incidents are in the borrower's local time."""
    return timezone.localtime().replace(tzinfo=None, second=0, microsecond=0)


def _rows(case: Case | None):
    if case is None:
        return LoggedIncident.objects.none()
    return LoggedIncident.objects.filter(case=case)


def entries(case: Case | None, day: datetime.date | None = None) -> list[tuple[int, Incident]]:
    """(key, incident) in time order: the whole log, or one day of it."""
    rows = _rows(case)
    if day is not None:
        rows = rows.filter(day=day)
    rows = rows.order_by("day", "time", "pk").values_list(*COLUMNS)
    return [as_incident(row) for row in rows]


def timeline(case: Case | None) -> list[Incident]:
    """The whole log in time order, with only what the summary and the chart read.

    When, who, how and "after a request to stop": a page showing one day
    of a long log reads these for every day, and nothing else.
    """
    rows = (
        _rows(case)
        .order_by("day", "time", "pk")
        .values_list("day", "time", "target", "channel", "after_stop_request")
    )
    after = frozenset({"after_stop_request"})
    return [
        Incident(
            datetime.datetime.combine(day, time),
            target,
            channel,
            flags=after if stopped else frozenset(),
        )
        for day, time, target, channel, stopped in rows
    ]


def incidents(case: Case | None) -> list[Incident]:
    """The whole log in time order."""
    return [incident for _key, incident in entries(case)]


def count(case: Case | None) -> int:
    return _rows(case).count()


def get(case: Case | None, key: int) -> Incident | None:
    row = _rows(case).filter(pk=key).values_list(*COLUMNS).first()
    return as_incident(row)[1] if row else None


def last_entered(case: Case | None) -> Incident | None:
    """The incident entered most recently (not the latest in time): the quick entry's defaults."""
    row = _rows(case).order_by("-created_at", "-pk").values_list(*COLUMNS).first()
    return as_incident(row)[1] if row else None


def check_room(
    case: Case | None, adding: Sequence[Incident], *, replacing: int | None = None
) -> list[FieldError]:
    """What the log would hold with these added (and one replaced): errors if over its bounds."""
    rows = _rows(case)
    if replacing is not None:
        rows = rows.exclude(pk=replacing)
    kept = [
        Incident(
            datetime.datetime.min,
            "",
            "",
            description,
            caller,
            tactics=frozenset(tactics),
            evidence=frozenset(evidence),
            files=tuple(files),
        )
        for description, caller, tactics, evidence, files in rows.values_list(
            "description", "caller", "tactics", "evidence", "files"
        )
    ]
    reader = Reader()
    if len(kept) + len(adding) > MAX_INCIDENTS:
        reader.error("log", "log_full", max=MAX_INCIDENTS)
    check_totals(reader, [*kept, *adding], "log")
    return reader.errors


def _refuse_unless_room(case, adding, *, replacing=None) -> None:
    errors = check_room(case, adding, replacing=replacing)
    if errors:
        raise LogRefused(errors)


def _open_case(visitor: VisitorCase) -> Case:
    """The case to write into, its life extended.

    An incident is personal data (who called, what was said), so every
    write of one gives the session a new key, as the details do: a cookie
    planted with a decoy incident already in its case changes too.
    """
    existed = visitor.exists
    case = visitor.touch()
    if existed:  # a new case got its new key when it was created
        visitor.personal_data_entered()
    return case


def add_incident(*, visitor: VisitorCase, incident: Incident) -> int:
    """Log one incident; returns its key. Raises LogRefused when the log is full."""
    _refuse_unless_room(visitor.instance, [incident])
    case = _open_case(visitor)
    row = LoggedIncident.objects.create(
        case=case, created_at=timezone.now(), **LoggedIncident.fields_of(incident)
    )
    return row.pk


def add_incidents(*, visitor: VisitorCase, incidents: Iterable[Incident]) -> int:
    """Log many at once (the CSV import); all or none. Returns how many were added."""
    adding = list(incidents)
    if not adding:
        return 0
    _refuse_unless_room(visitor.instance, adding)
    case = _open_case(visitor)
    now = timezone.now()
    # The same creation time for the whole batch, one microsecond apart, so "the last
    # one entered" is the import's last row.
    rows = [
        LoggedIncident(
            case=case,
            created_at=now + datetime.timedelta(microseconds=index),
            **LoggedIncident.fields_of(incident),
        )
        for index, incident in enumerate(adding)
    ]
    with transaction.atomic():
        LoggedIncident.objects.bulk_create(rows, batch_size=500)
    return len(rows)


def update_incident(*, visitor: VisitorCase, key: int, incident: Incident) -> bool:
    """Replace one incident of this visitor's log; False when it is not theirs (or gone)."""
    case = visitor.instance
    if not _rows(case).filter(pk=key).exists():
        return False
    _refuse_unless_room(case, [incident], replacing=key)
    _open_case(visitor)
    _rows(case).filter(pk=key).update(**LoggedIncident.fields_of(incident))
    return True


def delete_incident(*, visitor: VisitorCase, key: int) -> bool:
    case = visitor.instance
    deleted, _types = _rows(case).filter(pk=key).delete()
    if deleted:
        visitor.touch()
    return bool(deleted)


def delete_all(*, visitor: VisitorCase) -> int:
    """Empty the log (the rest of the case stays)."""
    deleted, _types = _rows(visitor.instance).delete()
    if deleted:
        visitor.touch()
    return deleted


def start_again(*, visitor: VisitorCase) -> int:
    """Delete the case but keep its evidence log; returns how many contacts were kept.

    Starting the interview again (to correct the kind of lender, say) must
    not cost weeks of records: the log and the people-reached count move
    into a new case, and the old one is deleted with the answers, letter
    details, edits and stored letters in it. The session key changes
    either way, as it does when personal data enters a case. Deleting the
    log too is "delete everything" (the privacy page).
    """
    kept = count(visitor.instance)
    if not kept:
        visitor.delete()
        visitor.session.cycle_key()
        return 0
    summary = visitor.get(SUMMARY)
    with transaction.atomic():
        old = visitor.renew()
        _rows(old).update(case=visitor.instance)
        if summary:
            visitor.update(**{SUMMARY: summary})
        old.delete()
    return kept


def repeat_last(*, visitor: VisitorCase, now: datetime.datetime) -> int | None:
    """Log "the same as the last one, now": same person, means, caller, flags and tactics.

    What was said and the evidence are the last incident's own and are not
    copied. None when there is nothing to repeat.
    """
    last = last_entered(visitor.instance)
    if last is None:
        return None
    again = replace(
        last,
        when=now.replace(second=0, microsecond=0, tzinfo=None),
        description="",
        evidence=frozenset(),
        files=(),
    )
    return add_incident(visitor=visitor, incident=again)


def people_reached(visitor: VisitorCase) -> int | None:
    """How many different people other than the borrower were reached, as the borrower counted."""
    value = (visitor.get(SUMMARY) or {}).get("people_reached")
    return value if isinstance(value, int) else None


def set_people_reached(*, visitor: VisitorCase, people: int | None) -> None:
    summary = dict(visitor.get(SUMMARY) or {})
    if people is None:
        summary.pop("people_reached", None)
    else:
        summary["people_reached"] = people
    visitor.update(**{SUMMARY: summary or None})


def letter_fields(visitor: VisitorCase, *, about: str | None = None) -> dict:
    """What a letter request takes from the log: its incidents, and the people reached.

    ``about``: the writer is someone called about another person's debt, who
    is this target: their letter lists the contacts with them, in their own
    name, and says nothing of how many others were reached.
    """
    found = incidents(visitor.instance)
    if about is not None:
        found = [incident for incident in found if incident.target == about]
    fields: dict = {"incidents": [incident_to_data(incident) for incident in found]}
    people = people_reached(visitor) if about is None else None
    if people is not None:
        fields["people_reached"] = people
    return fields
