"""The log's CSV, cell by cell: column names, decoding a file, and what a spreadsheet does to a cell.

Kept apart from the reader (``csvio``) and the writer (``csvexport``)
because both sides must agree on every rule here, or an export would not
import back to the same log:

- Column names: the codes (``date``, ``time``…), and a Chinese name for
  each (``日期``, ``时间``, ``被联系的人``, ``方式``…), for people who type
  the header in their own language. The export writes the codes.
- Decoding: UTF-8 with or without a byte-order mark, else GB18030 (a
  superset of GBK, what WPS and Excel in China save); a file holding NUL
  bytes or neither encoding is not text (an .xlsx, a picture).
- Formulas: a cell that starts with ``=``, ``+``, ``-``, ``@``, a tab or a
  carriage return would run as a formula in Excel or WPS (OWASP "CSV
  injection"), so the export puts an apostrophe before it; the import
  takes exactly one apostrophe off again. Cells that already start with
  apostrophes before such a character get one more, so the rule can be
  undone for any text.
- Numbers as text: a caller made only of digits is written after a tab,
  so a spreadsheet keeps it as text (``13812345678``, ``01012345678``)
  instead of ``1.38E+10`` or a lost leading zero; the reader trims it.

No Django here.
"""

from __future__ import annotations

import datetime
import re

from rights_guide.evidence.record import FLAGS
from rights_guide.reading import ascii_digits, typed_number

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
# The Chinese name of each column, accepted in the header row as the code is.
CHINESE_NAMES = {
    "date": "日期",
    "time": "时间",
    "target": "被联系的人",
    "channel": "方式",
    "caller": "对方号码或名称",
    "description": "说了或做了什么",
    "disclosed_debt": "透露了欠款",
    "asked_to_pay": "要求还款",
    "after_stop_request": "要求停止之后",
    "tactics": "手段",
    "evidence": "证据",
    "files": "证据文件",
}
# A few other names people type for the same columns.
OTHER_NAMES = {"时间点": "time", "联系方式": "channel", "号码": "caller", "描述": "description"}
HEADER_NAMES = {
    **{column: column for column in COLUMNS},
    **{name: column for column, name in CHINESE_NAMES.items()},
    **OTHER_NAMES,
}
BOM = "\ufeff"
MAX_CSV_BYTES = 2 * 1024 * 1024
DATE = re.compile(r"^([0-9]{4})[-/.]([0-9]{1,2})[-/.]([0-9]{1,2})$")
TIME = re.compile(r"^([0-9]{1,2})[:：]([0-9]{2})(?:[:：][0-9]{2})?$")
FORMULA_START = re.compile(r"^'*[=+\-@\t\r]")
PROTECTED = re.compile(r"^'+[=+\-@\t\r]")
DIGITS = re.compile(r"^[0-9]+$")


def column_of(header_cell: str) -> str | None:
    """The column a header cell names (a code or its Chinese name, any case), else None."""
    text = header_cell.strip().removeprefix(BOM).strip()
    return HEADER_NAMES.get(text.lower()) or HEADER_NAMES.get(text)


def decode_csv(raw: bytes) -> str | None:
    """A CSV file's text (UTF-8, with or without a BOM, else GB18030); None if it is not text."""
    if b"\x00" in raw:
        return None  # UTF-16, a spreadsheet's own format, a picture: not a CSV text file
    for encoding in ("utf-8-sig", "gb18030"):  # spreadsheets in China often save GB18030/GBK
        try:
            return raw.decode(encoding)
        except UnicodeDecodeError:
            continue
    return None


def protect(cell: str) -> str:
    """The cell as written: an apostrophe before anything a spreadsheet would run as a formula."""
    return "'" + cell if FORMULA_START.match(cell) else cell


def unprotect(cell: str) -> str:
    """The cell as it was before ``protect``: one apostrophe taken off a protected formula."""
    return cell[1:] if PROTECTED.match(cell) else cell


def as_text_number(cell: str) -> str:
    """A cell of digits only, written so a spreadsheet keeps it as text (a phone number)."""
    return "\t" + cell if DIGITS.match(cell) else cell


def from_text_number(cell: str) -> str:
    """The digits of a cell written by ``as_text_number`` (the tab before them taken off)."""
    return cell[1:] if cell.startswith("\t") and DIGITS.match(cell[1:]) else cell


def read_cell(cell: str) -> str:
    """A cell as the log wrote it: formula protection and the text-number tab undone."""
    return from_text_number(unprotect(cell))


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


def files_of(value: str) -> list[dict]:
    """The files cell (one per line, ``name|size|YYYY-MM-DD|sha256``) as the API's file data."""
    files = []
    for line in value.replace("\r\n", "\n").split("\n"):
        if not line.strip():
            continue
        parts = [part.strip() for part in line.split("|")]
        item: dict = {"name": parts[0]}
        if len(parts) > 1 and parts[1]:
            size = typed_number(parts[1].replace(",", ""))
            item["size"] = size if isinstance(size, int) else parts[1]  # else the reader says why
        if len(parts) > 2 and parts[2]:
            item["date"] = normal_date(parts[2]) or parts[2]
        if len(parts) > 3 and parts[3]:
            item["sha256"] = parts[3]
        if len(parts) > 4:
            item["unexpected"] = "|".join(parts[4:])  # named as an unknown field
        files.append(item)
    return files
