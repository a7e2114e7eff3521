"""The one input type of the engine, and the one way in: ``parse_answers``.

The interview pages, the JSON API and the command line all build the same
plain request data and read it here, so there is one definition of what a
valid story is. Validation collects every problem with the field it
belongs to and a code (rights_guide.reading); the web layer turns codes
into translated sentences, so this module stays free of Django and of any
one language. The codes it accepts come from the vocabulary
(knowledge/data/vocabulary.yaml): a new target, means of contact, tactic or
yes/no question about each person is a change to that file, not here.
"""

from __future__ import annotations

import datetime
from collections.abc import Mapping
from dataclasses import dataclass
from decimal import Decimal
from typing import Any, NamedTuple

from rights_guide.knowledge import get_knowledge
from rights_guide.knowledge.model import PRODUCTS
from rights_guide.knowledge.vocabulary import Vocabulary
from rights_guide.reading import FieldError, Invalid, Reader

MAX_EVENTS = 200
MAX_TIMES_PER_DAY = 1000
MAX_RATE_PERCENT = 10000
EARLIEST_CONDUCT_DATE = datetime.date(2000, 1, 1)
# The night window of GB/T 45251—2025 and the banking-association guideline:
# 22:00 up to (not including) 08:00.
NIGHT_STARTS = datetime.time(22, 0)
NIGHT_ENDS = datetime.time(8, 0)
# The event question whose answer a remembered time of day can also give.
NIGHT = "at_night"
# Whose story it is: the borrower's own, or someone called about the borrower's
# debt (a third party), who says who they are to the borrower.
PERSPECTIVES = ("borrower", "third_party")
FIELDS = frozenset(
    {
        "perspective",
        "relationship",
        "lender_type",
        "licensed",
        "product",
        "contract_date",
        "annual_rate_percent",
        "conduct_date",
        "events",
        "tactics",
        "continued_after_intervention",
        *(
            "guarantee_date",
            "guarantee_wording",
            "last_payment_or_demand_date",
            "insult_public",
            "came_inside",
            "extra_fee_yuan",
            "borrower_died",
            "child_age_band",
        ),
    }
)
# The optional facts of issue 21 (docs/api.md): each is null (not known) unless given,
# and what rests on an unknown one is cited as conditional, never assumed.
# How a guarantee describes itself: joint liability; general; words that make the guarantor
# pay as soon as the borrower does not (担保制度解释 art 25(2): joint, whatever it is
# called); or no type stated.
GUARANTEE_WORDINGS = ("joint", "general", "pays_when_borrower_does_not", "not_stated")
CHILD_AGE_BANDS = ("under_14", "14_to_17")
EARLIEST_PAST_DATE = datetime.date(1990, 1, 1)  # a guarantee or a payment long ago
MAX_FEE_YUAN = 100_000_000
# The general limitation period (诉讼时效, 民法典 art 188): three years.
LIMITATION_YEARS = 3

__all__ = ["Answers", "Event", "FieldError", "InvalidAnswers", "answers_to_data", "parse_answers"]


def is_night(moment: datetime.time) -> bool:
    """True from 22:00 to 07:59; 21:59 and 08:00 are daytime."""
    return moment >= NIGHT_STARTS or moment < NIGHT_ENDS


class Event(NamedTuple):
    """One kind of contact: who, how, how often on the worst day, and what happened.

    ``answers`` holds the event questions answered "yes" (vocabulary.yaml) and
    ``unknown`` those nobody answered (left blank, or "not sure"): an unknown
    answer is neither yes nor no, so nothing that rests on it is stated as
    fact. Events with the same ``group`` were answered together, as the
    interview asks about a person once for every way they were contacted:
    their yes answers and time of day are true of at least one event of the
    group, not necessarily of each (the engine and the letters treat them so).
    A NamedTuple rather than a frozen dataclass: equally immutable, and much
    cheaper to build, which matters for requests with 200 events.
    """

    target: str
    channel: str
    times_per_day: int = 1
    answers: frozenset[str] = frozenset()
    time_of_day: datetime.time | None = None
    answered_per_day: int | None = None  # of the calls, how many were answered, when known
    unknown: frozenset[str] = frozenset()  # questions left unanswered
    group: int | None = None  # events answered together (see above)
    people_reached: int | None = None  # how many different people these contacts reached

    @property
    def night(self) -> bool:
        return NIGHT in self.answers or (
            self.time_of_day is not None and is_night(self.time_of_day)
        )

    @property
    def yes(self) -> frozenset[str]:
        """The questions answered yes, night included when the time given was at night."""
        return self.answers | {NIGHT} if self.night else self.answers

    def said_yes(self, question: str) -> bool:
        """Whether this contact had what the question asks (night also from the time)."""
        return self.night if question == NIGHT else question in self.answers

    def said_no(self, question: str) -> bool:
        """Whether the question was answered no: not yes, and not left unanswered."""
        return not self.said_yes(question) and question not in self.unknown


