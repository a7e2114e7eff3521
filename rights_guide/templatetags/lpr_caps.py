"""The private-lending interest cap for each period of contract dates, worked out from the LPR table.

A guide page never types a cap. ``{% lpr_caps %}`` lists, for contracts made
in each period since 20 August 2020, four times the one-year LPR then in
force (民间借贷规定 art 25), and the two-part rule for older contracts (art
31); ``{% lpr_cap_latest as latest %}`` gives prose the cap for a contract
made today (``latest.cap``, ``latest.since``, ``latest.verified_to``). The
numbers come from lpr.yaml through assessment/rates.py's own arithmetic, and
the words are the results page's (meta.yaml ``rate_texts``), so a new fixing
in the data changes the page. Each line says how sure we are of the LPR
values behind it: the weakest confidence among the fixings of its period.
"""

from __future__ import annotations

from dataclasses import dataclass
from decimal import Decimal
from functools import lru_cache

from babel.numbers import format_decimal
from django import template
from django.utils import translation

from rights_guide.assessment.rates import TRANSITION, Detail, cap
from rights_guide.formatting import babel_locale, format_date
from rights_guide.guide.citations import CONFIDENCE_LABELS
from rights_guide.knowledge import get_knowledge
from rights_guide.knowledge.lpr import Fixing, LprTable, Period
from rights_guide.knowledge.model import CONFIDENCES
from rights_guide.results import detail_text

register = template.Library()


@dataclass(frozen=True)
class CapLine:
    text: str  # the rate_texts line, filled in
    cap: Decimal  # percent a year
    start: str  # ISO date the period starts ("" for contracts before 20 August 2020)
    confidence: str  # the weakest label among the LPR fixings it rests on


def _detail(key: str, **values: object) -> Detail:
    return Detail(key, tuple(sorted(values.items())))


def _weakest(fixings: list[Fixing]) -> str:
    return max((f.confidence for f in fixings), key=CONFIDENCES.index)


def _fixings_of(table: LprTable, period: Period) -> list[Fixing]:
    """The fixings that set or confirmed the rate of a period, the one in force at its start included."""
    return [
        f
        for f in table.fixings
        if f.day >= period.published and (period.end is None or f.day <= period.end)
    ]


@lru_cache(maxsize=8)
def _lines(version: str, language: str) -> tuple[CapLine, ...]:
    knowledge = get_knowledge()
    table = knowledge.lpr
    latest = table.last_verified
    lines = [
        CapLine(
            text=detail_text(
                _detail("range_pre_2020", cap_now=cap(latest.rate)), knowledge, language
            ),
            cap=cap(latest.rate),
            start="",
            confidence=latest.confidence,
        )
    ]
    for period in table.periods(TRANSITION):
        limit = cap(period.rate)
        if period.end is None:
            detail = _detail(
                "range_line_open",
                **{"from": period.start},
                cap=limit,
                lpr=period.rate,
                verified_to=latest.day,
            )
        else:
            detail = _detail(
                "range_line", **{"from": period.start, "to": period.end}, cap=limit, lpr=period.rate
            )
        lines.append(
            CapLine(
                text=detail_text(detail, knowledge, language),
                cap=limit,
                start=period.start.isoformat(),
                confidence=_weakest(_fixings_of(table, period)),
            )
        )
    return tuple(lines)


def _language() -> str:
    return translation.get_language() or "zh-hans"


def cap_lines(language: str) -> tuple[CapLine, ...]:
    """The cap for contracts made before 20 August 2020, then for each period since, oldest first."""
    return _lines(get_knowledge().version, language)


@register.inclusion_tag("guide/_lpr_caps.html")
def lpr_caps():
    """Every period's cap, each with how sure we are of its LPR."""
    return {
        "lines": [(line, CONFIDENCE_LABELS[line.confidence]) for line in cap_lines(_language())]
    }


@dataclass(frozen=True)
class LatestCap:
    cap: str  # 12.00%
    since: str  # the day the latest period began, in the reader's language
    verified_to: str  # the last verified fixing: later ones are not known yet


@register.simple_tag
def lpr_cap_latest():
    """The cap for a contract made today, its numbers formatted for prose."""
    language = _language()
    table = get_knowledge().lpr
    period = table.periods(TRANSITION)[-1]
    number = format_decimal(cap(period.rate), format="0.00", locale=babel_locale(language))
    return LatestCap(
        cap="%s%%" % number,
        since=format_date(period.start, language),
        verified_to=format_date(table.last_verified.day, language),
    )
