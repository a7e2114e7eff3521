"""What the writer chooses for the letters that set terms: how to be contacted, what they can pay.

Two letters need more than the shared details. The contact terms say which
channels and hours may be used, where to reach the borrower and who must
never be contacted; the repayment proposal says what happened, what the
borrower can pay each month and from when, and what they ask for. Each is
one object of the letters request (``contact_terms``, ``repayment``;
docs/api.md), read here with the shared ``Reader``, so the API, the command
line and the choices page judge it alike, and written back as the same
plain data for a stored letter. The options are UI words (gettext); the
people who may be named as never to be contacted are the vocabulary's, so
there is one list of them.
"""

from __future__ import annotations

import datetime
from collections.abc import Callable, Mapping
from dataclasses import dataclass
from decimal import ROUND_HALF_UP, Decimal
from typing import Any

from django.utils.functional import Promise
from django.utils.translation import gettext_lazy as _

from rights_guide.assessment.answers import EARLIEST_CONDUCT_DATE
from rights_guide.knowledge import get_knowledge
from rights_guide.reading import Reader

MAX_CONTACT = 200
MAX_NAMES = 200
MAX_SITUATION = 1000
MAX_SITUATION_LINES = 15
MAX_MONTHLY_YUAN = 10_000_000
LATEST_START_DAYS = 731  # a plan starts within about two years
EVERYONE = "everyone"
CENT = Decimal("0.01")


@dataclass(frozen=True)
class Option:
    """One choice: its code, its label on the choices page, and its words in the letter."""

    code: str
    label: Promise
    letter: Promise


CHANNELS = (
    Option("sms", _("Text messages (SMS)"), _("text message")),
    Option("app", _("Messages in the lender's official app"), _("messages in your official app")),
    Option("post", _("Letters by post"), _("letter by post")),
    Option("email", _("Email"), _("email")),
    Option("call", _("Phone calls to my own number"), _("phone calls to my own number")),
)
SITUATIONS = (
    Option("job_loss", _("I lost my job"), _("I have lost my job.")),
    Option(
        "illness",
        _("Illness (mine or my family's)"),
        _("I, or someone in my family, have fallen ill, and medical costs have gone up."),
    ),
    Option("income_drop", _("My income has fallen"), _("My income has fallen.")),
    Option(
        "business_loss",
        _("My business is losing money or has closed"),
        _("My business is losing money or has closed."),
    ),
    Option(
        "family_costs",
        _("Heavy family costs (children, parents, care)"),
        _("I support family members, which takes much of what I earn."),
    ),
)
ASKS = (
    Option(
        "instalments",
        _("Pay the balance in monthly instalments"),
        _("Let me repay the balance in monthly instalments of that amount."),
    ),
    Option(
        "pause_penalty",
        _("No penalty interest or late fees while I keep to the plan"),
        _("Stop charging penalty interest and late fees while I keep to the plan."),
    ),
    Option(
        "lower_total",
        _("A lower total (penalty interest and fees waived)"),
        _(
            "Reduce the total I must repay, for example by waiving penalty interest and fees "
            "already charged."
        ),
    ),
    Option(
        "more_time",
        _("More time to repay"),
        _("Give me more time to repay, so that each payment fits what I can afford."),
    ),
)
CONTACT_FIELDS = frozenset({"channels", "hours", "contact", "never_contact", "never_contact_names"})
HOURS_FIELDS = frozenset({"from", "to"})
REPAYMENT_FIELDS = frozenset({"monthly_yuan", "start", "situation", "situation_text", "asks"})


def codes(options: tuple[Option, ...]) -> tuple[str, ...]:
    return tuple(option.code for option in options)


def never_contact_codes() -> tuple[str, ...]:
    """Who may be named as never to be contacted: everyone, or each kind of person.

    Not a guarantor, who answers for the debt by contract and may lawfully
    be asked to pay (vocabulary.yaml ``liable``).
    """
    targets = get_knowledge().vocabulary.targets
    return (EVERYONE, *(t.code for t in targets if t.third_party and not t.liable))


@dataclass(frozen=True)
class ContactTerms:
    """How the borrower may be contacted about the debt, and who must never be."""

    channels: tuple[str, ...]  # codes of CHANNELS, in their order
    hours: tuple[datetime.time, datetime.time] | None = None  # from, to (local time)
    contact: str = ""  # a number or address to use
    never_contact: tuple[str, ...] = ()  # "everyone" and codes of people, in their order
    never_contact_names: str = ""  # people named, as typed

    def to_data(self) -> dict[str, Any]:
        data: dict[str, Any] = {"channels": list(self.channels)}
        if self.hours is not None:
            data["hours"] = {"from": _hhmm(self.hours[0]), "to": _hhmm(self.hours[1])}
        if self.contact:
            data["contact"] = self.contact
        if self.never_contact:
            data["never_contact"] = list(self.never_contact)
        if self.never_contact_names:
            data["never_contact_names"] = self.never_contact_names
        return data


@dataclass(frozen=True)
class Repayment:
    """What the borrower can pay, from when, why, and what they ask the lender for."""

    monthly_yuan: Decimal
    start: datetime.date
    situation: tuple[str, ...] = ()  # codes of SITUATIONS, in their order
    situation_text: str = ""  # in their own words
    asks: tuple[str, ...] = ()  # codes of ASKS, in their order

    def to_data(self) -> dict[str, Any]:
        amount = self.monthly_yuan
        data: dict[str, Any] = {
            "monthly_yuan": int(amount) if amount == amount.to_integral_value() else float(amount),
            "start": self.start.isoformat(),
        }
        if self.situation:
            data["situation"] = list(self.situation)
        if self.situation_text:
            data["situation_text"] = self.situation_text
        if self.asks:
            data["asks"] = list(self.asks)
        return data