@dataclass(frozen=True)
class Answers:
    """Everything the engine needs to know about one borrower's situation."""

    lender_type: str
    conduct_date: datetime.date
    events: tuple[Event, ...] = ()
    tactics: frozenset[str] = frozenset()
    annual_rate_percent: Decimal | None = None
    continued_after_intervention: bool = False
    licensed: bool | None = None  # as given: whether the lender (or an app's funder) is licensed
    product: str | None = None  # as given: credit_card or loan
    contract_date: datetime.date | None = None  # when the loan contract was made
    # Whose story: the borrower's, or a third party's (who is ``relationship`` to the
    # borrower, a target code). The engine and its rules are the same for both.
    perspective: str = "borrower"
    relationship: str | None = None
    # Optional facts, each None when not known (docs/api.md).
    guarantee_date: datetime.date | None = None  # when the guarantee was signed
    guarantee_wording: str | None = None  # one of GUARANTEE_WORDINGS
    last_payment_or_demand_date: datetime.date | None = None  # before this collection
    insult_public: bool | None = None  # an insult was made in front of others or in public
    came_inside: bool | None = None  # a visitor came inside the home (not only to the door)
    extra_fee_yuan: Decimal | None = None  # the extra fee demanded
    borrower_died: bool | None = None  # third party only
    child_age_band: str | None = None  # a child contacted: one of CHILD_AGE_BANDS

    @property
    def third_party(self) -> bool:
        return self.perspective == "third_party"

    @property
    def may_be_time_barred(self) -> bool:
        """Three years or more passed between the last payment or demand and this collection:
        the limitation period may have run, and acknowledging the debt would waive it."""
        last = self.last_payment_or_demand_date
        return last is not None and _years_later(last, LIMITATION_YEARS) <= self.conduct_date


def _years_later(day: datetime.date, years: int) -> datetime.date:
    try:
        return day.replace(year=day.year + years)
    except ValueError:  # 29 February
        return day.replace(year=day.year + years, day=28)


class InvalidAnswers(Invalid):
    """The data does not describe a valid story; ``errors`` names every bad field."""


def parse_answers(data: Any, *, today: datetime.date, prefix: str = "") -> Answers:
    """Validate plain data (decoded JSON) into Answers, or raise InvalidAnswers."""
    if not isinstance(data, Mapping):
        raise InvalidAnswers([FieldError(prefix.rstrip(".") or "body", "not_object")])
    vocabulary = get_knowledge().vocabulary
    reader = Reader()
    reader.unknown(data, FIELDS, prefix)
    perspective, relationship = _read_perspective(reader, data, prefix, vocabulary)
    lender_type = reader.choice(
        data, "lender_type", vocabulary.lender_types.codes, prefix + "lender_type"
    )
    rate = reader.number(
        data, "annual_rate_percent", prefix + "annual_rate_percent", 0, MAX_RATE_PERCENT
    )
    conduct_date = reader.date(
        data,
        "conduct_date",
        prefix + "conduct_date",
        earliest=EARLIEST_CONDUCT_DATE,
        latest=today,
    )
    # A third party's events are about them unless they say otherwise; with their
    # relationship wrong, that one error is reported rather than one per event.
    about = (relationship or "") if perspective == "third_party" else None
    events = _read_events(reader, data.get("events"), prefix + "events", vocabulary, about)
    tactics = reader.choices(data.get("tactics"), vocabulary.tactics.codes, prefix + "tactics")
    continued = reader.boolean(
        data, "continued_after_intervention", prefix + "continued_after_intervention"
    )
    licensed, product = _read_lender_facts(reader, data, prefix, lender_type, vocabulary)
    contract_date = reader.date(
        data,
        "contract_date",
        prefix + "contract_date",
        earliest=EARLIEST_CONDUCT_DATE,
        latest=today,
    )
    if contract_date and conduct_date and contract_date > conduct_date:
        reader.error(prefix + "contract_date", "contract_after_conduct")
    extra = _read_optional_facts(reader, data, prefix, today, perspective)
    if reader.errors:
        raise InvalidAnswers(reader.errors)
    return Answers(
        lender_type=lender_type,
        conduct_date=conduct_date or today,
        events=events,
        tactics=tactics,
        annual_rate_percent=Decimal(str(rate)) if rate is not None else None,
        continued_after_intervention=continued,
        licensed=licensed,
        product=product,
        contract_date=contract_date,
        perspective=perspective,
        relationship=relationship,
        **extra,
    )


