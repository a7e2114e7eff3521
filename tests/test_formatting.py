"""Dates and yuan amounts in each language, independent of the active language."""

import datetime
from decimal import Decimal

from django.utils import translation

from rights_guide import formatting


def test_long_dates():
    day = datetime.date(2026, 11, 29)
    assert formatting.format_date(day, "zh-hans") == "2026年11月29日"
    assert formatting.format_date(day, "en") == "29 November 2026"


def test_yuan_amounts_are_grouped_with_two_decimals():
    assert formatting.format_yuan(Decimal("12345.6"), "zh-hans") == "¥12,345.60"
    assert formatting.format_yuan(12345.6, "en") == "CN¥12,345.60"


def test_times_use_the_24_hour_clock_in_both_languages():
    assert formatting.format_time(datetime.time(22, 0), "en") == "22:00"
    assert formatting.format_time(datetime.time(7, 5), "zh-hans") == "07:05"


def test_active_language_is_the_default_but_an_explicit_one_wins():
    day = datetime.date(2025, 1, 2)
    with translation.override("en"):
        assert formatting.format_date(day) == "2 January 2025"
        assert formatting.format_date(day, "zh-hans") == "2025年1月2日"


def test_percent_keeps_given_precision():
    assert formatting.format_percent(23.9, "en") == "23.9%"
    assert formatting.format_percent(Decimal("36"), "zh-hans") == "36%"
