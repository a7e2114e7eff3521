"""What of the evidence log a letter's appendix shows: the writer's choice, part of the request.

Every letter used to carry the whole log, the borrower's private notes
included ("对我妈说我欠了三万元"), even a repayment proposal. The writer
now chooses, per letter, whether the appendix is attached at all and which
of its optional columns it shows; the time, the means, who was contacted
and the yes/no facts of each contact are always there when it is.

The choice is read with the other inputs of a letter (``"appendix"`` in
``POST /api/v1/letters``) and written back with them, so a stored letter
keeps exactly what it was made from and prints again the same. A request
without it gets the whole appendix, as before (older stored letters and
API clients are unchanged); the letter pages start from ``PAGE_DEFAULT``,
which leaves the notes out. No Django here.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any

from rights_guide.reading import Reader

FIELD = "appendix"
# The optional columns, in the order the letter page lists them: the number that called,
# the tactics marked, the kinds of evidence kept, the evidence files with their
# fingerprints, and what was said in the borrower's own words.
COLUMNS = ("caller", "tactics", "evidence", "files", "notes")
PRIVATE = frozenset({"notes"})  # free text: left out unless the writer ticks it
KEYS = frozenset({"include", "columns"})


@dataclass(frozen=True)
class AppendixChoice:
    include: bool = True
    columns: frozenset[str] = frozenset(COLUMNS)

    def shows(self, column: str) -> bool:
        return self.include and column in self.columns

    def to_data(self) -> dict[str, Any]:
        return {"include": self.include, "columns": [c for c in COLUMNS if c in self.columns]}


WHOLE = AppendixChoice()  # a request that does not say: everything, as before
PAGE_DEFAULT = AppendixChoice(columns=frozenset(COLUMNS) - PRIVATE)


def read_appendix_choice(reader: Reader, data: Mapping) -> AppendixChoice:
    """The request's ``appendix`` object (``{"include": true, "columns": [...]}``), or the whole."""
    raw = reader.mapping(data, FIELD, FIELD, required=False)
    if raw is None:
        return WHOLE
    reader.unknown(raw, KEYS, FIELD + ".")
    include = raw.get("include", True)
    if not isinstance(include, bool):
        reader.error(FIELD + ".include", "not_boolean")
        include = True
    columns = raw.get("columns")
    if columns is None:
        return AppendixChoice(include=include)
    chosen = reader.choices(columns, COLUMNS, FIELD + ".columns")
    return AppendixChoice(include=include, columns=frozenset(chosen or ()))


def appendix_choice_data(choice: AppendixChoice) -> dict[str, Any] | None:
    """The choice as request data, or None for the whole appendix (left out, as before)."""
    return None if choice == WHOLE else choice.to_data()
