"""What a writer chooses for one letter alone, declared by the letter's kind as data.

Most letters need only the details every letter shares. A few need more:
the contact terms say which channels and hours may be used, the repayment
proposal what the borrower can pay and from when. A kind declares these as a
``ChoiceSet`` of parts (ticks from a list of options, a line, free text, an
optional from-to pair of times, an amount, a day), and everything else is
made from that declaration: the reader here (the API, the command line and
the choices page judge alike, with the shared ``Reader``), the plain data
written back for a stored letter, the choices page's form
(letters/web/choices.py) and the OpenAPI schema (api/openapi.py). Adding a
kind with choices of its own is then its module and its texts; see
docs/CONTRIBUTING.md.

No Django here: labels are whatever the kind gives (lazy translations), and
options may be given as a function when they come from the knowledge base,
so the vocabulary is read once it is loaded.
"""

from __future__ import annotations

import datetime
from collections.abc import Callable, Mapping
from dataclasses import dataclass
from decimal import Decimal
from typing import Any

from rights_guide.reading import Reader

CENT = Decimal("0.01")
TIME_PATTERN = "^([01][0-9]|2[0-3]):[0-5][0-9]$"
DATE_PATTERN = "^[0-9]{4}-[0-9]{2}-[0-9]{2}$"


@dataclass(frozen=True)
class Option:
    """One choice: its code, its label on the choices page, and its words in the letter."""

    code: str
    label: Any  # a lazy translation, or text already in the page's language
    letter: Any = ""


@dataclass(frozen=True)
class Part:
    """One question of a choice set; ``name`` is its key in the request object."""

    name: str
    label: Any
    help_text: Any = ""
    required: bool = False
    # Personal data (a phone number, a name): the first typed rotates the case's key.
    personal: bool = False

    empty: Any = None  # the value when nothing was chosen or typed

    def read(self, reader: Reader, raw: Mapping, path: str, today: datetime.date) -> Any:
        raise NotImplementedError

    def to_data(self, value: Any) -> Any:
        return value

    def schema(self) -> dict[str, Any]:
        raise NotImplementedError

    def blank(self, value: Any) -> bool:
        """Besides null, what counts as nothing sent: an empty text."""
        return value == ""

    def _absent(self, reader: Reader, raw: Mapping, path: str) -> bool:
        """Whether nothing was sent for this part; a required part says so."""
        value = raw.get(self.name)
        if value is None or self.blank(value):
            if self.required:
                reader.error(path, "required")
            return True
        return False


@dataclass(frozen=True)
class Ticks(Part):
    """Any number of options from a list (the chosen, in the list's order)."""

    options: tuple[Option, ...] | Callable[[], tuple[Option, ...]] = ()
    empty: Any = ()

    def blank(self, value: Any) -> bool:
        return isinstance(value, list) and not value

    def option_list(self) -> tuple[Option, ...]:
        return self.options() if callable(self.options) else self.options

    def codes(self) -> tuple[str, ...]:
        return tuple(option.code for option in self.option_list())

    def read(self, reader, raw, path, today):
        if self._absent(reader, raw, path):
            return self.empty
        codes = self.codes()
        chosen = reader.choices(raw.get(self.name), codes, path)
        return tuple(code for code in codes if code in chosen)

    def to_data(self, value):
        return list(value)

    def letter_words(self, codes: tuple[str, ...]) -> list[str]:
        """The chosen options in the letter's words, in the list's order."""
        words = {option.code: str(option.letter) for option in self.option_list()}
        return [words[code] for code in codes]

    def schema(self):
        schema: dict[str, Any] = {
            "type": "array",
            "items": {"type": "string", "enum": list(self.codes())},
        }
        if self.required:
            schema["minItems"] = 1
        return schema


@dataclass(frozen=True)
class Line(Part):
    """One line of text."""

    max_length: int = 200
    empty: Any = ""

    def read(self, reader, raw, path, today):
        value = reader.line(
            raw, self.name, path, max_length=self.max_length, required=self.required
        )
        return value or self.empty

    def schema(self):
        return {"type": "string", "maxLength": self.max_length}


