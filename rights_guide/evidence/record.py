"""What one incident is, and the one reader for it.

An incident is one contact or act of a collector, in the borrower's local
time: who was contacted and how (the API's target and channel codes), who
called if known, what was said, the yes/no facts the engine asks about a
contact (``FLAGS``: the debt revealed, asked to pay, after a request to
stop), the tactics codes, the kinds of evidence the borrower has, and the
evidence files themselves, as name, size, date and SHA-256 fingerprint:
the files stay on the phone.

``read_incident`` is the one reader: the log's pages, its CSV import and
``POST /api/v1/letters`` all read incidents here, with the shared
``Reader`` (its field names, codes and text bounds), so a log row is valid
exactly when the API would take it. A log and a letter hold the same
amount: ``MAX_INCIDENTS`` incidents whose descriptions together stay
within ``MAX_INCIDENT_TEXT`` characters and ``MAX_INCIDENT_LINES`` line
breaks (each incident is printed on its own line anyway, so only the lines
a description adds are counted), ``MAX_FILES`` evidence files, and
``MAX_INCIDENT_MARKS`` tactics and kinds of evidence and ``MAX_CALLER_TEXT``
characters of callers in all, so any log fits into a letter and the
slowest letter has a known cost (bench/letter_load.py). No Django here.
"""

from __future__ import annotations

import datetime
import re
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from typing import Any, NamedTuple

from rights_guide.assessment.answers import EARLIEST_CONDUCT_DATE, is_night
from rights_guide.knowledge import get_knowledge
from rights_guide.reading import Reader, ascii_digits

MAX_INCIDENTS = 2000
MAX_DESCRIPTION = 2000
MAX_DESCRIPTION_LINES = 30
MAX_INCIDENT_TEXT = 60_000  # 30 characters a contact on average: a short sentence each
MAX_INCIDENT_LINES = 400  # line breaks inside the descriptions, all together
MAX_CALLER = 40
MAX_FILES_PER_INCIDENT = 5
MAX_FILES = 200  # evidence files in all
# Tactics and kinds of evidence marked on all incidents together (two a contact on average),
# and the characters of all callers together (an 11-digit number on every contact fits):
# what a letter prints for each contact beyond its description stays bounded too.
MAX_INCIDENT_MARKS = 4000
MAX_CALLER_TEXT = 30_000
MAX_FILE_NAME = 100  # no longer than the longest unbroken run any printed text may have
MAX_FILE_SIZE = 2**50
EARLIEST_FILE_DATE = datetime.date(1990, 1, 1)

# The engine's yes/no questions that a single contact answers (vocabulary.yaml
# event_questions); night comes from the time itself.
FLAGS = ("disclosed_debt", "asked_to_pay", "after_stop_request")
# What the borrower keeps of an incident. Their words are in evidence/words.py.
EVIDENCE_KINDS = ("screenshot", "recording", "call_log", "witness")
INCIDENT_TIME = re.compile(r"^([0-9]{4})-([0-9]{2})-([0-9]{2})T([0-9]{2}):([0-9]{2})$")
SHA256 = re.compile(r"^[0-9a-f]{64}$")
FILE_FIELDS = frozenset({"name", "size", "date", "sha256"})
INCIDENT_FIELDS = frozenset(
    {"when", "target", "channel", "description", "caller", *FLAGS, "tactics", "evidence", "files"}
)


class EvidenceFile(NamedTuple):
    """A file on the borrower's phone, described so that a later copy can be shown unchanged."""

    name: str
    size: int | None = None  # bytes
    date: datetime.date | None = None  # the file's own date, or the day it was typed
    sha256: str = ""  # lower-case hex; empty when it was typed without JavaScript


@dataclass(frozen=True, slots=True)
class Incident:
    """One contact or act of a collector, in the borrower's local time."""

    when: datetime.datetime
    target: str
    channel: str
    description: str = ""  # what was said or done, in the borrower's words
    caller: str = ""  # the number or name that called, if known
    flags: frozenset[str] = frozenset()  # of FLAGS
    tactics: frozenset[str] = frozenset()
    evidence: frozenset[str] = frozenset()  # of EVIDENCE_KINDS
    files: tuple[EvidenceFile, ...] = ()

    @property
    def night(self) -> bool:
        """Between 22:00 and 08:00, as the engine counts night."""
        return is_night(self.when.time())


def read_incident_time(
    reader: Reader,
    data: Mapping,
    key: str,
    name: str,
    *,
    now: datetime.datetime,
    earliest: datetime.date,
) -> datetime.datetime | None:
    """``YYYY-MM-DDTHH:MM`` in the borrower's local time, not in the future.

    Full-width digits are read as digits; any other non-ASCII digit is refused.
    """
    value = data.get(key)
    if value is None or value == "":
        reader.error(name, "required")
        return None
    match = INCIDENT_TIME.match(ascii_digits(value).strip()) if isinstance(value, str) else None
    if match is None:
        reader.error(name, "invalid_datetime")
        return None
    try:
        moment = datetime.datetime(*(int(part) for part in match.groups()))
    except ValueError:
        reader.error(name, "invalid_datetime")
        return None
    if moment > now:
        reader.error(name, "date_in_future")
        return None
    if moment.date() < earliest:
        reader.error(name, "date_too_early", earliest=earliest.isoformat())
        return None
    return moment


