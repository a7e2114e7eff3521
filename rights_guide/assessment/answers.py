"""The one input type of the engine, and its validation from plain data.

The interview pages, the JSON API and the command line all end here: they
build an ``Answers`` (the pages directly, the others through
``parse_answers``), so there is one definition of what a valid story is.
Validation collects every problem with the field it belongs to and a code;
the web layer turns codes into translated sentences, so this module stays
free of Django and of any one language.
"""

from __future__ import annotations

import datetime
import math
import re
from collections.abc import Mapping
from collections.abc import Set as AbstractSet
from dataclasses import dataclass, field
from decimal import Decimal
from typing import Any, NamedTuple

from rights_guide.knowledge.model import CHANNELS, LENDER_TYPES, TACTICS, TARGETS

MAX_EVENTS = 200
MAX_TIMES_PER_DAY = 1000
MAX_RATE_PERCENT = 10000
EARLIEST_CONDUCT_DATE = datetime.date(2000, 1, 1)
# The night window of GB/T 45251—2025 and the banking-association guideline:
# 22:00 up to (not including) 08:00.
NIGHT_STARTS = datetime.time(22, 0)
NIGHT_ENDS = datetime.time(8, 0)
TIME_OF_DAY = re.compile(r"^([01][0-9]|2[0-3]):([0-5][0-9])$")
DATE = re.compile(r"^[0-9]{4}-[0-9]{2}-[0-9]{2}$")


def is_night(moment: datetime.time) -> bool:
    """True from 22:00 to 07:59; 21:59 and 08:00 are daytime."""
    return moment >= NIGHT_STARTS or moment < NIGHT_ENDS


class Event(NamedTuple):
    """One kind of contact: who, how, how often on the worst day, and what happened.

    A NamedTuple rather than a frozen dataclass: equally immutable, and five
    times cheaper to build, which matters for requests with 200 events.
    """

    target: str
    channel: str
    times_per_day: int = 1
    at_night: bool = False
    disclosed_debt: bool = False
    asked_to_pay: bool = False
    after_stop_request: bool = False
    borrower_unreachable: bool = False
    time_of_day: datetime.time | None = None

    @property
    def night(self) -> bool:
        return self.at_night or (self.time_of_day is not None and is_night(self.time_of_day))


@dataclass(frozen=True)
class Answers:
    """Everything the engine needs to know about one borrower's situation."""

    lender_type: str
    conduct_date: datetime.date
    events: tuple[Event, ...] = ()
    tactics: frozenset[str] = frozenset()
    annual_rate_percent: Decimal | None = None
    continued_after_intervention: bool = False


@dataclass(frozen=True)
class FieldError:
    """One problem with one field, as a code plus the values a message needs."""

    field: str
    code: str
    params: Mapping[str, Any] = field(default_factory=dict)


class InvalidAnswers(ValueError):
    """The data does not describe a valid story; ``errors`` names every bad field."""

    def __init__(self, errors: list[FieldError]):
        self.errors = errors
        super().__init__("; ".join("%s: %s" % (e.field, e.code) for e in errors))


class _Reader:
    def __init__(self) -> None:
        self.errors: list[FieldError] = []

    def error(self, name: str, code: str, **params: Any) -> None:
        self.errors.append(FieldError(name, code, params))

    def unknown(self, data: Mapping, allowed: AbstractSet[str], prefix: str) -> None:
        for key in sorted(set(data) - allowed, key=str):
            self.error(prefix + str(key), "unknown_field")

    def choice(self, data: Mapping, key: str, allowed: tuple[str, ...], name: str) -> str | None:
        if key not in data or data[key] is None:
            self.error(name, "required")
            return None
        value = data[key]
        if not isinstance(value, str) or value not in allowed:
            self.error(name, "invalid_choice", value=_short(value), allowed=", ".join(allowed))
            return None
        return value

    def boolean(self, data: Mapping, key: str, name: str) -> bool:
        value = data.get(key, False)
        if value is None:
            return False
        if not isinstance(value, bool):
            self.error(name, "not_boolean")
            return False
        return value

    def integer(self, data: Mapping, key: str, name: str, low: int, high: int, default: int):
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


def _short(value: Any) -> str:
    text = repr(value) if not isinstance(value, str) else value
    return text if len(text) <= 40 else text[:37] + "…"


def parse_answers(data: Any, *, today: datetime.date, prefix: str = "") -> Answers:
    """Validate plain data (decoded JSON) into Answers, or raise InvalidAnswers."""
    reader = _Reader()
    if not isinstance(data, Mapping):
        raise InvalidAnswers([FieldError(prefix.rstrip(".") or "body", "not_object")])
    reader.unknown(
        data,
        {
            "lender_type",
            "annual_rate_percent",
            "conduct_date",
            "events",
            "tactics",
            "continued_after_intervention",
        },
        prefix,
    )
    lender_type = reader.choice(data, "lender_type", LENDER_TYPES, prefix + "lender_type")
    rate = _read_rate(reader, data.get("annual_rate_percent"), prefix + "annual_rate_percent")
    conduct_date = _read_date(reader, data.get("conduct_date"), prefix + "conduct_date", today)
    events = _read_events(reader, data.get("events"), prefix + "events")
    tactics = _read_tactics(reader, data.get("tactics"), prefix + "tactics")
    continued = reader.boolean(
        data, "continued_after_intervention", prefix + "continued_after_intervention"
    )
    if reader.errors:
        raise InvalidAnswers(reader.errors)
    return Answers(
        lender_type=lender_type,
        conduct_date=conduct_date,
        events=events,
        tactics=tactics,
        annual_rate_percent=rate,
        continued_after_intervention=continued,
    )