def _hhmm(moment: datetime.time) -> str:
    return moment.strftime("%H:%M")


def _ordered(chosen: frozenset[str], order: tuple[str, ...]) -> tuple[str, ...]:
    return tuple(code for code in order if code in chosen)


def _required_choices(reader: Reader, raw: Mapping, key: str, allowed, name: str):
    value = raw.get(key)
    if value is None or value == []:
        reader.error(name, "required")
        return frozenset()
    return reader.choices(value, allowed, name)


def _time(reader: Reader, raw: Mapping, key: str, name: str) -> datetime.time | None:
    if raw.get(key) in (None, ""):
        reader.error(name, "required")
        return None
    return reader.time_of_day(raw, key, name)


def read_contact_terms(
    reader: Reader, data: Mapping, *, today: datetime.date
) -> ContactTerms | None:
    """``contact_terms``: at least one channel; optional hours, contact and people to leave alone."""
    raw = reader.mapping(data, "contact_terms", "contact_terms", required=True)
    if raw is None:
        return None
    before = len(reader.errors)
    reader.unknown(raw, CONTACT_FIELDS, "contact_terms.")
    channels = _required_choices(reader, raw, "channels", codes(CHANNELS), "contact_terms.channels")
    hours = None
    hours_raw = reader.mapping(raw, "hours", "contact_terms.hours", required=False)
    if hours_raw is not None:
        reader.unknown(hours_raw, HOURS_FIELDS, "contact_terms.hours.")
        start = _time(reader, hours_raw, "from", "contact_terms.hours.from")
        end = _time(reader, hours_raw, "to", "contact_terms.hours.to")
        if start is not None and end is not None:
            if start >= end:
                reader.error("contact_terms.hours.to", "hours_order")
            hours = (start, end)
    contact = reader.line(
        raw, "contact", "contact_terms.contact", max_length=MAX_CONTACT, required=False
    )
    people = never_contact_codes()
    never = reader.choices(raw.get("never_contact"), people, "contact_terms.never_contact")
    names = reader.line(
        raw,
        "never_contact_names",
        "contact_terms.never_contact_names",
        max_length=MAX_NAMES,
        required=False,
    )
    if len(reader.errors) > before:
        return None
    return ContactTerms(
        channels=_ordered(channels, codes(CHANNELS)),
        hours=hours,
        contact=contact or "",
        never_contact=_ordered(never, people),
        never_contact_names=names or "",
    )


def read_repayment(reader: Reader, data: Mapping, *, today: datetime.date) -> Repayment | None:
    """``repayment``: the monthly amount and its start; optional situation and asks."""
    raw = reader.mapping(data, "repayment", "repayment", required=True)
    if raw is None:
        return None
    before = len(reader.errors)
    reader.unknown(raw, REPAYMENT_FIELDS, "repayment.")
    if raw.get("monthly_yuan") is None:
        reader.error("repayment.monthly_yuan", "required")
    amount = reader.number(raw, "monthly_yuan", "repayment.monthly_yuan", 1, MAX_MONTHLY_YUAN)
    if raw.get("start") in (None, ""):
        reader.error("repayment.start", "required")
    latest = today + datetime.timedelta(days=LATEST_START_DAYS)
    start = reader.date(
        raw, "start", "repayment.start", earliest=EARLIEST_CONDUCT_DATE, latest=datetime.date.max
    )
    if start is not None and start > latest:
        reader.error("repayment.start", "date_too_late", latest=latest.isoformat())
    situation = reader.choices(raw.get("situation"), codes(SITUATIONS), "repayment.situation")
    text = reader.text(
        raw,
        "situation_text",
        "repayment.situation_text",
        max_length=MAX_SITUATION,
        max_lines=MAX_SITUATION_LINES,
    )
    asks = reader.choices(raw.get("asks"), codes(ASKS), "repayment.asks")
    if len(reader.errors) > before or amount is None or start is None:
        return None
    return Repayment(
        monthly_yuan=Decimal(str(amount)).quantize(CENT, rounding=ROUND_HALF_UP),
        start=start,
        situation=_ordered(situation, codes(SITUATIONS)),
        situation_text=text or "",
        asks=_ordered(asks, codes(ASKS)),
    )


READERS: dict[str, Callable[..., Any]] = {
    "contact_terms": read_contact_terms,
    "repayment": read_repayment,
}


def read_choices(
    reader: Reader, data: Mapping, wanted: str | None, *, today: datetime.date
) -> dict[str, Any]:
    """The choices object the letter takes (``wanted``, required), by its field.

    Another letter's choices object is refused (``not_for_kind``) rather
    than silently ignored: a client that sends it expects it printed.
    """
    chosen = {}
    for field, read in READERS.items():
        if field == wanted:
            value = read(reader, data, today=today)
            if value is not None:
                chosen[field] = value
        elif data.get(field) is not None:
            reader.error(field, "not_for_kind", kind=_kind_taking(field))
    return chosen


def _kind_taking(field: str) -> str:
    from rights_guide.letters.kinds import KINDS

    return next((kind.code for kind in KINDS if kind.choices == field), field)