def _optional_boolean(reader: Reader, data: Mapping, key: str, name: str) -> bool | None:
    """True, False or None (not known): absent and null are both not known."""
    value = data.get(key)
    if value is not None and not isinstance(value, bool):
        reader.error(name, "not_boolean")
        return None
    return value


def _read_optional_facts(
    reader: Reader, data: Mapping, prefix: str, today: datetime.date, perspective: str | None
) -> dict[str, Any]:
    """The optional facts of issue 21, each None unless given (see Answers)."""
    facts: dict[str, Any] = {}
    for key in ("guarantee_date", "last_payment_or_demand_date"):
        facts[key] = reader.date(data, key, prefix + key, earliest=EARLIEST_PAST_DATE, latest=today)
    for key, allowed in (
        ("guarantee_wording", GUARANTEE_WORDINGS),
        ("child_age_band", CHILD_AGE_BANDS),
    ):
        facts[key] = (
            reader.choice(data, key, allowed, prefix + key) if data.get(key) is not None else None
        )
    for key in ("insult_public", "came_inside", "borrower_died"):
        facts[key] = _optional_boolean(reader, data, key, prefix + key)
    if facts["borrower_died"] is not None and perspective != "third_party":
        reader.error(prefix + "borrower_died", "only_for_third_party")
    fee = reader.number(data, "extra_fee_yuan", prefix + "extra_fee_yuan", 0, MAX_FEE_YUAN)
    facts["extra_fee_yuan"] = Decimal(str(fee)) if fee is not None else None
    return facts


def _read_perspective(
    reader: Reader, data: Mapping, prefix: str, vocabulary: Vocabulary
) -> tuple[str, str | None]:
    """Whose story it is, and for a third party who they are to the borrower.

    A third party must say (``relationship``: one person the vocabulary knows,
    never the borrower or the public); a borrower's story has no relationship.
    """
    perspective = "borrower"
    if data.get("perspective") is not None:
        perspective = (
            reader.choice(data, "perspective", PERSPECTIVES, prefix + "perspective") or "borrower"
        )
    if perspective == "borrower":
        if data.get("relationship") is not None:
            reader.error(prefix + "relationship", "only_for_third_party")
        return perspective, None
    relationship = reader.choice(
        data, "relationship", vocabulary.relationships, prefix + "relationship"
    )
    return perspective, relationship


def _read_lender_facts(
    reader: Reader, data: Mapping, prefix: str, lender_type: str | None, vocabulary: Vocabulary
) -> tuple[bool | None, str | None]:
    """``licensed`` and ``product``, checked against what the kind of lender already settles.

    A bank is licensed and an individual is not, so ``licensed: false`` for a
    bank (or ``true`` for a private lender) contradicts the lender type; a
    credit card is a bank's product only.
    """
    licensed = data.get("licensed")
    if licensed is not None and not isinstance(licensed, bool):
        reader.error(prefix + "licensed", "not_boolean")
        licensed = None
    product = None
    if data.get("product") is not None:
        product = reader.choice(data, "product", PRODUCTS, prefix + "product")
    if lender_type is None:
        return licensed, product
    kind = vocabulary.lender_types[lender_type]
    implied = kind.implied_licence
    if licensed is not None and implied is not None and licensed != implied:
        reader.error(prefix + "licensed", "conflicts_with_lender_type")
    if product is not None and product not in kind.products:
        reader.error(prefix + "product", "not_for_lender_type", product=product)
    return licensed, product


def _read_events(
    reader: Reader, value: Any, name: str, vocabulary: Vocabulary, relationship: str | None
):
    if value is None:
        return ()
    if not isinstance(value, list):
        reader.error(name, "not_list")
        return ()
    if len(value) > MAX_EVENTS:
        reader.error(name, "too_many", max=MAX_EVENTS)
        return ()
    fields = frozenset(
        {
            "target",
            "channel",
            "times_per_day",
            "answered_per_day",
            "time_of_day",
            "group",
            "people_reached",
            *vocabulary.event_questions.codes,
        }
    )
    events = []
    for index, raw in enumerate(value):
        event = _read_event(reader, raw, "%s[%d]" % (name, index), vocabulary, fields, relationship)
        if event is not None:
            events.append(event)
    _check_groups(reader, value, events, name)
    return tuple(events)