def read_incident(
    reader: Reader,
    raw: Any,
    name: str,
    *,
    now: datetime.datetime,
    earliest: datetime.date = EARLIEST_CONDUCT_DATE,
) -> Incident | None:
    """One incident from plain data (``incidents[3]`` names its fields), or None when wrong."""
    if not isinstance(raw, Mapping):
        reader.error(name, "not_object")
        return None
    vocabulary = get_knowledge().vocabulary
    before = len(reader.errors)
    reader.unknown(raw, INCIDENT_FIELDS, name + ".")
    when = read_incident_time(reader, raw, "when", name + ".when", now=now, earliest=earliest)
    target = reader.choice(raw, "target", vocabulary.targets.codes, name + ".target")
    channel = reader.choice(raw, "channel", vocabulary.contact_means.codes, name + ".channel")
    description = reader.text(
        raw,
        "description",
        name + ".description",
        max_length=MAX_DESCRIPTION,
        max_lines=MAX_DESCRIPTION_LINES,
    )
    caller = reader.line(raw, "caller", name + ".caller", max_length=MAX_CALLER, required=False)
    flags, _unknown = reader.answers(raw, FLAGS, name + ".")  # null: not flagged
    tactics = reader.choices(raw.get("tactics"), vocabulary.tactics.codes, name + ".tactics")
    evidence = reader.choices(raw.get("evidence"), EVIDENCE_KINDS, name + ".evidence")
    files = _read_files(reader, raw.get("files"), name + ".files", today=now.date())
    if len(reader.errors) > before:
        return None
    return Incident(
        when=when,
        target=target,
        channel=channel,
        description=description or "",
        caller=caller or "",
        flags=flags,
        tactics=tactics,
        evidence=evidence,
        files=files,
    )


def _read_files(
    reader: Reader, value: Any, name: str, *, today: datetime.date
) -> tuple[EvidenceFile, ...]:
    if value is None:
        return ()
    if not isinstance(value, list):
        reader.error(name, "not_list")
        return ()
    if len(value) > MAX_FILES_PER_INCIDENT:
        reader.error(name, "too_many", max=MAX_FILES_PER_INCIDENT)
        return ()
    files = []
    for index, raw in enumerate(value):
        item = "%s[%d]" % (name, index)
        if not isinstance(raw, Mapping):
            reader.error(item, "not_object")
            continue
        before = len(reader.errors)
        reader.unknown(raw, FILE_FIELDS, item + ".")
        file_name = reader.line(
            raw, "name", item + ".name", max_length=MAX_FILE_NAME, required=True
        )
        size = reader.integer(raw, "size", item + ".size", 0, MAX_FILE_SIZE, None)
        day = reader.date(raw, "date", item + ".date", earliest=EARLIEST_FILE_DATE, latest=today)
        fingerprint = raw.get("sha256") or ""
        if not isinstance(fingerprint, str) or not (
            fingerprint == "" or SHA256.match(fingerprint.strip().lower())
        ):
            reader.error(item + ".sha256", "invalid_fingerprint")
        elif len(reader.errors) == before and file_name:
            files.append(EvidenceFile(file_name, size, day, fingerprint.strip().lower()))
    return tuple(files)


def check_totals(reader: Reader, incidents: Iterable[Incident], name: str) -> None:
    """What a whole log or a letter's incidents may add up to (see the module's docstring)."""
    incidents = list(incidents)
    characters = sum(len(incident.description) for incident in incidents)
    if characters > MAX_INCIDENT_TEXT:
        reader.error(name, "text_too_long_total", max=MAX_INCIDENT_TEXT, length=characters)
    breaks = sum(incident.description.count("\n") for incident in incidents)
    if breaks > MAX_INCIDENT_LINES:
        reader.error(name, "too_many_lines_total", max=MAX_INCIDENT_LINES, lines=breaks)
    files = sum(len(incident.files) for incident in incidents)
    if files > MAX_FILES:
        reader.error(name, "too_many_files_total", max=MAX_FILES, count=files)
    marks = sum(marks_of(incident) for incident in incidents)
    if marks > MAX_INCIDENT_MARKS:
        reader.error(name, "too_many_marks_total", max=MAX_INCIDENT_MARKS, count=marks)
    callers = sum(len(incident.caller) for incident in incidents)
    if callers > MAX_CALLER_TEXT:
        reader.error(name, "callers_too_long_total", max=MAX_CALLER_TEXT, length=callers)


def marks_of(incident: Incident) -> int:
    """The tactics and kinds of evidence marked on an incident (counted towards a letter's)."""
    return len(incident.tactics) + len(incident.evidence)


def incident_to_data(incident: Incident) -> dict[str, Any]:
    """The incident as the API takes it; the optional fields only when they say something."""
    data: dict[str, Any] = {
        "when": incident.when.strftime("%Y-%m-%dT%H:%M"),
        "target": incident.target,
        "channel": incident.channel,
        "description": incident.description,
    }
    if incident.caller:
        data["caller"] = incident.caller
    for flag in FLAGS:
        if flag in incident.flags:
            data[flag] = True
    if incident.tactics:
        codes = get_knowledge().vocabulary.tactics.codes
        data["tactics"] = [code for code in codes if code in incident.tactics]
    if incident.evidence:
        data["evidence"] = [code for code in EVIDENCE_KINDS if code in incident.evidence]
    if incident.files:
        data["files"] = [file_to_data(file) for file in incident.files]
    return data


def file_to_data(file: EvidenceFile) -> dict[str, Any]:
    data: dict[str, Any] = {"name": file.name}
    if file.size is not None:
        data["size"] = file.size
    if file.date is not None:
        data["date"] = file.date.isoformat()
    if file.sha256:
        data["sha256"] = file.sha256
    return data


def in_time_order(incidents: Iterable[Incident]) -> list[Incident]:
    """Oldest first; incidents at the same minute keep the order they were given in."""
    return sorted(incidents, key=lambda incident: incident.when)
