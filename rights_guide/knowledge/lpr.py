"""The one-year Loan Prime Rate history (data/lpr.yaml), as dated, checked data.

The private-lending cap is four times the one-year LPR in force when the
contract was made (民间借贷规定 art 25), so the cap of a 2022 loan is not
today's. Each monthly fixing stays valid until the next one, so the LPR on
a day is the latest fixing on or before it. Fixings we have not verified
are not in the table at all: they are listed as ``pending``, and a contract
made on or after the first pending date gets "not yet known" instead of a
guess (assessment/rates.py). Plain frozen data, no Django.
"""

from __future__ import annotations

import bisect
import datetime
from collections.abc import Mapping
from dataclasses import dataclass
from decimal import Decimal, InvalidOperation
from functools import cached_property, lru_cache
from pathlib import Path

from rights_guide.knowledge.checker import Checker, read_yaml
from rights_guide.knowledge.model import CONFIDENCES

CENT = Decimal("0.01")


@dataclass(frozen=True)
class Fixing:
    day: datetime.date
    rate: Decimal  # percent a year, two decimals
    confidence: str
    change: bool  # the rate differs from the previous fixing's


@dataclass(frozen=True)
class Period:
    """Days on which the LPR had one value: from ``start`` to ``end`` inclusive (None: open)."""

    start: datetime.date
    end: datetime.date | None
    rate: Decimal
    published: datetime.date  # the fixing that set it


@dataclass(frozen=True, eq=False)  # compared and hashed by identity: memo keys stay cheap
class LprTable:
    fixings: tuple[Fixing, ...]
    pending: tuple[datetime.date, ...]  # expected fixing dates whose values are not verified

    @property
    def first(self) -> Fixing:
        return self.fixings[0]

    @property
    def last_verified(self) -> Fixing:
        return self.fixings[-1]

    @cached_property
    def _days(self) -> tuple[datetime.date, ...]:
        return tuple(f.day for f in self.fixings)

    def fixing_on(self, day: datetime.date) -> Fixing | None:
        """The fixing in force on ``day`` (None before the first fixing)."""
        index = bisect.bisect_right(self._days, day)
        return self.fixings[index - 1] if index else None

    def verified_on(self, day: datetime.date) -> bool:
        """Whether the LPR in force on ``day`` is known: before the first pending fixing."""
        return not self.pending or day < self.pending[0]

    def periods(self, since: datetime.date) -> tuple[Period, ...]:
        """The spans of one rate from ``since`` on, consecutive equal fixings merged."""
        return _periods(self, since)


@lru_cache(maxsize=8)
def _periods(table: LprTable, since: datetime.date) -> tuple[Period, ...]:
    """LprTable.periods, worked out once per table and day (a table never changes)."""
    periods: list[Period] = []
    current, start = table.fixing_on(since), since
    for fixing in table.fixings:
        if fixing.day <= since:
            continue
        if current is None:
            current, start = fixing, fixing.day
        elif fixing.rate != current.rate:
            end = fixing.day - datetime.timedelta(days=1)
            periods.append(Period(start, end, current.rate, current.day))
            current, start = fixing, fixing.day
    if current is not None:
        periods.append(Period(start, None, current.rate, current.day))
    return tuple(periods)


# The templates assessment/rates.py fills in (meta.yaml rate_texts), with the
# placeholders each must use in both languages: only numbers and dates are
# filled in, so no legal wording lives in Python.
RATE_TEXTS = {
    "cap_at_signing": {"contract_date", "lpr", "lpr_date", "cap"},
    "verdict_within": {"rate"},
    "verdict_above": {"rate"},
    "transitional_intro": set(),
    "transitional_before": set(),
    "transitional_after": {"lpr", "lpr_date", "cap"},
    "ranges_intro": set(),
    "range_pre_2020": {"cap_now"},
    "range_line": {"from", "to", "cap", "lpr"},
    "range_line_open": {"from", "cap", "lpr", "verified_to"},
    "ranges_verdict": {"rate", "within"},
    "ranges_verdict_none": {"rate"},
    "ranges_verdict_all": {"rate", "cap"},
    "not_yet_known": {"lpr", "lpr_date", "cap"},
    "branch_licensed": set(),
    "branch_unlicensed": set(),
    "all_caps_ok": {"rate", "cap"},
    "span": {"from", "to"},
    "span_open": {"from"},
}


def load_lpr(check: Checker, path: Path) -> LprTable | None:
    """Read lpr.yaml, refusing dates out of order, weekend fixings, odd rates or labels."""
    raw = read_yaml(path)
    if not isinstance(raw, Mapping):
        check.fail(path.name, "expected a mapping with fixings")
        return None
    working_weekends = set(raw.get("working_weekends") or [])
    fixings: list[Fixing] = []
    for number, entry in enumerate(raw.get("fixings") or [], start=1):
        where = "%s: fixing %d" % (path.name, number)
        day = check.date(entry.get("date"), where + " date")
        try:
            rate = Decimal(str(entry.get("rate")))
        except InvalidOperation:
            check.fail(where, "rate must be a number")
            continue
        if not Decimal(0) < rate < Decimal(10) or rate != rate.quantize(CENT):
            check.fail(where, "rate must be between 0 and 10 percent, to two decimals")
        if day.weekday() >= 5 and day not in working_weekends:
            check.fail(
                where,
                "%s is a weekend day; list it in working_weekends if it was a "
                "working day" % day.isoformat(),
            )
        if fixings and day <= fixings[-1].day:
            check.fail(where, "dates must be strictly increasing")
        change = bool(entry.get("change", False))
        if fixings and change != (rate.quantize(CENT) != fixings[-1].rate):
            check.fail(where, "change must be true exactly when the rate differs from the last")
        fixings.append(
            Fixing(
                day=day,
                rate=rate.quantize(CENT),
                confidence=check.choice(entry.get("confidence"), CONFIDENCES, where),
                change=change,
            )
        )
    if not fixings:
        check.fail(path.name, "no fixings")
        return None
    first = check.date(raw.get("first_fixing"), path.name + " first_fixing")
    if fixings[0].day != first:
        check.fail(path.name, "the first fixing must be on first_fixing (%s)" % first)
    last = check.date(raw.get("last_verified"), path.name + " last_verified")
    if fixings[-1].day != last:
        check.fail(path.name, "last_verified must be the date of the last fixing")
    pending = tuple(check.date(day, path.name + " pending") for day in raw.get("pending") or [])
    if any(day <= last for day in pending) or list(pending) != sorted(pending):
        check.fail(path.name, "pending dates must be after last_verified, in order")
    return LprTable(fixings=tuple(fixings), pending=pending)
