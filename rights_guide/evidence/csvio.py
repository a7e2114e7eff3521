"""The log as CSV: the documented columns, export, the template, and a row-by-row import.

Columns (docs/evidence-log.md and the import page say the same), one row per
incident, with a header row naming the columns in any order:

========================  =========================================================
``date``                  YYYY-MM-DD (2026/10/3 and 2026.10.3 are read too); required
``time``                  HH:MM on the 24-hour clock (21:30, 7:05); required
``target``                who was contacted: a code (``family``) or its words in
                          either language (其他家人, Other family); required
``channel``               how: a code (``call``) or its words (电话, Phone call); required
``caller``                the number or name that called, if known
``description``           what was said or done (line breaks kept)
``disclosed_debt``        yes/no (also 1/0, true/false, 是/否, x or empty)
``asked_to_pay``          yes/no
``after_stop_request``    yes/no
``tactics``               codes or words, separated by ``;``
``evidence``              ``screenshot``, ``recording``, ``call_log``, ``witness`` (or
                          their words), separated by ``;``
``files``                 one file per line: ``name|size|YYYY-MM-DD|sha256`` (all but
                          the name may be left out)
========================  =========================================================

Every row is read by the log's own reader (``record.read_incident``), so a
row is good exactly when the API would take it; each problem names its row
(as a spreadsheet numbers it: the header is row 1) and its column, and the
good rows are kept. What the log may hold in all (``MAX_INCIDENTS``
incidents and the text and file totals) is checked row by row too: a row
that does not fit any more is refused with its reason, the rest kept.
Export writes the same columns with codes, UTF-8 with a byte-order mark
(spreadsheets then read Chinese correctly), in time order, so exporting
and importing give the same log, and the same log always gives the same
bytes (the evidence list prints their SHA-256). No Django here.
"""

from __future__ import annotations

import csv
import datetime
import io
import re
from collections.abc import Iterable, Iterator, Sequence
from dataclasses import dataclass, field

from rights_guide.evidence.record import (
    EVIDENCE_KINDS,
    FLAGS,
    MAX_CALLER_TEXT,
    MAX_FILES,
    MAX_INCIDENT_LINES,
    MAX_INCIDENT_MARKS,
    MAX_INCIDENT_TEXT,
    MAX_INCIDENTS,
    EvidenceFile,
    Incident,
    marks_of,
    read_incident,
)
from rights_guide.knowledge.vocabulary import Vocabulary
from rights_guide.reading import FieldError, Reader, ascii_digits, numeral

COLUMNS = (
    "date",
    "time",
    "target",
    "channel",
    "caller",
    "description",
    *FLAGS,
    "tactics",
    "evidence",
    "files",
)
REQUIRED = ("date", "time", "target", "channel")
MAX_CSV_BYTES = 2 * 1024 * 1024
BOM = "\ufeff"
DATE = re.compile(r"^([0-9]{4})[-/.]([0-9]{1,2})[-/.]([0-9]{1,2})$")
TIME = re.compile(r"^([0-9]{1,2})[:：]([0-9]{2})(?:[:：][0-9]{2})?$")
LIST_SEPARATORS = re.compile(r"\s*[;；]\s*")  # not 、 or commas: some words hold them
YES = frozenset({"1", "yes", "y", "true", "t", "x", "✓", "√", "是", "有", "对"})
NO = frozenset({"", "0", "no", "n", "false", "f", "否", "无", "没有", "-"})
# Which field of the reader each column's problems belong to.
FIELD_COLUMNS = {"when": "date", "files": "files"}


@dataclass(frozen=True)
class RowError:
    """One problem: the spreadsheet row (the header is row 1), its column, and the reader's code."""

    row: int
    column: str  # "" for the whole row or the file
    error: FieldError


@dataclass
class Imported:
    """What an import read: the good rows (in the file's order) and every problem."""

    incidents: list[Incident] = field(default_factory=list)
    rows: list[int] = field(default_factory=list)  # the spreadsheet row of each good incident
    errors: list[RowError] = field(default_factory=list)

    @property
    def bad_rows(self) -> list[int]:
        return sorted({error.row for error in self.errors if error.row})


def _words(vocabulary_registry, *attributes: str) -> dict[str, str]:
    """Every code of a registry, and each of its words in both languages, lower-cased → code."""
    found = {}
    for entry in vocabulary_registry:
        found[entry.code.lower()] = entry.code
        for attribute in attributes:
            text = getattr(entry, attribute, None)
            if text is not None:
                for language in ("zh-hans", "en"):
                    found.setdefault(text.get(language).strip().lower(), entry.code)
    return found