def _read_rate(reader: _Reader, value: Any, name: str) -> Decimal | None:
    if value is None:
        return None
    if isinstance(value, bool) or not isinstance(value, int | float):
        reader.error(name, "not_number")
        return None
    if not math.isfinite(value) or not 0 <= value <= MAX_RATE_PERCENT:
        reader.error(name, "out_of_range", min=0, max=MAX_RATE_PERCENT)
        return None
    return Decimal(str(value))


def _read_date(reader: _Reader, value: Any, name: str, today: datetime.date) -> datetime.date:
    if value is None:
        return today
    if not isinstance(value, str) or not DATE.match(value):
        reader.error(name, "invalid_date")
        return today
    try:
        day = datetime.date.fromisoformat(value)
    except ValueError:
        reader.error(name, "invalid_date")
        return today
    if day > today:
        reader.error(name, "date_in_future")
    elif day < EARLIEST_CONDUCT_DATE:
        reader.error(name, "date_too_early", earliest=EARLIEST_CONDUCT_DATE.isoformat())
    return day


def _read_events(reader: _Reader, value: Any, name: str) -> tuple[Event, ...]:
    if value is None:
        return ()
    if not isinstance(value, list):
        reader.error(name, "not_list")
        return ()
    if len(value) > MAX_EVENTS:
        reader.error(name, "too_many", max=MAX_EVENTS)
        return ()
    events = []
    for index, raw in enumerate(value):
        event = _read_event(reader, raw, "%s[%d]" % (name, index))
        if event is not None:
            events.append(event)
    return tuple(events)


EVENT_FIELDS = frozenset(
    {
        "target",
        "channel",
        "times_per_day",
        "at_night",
        "disclosed_debt",
        "asked_to_pay",
        "after_stop_request",
        "borrower_unreachable",
        "time_of_day",
    }
)
EVENT_FLAGS = (
    "at_night",
    "disclosed_debt",
    "asked_to_pay",
    "after_stop_request",
    "borrower_unreachable",
)
_TARGETS, _CHANNELS = frozenset(TARGETS), frozenset(CHANNELS)
_FAST_FIELDS = EVENT_FIELDS - {"time_of_day"}


def _event_fast(raw: Any) -> Event | None:
    """The common case, a well-formed event, without the bookkeeping of error reporting."""
    if type(raw) is not dict or not raw.keys() <= _FAST_FIELDS:
        return None
    get = raw.get
    target, channel, times = get("target"), get("channel"), get("times_per_day", 1)
    if target not in _TARGETS or channel not in _CHANNELS or type(times) is not int:
        return None
    night, disclosed, asked = (
        get("at_night", False),
        get("disclosed_debt", False),
        get("asked_to_pay", False),
    )
    stop, unreachable = get("after_stop_request", False), get("borrower_unreachable", False)
    if not 1 <= times <= MAX_TIMES_PER_DAY or not (
        type(night) is type(disclosed) is type(asked) is type(stop) is type(unreachable) is bool
    ):
        return None
    return Event(target, channel, times, night, disclosed, asked, stop, unreachable)


def _read_event(reader: _Reader, raw: Any, name: str) -> Event | None:
    fast = _event_fast(raw)
    if fast is not None:
        return fast
    if not isinstance(raw, Mapping):
        reader.error(name, "not_object")
        return None
    before = len(reader.errors)
    reader.unknown(raw, EVENT_FIELDS, name + ".")
    target = reader.choice(raw, "target", TARGETS, name + ".target")
    channel = reader.choice(raw, "channel", CHANNELS, name + ".channel")
    times = reader.integer(raw, "times_per_day", name + ".times_per_day", 1, MAX_TIMES_PER_DAY, 1)
    flags = {key: reader.boolean(raw, key, "%s.%s" % (name, key)) for key in EVENT_FLAGS}
    moment = None
    if raw.get("time_of_day") is not None:
        match = (
            TIME_OF_DAY.match(str(raw["time_of_day"]))
            if isinstance(raw["time_of_day"], str)
            else None
        )
        if match:
            moment = datetime.time(int(match.group(1)), int(match.group(2)))
        else:
            reader.error(name + ".time_of_day", "invalid_time")
    if len(reader.errors) > before:
        return None
    return Event(target=target, channel=channel, times_per_day=times, time_of_day=moment, **flags)


def _read_tactics(reader: _Reader, value: Any, name: str) -> frozenset[str]:
    if value is None:
        return frozenset()
    if not isinstance(value, list):
        reader.error(name, "not_list")
        return frozenset()
    chosen = set()
    for index, item in enumerate(value):
        if not isinstance(item, str) or item not in TACTICS:
            reader.error(
                "%s[%d]" % (name, index),
                "invalid_choice",
                value=_short(item),
                allowed=", ".join(TACTICS),
            )
        else:
            chosen.add(item)
    return frozenset(chosen)


def answers_to_data(answers: Answers) -> dict[str, Any]:
    """The API request equivalent of some Answers (used to prove the pages and API agree)."""
    data: dict[str, Any] = {
        "lender_type": answers.lender_type,
        "conduct_date": answers.conduct_date.isoformat(),
        "events": [
            {
                "target": e.target,
                "channel": e.channel,
                "times_per_day": e.times_per_day,
                "at_night": e.at_night,
                "disclosed_debt": e.disclosed_debt,
                "asked_to_pay": e.asked_to_pay,
                "after_stop_request": e.after_stop_request,
                "borrower_unreachable": e.borrower_unreachable,
                **({"time_of_day": e.time_of_day.strftime("%H:%M")} if e.time_of_day else {}),
            }
            for e in answers.events
        ],
        "tactics": sorted(answers.tactics),
        "continued_after_intervention": answers.continued_after_intervention,
    }
    if answers.annual_rate_percent is not None:
        data["annual_rate_percent"] = float(answers.annual_rate_percent)
    return data
