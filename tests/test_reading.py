"""What a page reads as a typed number, the same on every page (rights_guide.reading)."""

from decimal import Decimal

import pytest

from rights_guide.reading import typed_number


@pytest.mark.parametrize(
    ("typed", "read"),
    [
        ("12", 12),
        ("１２", 12),  # a Chinese keyboard's digits
        (" 800.50 ", Decimal("800.50")),
        ("800.555", Decimal("800.555")),  # exact: the reader refuses it, nothing rounds it
        ("-3", -3),
        ("1e5", "1e5"),  # not 100000
        ("1E5", "1E5"),
        ("٣", "٣"),  # other scripts' digits are not guessed
        ("", ""),
        (None, ""),
    ],
    ids=[
        "ascii",
        "full-width",
        "decimal",
        "three-decimals",
        "negative",
        "exponent",
        "capital-exponent",
        "arabic-indic",
        "empty",
        "none",
    ],
)
def test_a_typed_number_is_plain_decimal_notation_read_exactly(typed, read):
    value = typed_number(typed)
    assert value == read and type(value) is type(read)


def test_thousands_of_digits_are_read_without_crashing():
    # Past 30 digits (more than any range here) it is read as too large, never converted.
    assert typed_number("9" * 5000) >= 10**30
    assert typed_number("-" + "9" * 5000) <= -(10**30)
