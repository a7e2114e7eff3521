"""The log's CSV read back: a row-by-row import that keeps every good row and names each problem.

Columns (docs/evidence-log.md and the import page say the same), one row per
incident, with a header row naming the columns in any order, by their codes
or their Chinese names (``csvcells.CHINESE_NAMES``):

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
good rows are kept. A row identical to a contact already in the log, or to
an earlier row of the file, is a duplicate (importing a backup twice):
duplicates are counted and left out unless asked for. What the log may
hold in all is checked row by row (``room``), except the notes, which are
cut to fit and counted. A quotation mark that is never closed is named
with its row, and nothing from that row on is added. The writer is
``csvexport``; both follow ``csvcells``. No Django here.
"""

from __future__ import annotations

import csv
import datetime
import io
import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field

from rights_guide.evidence.csvcells import (
    BOM,
    COLUMNS,
    MAX_CSV_BYTES,
    REQUIRED,
    column_of,
    files_of,
    normal_date,
    normal_time,
    read_cell,
)
from rights_guide.evidence.csvexport import file_cell, template_csv, write_csv
from rights_guide.evidence.record import EVIDENCE_KINDS, FLAGS, Incident, read_incident
from rights_guide.evidence.room import Seen, Totals, fit_notes
from rights_guide.knowledge.vocabulary import Vocabulary
from rights_guide.reading import FieldError, Reader

__all__ = [
    "BOM",
    "COLUMNS",
    "MAX_CSV_BYTES",
    "Imported",
    "RowError",
    "Words",
    "file_cell",
    "normal_date",
    "normal_time",
    "read_csv",
    "template_csv",
    "write_csv",
]

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
    """What an import read: the good rows (in the file's order), the duplicates left out, every problem."""

    incidents: list[Incident] = field(default_factory=list)
    rows: list[int] = field(default_factory=list)  # the spreadsheet row of each good incident
    errors: list[RowError] = field(default_factory=list)
    duplicates: list[int] = field(default_factory=list)  # rows left out as already in the log
    duplicates_kept: int = 0  # rows added although identical to one already there
    shortened: int = 0  # notes cut so that all of them fit in the log

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
        data["files"] = files_of(row["files"])
    return data


def _column_of(name: str) -> str:
    """The CSV column a reader field belongs to: ``row.files[0].sha256`` → files."""
    head = re.split(r"[.\[]", name.removeprefix("row."), maxsplit=1)[0]
    return FIELD_COLUMNS.get(head, head if head in COLUMNS else "")


def _records(text: str) -> tuple[list[list[str]], int | None]:
    """The file's records, and the number of the record whose quotation mark is never closed.

    (Negative: the record where the file stops being readable CSV at all.)

    Python's lenient reader runs such a quote on to the end of the file,
    silently merging every row after it into one cell; its strict reader
    stops there instead, which is how the record is found.
    """
    # The csv module refuses cells over 131,072 characters (a process-wide limit);
    # the file's own bound and each column's are the ones we mean.
    csv.field_size_limit(MAX_CSV_BYTES)
    records = []
    lenient = csv.reader(io.StringIO(text))
    try:
        for record in lenient:
            records.append(record)
    except csv.Error:  # e.g. a lone carriage return inside an unquoted cell
        return records, -(lenient.line_num or len(records) + 1)
    strict = csv.reader(io.StringIO(text), strict=True)
    read = 0
    try:
        for _record in strict:
            read += 1
    except csv.Error as error:
        if "unexpected end of data" in str(error):
            return records[:read], read + 1
    return records, None


def _header(cells: list[str], result: Imported) -> list[str] | None:
    """Each header cell's column ("" for unknown ones); None when the file cannot be read on."""
    if not any(cell.strip() for cell in cells):
        result.errors.append(RowError(1, "", FieldError("csv", "csv_empty")))
        return None
    names = [column_of(cell) or "" for cell in cells]
    if not any(names) and normal_date(cells[0]):
        result.errors.append(RowError(1, "", FieldError("csv", "csv_no_header")))
        return None
    for cell, name in zip(cells, names, strict=True):
        if cell.strip() and not name:
            result.errors.append(RowError(1, cell.strip(), FieldError("csv", "csv_unknown_column")))
    missing = [name for name in REQUIRED if name not in names]
    for name in missing:
        result.errors.append(RowError(1, name, FieldError("csv", "csv_missing_column")))
    return None if missing else names


def read_csv(
    text: str,
    *,
    words: Words,
    now: datetime.datetime,
    existing: Sequence[Incident] = (),
    keep_duplicates: bool = False,
) -> Imported:
    """Read a CSV log: every good row kept, every problem named by row and column.

    ``existing`` is the log the rows are added to: what it already holds
    counts towards the log's totals, and a row identical to one of its
    contacts is a duplicate, left out unless ``keep_duplicates``.
    """
    result = Imported()
    if len(text.encode()) > MAX_CSV_BYTES:
        result.errors.append(
            RowError(0, "", FieldError("csv", "csv_too_large", {"max": MAX_CSV_BYTES}))
        )
        return result
    records, unclosed = _records(text.removeprefix(BOM))
    names = _header(records[0], result) if records else None
    if not records:
        result.errors.append(RowError(1, "", FieldError("csv", "csv_empty")))
    if names is None:
        return result
    totals = Totals.of(existing)
    room_for_notes = totals.room_for_notes
    seen = Seen(existing)
    for number, cells in enumerate(records[1:], start=2):
        if not any(cell.strip() for cell in cells):
            continue  # an empty line
        row = {name: read_cell(cell) for name, cell in zip(names, cells, strict=False) if name}
        reader = Reader()
        data = _row_data(row, words, reader, now)
        incident = read_incident(reader, data, "row", now=now)
        for error in reader.errors:
            result.errors.append(RowError(number, _column_of(error.field), error))
        if incident is None or reader.errors:
            continue
        if incident in seen:
            if not keep_duplicates:
                result.duplicates.append(number)
                continue
            result.duplicates_kept += 1
        refused = totals.refusal(incident)
        if refused is not None:
            result.errors.append(RowError(number, refused[0], refused[1]))
            continue
        seen.add(incident)
        totals.add(incident)
        result.incidents.append(incident)
        result.rows.append(number)
    if unclosed is not None and unclosed < 0:  # the csv module could not read on from there
        result.errors.append(RowError(-unclosed, "", FieldError("csv", "csv_unreadable")))
    elif unclosed is not None:
        result.errors.append(RowError(unclosed, "", FieldError("csv", "csv_unclosed_quote")))
    characters, breaks = room_for_notes
    result.incidents, result.shortened = fit_notes(
        result.incidents, characters=characters, breaks=breaks
    )
    return result
