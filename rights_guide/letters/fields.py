"""Readers for the free-text and identity fields of a letter request.

A letter prints what people type into a document they sign and send, so
text is checked more strictly than anywhere else: lengths are counted in
code points (a rare name character such as 𠮷 is one character, as the
person writing it sees it, not two UTF-16 units), invisible and control
characters are refused instead of silently dropped (a right-to-left
override could make a printed name read differently from what was sent),
and identity numbers are checked the way the issuing authority defines
them. Like the engine's parser, these readers collect problems as codes on
a shared list and stay free of Django.

Free text is also bounded in what it costs to print: a letter's layout time
grows with its lines (each line break or wrapped line costs about a
millisecond in WeasyPrint), so a text may hold at most ``max_lines`` lines
and no run of more than ``MAX_UNBROKEN_RUN`` characters without a place to
break it. The line separators U+2028 and U+2029, which phones paste from
some apps, are read as the line breaks they are. Full-width digits
(０-９), which Chinese keyboards type, are read as digits in numbers and
times; other scripts' digits are refused rather than guessed.
"""

from __future__ import annotations

import datetime
import re
import unicodedata
from collections.abc import Mapping
from typing import Any

from rights_guide.assessment import FieldError

# Single-line fields (names, phone, address) accept no control or format
# characters at all; free text keeps line breaks and tabs, and the format
# characters emoji are built from (ZWJ, variation selectors), but never the
# bidirectional controls that reorder what a reader sees.
BIDI_CONTROLS = frozenset(
    "\u061c\u200e\u200f\u202a\u202b\u202c\u202d\u202e\u2066\u2067\u2068\u2069"
)
LINE_BREAKS = frozenset("\n\r\t")  # the only control characters free text keeps
REFUSED_IN_LINE = frozenset({"Cc", "Cf", "Cs", "Co", "Zl", "Zp"})
REFUSED_IN_TEXT = frozenset({"Cc", "Cs", "Co", "Zl", "Zp"})
SPACES = re.compile(r"[^\S\n]+")
BLANK_LINES = re.compile(r"\n{3,}")
MOBILE = re.compile(r"^1[3-9][0-9]{9}$")
PHONE_SEPARATORS = re.compile(r"[\s\-()（）]")
INCIDENT_TIME = re.compile(r"^([0-9]{4})-([0-9]{2})-([0-9]{2})T([0-9]{2}):([0-9]{2})$")
ID_WEIGHTS = (7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2)
ID_CHECK_CHARACTERS = "10X98765432"
ID_NUMBER = re.compile(r"^[0-9]{17}[0-9X]$")
# Characters between which a line may break: spaces, CJK text (ideographs,
# kana, hangul, CJK and full-width punctuation, the supplementary ideograph
# planes) and emoji with their joiners and variation selectors (line-break
# class ID, Unicode annex 14). Anything else in a row is one "word" the
# layout must measure whole.
UNBROKEN_RUN = re.compile(
    r"[^\s\u2e80-\u9fff\uac00-\ud7af\uf900-\ufaff\ufe30-\ufe4f\uff00-\uffef"
    r"\u200d\ufe0f\u2600-\u27bf\U0001f000-\U0001faff\U00020000-\U0003ffff]+"
)
MAX_UNBROKEN_RUN = 100
LINE_SEPARATORS = str.maketrans({"\u2028": "\n", "\u2029": "\n"})
FULL_WIDTH_DIGITS = str.maketrans("０１２３４５６７８９", "0123456789")


def ascii_digits(value: str) -> str:
    """Full-width digits as ASCII ones; other characters unchanged."""
    return value.translate(FULL_WIDTH_DIGITS)


def character_name(character: str) -> str:
    """U+200E, as a reader can look it up."""
    return "U+%04X" % ord(character)


