"""What a log still has room for, when many contacts arrive at once (the CSV import).

A log holds at most ``MAX_INCIDENTS`` contacts and, in all, the files,
marks and callers' characters a letter can print (``record``). A contact
that does not fit any more is refused with its reason. Notes are
different: the contacts matter more than their words, so when what was
said, in all, would pass ``MAX_INCIDENT_TEXT`` characters or
``MAX_INCIDENT_LINES`` line breaks, the notes are cut to fit instead
(``fit_notes``): the longest ones first, each to the same length, so short
notes stay whole; and line breaks past the limit become spaces. The
import says once how many notes were cut. No Django here.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass, replace

from rights_guide.evidence.record import (
    MAX_CALLER_TEXT,
    MAX_FILES,
    MAX_INCIDENT_LINES,
    MAX_INCIDENT_MARKS,
    MAX_INCIDENT_TEXT,
    MAX_INCIDENTS,
    Incident,
    marks_of,
)
from rights_guide.reading import FieldError

CUT = "…"


@dataclass
class Totals:
    """What a log holds so far, against what it may hold in all (record.check_totals)."""

    count: int = 0
    characters: int = 0
    breaks: int = 0
    files: int = 0
    marks: int = 0
    callers: int = 0

    @classmethod
    def of(cls, incidents: Iterable[Incident]) -> Totals:
        totals = cls()
        for incident in incidents:
            totals.add(incident)
        return totals

    def add(self, incident: Incident) -> None:
        self.count += 1
        self.characters += len(incident.description)
        self.breaks += incident.description.count("\n")
        self.files += len(incident.files)
        self.marks += marks_of(incident)
        self.callers += len(incident.caller)

    def refusal(self, incident: Incident) -> tuple[str, FieldError] | None:
        """(column, why) when the log has no room for this contact, else None.

        The notes' totals are not checked here: ``fit_notes`` cuts them.
        """
        checks = (
            ("", self.count + 1, MAX_INCIDENTS, "log_full"),
            ("files", self.files + len(incident.files), MAX_FILES, "log_files_full"),
            ("tactics", self.marks + marks_of(incident), MAX_INCIDENT_MARKS, "log_marks_full"),
            ("caller", self.callers + len(incident.caller), MAX_CALLER_TEXT, "log_callers_full"),
        )
        for column, total, most, code in checks:
            if total > most:
                return column, FieldError("log", code, {"max": most})
        return None

    @property
    def room_for_notes(self) -> tuple[int, int]:
        """(characters, line breaks) of notes the log can still take."""
        return (
            max(0, MAX_INCIDENT_TEXT - self.characters),
            max(0, MAX_INCIDENT_LINES - self.breaks),
        )


def _longest_allowed(lengths: Sequence[int], room: int) -> int:
    """The largest length L such that the notes, each cut to L, fit into ``room`` characters."""
    low, high = 0, max(lengths, default=0)
    while low < high:
        middle = (low + high + 1) // 2
        if sum(min(length, middle) for length in lengths) <= room:
            low = middle
        else:
            high = middle - 1
    return low


def _cut(text: str, length: int) -> str:
    if len(text) <= length:
        return text
    if length <= len(CUT):
        return ""
    return text[: length - len(CUT)].rstrip() + CUT


def fit_notes(
    incidents: Sequence[Incident], *, characters: int, breaks: int
) -> tuple[list[Incident], int]:
    """The incidents with their notes cut to fit, and how many notes were cut."""
    fitted = list(incidents)
    changed: set[int] = set()
    allowed_breaks = breaks
    for index, incident in enumerate(fitted):
        found = incident.description.count("\n")
        if found <= allowed_breaks:
            allowed_breaks -= found
            continue
        fitted[index] = replace(incident, description=incident.description.replace("\n", " "))
        changed.add(index)
    lengths = [len(incident.description) for incident in fitted]
    if sum(lengths) > characters:
        longest = _longest_allowed(lengths, characters)
        for index, incident in enumerate(fitted):
            if len(incident.description) > longest:
                fitted[index] = replace(incident, description=_cut(incident.description, longest))
                changed.add(index)
    return fitted, len(changed)


class Seen:
    """The contacts already in a log (or earlier in a file), to tell a duplicate.

    A duplicate is the same contact in every field. Its note may have been
    cut to fit when it was first imported (``fit_notes``): the same contact
    imported again from the original file, its note whole, is a duplicate
    too, or a backup imported twice would still double a long log.
    """

    def __init__(self, incidents: Iterable[Incident] = ()):
        self._exact: set[Incident] = set()
        self._notes: dict[Incident, list[str]] = {}
        for incident in incidents:
            self.add(incident)

    def add(self, incident: Incident) -> None:
        self._exact.add(incident)
        self._notes.setdefault(replace(incident, description=""), []).append(incident.description)

    def __contains__(self, incident: Incident) -> bool:
        if incident in self._exact:
            return True
        whole = incident.description.replace("\n", " ")
        return any(
            _was_cut_from(note, whole)
            for note in self._notes.get(replace(incident, description=""), ())
        )


def _was_cut_from(note: str, whole: str) -> bool:
    """Whether ``note`` is what ``fit_notes`` could have made of ``whole`` (line breaks flattened)."""
    if note == whole:
        return True
    # A note cut to nothing (no room at all) cannot be told from a contact without one.
    return note.endswith(CUT) and whole.startswith(note[: -len(CUT)])
