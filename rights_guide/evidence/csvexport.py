"""The log written as CSV: the export and the empty template.

Codes, UTF-8 with a byte-order mark (Excel and WPS then read Chinese
correctly), in time order, each cell protected from being run as a
formula and digit-only callers kept as text (``csvcells``). Importing an
export into an empty log gives the same log, and the same log always gives
the same bytes: the evidence list prints their SHA-256. No Django here.
"""

from __future__ import annotations

import csv
import io
from collections.abc import Iterable, Sequence

from rights_guide.evidence.csvcells import BOM, COLUMNS, as_text_number, protect
from rights_guide.evidence.record import EVIDENCE_KINDS, FLAGS, EvidenceFile, Incident
from rights_guide.knowledge.vocabulary import Vocabulary


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
                as_text_number(protect(incident.caller)),
                protect(incident.description),
                *(_yes_no(flag in incident.flags) for flag in FLAGS),
                ";".join(code for code in tactic_order if code in incident.tactics),
                ";".join(code for code in EVIDENCE_KINDS if code in incident.evidence),
                protect(file_cell(incident.files)),
            ]
        )
    return buffer.getvalue().encode("utf-8")


def template_csv() -> bytes:
    """The header row alone, for people who fill the log in a spreadsheet."""
    buffer = io.StringIO()
    buffer.write(BOM)
    csv.writer(buffer, lineterminator="\r\n").writerow(COLUMNS)
    return buffer.getvalue().encode("utf-8")
