"""The interest cap by contract date: the LPR history and the art 31 transition.

The private-lending cap is four times the one-year LPR in force when the
contract was made; a 14% loan from 2022 was within its cap (14.80%) and
one from 2026 is not (12.00%). These tests read the real lpr.yaml.
"""

import datetime
from decimal import Decimal

import pytest

from rights_guide.assessment import rates
from rights_guide.knowledge import KnowledgeError, get_knowledge, load_knowledge
from tests.test_knowledge import broken_copy

D = datetime.date.fromisoformat
TABLE = get_knowledge().lpr


@pytest.mark.parametrize(
    ("day", "lpr"),
    [
        ("2019-08-20", "4.25"),
        ("2019-10-20", "4.20"),
        ("2021-12-19", "3.85"),
        ("2021-12-20", "3.80"),
        ("2022-08-21", "3.70"),
        ("2022-08-22", "3.65"),
        ("2025-05-19", "3.10"),
        ("2025-05-20", "3.00"),
        ("2026-09-30", "3.00"),
    ],
)
def test_the_lpr_on_a_day_is_the_latest_fixing_on_or_before_it(day, lpr):
    assert TABLE.fixing_on(D(day)).rate == Decimal(lpr)


def test_there_is_no_lpr_before_the_first_fixing():
    assert TABLE.fixing_on(D("2019-08-19")) is None


def test_fixings_not_yet_verified_are_not_guessed():
    assert TABLE.verified_on(D("2026-10-19"))
    assert not TABLE.verified_on(D("2026-10-20"))


@pytest.mark.parametrize(
    ("rate", "contract", "band", "cap"),
    [
        (14, "2022-03-01", rates.WITHIN_CAP, "14.80"),
        (14, "2026-03-01", rates.ABOVE_CAP, "12.00"),
        (14.7, "2022-08-21", rates.WITHIN_CAP, "14.80"),
        (14.7, "2022-08-22", rates.ABOVE_CAP, "14.60"),
        (12, "2026-03-01", rates.WITHIN_CAP, "12.00"),  # the cap itself is enforced
        (14, "2020-08-20", rates.WITHIN_CAP, "15.40"),
        (14, "2020-08-19", rates.ABOVE_CAP, "12.00"),  # before the transition: 4×LPR when sued
        (11, "2019-06-01", rates.WITHIN_CAP, "12.00"),
        (36, "2026-03-01", rates.ABOVE_CAP, "12.00"),
        (36.01, "2026-03-01", rates.ABOVE_36, "12.00"),
    ],
)
def test_an_unlicensed_lenders_rate_against_the_cap_for_its_contract_date(
    rate, contract, band, cap
):
    reading = rates.read_rate(Decimal(str(rate)), False, D(contract), TABLE)
    assert reading.band == band
    assert reading.cap == Decimal(cap)
    assert reading.pre_2020 == (D(contract) < rates.TRANSITION)


def test_a_contract_before_2020_08_20_is_worked_out_in_two_parts():
    reading = rates.read_rate(Decimal(20), False, D("2019-06-01"), TABLE)
    assert [d.key for d in reading.details] == [
        "transitional_intro",
        "transitional_before",
        "transitional_after",
        "verdict_above",
    ]


@pytest.mark.parametrize(
    ("rate", "band"),
    [
        (11.5, rates.WITHIN_CAP),  # within the lowest cap ever: no date needed
        (12, rates.WITHIN_CAP),
        (14, rates.DEPENDS_ON_DATE),
        (15.4, rates.DEPENDS_ON_DATE),
        (16, rates.ABOVE_CAP),  # above every cap since 2020-08-20, and above 12% when sued
        (40, rates.ABOVE_36),
    ],
)
def test_without_a_contract_date_the_cap_is_never_assumed_to_be_todays(rate, band):
    assert rates.read_rate(Decimal(str(rate)), False, None, TABLE).band == band


def test_without_a_date_every_period_is_listed_with_the_ones_the_rate_is_within():
    reading = rates.read_rate(Decimal(14), False, None, TABLE)
    keys = [d.key for d in reading.details]
    assert keys[:2] == ["ranges_intro", "range_pre_2020"]
    assert keys.count("range_line") == 8
    assert keys[-2:] == ["range_line_open", "ranges_verdict"]
    within = dict(reading.details[-1].values)["within"]
    assert within == (rates.Span(D("2020-08-20"), D("2023-08-20")),)


def test_a_contract_after_the_last_verified_fixing_says_the_lpr_is_not_yet_known():
    reading = rates.read_rate(Decimal(14), False, D("2026-10-25"), TABLE)
    assert reading.band == rates.NOT_YET_KNOWN


def test_a_licensed_lender_is_not_held_to_the_private_lending_cap():
    assert rates.read_rate(Decimal(14), True, D("2026-03-01"), TABLE).band is None


@pytest.mark.parametrize(
    ("rate", "band"),
    [(10, rates.ALL_CAPS_OK), (30, rates.ABOVE_CAP), (14, rates.DEPENDS_ON_DATE)],
)
def test_when_nobody_knows_the_funders_licence_both_branches_are_shown(rate, band):
    reading = rates.read_rate(Decimal(rate), None, None, TABLE)
    assert reading.band == band
    if band != rates.ALL_CAPS_OK:
        assert [d.key for d in reading.details[:2]] == ["branch_licensed", "branch_unlicensed"]


@pytest.mark.parametrize(
    ("old", "new", "message"),
    [
        ("{date: 2019-10-21,", "{date: 2019-10-20,", "2019-10-20 is a weekend day"),
        ("{date: 2019-09-20, rate: 4.20", "{date: 2019-09-20, rate: 4.2", None),
        ("{date: 2020-01-20,", "{date: 2019-12-10,", "dates must be strictly increasing"),
        ("{date: 2022-01-20, rate: 3.70", "{date: 2022-01-20, rate: 37.0", "between 0 and 10"),
        (
            "{date: 2023-06-20, rate: 3.55, confidence: V2, change: true",
            "{date: 2023-06-20, rate: 3.55, confidence: V2",
            "change must be true exactly when the rate differs",
        ),
        ("last_verified: 2026-09-21", "last_verified: 2026-08-20", "last_verified must be"),
        ("confidence: V2-weak, source: [pbc_fixture]}", "confidence: V3, source: [x]}", "V3"),
    ],
)
def test_a_wrong_lpr_table_stops_start_up(tmp_path, old, new, message):
    copy = broken_copy(tmp_path, "lpr.yaml", old, new)
    if message is None:  # 4.2 and 4.20 are the same rate
        assert load_knowledge(copy).lpr.fixing_on(D("2019-09-30")).rate == Decimal("4.20")
        return
    with pytest.raises(KnowledgeError) as raised:
        load_knowledge(copy)
    assert any(message in problem for problem in raised.value.problems), raised.value.problems
