"""One reader for everything a visitor or a client sends: the engine's answers and letters.

Every door (the interview pages, the JSON API, the command line) turns what
it received into plain data and reads it with a ``Reader``, which collects
every problem with the full name of its field (``events[2].target``,
``complainant.id_number``) and a code; the web layer turns codes into
translated sentences (rights_guide.messages). No Django here, and no
language: the engine's parser and the letter parser use the same methods,
so "required", "out of range" or "invisible characters" mean the same
everywhere.

Text that ends up printed in a letter is checked more strictly than
anywhere else: lengths are counted in code points (a rare name character
such as 𠮷 is one character, as the person writing it sees it), invisible
and control characters are refused instead of silently dropped (a
right-to-left override could make a printed name read differently from
what was sent), and free text is bounded in what it costs to print: a
letter's layout time grows with its lines (each line break or wrapped line
costs about a millisecond in WeasyPrint), so a text may hold at most
``max_lines`` lines and no run of more than ``MAX_UNBROKEN_RUN`` characters
without a place to break it. The line separators U+2028 and U+2029, which
phones paste from some apps, are read as the line breaks they are.
Full-width digits (０-９), which Chinese keyboards type, are read as digits
in numbers and times; other scripts' digits are refused rather than guessed.
A number typed on a page is read by ``typed_number`` wherever it is typed
(the interview's counts and rate, a letter's amount), so １２ is 12 on every
page, and only plain decimal notation is a number: 1e5 is not ¥100,000.
A single line (a name, an address) refuses emoji: the letter fonts cannot
print them (rights_guide.pictographs).
A numeral longer than any bound here (a 5,000-digit count, ``1e5000``) is
read as a number too large for every range, without converting it: Python
refuses to make an int of more than 4,300 digits, and nothing here needs 30.
"""

from __future__ import annotations

import datetime
import math
import re
import unicodedata
from collections.abc import Mapping
from collections.abc import Set as AbstractSet
from dataclasses import dataclass, field
from decimal import Decimal
from typing import Any

from rights_guide.pictographs import first_emoji

DATE = re.compile(r"^[0-9]{4}-[0-9]{2}-[0-9]{2}$")
TIME_OF_DAY = re.compile(r"^([01][0-9]|2[0-3]):([0-5][0-9])$")
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
TYPED_NUMBER = re.compile(r"^-?[0-9]+(\.[0-9]+)?$")
MAX_NUMERAL_DIGITS = 30  # more than any bound read here; far below Python's 4,300
TOO_LARGE = 10**MAX_NUMERAL_DIGITS  # what a longer numeral reads as: out of every range


def ascii_digits(value: str) -> str:
    """Full-width digits as ASCII ones; other characters unchanged."""
    return value.translate(FULL_WIDTH_DIGITS)


def typed_number(typed: Any) -> int | Decimal | str:
    """What was typed in a number field as the number it means, exactly; else the text, trimmed.

    Digits (full-width ones too), an optional minus and decimal point: a
    whole number is an int, a decimal an exact ``Decimal`` (800.555 stays
    800.555, for the reader to refuse, not round). Anything else, an
    exponent (1e5) included, is left as text for the reader to say what is
    wrong with it. Never raises, however many digits were typed.
    """
    text = ascii_digits(str(typed or "")).strip()
    if not TYPED_NUMBER.match(text):
        return text
    whole = text.split(".")[0].lstrip("-").lstrip("0")
    if len(whole) > MAX_NUMERAL_DIGITS:  # a 5,000-digit count: out of range, not converted
        return -TOO_LARGE if text.startswith("-") else TOO_LARGE
    number = Decimal(text)
    return number if "." in text else int(number)


def numeral(typed: Any) -> int | float | str:
    """``typed_number`` as a JSON number: a decimal as a float (the API's own type)."""
    number = typed_number(typed)
    return float(number) if isinstance(number, Decimal) else number


def character_name(character: str) -> str:
    """U+200E, as a reader can look it up."""
    return "U+%04X" % ord(character)


@dataclass(frozen=True)
class FieldError:
    """One problem with one field, as a code plus the values a message needs."""

    field: str
    code: str
    params: Mapping[str, Any] = field(default_factory=dict)


class Invalid(ValueError):
    """The data is not valid; ``errors`` names every bad field."""

    def __init__(self, errors: list[FieldError]):
        self.errors = errors
        super().__init__("; ".join("%s: %s" % (e.field, e.code) for e in errors))


def short(value: Any) -> str:
    """A value as it may be quoted back in an error message."""
    text = repr(value) if not isinstance(value, str) else value
    return text if len(text) <= 40 else text[:37] + "…"