@dataclass(frozen=True)
class Words:
    """What the import accepts for the coded columns, built once per vocabulary."""

    targets: dict[str, str]
    channels: dict[str, str]
    tactics: dict[str, str]
    evidence: dict[str, str]

    @classmethod
    def of(cls, vocabulary: Vocabulary, evidence_words: dict[str, Iterable[str]]) -> Words:
        evidence = {code: code for code in EVIDENCE_KINDS}
        for code, names in evidence_words.items():
            for name in names:
                evidence.setdefault(str(name).strip().lower(), code)
        return cls(
            targets=_words(vocabulary.targets, "option", "name", "letter"),
            channels=_words(vocabulary.contact_means, "incident", "name"),
            tactics=_words(vocabulary.tactics, "name", "option"),
            evidence=evidence,
        )


def _code(value: str, words: dict[str, str]) -> str:
    """A code for what was typed, or what was typed (for the reader to refuse, naming it)."""
    return words.get(value.strip().lower(), value.strip())


def _codes(value: str, words: dict[str, str]) -> list[str]:
    return [_code(item, words) for item in LIST_SEPARATORS.split(value.strip()) if item]


def normal_date(value: str) -> str | None:
    """2026-10-03 for 2026-10-3, 2026/10/3 or 2026.10.3 (full-width digits too); None if no such day."""
    found = DATE.match(ascii_digits(value).strip())
    if found is None:
        return None
    text = "%s-%02d-%02d" % (found.group(1), int(found.group(2)), int(found.group(3)))
    try:
        datetime.date.fromisoformat(text)
    except ValueError:
        return None  # 2026-02-30
    return text


def normal_time(value: str) -> str | None:
    """07:05 for 7:05, 07:05:30 or ０７：０５; None if not a time of day."""
    found = TIME.match(ascii_digits(value).strip())
    if found is None or int(found.group(1)) > 23:
        return None
    return "%02d:%s" % (int(found.group(1)), found.group(2))


def _files(value: str) -> list[dict]:
    files = []
    for line in value.replace("\r\n", "\n").split("\n"):
        if not line.strip():
            continue
        parts = [part.strip() for part in line.split("|")]
        item: dict = {"name": parts[0]}
        if len(parts) > 1 and parts[1]:
            size = numeral(parts[1].replace(",", ""))
            item["size"] = size if not isinstance(size, str) else parts[1]
        if len(parts) > 2 and parts[2]:
            item["date"] = normal_date(parts[2]) or parts[2]
        if len(parts) > 3 and parts[3]:
            item["sha256"] = parts[3]
        if len(parts) > 4:
            item["unexpected"] = "|".join(parts[4:])  # named as an unknown field
        files.append(item)
    return files


def _boolean(value: str) -> bool | str:
    text = value.strip().lower()
    if text in YES:
        return True
    if text in NO:
        return False
    return value  # the reader says it must be yes or no


def _row_data(row: dict[str, str], words: Words, reader: Reader, now: datetime.datetime) -> dict:
    """A CSV row as the API's incident data; date and time problems are reported here.

    With the date or time wrong, the rest is still read (at a stand-in time)
    so that every problem of the row is named at once.
    """
    data: dict = {}
    date_text, time_text = row.get("date", ""), row.get("time", "")
    day = normal_date(date_text) if date_text.strip() else None
    moment = normal_time(time_text) if time_text.strip() else None
    if not date_text.strip():
        reader.error("date", "required")
    elif day is None:
        reader.error("date", "invalid_date")
    if not time_text.strip():
        reader.error("time", "required")
    elif moment is None:
        reader.error("time", "invalid_time")
    data["when"] = "%sT%s" % (day, moment) if day and moment else now.strftime("%Y-%m-%dT%H:%M")
    for column, table in (("target", words.targets), ("channel", words.channels)):
        if row.get(column, "").strip():
            data[column] = _code(row[column], table)
    for column in ("caller", "description"):
        if row.get(column, "").strip():
            data[column] = row[column]
    for flag in FLAGS:
        data[flag] = _boolean(row.get(flag, ""))
    if row.get("tactics", "").strip():
        data["tactics"] = _codes(row["tactics"], words.tactics)
    if row.get("evidence", "").strip():
        data["evidence"] = _codes(row["evidence"], words.evidence)
    if row.get("files", "").strip():
        data["files"] = _files(row["files"])
    return data


def _column_of(name: str) -> str:
    """The CSV column a reader field belongs to: ``row.files[0].sha256`` → files."""
    head = re.split(r"[.\[]", name.removeprefix("row."), maxsplit=1)[0]
    return FIELD_COLUMNS.get(head, head if head in COLUMNS else "")


