"""Where a loan's annual rate stands against the interest cap that applies to it.

Licensed lenders (banks, consumer-finance and microloan companies, and an
app's licensed funder) are outside the private-lending rules (民间借贷规定
art 1 para 2 and the 2020 reply); their costs are judged against the fixed
24% line of the rate rules. Everyone else is under the private-lending cap:

- a contract made on or after 2020-08-20: four times the one-year LPR in
  force on the day it was made (art 25; the LPR history is lpr.yaml);
- a contract made before: two parts (art 31 para 2). Interest up to
  2020-08-19 may follow the old 24%/36% rules if the lender asks; interest
  from 2020-08-20 is capped at four times the LPR when the lender sues. No
  suit exists yet, so the latest verified LPR stands in for that day, and the
  details say so. The later part decides the band;
- no contract date: the cap for each period, and the periods in which the
  rate is within it, instead of assuming today's cap.

When nobody knows whether an app's funder is licensed, both branches are
shown. The result is a band (which rate rule fires) and ``details``: lines
named by their template in meta.yaml ``rate_texts`` with the numbers and
dates to fill in. No legal wording lives here. Plain Python, no Django.
"""

from __future__ import annotations

import datetime
from dataclasses import dataclass
from decimal import Decimal
from functools import lru_cache

from rights_guide.knowledge.lpr import CENT, LprTable

TRANSITION = datetime.date(2020, 8, 20)
USURY_LINE = Decimal(36)
LICENSED_LINE = Decimal(24)

# Bands of an unlicensed lender's rate (a rate rule's ``band``), and of one
# whose licence nobody knows.
WITHIN_CAP = "within_cap"
ABOVE_CAP = "above_cap"
ABOVE_36 = "above_36"
DEPENDS_ON_DATE = "cap_depends_on_date"
NOT_YET_KNOWN = "cap_not_yet_known"
ALL_CAPS_OK = "all_caps_ok"
BANDS = (WITHIN_CAP, ABOVE_CAP, ABOVE_36, DEPENDS_ON_DATE, NOT_YET_KNOWN, ALL_CAPS_OK)


@dataclass(frozen=True)
class Span:
    """Contracts made from ``start`` to ``end`` (None: to date)."""

    start: datetime.date
    end: datetime.date | None


@dataclass(frozen=True)
class Detail:
    """One line of a rate finding: a rate_texts template and what to fill in.

    Values are dates, percentages (Decimal), or tuples of Spans; the
    presenter formats them in the reader's language.
    """

    key: str
    values: tuple[tuple[str, object], ...] = ()


@dataclass(frozen=True)
class RateReading:
    band: str | None  # None for a licensed lender: the fixed lines apply
    details: tuple[Detail, ...]
    pre_2020: bool  # the transitional rule of art 31 applies
    cap: Decimal | None = None  # the private-lending cap the rate was held against


def cap(lpr: Decimal) -> Decimal:
    return (lpr * 4).quantize(CENT)


def _detail(key: str, **values: object) -> Detail:
    return Detail(key, tuple(sorted(values.items())))


def _ranges(rate: Decimal, table: LprTable) -> tuple[list[Detail], list[Span], Decimal, Decimal]:
    """The cap for each period of contract dates, and the spans in which ``rate`` is within it."""
    latest = table.last_verified
    cap_now = cap(latest.rate)
    lines = [_detail("ranges_intro"), _detail("range_pre_2020", cap_now=cap_now)]
    within: list[Span] = []
    caps = [cap_now]
    for period in table.periods(TRANSITION):
        limit = cap(period.rate)
        caps.append(limit)
        if period.end is None:
            lines.append(
                _detail(
                    "range_line_open",
                    **{"from": period.start},
                    cap=limit,
                    lpr=period.rate,
                    verified_to=latest.day,
                )
            )
        else:
            lines.append(
                _detail(
                    "range_line",
                    **{"from": period.start, "to": period.end},
                    cap=limit,
                    lpr=period.rate,
                )
            )
        if rate <= limit:
            if (
                within
                and within[-1].end is not None
                and (within[-1].end + datetime.timedelta(days=1) == period.start)
            ):
                within[-1] = Span(within[-1].start, period.end)
            else:
                within.append(Span(period.start, period.end))
    return lines, within, min(caps), max(caps)


