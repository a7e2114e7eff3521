"""A letter's own choices are declared as data: a new set gets its reader, page form and schema.

The contact terms and repayment proposal are tested through their pages
and the API elsewhere (test_letter_choices_pages, test_letters_action).
Here a set no kind uses, the one docs/CONTRIBUTING.md shows, proves that
declaring parts is all a kind needs: what is sent is read and normalised,
every problem is named by its full field, the form asks each part and puts
each problem next to its control, and kept choices come back as typed.
"""

import datetime
from collections import namedtuple
from decimal import Decimal

import pytest
from django.utils import translation

from rights_guide.letters.choices import (
    Amount,
    ChoiceSet,
    Day,
    Hours,
    Line,
    Option,
    Text,
    Ticks,
    read_choices,
)
from rights_guide.letters.web.choices import ChoicesForm, _check
from rights_guide.reading import Reader

TODAY = datetime.date(2026, 12, 1)
Kind = namedtuple("Kind", "code choices")  # the two things read_choices asks of a kind
METHODS = (
    Option("bank", "Bank transfer", "bank transfer"),
    Option("app", "In the lender's app", "your official app"),
    Option("cash", "At a branch", "at your branch"),
)
PAYMENT = ChoiceSet(
    field="payment_method",
    heading="How will you pay?",
    intro="The letter asks the lender to accept payment this way.",
    parts=(
        Ticks("methods", "Which ways?", required=True, options=METHODS),
        Amount("amount_yuan", "How much?", required=True, maximum=50_000),
        Day("first", "From when?", required=True, latest_days=365),
        Hours("hours", "", from_label="From", to_label="To", initial=("10:00", "18:00")),
        Line("reference", "Your loan number (optional)", max_length=30, personal=True),
        Text("why", "Why this way? (optional)", max_length=200, max_lines=3),
    ),
)


def read(sent: dict):
    reader = Reader()
    chosen = PAYMENT.read(reader, {"payment_method": sent}, today=TODAY)
    return chosen, [(error.field, error.code) for error in reader.errors]


def test_what_is_sent_is_read_in_the_declared_order_and_written_back_the_same():
    chosen, errors = read(
        {
            "methods": ["cash", "bank"],
            "amount_yuan": 1234.5,
            "first": "2027-01-15",
            "hours": {"from": "10:00", "to": "18:30"},
            "reference": "  LN  2026  ",
        }
    )
    assert errors == []
    assert chosen.methods == ("bank", "cash")  # the list's order, not the ticking order
    assert chosen.amount_yuan == Decimal("1234.50")
    assert chosen.first == datetime.date(2027, 1, 15)
    assert chosen.hours == (datetime.time(10), datetime.time(18, 30))
    assert chosen.reference == "LN 2026"
    assert chosen.why == ""  # left out: its empty value, not missing
    assert PAYMENT.part("methods").letter_words(chosen.methods) == [
        "bank transfer",
        "at your branch",
    ]
    data = chosen.to_data()
    assert data == {
        "methods": ["bank", "cash"],
        "amount_yuan": 1234.5,
        "first": "2027-01-15",
        "hours": {"from": "10:00", "to": "18:30"},
        "reference": "LN 2026",
    }
    again = read(data)[0]
    assert again == chosen and hash(again) == hash(chosen)  # a stored letter is remade from this