class Reader:
    """Collects every problem with the field it belongs to."""

    def __init__(self) -> None:
        self.errors: list[FieldError] = []

    def error(self, name: str, code: str, **params: Any) -> None:
        self.errors.append(FieldError(name, code, params))

    def unknown(self, data: Mapping, allowed: AbstractSet[str], prefix: str) -> None:
        extra = data.keys() - allowed
        for key in sorted(extra, key=str):
            self.error(prefix + str(key), "unknown_field")

    def answers(
        self, data: Mapping, questions: tuple[str, ...], prefix: str
    ) -> tuple[frozenset[str], frozenset[str]]:
        """The yes/no fields answered true, and those sent as null (not known).

        Absent means no, as the API has always read it; ``null`` means nobody
        answered, and nothing is assumed. Each value is checked as a boolean.
        """
        answered, unknown = [], []
        for question in questions:
            value = data.get(question, False)
            if value is True:
                answered.append(question)
            elif value is None:
                unknown.append(question)
            elif value is not False:
                self.error(prefix + question, "not_boolean")
        return frozenset(answered), frozenset(unknown)

    def choice(self, data: Mapping, key: str, allowed, name: str) -> str | None:
        """One code of a vocabulary (a tuple of codes, or a registry); required."""
        value = data.get(key)
        if value is None:
            self.error(name, "required")
            return None
        if not isinstance(value, str) or value not in allowed:
            codes = getattr(allowed, "codes", allowed)
            self.error(name, "invalid_choice", value=short(value), allowed=", ".join(codes))
            return None
        return value

    def choices(self, value: Any, allowed: tuple[str, ...], name: str) -> frozenset[str]:
        """A list of codes of a vocabulary, each named by its index when wrong."""
        if value is None:
            return frozenset()
        if not isinstance(value, list):
            self.error(name, "not_list")
            return frozenset()
        chosen = set()
        for index, item in enumerate(value):
            if not isinstance(item, str) or item not in allowed:
                self.error(
                    "%s[%d]" % (name, index),
                    "invalid_choice",
                    value=short(item),
                    allowed=", ".join(allowed),
                )
            else:
                chosen.add(item)
        return frozenset(chosen)

    def boolean(self, data: Mapping, key: str, name: str) -> bool:
        value = data.get(key, False)
        if value is None:
            return False
        if not isinstance(value, bool):
            self.error(name, "not_boolean")
            return False
        return value

    def integer(
        self, data: Mapping, key: str, name: str, low: int, high: int, default: int | None
    ) -> int | None:
        value = data.get(key, default)
        if value is None:
            return default
        if isinstance(value, bool) or not isinstance(value, int):
            if isinstance(value, float) and value.is_integer():
                value = int(value)
            else:
                self.error(name, "not_integer")
                return default
        if not low <= value <= high:
            self.error(name, "out_of_range", min=low, max=high)
            return default
        return value

    def number(self, data: Mapping, key: str, name: str, low: float, high: float):
        """A number within bounds (not NaN, not infinite), or None when absent.

        A JSON number (int or float), or the exact ``Decimal`` a page read
        from what was typed (``typed_number``).
        """
        value = data.get(key)
        if value is None:
            return None
        if isinstance(value, bool) or not isinstance(value, int | float | Decimal):
            self.error(name, "not_number")
            return None
        if isinstance(value, Decimal):
            finite = value.is_finite()
        else:  # an int is finite however large, and too large for math.isfinite
            finite = isinstance(value, int) or math.isfinite(value)
        if not finite or not low <= value <= high:
            self.error(name, "out_of_range", min=low, max=high)
            return None
        return value

    def date(
        self,
        data: Mapping,
        key: str,
        name: str,
        *,
        earliest: datetime.date,
        latest: datetime.date,
    ) -> datetime.date | None:
        """``YYYY-MM-DD`` between ``earliest`` and ``latest``, or None when absent or wrong."""
        value = data.get(key)
        if value is None:
            return None
        if not isinstance(value, str) or not DATE.match(value):
            self.error(name, "invalid_date")
            return None
        try:
            day = datetime.date.fromisoformat(value)
        except ValueError:
            self.error(name, "invalid_date")
            return None
        if day > latest:
            self.error(name, "date_in_future")
            return None
        if day < earliest:
            self.error(name, "date_too_early", earliest=earliest.isoformat())
            return None
        return day

    def time_of_day(self, data: Mapping, key: str, name: str) -> datetime.time | None:
        """``HH:MM`` on the 24-hour clock, or None when absent."""
        value = data.get(key)
        if value is None:
            return None
        match = TIME_OF_DAY.match(value) if isinstance(value, str) else None
        if match is None:
            self.error(name, "invalid_time")
            return None
        return datetime.time(int(match.group(1)), int(match.group(2)))

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
        if raw is None:
            return None
        emoji = first_emoji(raw)  # a name or address printed with boxes is of no use
        if emoji is not None:
            self.error(name, "emoji", position=emoji[0], character=emoji[1])
            return None
        if not self._visible(raw, name, REFUSED_IN_LINE, allowed=frozenset()):
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