@dataclass(frozen=True)
class Text(Part):
    """Free text over a few lines, in the writer's own words."""

    max_length: int = 1000
    max_lines: int = 15
    empty: Any = ""

    def read(self, reader, raw, path, today):
        value = reader.text(
            raw, self.name, path, max_length=self.max_length, max_lines=self.max_lines
        )
        if not value and self.required:
            reader.error(path, "required")
        return value or self.empty

    def schema(self):
        return {"type": "string", "maxLength": self.max_length}


@dataclass(frozen=True)
class Hours(Part):
    """A from-to pair of times of day, the first before the second; optional as a whole.

    ``within`` bounds the pair (both ends inclusive): hours that reach
    outside it are refused (``hours_outside``), never narrowed silently.
    The contact terms keep to the daytime, 08:00 to 22:00, so a signed
    letter can never grant the consent that lets collectors call at night.
    """

    from_label: Any = ""
    to_label: Any = ""
    from_help: Any = ""
    to_help: Any = ""
    initial: tuple[str, str] | None = None  # shown on the page before anything is chosen
    within: tuple[datetime.time, datetime.time] | None = None

    def read(self, reader, raw, path, today):
        pair = reader.mapping(raw, self.name, path, required=self.required)
        if pair is None:
            return None
        reader.unknown(pair, frozenset({"from", "to"}), path + ".")
        times = []
        for end in ("from", "to"):
            if pair.get(end) in (None, ""):
                reader.error(path + "." + end, "required")
                times.append(None)
            else:
                times.append(reader.time_of_day(pair, end, path + "." + end))
        start, finish = times
        if start is None or finish is None:
            return None
        if self.within is not None:
            earliest, latest = self.within
            params = {"earliest": earliest.strftime("%H:%M"), "latest": latest.strftime("%H:%M")}
            outside = False
            if not earliest <= start < latest:
                reader.error(path + ".from", "hours_outside", **params)
                outside = True
            if not earliest < finish <= latest:
                reader.error(path + ".to", "hours_outside", **params)
                outside = True
            if outside:
                return None
        if start >= finish:
            reader.error(path + ".to", "hours_order")
            return None
        return (start, finish)

    def to_data(self, value):
        return {"from": value[0].strftime("%H:%M"), "to": value[1].strftime("%H:%M")}

    def schema(self):
        time = {"type": "string", "pattern": TIME_PATTERN}
        schema: dict[str, Any] = {
            "type": "object",
            "properties": {"from": time, "to": time},
            "required": ["from", "to"],
            "additionalProperties": False,
        }
        if self.within is not None:
            schema["description"] = "Both times from %s to %s." % tuple(
                end.strftime("%H:%M") for end in self.within
            )
        return schema


@dataclass(frozen=True)
class Amount(Part):
    """An amount of money in yuan, to the fen: more decimals are refused, never rounded.

    A letter states the amount its writer typed; 800.555 rounded to 800.56
    would be a promise they did not make.
    """

    minimum: int = 1
    maximum: int = 10_000_000

    def read(self, reader, raw, path, today):
        if self._absent(reader, raw, path):
            return None
        if isinstance(raw.get(self.name), str):  # what a page could not read as digits (1e5)
            reader.error(path, "not_amount")
            return None
        number = reader.number(raw, self.name, path, self.minimum, self.maximum)
        if number is None:
            return None
        amount = number if isinstance(number, Decimal) else Decimal(str(number))
        if amount != amount.quantize(CENT):
            reader.error(path, "too_many_decimals", places=2)
            return None
        return amount.quantize(CENT)

    def to_data(self, value):
        return int(value) if value == value.to_integral_value() else float(value)

    def schema(self):
        return {"type": "number", "minimum": self.minimum, "maximum": self.maximum}