class Reader:
    """Collects every problem with the field it belongs to."""

    def __init__(self) -> None:
        self.errors: list[FieldError] = []

    def error(self, name: str, code: str, **params: Any) -> None:
        self.errors.append(FieldError(name, code, params))

    def unknown(self, data: Mapping, allowed: frozenset[str], prefix: str) -> None:
        for key in sorted(set(data) - allowed, key=str):
            self.error(prefix + str(key), "unknown_field")

    def mapping(self, data: Mapping, key: str, name: str, *, required: bool) -> Mapping | None:
        value = data.get(key)
        if value is None:
            if required:
                self.error(name, "required")
            return None
        if not isinstance(value, Mapping):
            self.error(name, "not_object")
            return None
        return value

    def line(
        self, data: Mapping, key: str, name: str, *, max_length: int, required: bool
    ) -> str | None:
        """One line of text: trimmed, inner runs of spaces collapsed, no invisible characters."""
        raw = self._string(data, key, name, required=required)
        if raw is None or not self._visible(raw, name, REFUSED_IN_LINE, allowed=frozenset()):
            return None
        return self._sized(SPACES.sub(" ", raw).strip(), name, max_length, required=required)

    def text(
        self, data: Mapping, key: str, name: str, *, max_length: int, max_lines: int
    ) -> str | None:
        """Free text that may span lines; None when absent, "" when sent empty."""
        raw = self._string(data, key, name, required=False)
        if raw is None:
            return None
        raw = raw.translate(LINE_SEPARATORS)
        if not self._visible(raw, name, REFUSED_IN_TEXT, allowed=LINE_BREAKS):
            return None
        lines = (
            SPACES.sub(" ", part).strip()
            for part in raw.replace("\r\n", "\n").replace("\r", "\n").split("\n")
        )
        value = BLANK_LINES.sub("\n\n", "\n".join(lines)).strip()
        value = self._sized(value, name, max_length, required=False)
        if value is None:
            return None
        if value.count("\n") + 1 > max_lines:
            self.error(name, "too_many_lines", max=max_lines)
            return None
        longest = max((len(run) for run in UNBROKEN_RUN.findall(value)), default=0)
        if longest > MAX_UNBROKEN_RUN:
            self.error(name, "unbroken_run", max=MAX_UNBROKEN_RUN, length=longest)
            return None
        return value

    def _string(self, data: Mapping, key: str, name: str, *, required: bool) -> str | None:
        value = data.get(key)
        if value is None:
            if required:
                self.error(name, "required")
            return None
        if not isinstance(value, str):
            self.error(name, "not_string")
            return None
        return value

    def _visible(
        self, value: str, name: str, refused: frozenset[str], *, allowed: frozenset[str]
    ) -> bool:
        for position, character in enumerate(value, start=1):
            if character in allowed:
                continue
            if character in BIDI_CONTROLS or unicodedata.category(character) in refused:
                self.error(
                    name,
                    "invalid_characters",
                    character=character_name(character),
                    position=position,
                )
                return False
        return True

    def _sized(self, value: str, name: str, max_length: int, *, required: bool) -> str | None:
        if required and not value:
            self.error(name, "too_short")
            return None
        if len(value) > max_length:  # code points: 𠮷 counts once
            self.error(name, "too_long", max=max_length)
            return None
        return value


def read_phone(reader: Reader, data: Mapping, key: str, name: str) -> str | None:
    """A mainland mobile number: 11 digits starting 13–19; spaces, dashes and +86 are tolerated."""
    value = reader.line(data, key, name, max_length=40, required=False)
    if not value:
        return None
    digits = PHONE_SEPARATORS.sub("", ascii_digits(value))
    for prefix in ("+86", "0086", "86"):
        if digits.startswith(prefix) and len(digits) == len(prefix) + 11:
            digits = digits[len(prefix) :]
            break
    if not MOBILE.match(digits):
        reader.error(name, "invalid_phone")
        return None
    return digits


def id_number_is_valid(value: str, *, today: datetime.date) -> bool:
    """An 18-character resident ID: a real birth date and the ISO 7064 MOD 11-2 check character."""
    if not ID_NUMBER.match(value):
        return False
    try:
        born = datetime.date(int(value[6:10]), int(value[10:12]), int(value[12:14]))
    except ValueError:
        return False
    if not datetime.date(1900, 1, 1) <= born <= today:
        return False
    total = sum(int(digit) * weight for digit, weight in zip(value[:17], ID_WEIGHTS, strict=True))
    return ID_CHECK_CHARACTERS[total % 11] == value[17]


def read_id_number(
    reader: Reader, data: Mapping, key: str, name: str, *, today: datetime.date
) -> str | None:
    value = reader.line(data, key, name, max_length=40, required=False)
    if not value:
        return None
    value = ascii_digits(value).replace(" ", "").upper()
    if not id_number_is_valid(value, today=today):
        reader.error(name, "invalid_id_number")
        return None
    return value


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