@pytest.mark.parametrize(
    ("sent", "expected"),
    [
        (
            {},
            {
                ("payment_method.methods", "required"),
                ("payment_method.amount_yuan", "required"),
                ("payment_method.first", "required"),
            },
        ),
        (
            {"methods": ["cheque"], "amount_yuan": 0, "first": "2028-06-01", "colour": "red"},
            {
                ("payment_method.colour", "unknown_field"),
                ("payment_method.methods[0]", "invalid_choice"),
                ("payment_method.amount_yuan", "out_of_range"),
                ("payment_method.first", "date_too_late"),
            },
        ),
        (
            {
                "methods": ["bank"],
                "amount_yuan": "lots",
                "first": "2027-02-30",
                "hours": {"from": "18:00", "to": "09:00"},
            },
            {
                ("payment_method.amount_yuan", "not_amount"),
                ("payment_method.first", "invalid_date"),
                ("payment_method.hours.to", "hours_order"),
            },
        ),
        (
            {
                "methods": ["bank"],
                "amount_yuan": 10,
                "first": "2027-01-01",
                "hours": {"from": "09:00"},
                "why": "a\nb\nc\nd",
            },
            {("payment_method.hours.to", "required"), ("payment_method.why", "too_many_lines")},
        ),
    ],
)
def test_every_problem_is_named_by_its_full_field(sent, expected):
    chosen, errors = read(sent)
    assert chosen is None
    assert set(errors) == expected


def test_another_kinds_choices_are_refused_not_ignored():
    # Two kinds with choices: a client that sends the other one's expects it printed.
    other = ChoiceSet("plan", "", "", (Amount("monthly_yuan", "", required=True),))
    kinds = [Kind("pay_this_way", PAYMENT), Kind("plan_letter", other), Kind("police", None)]
    reader = Reader()
    data = {"plan": {"monthly_yuan": 500}}
    assert read_choices(reader, data, PAYMENT, kinds, today=TODAY) is None
    assert [(e.field, e.code, e.params) for e in reader.errors] == [
        ("plan", "not_for_kind", {"kind": "plan_letter"}),
        ("payment_method", "required", {}),
    ]
    reader = Reader()
    assert read_choices(reader, data, other, kinds, today=TODAY).monthly_yuan == 500
    assert reader.errors == []


def test_the_schema_is_the_readers_rules():
    schema = PAYMENT.schema()
    assert schema["required"] == ["methods", "amount_yuan", "first"]
    assert schema["additionalProperties"] is False
    assert schema["properties"]["methods"]["items"]["enum"] == ["bank", "app", "cash"]
    assert schema["properties"]["amount_yuan"]["maximum"] == 50_000
    assert schema["properties"]["reference"]["maxLength"] == 30


def test_the_page_asks_every_part_and_suggests_what_the_set_suggests():
    form = ChoicesForm.first_time(PAYMENT)
    assert list(form.fields) == [
        "methods",
        "amount_yuan",
        "first",
        "hours_from",
        "hours_to",
        "reference",
        "why",
    ]
    assert form["hours_from"].value() == "10:00" and form["hours_to"].value() == "18:00"
    html = form.as_div()
    assert 'type="date"' in html and 'type="time"' in html and 'inputmode="decimal"' in html
    assert [choice[0] for choice in form.fields["methods"].choices] == ["bank", "app", "cash"]


@pytest.mark.django_db
def test_a_problem_is_shown_beside_its_control_and_nothing_typed_is_lost():
    posted = {
        "methods": ["app"],
        "amount_yuan": "１,２００元",  # as a phone keyboard types it
        "first": "2030-01-01",
        "hours_from": "１７：００",  # without a time picker, on a Chinese keyboard
        "hours_to": "08:00",
        "reference": "LN-7",
    }
    with translation.override("en"):
        form = ChoicesForm(PAYMENT, posted)
        normalised, summary = _check(form)
        assert normalised is None
        assert set(form.errors) == {"first", "hours_to"}
        assert len(summary) == 2
        assert form["amount_yuan"].value() == "１,２００元"
        assert form["reference"].value() == "LN-7"
        posted["first"], posted["hours_to"] = "2027-03-01", "20:00"
        normalised, summary = _check(ChoicesForm(PAYMENT, posted))
    assert summary == []
    assert normalised["amount_yuan"] == 1200
    again = ChoicesForm(PAYMENT, ChoicesForm.values(PAYMENT, normalised))
    assert normalised["hours"] == {"from": "17:00", "to": "20:00"}
    assert again["hours_to"].value() == "20:00" and again["methods"].value() == ["app"]
    assert _check(again) == (normalised, [])