def _check_groups(reader: Reader, raw: list, events: list[Event], name: str) -> None:
    """Events answered together are about one person and share one set of answers."""
    if len(events) != len(raw):
        return  # some events were wrong, and said so; their groups cannot be compared
    first: dict[int, Event] = {}
    for index, event in enumerate(events):
        if event.group is None:
            continue
        seen = first.setdefault(event.group, event)
        if (seen.target, seen.answers, seen.unknown, seen.time_of_day) != (
            event.target,
            event.answers,
            event.unknown,
            event.time_of_day,
        ):
            reader.error("%s[%d].group" % (name, index), "group_differs")


def _read_event(
    reader: Reader,
    raw: Any,
    name: str,
    vocabulary: Vocabulary,
    fields: frozenset[str],
    relationship: str | None = None,
) -> Event | None:
    """One event; under the third-party perspective its target defaults to the person telling it."""
    if type(raw) is not dict and not isinstance(raw, Mapping):
        reader.error(name, "not_object")
        return None
    before = len(reader.errors)
    reader.unknown(raw, fields, name + ".")
    if relationship is not None and raw.get("target") is None:
        target = relationship or None  # "": the relationship itself is wrong, and said so
    else:
        target = reader.choice(raw, "target", vocabulary.targets, name + ".target")
    channel = reader.choice(raw, "channel", vocabulary.contact_means, name + ".channel")
    times = reader.integer(raw, "times_per_day", name + ".times_per_day", 1, MAX_TIMES_PER_DAY, 1)
    picked = reader.integer(
        raw, "answered_per_day", name + ".answered_per_day", 0, MAX_TIMES_PER_DAY, None
    )
    if picked is not None and times is not None and picked > times:
        reader.error(name + ".answered_per_day", "exceeds_times_per_day", max=times)
    answered, unknown = reader.answers(raw, vocabulary.event_questions.codes, name + ".")
    moment = reader.time_of_day(raw, "time_of_day", name + ".time_of_day")
    group = reader.integer(raw, "group", name + ".group", 1, MAX_EVENTS, None)
    people = reader.integer(
        raw, "people_reached", name + ".people_reached", 1, MAX_TIMES_PER_DAY, None
    )
    if len(reader.errors) > before or target is None:
        return None
    if channel in vocabulary.contact_means and not vocabulary.contact_means[channel].answered_field:
        picked = None  # only calls are answered; the count is ignored for other means
    return Event(target, channel, times, answered, moment, picked, unknown, group, people)


def answers_to_data(answers: Answers) -> dict[str, Any]:
    """The API request for some Answers: what a stored letter keeps, and proof the doors agree."""
    questions = get_knowledge().vocabulary.event_questions.codes
    data: dict[str, Any] = {
        "lender_type": answers.lender_type,
        "conduct_date": answers.conduct_date.isoformat(),
        "events": [
            {
                "target": e.target,
                "channel": e.channel,
                "times_per_day": e.times_per_day,
                **{code: None if code in e.unknown else code in e.answers for code in questions},
                **({"time_of_day": e.time_of_day.strftime("%H:%M")} if e.time_of_day else {}),
                **(
                    {"answered_per_day": e.answered_per_day}
                    if e.answered_per_day is not None
                    else {}
                ),
                **({"group": e.group} if e.group is not None else {}),
                **({"people_reached": e.people_reached} if e.people_reached is not None else {}),
            }
            for e in answers.events
        ],
        "tactics": sorted(answers.tactics),
        "continued_after_intervention": answers.continued_after_intervention,
    }
    if answers.annual_rate_percent is not None:
        data["annual_rate_percent"] = float(answers.annual_rate_percent)
    if answers.licensed is not None:
        data["licensed"] = answers.licensed
    if answers.product is not None:
        data["product"] = answers.product
    if answers.contract_date is not None:
        data["contract_date"] = answers.contract_date.isoformat()
    for key in ("guarantee_date", "last_payment_or_demand_date"):
        day = getattr(answers, key)
        if day is not None:
            data[key] = day.isoformat()
    for key in (
        "guarantee_wording",
        "insult_public",
        "came_inside",
        "borrower_died",
        "child_age_band",
    ):
        if getattr(answers, key) is not None:
            data[key] = getattr(answers, key)
    if answers.extra_fee_yuan is not None:
        data["extra_fee_yuan"] = float(answers.extra_fee_yuan)
    if answers.third_party:  # a borrower's request stays exactly as it always was
        data["perspective"] = answers.perspective
        data["relationship"] = answers.relationship
    return data