def _transitional(rate: Decimal, table: LprTable) -> tuple[bool, list[Detail]]:
    latest = table.last_verified
    limit = cap(latest.rate)
    within = rate <= limit
    return within, [
        _detail("transitional_intro"),
        _detail("transitional_before"),
        _detail("transitional_after", lpr=latest.rate, lpr_date=latest.day, cap=limit),
        _detail("verdict_within" if within else "verdict_above", rate=rate),
    ]


def private_reading(
    rate: Decimal, contract_date: datetime.date | None, table: LprTable
) -> RateReading:
    """The band of an unlicensed lender's rate, with the lines that explain it."""
    if contract_date is not None and contract_date < TRANSITION:
        within, lines = _transitional(rate, table)
        band = ABOVE_36 if rate > USURY_LINE else WITHIN_CAP if within else ABOVE_CAP
        return RateReading(band, tuple(lines), True, cap(table.last_verified.rate))
    if contract_date is not None:
        if rate > USURY_LINE:
            band = ABOVE_36
        elif not table.verified_on(contract_date):
            latest = table.last_verified
            return RateReading(
                NOT_YET_KNOWN,
                (
                    _detail(
                        "not_yet_known", lpr=latest.rate, lpr_date=latest.day, cap=cap(latest.rate)
                    ),
                ),
                False,
                cap(latest.rate),
            )
        else:
            band = None
        fixing = table.fixing_on(contract_date)
        limit = cap(fixing.rate)
        within = rate <= limit
        band = band or (WITHIN_CAP if within else ABOVE_CAP)
        lines = (
            _detail(
                "cap_at_signing",
                contract_date=contract_date,
                lpr=fixing.rate,
                lpr_date=fixing.day,
                cap=limit,
            ),
            _detail("verdict_within" if within else "verdict_above", rate=rate),
        )
        return RateReading(band, lines, False, limit)
    lines, within, lowest, highest = _ranges(rate, table)
    if rate <= lowest:
        return RateReading(
            WITHIN_CAP, (_detail("ranges_verdict_all", rate=rate, cap=lowest),), False, lowest
        )
    if rate > highest or not within:
        band = ABOVE_36 if rate > USURY_LINE else ABOVE_CAP
        if band == ABOVE_36:
            return RateReading(band, (), pre_2020=False)
        return RateReading(
            band, (*lines, _detail("ranges_verdict_none", rate=rate)), pre_2020=False
        )
    return RateReading(
        DEPENDS_ON_DATE,
        (*lines, _detail("ranges_verdict", rate=rate, within=tuple(within))),
        pre_2020=False,
    )


@lru_cache(maxsize=4096)  # readings depend only on their arguments; recent ones are reused
def read_rate(
    rate: Decimal,
    licensed: bool | None,
    contract_date: datetime.date | None,
    table: LprTable,
) -> RateReading:
    """Where ``rate`` stands for a lender whose effective licence is ``licensed``."""
    if licensed is True:
        return RateReading(None, (), pre_2020=False)
    unlicensed = private_reading(rate, contract_date, table)
    if licensed is False:
        return unlicensed
    if unlicensed.band == WITHIN_CAP and rate <= LICENSED_LINE:
        return RateReading(
            ALL_CAPS_OK,
            (_detail("all_caps_ok", rate=rate, cap=unlicensed.cap),),
            unlicensed.pre_2020,
            unlicensed.cap,
        )
    return RateReading(
        unlicensed.band,
        (_detail("branch_licensed"), _detail("branch_unlicensed"), *unlicensed.details),
        pre_2020=unlicensed.pre_2020,
    )