def read_csv(
    text: str,
    *,
    words: Words,
    now: datetime.datetime,
    existing: Sequence[Incident] = (),
) -> Imported:
    """Read a CSV log: every good row kept, every problem named by row and column.

    ``existing`` is the log the rows are added to: what it already holds
    counts towards the log's totals.
    """
    result = Imported()
    if len(text.encode()) > MAX_CSV_BYTES:
        result.errors.append(
            RowError(0, "", FieldError("csv", "csv_too_large", {"max": MAX_CSV_BYTES}))
        )
        return result
    # The csv module refuses cells over 131,072 characters (a process-wide
    # limit); the file's own bound and the description's are the ones we mean.
    csv.field_size_limit(MAX_CSV_BYTES)
    lines = _rows(text.removeprefix(BOM), result)
    header = next(lines, None)
    if header is None or not any(cell.strip() for cell in header):
        result.errors.append(RowError(1, "", FieldError("csv", "csv_empty")))
        return result
    names = [cell.strip().lower() for cell in header]
    unknown = [name for name in names if name and name not in COLUMNS]
    missing = [name for name in REQUIRED if name not in names]
    for name in unknown:
        result.errors.append(RowError(1, name, FieldError("csv", "csv_unknown_column")))
    for name in missing:
        result.errors.append(RowError(1, name, FieldError("csv", "csv_missing_column")))
    if missing:
        return result
    totals = Totals.of(existing)
    for number, cells in enumerate(lines, start=2):
        if not any(cell.strip() for cell in cells):
            continue  # an empty line
        row = {name: cell for name, cell in zip(names, cells, strict=False) if name in COLUMNS}
        reader = Reader()
        data = _row_data(row, words, reader, now)
        incident = read_incident(reader, data, "row", now=now)
        for error in reader.errors:
            result.errors.append(RowError(number, _column_of(error.field), error))
        if incident is None or reader.errors:
            continue
        refused = totals.refusal(incident)
        if refused is not None:
            result.errors.append(RowError(number, refused[0], refused[1]))
            continue
        totals.add(incident)
        result.incidents.append(incident)
        result.rows.append(number)
    return result


def _rows(text: str, result: Imported) -> Iterator[list[str]]:
    """The CSV's rows, stopping with a row error where the csv module cannot read on."""
    reader = csv.reader(io.StringIO(text))
    while True:
        try:
            row = next(reader)
        except StopIteration:
            return
        except csv.Error:  # e.g. a lone carriage return inside an unquoted cell
            error = FieldError("csv", "csv_unreadable")
            result.errors.append(RowError(reader.line_num, "", error))
            return
        yield row


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
        """(column, why) when the log has no room for this incident, else None."""
        checks = (
            ("", self.count + 1, MAX_INCIDENTS, "log_full"),
            (
                "description",
                self.characters + len(incident.description),
                MAX_INCIDENT_TEXT,
                "log_text_full",
            ),
            (
                "description",
                self.breaks + incident.description.count("\n"),
                MAX_INCIDENT_LINES,
                "log_lines_full",
            ),
            ("files", self.files + len(incident.files), MAX_FILES, "log_files_full"),
            ("tactics", self.marks + marks_of(incident), MAX_INCIDENT_MARKS, "log_marks_full"),
            ("caller", self.callers + len(incident.caller), MAX_CALLER_TEXT, "log_callers_full"),
        )
        for column, total, most, code in checks:
            if total > most:
                return column, FieldError("log", code, {"max": most})
        return None


def _yes_no(value: bool) -> str:
    return "yes" if value else "no"


def file_cell(files: Sequence[EvidenceFile]) -> str:
    return "\n".join(
        "|".join(
            [
                file.name,
                "" if file.size is None else str(file.size),
                file.date.isoformat() if file.date else "",
                file.sha256,
            ]
        ).rstrip("|")
        for file in files
    )


def write_csv(incidents: Iterable[Incident], vocabulary: Vocabulary) -> bytes:
    """The log as CSV bytes: header, then one row per incident in time order."""
    buffer = io.StringIO()
    buffer.write(BOM)
    writer = csv.writer(buffer, lineterminator="\r\n")
    writer.writerow(COLUMNS)
    tactic_order = vocabulary.tactics.codes
    for incident in sorted(incidents, key=lambda item: item.when):
        writer.writerow(
            [
                incident.when.date().isoformat(),
                incident.when.strftime("%H:%M"),
                incident.target,
                incident.channel,
                incident.caller,
                incident.description,
                *(_yes_no(flag in incident.flags) for flag in FLAGS),
                ";".join(code for code in tactic_order if code in incident.tactics),
                ";".join(code for code in EVIDENCE_KINDS if code in incident.evidence),
                file_cell(incident.files),
            ]
        )
    return buffer.getvalue().encode("utf-8")


def template_csv() -> bytes:
    """The header row alone, for people who fill the log in a spreadsheet."""
    buffer = io.StringIO()
    buffer.write(BOM)
    csv.writer(buffer, lineterminator="\r\n").writerow(COLUMNS)
    return buffer.getvalue().encode("utf-8")
