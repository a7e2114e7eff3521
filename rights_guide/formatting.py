"""Dates, times and yuan amounts in the reader's language, through Babel.

Django's own number formatting under zh-hans drops digit grouping
(12345.60), and its English dates follow US order; Babel's CLDR data gives
what each reader expects: 2026年11月29日 / 29 November 2026, ¥12,345.60 /
CN¥12,345.60. A letter passes its own language explicitly so a document is
never formatted in whatever language happens to be active.
"""

import datetime
import re
from decimal import Decimal
from functools import lru_cache

from babel import Locale
from babel import dates as babel_dates
from babel import numbers as babel_numbers
from django.utils import translation

# English readers here are mostly advocates and foreign residents; British
# order (29 November 2026, 24-hour clock) reads unambiguously next to Chinese.
BABEL_LOCALES = {"zh-hans": "zh_Hans_CN", "en": "en_GB"}


def babel_locale(language: str | None = None) -> Locale:
    """The Babel locale for a Django language code (the active one by default)."""
    code = language or translation.get_language() or "zh-hans"
    return _parse_locale(BABEL_LOCALES.get(code.lower(), "zh_Hans_CN"))


@lru_cache(maxsize=8)
def _parse_locale(identifier: str) -> Locale:
    return Locale.parse(identifier)


def format_date(value: datetime.date, language: str | None = None) -> str:
    """A long date: 2026年11月29日 or 29 November 2026."""
    return babel_dates.format_date(value, format="long", locale=babel_locale(language))


def format_time(value: datetime.time, language: str | None = None) -> str:
    """A 24-hour time: 22:00 in both languages."""
    return babel_dates.format_time(value, format="HH:mm", locale=babel_locale(language))


def format_datetime(value: datetime.datetime, language: str | None = None) -> str:
    """A long date followed by a 24-hour time."""
    return "%s %s" % (format_date(value.date(), language), format_time(value.time(), language))


def format_yuan(amount: Decimal | float | int, language: str | None = None) -> str:
    """An amount in yuan with grouping and two decimals: ¥12,345.60 or CN¥12,345.60."""
    return babel_numbers.format_currency(amount, "CNY", locale=babel_locale(language))


def format_percent(value: Decimal | float | int, language: str | None = None) -> str:
    """A rate given in percent (23.9 → 23.9%), without inventing extra decimals."""
    number = babel_numbers.format_decimal(value, format="#,##0.##", locale=babel_locale(language))
    return "%s%%" % number


def format_period(first: datetime.date, last: datetime.date, language: str | None = None) -> str:
    """Two dates as one span, the shared parts said once: 2026年10月3日 – 20日, 3 – 20 Oct 2026."""
    return babel_dates.format_interval(first, last, "yMMMd", locale=babel_locale(language))


def format_day(value: datetime.date, language: str | None = None) -> str:
    """A date with its weekday, for the heading of a day: 2026年10月3日星期六, Saturday 3 October 2026."""
    return babel_dates.format_date(value, format="full", locale=babel_locale(language))


def format_number(value: int, language: str | None = None) -> str:
    """A whole number with the reader's digit grouping: 1,234."""
    return babel_numbers.format_decimal(value, format="#,##0", locale=babel_locale(language))


# A standard is named by its number (GB/T 45251—2025), which Chinese typography
# never puts in book-title marks; a name that already holds its marks
# (中国银行业协会《…》) keeps them rather than being wrapped twice.
STANDARD_NUMBER = re.compile(r"^(?:[^\s《]*\s)?(?:GB|JR|JB|YD)(?:/[TZ])?\s*\d")


def book_title(name: str) -> str:
    """《民法典》; 中国银行业协会《…》 and GB/T 45251—2025 as they are."""
    if "《" in name or STANDARD_NUMBER.match(name):
        return name
    return "《%s》" % name