@dataclass(frozen=True)
class Day(Part):
    """A day still to come: from today to ``latest_days`` from today.

    What a letter proposes (a first payment) cannot start on a day already
    gone; today is fine.
    """

    latest_days: int = 731

    def read(self, reader, raw, path, today):
        if self._absent(reader, raw, path):
            return None
        day = reader.date(
            raw, self.name, path, earliest=datetime.date.min, latest=datetime.date.max
        )
        latest = today + datetime.timedelta(days=self.latest_days)
        if day is not None and day < today:
            reader.error(path, "date_in_past", earliest=today.isoformat())
            return None
        if day is not None and day > latest:
            reader.error(path, "date_too_late", latest=latest.isoformat())
            return None
        return day

    def to_data(self, value):
        return value.isoformat()

    def schema(self):
        return {"type": "string", "pattern": DATE_PATTERN}


class Chosen:
    """What was chosen, read and normalised: each part's value by name (``terms.channels``).

    A part left out holds its empty value (no ticks, no text, no hours), so
    a builder reads every part the same way whether or not it was answered.
    """

    def __init__(self, choice_set: ChoiceSet, values: Mapping[str, Any]):
        self._set = choice_set
        self._values = {part.name: values.get(part.name, part.empty) for part in choice_set.parts}

    @property
    def field(self) -> str:
        return self._set.field

    def __getattr__(self, name: str) -> Any:
        try:
            return self.__dict__["_values"][name]
        except KeyError:
            raise AttributeError(name) from None

    def __eq__(self, other: object) -> bool:
        return isinstance(other, Chosen) and (self.field, self._values) == (
            other.field,
            other._values,
        )

    def __hash__(self) -> int:
        return hash((self.field, tuple(self._values.items())))  # values are tuples, dates…

    def __repr__(self) -> str:
        return "Chosen(%s, %r)" % (self.field, self._values)

    def to_data(self) -> dict[str, Any]:
        """The API's shape: parts left empty are left out (a required one never is)."""
        return {
            part.name: part.to_data(self._values[part.name])
            for part in self._set.parts
            if self._values[part.name] not in (None, "", ())
        }


@dataclass(frozen=True)
class ChoiceSet:
    """The choices one kind of letter asks for, on a page of its own before the shared details.

    ``field`` is the request object that carries them (the API's
    ``contact_terms``); ``heading`` and ``intro`` open the page.
    """

    field: str
    heading: Any
    intro: Any
    parts: tuple[Part, ...]

    def __post_init__(self) -> None:
        names = [part.name for part in self.parts]
        if len(set(names)) != len(names):
            raise ValueError("choice set %s names a part twice" % self.field)

    def part(self, name: str) -> Part:
        return next(part for part in self.parts if part.name == name)

    def read(self, reader: Reader, data: Mapping, *, today: datetime.date) -> Chosen | None:
        """The request's ``field`` object, or None (with every problem reported) when it is wrong."""
        raw = reader.mapping(data, self.field, self.field, required=True)
        if raw is None:
            return None
        before = len(reader.errors)
        reader.unknown(raw, frozenset(part.name for part in self.parts), self.field + ".")
        values = {
            part.name: part.read(reader, raw, self.field + "." + part.name, today)
            for part in self.parts
        }
        if len(reader.errors) > before:
            return None
        return Chosen(self, values)

    def schema(self) -> dict[str, Any]:
        """The JSON schema of the request object, for the OpenAPI document."""
        return {
            "type": "object",
            "properties": {part.name: part.schema() for part in self.parts},
            "required": [part.name for part in self.parts if part.required],
            "additionalProperties": False,
        }


def read_choices(
    reader: Reader, data: Mapping, wanted: ChoiceSet | None, kinds, *, today: datetime.date
) -> Chosen | None:
    """The choices object the letter takes (``wanted``, required), read.

    Another letter's choices object is refused (``not_for_kind``) rather
    than silently ignored: a client that sends it expects it printed.
    """
    chosen = None
    for kind in kinds:
        choice_set = kind.choices
        if choice_set is None:
            continue
        if wanted is not None and choice_set.field == wanted.field:
            continue
        if data.get(choice_set.field) is not None:
            reader.error(choice_set.field, "not_for_kind", kind=kind.code)
    if wanted is not None:
        chosen = wanted.read(reader, data, today=today)
    return chosen


def choice_fields(kinds) -> frozenset[str]:
    """Every request field that carries some kind's choices."""
    return frozenset(kind.choices.field for kind in kinds if kind.choices is not None)
