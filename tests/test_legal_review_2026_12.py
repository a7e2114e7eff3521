"""The second legal review (issue 21, shared/legal/legal-review-2026-12.md), item by item.

Each case is a request an advocate could send through the JSON API and what the
reviewer expects back. The new optional facts (the guarantee's date and wording,
the last payment or demand, the people reached, whether an insult was public,
whether a visitor came inside, a fee's amount, whether the borrower has died, a
child's age band) are null unless given: what rests on one that is not given is
cited as conditional and decides nothing, and requests without them keep the
meaning the cases below state.
"""

from __future__ import annotations

import json
import re

import pytest
from django.test import Client

from tests.test_legal_corrections import Case, _citations, assess, ev

PRIVATE = "private_lender"
PLATFORM = "lending_platform"
GUARANTOR = "CONTACT__GUARANTOR"
INSULTS = "TACTIC__INSULTS"
LEAVE = "TACTIC__REFUSED_TO_LEAVE"
DISCLOSURE = "CONTACT__THIRD_PARTY_DISCLOSURE"
BOMBING = "CONTACT__BOMBARDMENT"
TO_LOCATE = "CONTACT__THIRD_PARTY_TO_LOCATE"
LOCATE_PRESSED = "CONTACT__THIRD_PARTY_LOCATE_PRESSED"
VOID = "RATE__UNLICENSED_PUBLIC_LENDING_VOID"
UNKNOWN_FUNDER = "RATE__FUNDER_UNKNOWN"
GUARANTOR_CALLED = [ev("guarantor", asked_to_pay=True, disclosed_debt=True)]


def conditional(result: dict, provision: str) -> list[dict]:
    """The citations of a provision that hold only if a fact nobody gave is so."""
    return [
        c
        for c in _citations(result).get(provision, [])
        if not c["counted"] and any(k.startswith("if_") for k in c["caveats"])
    ]


CASES = [
    # G-01: the guarantee's date and wording decide which rules are cited.
    Case(
        "g01-guarantee-without-date-or-wording-cites-every-branch-conditionally",
        {"lender_type": "bank", "events": GUARANTOR_CALLED},
        "lawful",
        {GUARANTOR: "lawful"},
        cites=("civil_code_687_2", "civil_code_692", "civil_code_693"),
        caveats={
            "guarantee_law_19": "if_guarantee_pre_2021",
            "civil_code_686_2": "if_guarantee_from_2021",
            "guarantee_interpretation_25_2": "if_guarantee_pay_wording",
        },
    ),
    Case(
        "g01-a-2019-guarantee-with-no-type-is-joint-under-the-guarantee-law",
        {
            "lender_type": "bank",
            "events": GUARANTOR_CALLED,
            "guarantee_date": "2019-05-01",
            "guarantee_wording": "not_stated",
        },
        findings={GUARANTOR: "lawful"},
        cites=("guarantee_law_19", "time_effect_1", "civil_code_692"),
        not_cites=("civil_code_686_2", "guarantee_interpretation_25_2"),
    ),
    Case(
        "g01-a-2022-guarantee-with-no-type-is-general",
        {
            "lender_type": "bank",
            "events": GUARANTOR_CALLED,
            "guarantee_date": "2022-05-01",
            "guarantee_wording": "not_stated",
        },
        findings={GUARANTOR: "lawful"},
        cites=("civil_code_686_2", "civil_code_687_2"),
        not_cites=("guarantee_law_19", "guarantee_interpretation_25_2"),
    ),
    Case(
        "g01-pays-when-the-borrower-does-not-is-joint-whatever-it-is-called",
        {
            "lender_type": "bank",
            "events": GUARANTOR_CALLED,
            "guarantee_date": "2022-05-01",
            "guarantee_wording": "pays_when_borrower_does_not",
        },
        findings={GUARANTOR: "lawful"},
        cites=("guarantee_interpretation_25_2",),
        not_cites=("civil_code_686_2", "guarantee_law_19"),
    ),
    # G-03: an unlicensed app lends to the public: the contract is void, whatever the rate.
    Case(
        "g03-an-unlicensed-app-at-10pct-is-a-void-contract-not-lawful-interest",
        {"lender_type": PLATFORM, "licensed": False, "annual_rate_percent": 10},
        "unlawful",
        {VOID: "unlawful"},
        absent=("RATE__PRIVATE_WITHIN_CAP",),
        cites=("private_lending_13_3",),
    ),
    Case(
        "g03-a-private-lender-within-the-cap-hears-of-the-professional-lender-exception",
        {"lender_type": PRIVATE, "annual_rate_percent": 10, "contract_date": "2022-03-01"},
        "lawful",
        absent=(VOID,),
        uncounted=("private_lending_13_3",),
        caveats={"private_lending_13_3": "if_professional_lender"},
    ),
    # G-04: an unknown funder at 300% hears of usury and 293-1, if unlicensed.
    Case(
        "g04-unknown-funder-at-300pct-cites-illegal-lending-if-unlicensed",
        {
            "lender_type": PLATFORM,
            "annual_rate_percent": 300,
            "tactics": ["threat_violence"],
        },
        findings={UNKNOWN_FUNDER: "grey"},
        uncounted=("criminal_293_1", "illegal_lending_2019", "criminal_225_4"),
        caveats={"criminal_293_1": "if_unlicensed"},
        not_overall="criminal",
    ),
    # G-06: people, not calls: a mother called 25 times is one person.
    Case(
        "g06-two-people-called-25-times-is-not-mass-disclosure",
        {
            "lender_type": "consumer_finance",
            "events": [
                ev("family", times_per_day=25, disclosed_debt=True, people_reached=1),
                ev("friends", times_per_day=25, disclosed_debt=True, people_reached=1),
            ],
        },
        "unlawful",
        {DISCLOSURE: "unlawful"},
        not_cites=("criminal_253_1",),
    ),
    Case(
        "g06-without-the-number-of-people-253-1-is-only-possible",
        {
            "lender_type": "consumer_finance",
            "events": [
                ev("family", times_per_day=25, disclosed_debt=True),
                ev("friends", times_per_day=25, disclosed_debt=True),
            ],
        },
        "unlawful",
        uncounted=("criminal_253_1",),
        caveats={"criminal_253_1": "if_mass_disclosure"},
    ),
    # G-07: one text to each of many contacts is not bombardment.
    Case(
        "g07-a-text-to-each-of-40-contacts-bombards-nobody",
        {
            "lender_type": "microlender",
            "events": [ev("contacts_list", "sms", times_per_day=40, people_reached=40)],
        },
        absent=(BOMBING,),
    ),
    Case(
        "g07-forty-calls-to-one-person-still-is",
        {"lender_type": "microlender", "events": [ev("family", times_per_day=40)]},
        findings={BOMBING: "unlawful"},
    ),
    # G-08: 50(1)(2) needs a public insult; 50(1)(5) needs the insults repeated.
    Case(
        "g08-a-private-insult-is-a-civil-wrong-not-a-public-insult",
        {"lender_type": "bank", "tactics": ["insults"], "insult_public": False},
        "unlawful",
        {INSULTS: "unlawful"},
        cites=("civil_code_990_2",),
        not_cites=("psapl_2025_50_2",),
    ),
    Case(
        "g08-with-publicity-unknown-the-public-insult-is-conditional",
        {"lender_type": "bank", "tactics": ["insults"]},
        uncounted=("psapl_2025_50_2",),
        caveats={"psapl_2025_50_2": "if_public_insult"},
    ),
    Case(
        "g08-a-public-insult-cites-50-1-2",
        {"lender_type": "bank", "tactics": ["insults"], "insult_public": True},
        cites=("psapl_2025_50_2",),
    ),
    Case(
        "g08-three-ordinary-calls-do-not-make-the-insults-repeated",
        {"lender_type": "bank", "events": [ev(times_per_day=3)], "tactics": ["insults"]},
        uncounted=("psapl_2025_50_5",),
        caveats={"psapl_2025_50_5": "if_abuse_repeated"},
    ),
    # G-09: 274 needs a large amount (or repetition).
    Case(
        "g09-a-fee-of-unknown-amount-with-a-threat-is-not-extortion-as-fact",
        {"lender_type": "consumer_finance", "tactics": ["threat_exposure", "extra_fees"]},
        "unlawful",
        cites=("psapl_2025_58",),
        uncounted=("criminal_274",),
        caveats={"criminal_274": "if_extortion_amount"},
    ),
    Case(
        "g09-a-300-yuan-fee-stays-conditional",
        {
            "lender_type": "consumer_finance",
            "tactics": ["threat_exposure", "extra_fees"],
            "extra_fee_yuan": 300,
        },
        "unlawful",
        uncounted=("criminal_274",),
    ),
    Case(
        "g09-a-6000-yuan-fee-may-be-extortion",
        {
            "lender_type": "consumer_finance",
            "tactics": ["threat_exposure", "extra_fees"],
            "extra_fee_yuan": 6000,
        },
        "criminal",
        cites=("criminal_274", "extortion_2013_1"),
    ),
    # G-10: at the door is not inside the home.
    Case(
        "g10-stayed-at-the-door-is-not-home-intrusion",
        {
            "lender_type": PRIVATE,
            "events": [ev(channel="visit_home")],
            "tactics": ["refused_to_leave"],
            "came_inside": False,
        },
        not_overall="criminal",
        not_cites=("criminal_245", "psapl_2025_47_3"),
    ),
    Case(
        "g10-inside-unknown-makes-245-conditional",
        {
            "lender_type": PRIVATE,
            "events": [ev(channel="visit_home")],
            "tactics": ["refused_to_leave"],
        },
        not_overall="criminal",
        uncounted=("criminal_245",),
        caveats={"criminal_245": "if_came_inside"},
    ),
    Case(
        "g10-came-inside-may-be-home-intrusion",
        {
            "lender_type": PRIVATE,
            "events": [ev(channel="visit_home")],
            "tactics": ["refused_to_leave"],
            "came_inside": True,
        },
        "criminal",
        {LEAVE: "criminal"},
        cites=("criminal_245", "psapl_2025_47_3"),
    ),
    # The banking guideline bars entering private premises without consent: a bank's
    # collector who stayed at the door is not held to have broken it.
    Case(
        "g10-bank-collector-at-the-door-breaks-no-premises-rule",
        {
            "lender_type": "bank",
            "product": "loan",
            "events": [ev(channel="visit_home")],
            "tactics": ["refused_to_leave"],
            "came_inside": False,
        },
        "grey",
        {LEAVE: "grey"},
    ),
    # G-12: relatives called to locate the borrower get the emergency contact's line.
    Case(
        "g12-mother-called-8-times-to-locate-is-beyond-locating",
        {
            "lender_type": "bank",
            "product": "loan",
            "events": [
                ev("family", times_per_day=8, answered_per_day=3, borrower_unreachable=True)
            ],
        },
        "breach",
        {LOCATE_PRESSED: "breach"},
        absent=(TO_LOCATE,),
    ),
    Case(
        "g12-one-call-to-locate-stays-grey",
        {
            "lender_type": "bank",
            "events": [ev("family", times_per_day=1, borrower_unreachable=True)],
        },
        "grey",
        {TO_LOCATE: "grey"},
        absent=(LOCATE_PRESSED,),
    ),
    # G-16: NIFA 16 and 17 plainly breached.
    Case(
        "g16-twelve-calls-a-day-from-a-microlender-is-a-breach",
        {"lender_type": "microlender", "events": [ev(times_per_day=12)]},
        "breach",
        cites=("nifa_17", "microloan_37_2"),
    ),
    Case(
        "g16-made-up-arrest-from-an-app-is-a-breach",
        {"lender_type": PLATFORM, "licensed": True, "tactics": ["false_consequences"]},
        "breach",
        {"TACTIC__FALSE_CONSEQUENCES": "breach"},
        cites=("nifa_16",),
    ),
    # G-17: a child under 14.
    Case(
        "g17-a-child-under-14-messaged-engages-pipl-and-the-minors-law",
        {
            "lender_type": "microlender",
            "events": [ev("minor", "im")],
            "child_age_band": "under_14",
        },
        "unlawful",
        {"CONTACT__MINOR": "unlawful"},
        cites=("pipl_31", "pipl_28", "minors_protection_72"),
    ),
    Case(
        "g17-age-unknown-keeps-them-conditional",
        {"lender_type": "microlender", "events": [ev("minor", "im")]},
        "breach",
        uncounted=("pipl_31",),
        caveats={"pipl_31": "if_child_under_14"},
    ),
    Case(
        "g17-a-16-year-old",
        {
            "lender_type": "microlender",
            "events": [ev("minor", "im")],
            "child_age_band": "14_to_17",
        },
        "breach",
        not_cites=("pipl_31",),
    ),
    # G-29: a fake lawyer's letter breaks the Lawyers Law.
    Case(
        "g29-fake-lawyers-letter-breaks-the-lawyers-law",
        {"lender_type": PLATFORM, "tactics": ["fake_lawyer_letter"]},
        "unlawful",
        {"TACTIC__FAKE_LAWYER_LETTER": "unlawful"},
        cites=("lawyers_law_55",),
    ),
]


@pytest.mark.parametrize("case", CASES, ids=[c.id for c in CASES])
def test_second_review(case: Case):
    from tests.test_legal_corrections import test_legal_correction

    test_legal_correction(case)


def test_g29_the_justice_bureau_is_where_a_fake_lawyer_is_reported():
    result = assess({"lender_type": "bank", "tactics": ["fake_lawyer_letter"]})
    assert "justice_bureau" in [c["code"] for c in result["channels"]]
    finding = next(f for f in result["findings"] if f["code"] == "TACTIC__FAKE_LAWYER_LETTER")
    assert "12348.gov.cn" in json.dumps(finding, ensure_ascii=False)


def test_g15_a_borrowers_death_brings_in_the_heirs_rule_for_a_third_party():
    request = {
        "lender_type": "bank",
        "perspective": "third_party",
        "relationship": "family",
        "events": [{"channel": "call", "asked_to_pay": True}],
    }
    unknown = assess(request)
    assert conditional(unknown, "civil_code_1161")
    died = assess({**request, "borrower_died": True})
    assert "civil_code_1161" in _citations(died) and not conditional(died, "civil_code_1161")
    alive = assess({**request, "borrower_died": False})
    assert "civil_code_1161" not in _citations(alive)


def test_g02_three_years_without_payment_or_demand_warns_before_acknowledging():
    old = assess({"lender_type": "bank", "last_payment_or_demand_date": "2022-06-01"})
    assert "time_bar" in old["caveats"]
    assert "12348" in old["caveat_texts"]["time_bar"]
    assert "诉讼时效" in old["caveat_texts"]["time_bar"]
    recent = assess({"lender_type": "bank", "last_payment_or_demand_date": "2025-06-01"})
    assert "time_bar" not in recent["caveats"]
    assert "time_bar" not in assess({"lender_type": "bank"})["caveats"]


@pytest.mark.parametrize(
    ("body", "field_name", "code"),
    [
        ({"guarantee_date": "2019-13-01"}, "guarantee_date", "invalid_date"),
        ({"guarantee_wording": "strong"}, "guarantee_wording", "invalid_choice"),
        (
            {"last_payment_or_demand_date": "2030-01-01"},
            "last_payment_or_demand_date",
            "date_in_future",
        ),
        ({"insult_public": "yes"}, "insult_public", "not_boolean"),
        ({"came_inside": 1}, "came_inside", "not_boolean"),
        ({"extra_fee_yuan": -5}, "extra_fee_yuan", "out_of_range"),
        ({"borrower_died": True}, "borrower_died", "only_for_third_party"),
        ({"child_age_band": "toddler"}, "child_age_band", "invalid_choice"),
        ({"events": [ev(people_reached=0)]}, "events[0].people_reached", "out_of_range"),
    ],
)
def test_the_new_optional_fields_are_checked(body, field_name, code):
    request = {"lender_type": "bank", "conduct_date": "2026-10-15", **body}
    response = Client().post("/api/v1/assess", json.dumps(request), content_type="application/json")
    assert response.status_code == 400, response.content
    errors = response.json()["errors"]
    assert {"field": field_name, "code": code} in [
        {"field": e["field"], "code": e["code"]} for e in errors
    ], errors
    assert all(e["message"] for e in errors)


def test_the_new_fields_round_trip_through_the_stored_request():
    from rights_guide.assessment import parse_answers
    from rights_guide.assessment.answers import answers_to_data
    from tests.factories import TODAY

    data = {
        "lender_type": "bank",
        "conduct_date": "2026-10-15",
        "events": [ev("contacts_list", "sms", times_per_day=9, people_reached=7)],
        "guarantee_date": "2019-05-01",
        "guarantee_wording": "joint",
        "last_payment_or_demand_date": "2021-01-02",
        "insult_public": False,
        "came_inside": True,
        "extra_fee_yuan": 2500,
        "child_age_band": "under_14",
    }
    answers = parse_answers(data, today=TODAY)
    assert parse_answers(answers_to_data(answers), today=TODAY) == answers
    assert answers.events[0].people_reached == 7
    assert answers.may_be_time_barred


# G-11 and G-02 in the letters, read back from the PDF a borrower signs.


def _letter_pdf_text(kind: str, assessment: dict, **changes) -> str:
    from tests.factories import letter_data, make_pdf
    from tests.pdfs import pdf_text, squeezed

    data = letter_data(kind=kind, assessment=assessment, incidents=[], **changes)
    return squeezed(pdf_text(make_pdf(data)))


SIXTY_CONTACTS = {
    "lender_type": "consumer_finance",
    "conduct_date": "2026-10-15",
    "events": [
        {
            "target": "contacts_list",
            "channel": "sms",
            "times_per_day": 60,
            "people_reached": 60,
            "disclosed_debt": True,
        }
    ],
    "tactics": [],
}


def test_g11_a_lender_letter_says_a_crime_may_be_involved_never_that_it_was_committed():
    text = _letter_pdf_text("lender", SIXTY_CONTACTS)
    against = text.split("上述行为违反")[1].split("上述行为可能涉及以下规定")[0]
    assert "刑法" not in against
    assert "上述行为可能涉及以下规定" in text
    possible = text.split("上述行为可能涉及以下规定")[1]
    assert "第二百五十三条之一" in possible


def test_g11_a_grey_ground_is_not_printed_as_broken():
    from rights_guide.assessment import evaluate, parse_answers
    from rights_guide.letters.legal import cited_law
    from tests.factories import TODAY

    answers = parse_answers(
        {
            "lender_type": "microlender",
            "conduct_date": "2026-10-15",
            "events": [{"target": "borrower", "channel": "visit_work"}],
            "tactics": ["refused_to_leave"],
        },
        today=TODAY,
    )
    assessment = evaluate(answers)
    grey = {
        c.provision.id
        for f in assessment.findings
        for c in f.citations
        if c.counted and c.severity == "grey"
    }
    assert "psapl_2025_26_1" in grey
    law = cited_law(assessment, kind="lender", requests=(), written_on=TODAY)
    assert "psapl_2025_26_1" not in {p.id for p in law.conduct + law.possible}


TIME_BARRED = {
    "lender_type": "lending_platform",
    "conduct_date": "2026-10-15",
    "last_payment_or_demand_date": "2022-03-01",
    "events": [{"target": "borrower", "channel": "call", "times_per_day": 2}],
    "tactics": [],
}


def test_g02_an_old_debt_repayment_letter_acknowledges_nothing():
    text = _letter_pdf_text("repayment_plan", TIME_BARRED)
    assert "我愿意偿还欠款" not in text and "我想偿还" not in text
    assert "不构成对该欠款的承认" in text
    assert "诉讼时效期间已经届满的抗辩" in text


def test_g02_a_recent_debt_repayment_letter_still_offers_to_repay():
    recent = {**TIME_BARRED, "last_payment_or_demand_date": "2025-03-01"}
    text = _letter_pdf_text("repayment_plan", recent)
    assert "诉讼时效" not in text


def test_g02_the_debt_details_letter_asks_for_the_dates_and_acknowledges_nothing_when_old():
    old = _letter_pdf_text("debt_details", TIME_BARRED)
    assert "最后一次还款的日期" in old
    assert "我并不是拒绝还款" not in old
    assert "诉讼时效期间已经届满的抗辩" in old
    recent = _letter_pdf_text("debt_details", {**TIME_BARRED, "last_payment_or_demand_date": None})
    assert "最后一次还款的日期" in recent
    assert "我并不是拒绝还款" in recent


def test_g02_the_call_script_warns_before_acknowledging_an_old_debt():
    response = Client().get("/help/calls/")
    text = response.content.decode()
    assert "诉讼时效" in text and "12348" in text


# The interview asks the new facts only where they matter, and sends them as the API's fields.


def test_the_interview_asks_the_follow_ups_only_where_they_matter():
    from rights_guide.interview.steps import applicable_steps, detail_asks

    plain = {"lender": {"lender_type": "bank"}, "contacts": {"targets": ["borrower"]}}
    assert detail_asks(plain) == ()
    assert "details" not in [s.slug for s in applicable_steps(plain)]
    story = {
        "lender": {"lender_type": "bank"},
        "contacts": {"targets": ["guarantor", "minor"]},
        "contact-guarantor": {"calls": "2"},
        "tactics": {"tactics": ["insults", "extra_fees", "threat_exposure"]},
    }
    assert detail_asks(story) == (
        "guarantee_date",
        "guarantee_wording",
        "insult_public",
        "extra_fee_yuan",
        "child_age_band",
    )
    assert "details" in [s.slug for s in applicable_steps(story)]


def test_the_interviews_answers_reach_the_engine():
    from rights_guide.interview.steps import request_from_answers, to_answers
    from tests.factories import TODAY

    stored = {
        "lender": {"lender_type": "bank"},
        "contacts": {"targets": ["guarantor", "family"]},
        "contact-guarantor": {"calls": "1", "asked_to_pay": "yes"},
        "contact-family": {"texts": "30", "disclosed_debt": "yes", "people_reached": "3"},
        "tactics": {"tactics": ["insults"]},
        "details": {
            "guarantee_date": "2019/5/1",
            "guarantee_wording": "not_stated",
            "insult_public": "no",
        },
        "when": {"conduct_date": "2026-10-15"},
        "cost": {"last_payment_or_demand_date": "2022-03-01"},
    }
    request = request_from_answers(stored)
    assert request["guarantee_date"] == "2019-05-01"
    assert request["guarantee_wording"] == "not_stated"
    assert request["insult_public"] is False
    assert request["last_payment_or_demand_date"] == "2022-03-01"
    family = [e for e in request["events"] if e["target"] == "family"]
    assert family and all(e["people_reached"] == 3 for e in family)
    answers = to_answers(stored, today=TODAY)
    assert answers.may_be_time_barred and answers.insult_public is False


def test_someone_called_is_asked_whether_the_borrower_has_died():
    from rights_guide.interview.called import THIRD_PARTY
    from tests.factories import TODAY

    stored = {
        "relationship": {"relationship": "family"},
        "contact": {"calls": "2", "asked_to_pay": "yes"},
        "details": {"borrower_died": "yes"},
        "when": {"conduct_date": "2026-10-15"},
    }
    assert "details" in [s.slug for s in THIRD_PARTY.applicable(stored)]
    answers = THIRD_PARTY.to_answers(stored, today=TODAY)
    assert answers.borrower_died is True


# Texts and data.


def test_g13_the_hint_no_longer_calls_prison_a_made_up_consequence():
    from rights_guide.knowledge import get_knowledge

    hint = get_knowledge().vocabulary.tactics["false_consequences"].hint
    assert "坐牢" not in hint.zh_hans and "prison" not in hint.en
    assert "信用卡" in hint.zh_hans


def test_g13_the_police_faq_names_the_credit_card_exception():
    from django.conf import settings

    topics = (settings.BASE_DIR / "rights_guide" / "guide" / "topics.yaml").read_text()
    assert "恶意透支" in topics.split("有人自称警察，说不还钱就来抓我")[1].split("question:")[0]


def test_g14_a_lawsuit_notice_explains_service_by_notice_payment_orders_and_freezing():
    result = assess({"lender_type": "bank", "tactics": ["lawsuit_notice"]})
    cited = _citations(result)
    for provision in ("civil_procedure_95", "civil_procedure_147", "civil_procedure_227"):
        assert provision in cited, sorted(cited)
    assert "civil_procedure_103" in cited or "civil_procedure_104" in cited
    finding = next(f for f in result["findings"] if f["code"] == "TACTIC__LAWSUIT_NOTICE")
    assert "15日" in finding["explanation"] and "公告" in finding["explanation"]


def test_g15_relatives_hear_what_heirs_owe():
    result = assess(
        {
            "lender_type": "bank",
            "perspective": "third_party",
            "relationship": "family",
            "events": [{"channel": "call"}],
        }
    )
    assert "遗产" in json.dumps(result, ensure_ascii=False)


def test_g06_the_disclosure_text_says_the_crime_is_for_the_police_to_decide():
    result = assess(
        {"lender_type": "consumer_finance", "events": [ev("family", disclosed_debt=True)]}
    )
    finding = next(f for f in result["findings"] if f["code"] == DISCLOSURE)
    assert "由公安机关认定" in finding["explanation"]
    assert "按人数算" in finding["explanation"]


def test_old_item_14_every_provision_the_review_read_has_its_source_note():
    from rights_guide.knowledge import get_knowledge

    provisions = get_knowledge().provisions
    read = (
        "psapl_2025_26_1",
        "civil_procedure_125",
        "online_mediation_15",
        "civil_code_686_2",
        "civil_code_687_2",
        "civil_code_688_2",
        "pi_crime_2017_3",
        "pi_crime_2017_11",
    )
    for provision in read:
        assert provisions[provision].confidence == "V1"
        assert provisions[provision].note is not None, provision
        note = provisions[provision].note
        # It names the text it was checked against, in both languages.
        assert re.search(r"LawRefBook|flk\.npc\.gov\.cn|国家法律法规数据库", note.zh_hans), (
            provision
        )
        assert re.search(r"LawRefBook|flk\.npc\.gov\.cn|National Database", note.en), provision


def test_section_5_gaps_are_in_the_knowledge_with_their_labels():
    from rights_guide.knowledge import get_knowledge

    provisions = get_knowledge().provisions
    expected = {
        "private_lending_13_3": "V1",
        "civil_code_188": "V1",
        "civil_code_192": "V1",
        "civil_code_195": "V1",
        "limitation_rules_8": "V1",
        "limitation_rules_19": "V1",
        "guarantee_law_19": "V2",
        "time_effect_1": "V1",
        "guarantee_interpretation_25_2": "V1",
        "civil_code_692": "V1",
        "civil_code_693": "V1",
        "extortion_2013_1": "V1",
        "extortion_2013_3": "V1",
        "pipl_28": "V1",
        "pipl_31": "V1",
        "minors_protection_72": "V1",
        "lawyers_law_55": "V1",
        "credit_reporting_15": "V1",
        "credit_reporting_16": "V1",
        "credit_reporting_25": "V1",
        "civil_code_1161": "V1",
        "civil_procedure_95": "V1",
        "civil_procedure_103": "V1",
        "civil_procedure_104": "V1",
        "civil_procedure_147": "V1",
        "civil_procedure_227": "V1",
    }
    for provision, label in expected.items():
        assert provisions[provision].confidence == label, provision
        assert provisions[provision].note is not None, provision
    assert "国家有关规定" in provisions["psapl_2025_56"].summary.zh_hans


def test_g03_a_repayment_letter_to_an_unlicensed_app_concedes_only_the_principal():
    text = _letter_pdf_text(
        "repayment_plan",
        {
            "lender_type": "lending_platform",
            "licensed": False,
            "annual_rate_percent": 30,
            "conduct_date": "2026-10-15",
            "events": [],
            "tactics": [],
        },
    )
    assert "借款合同依法应当认定无效" in text
    assert "四倍的利息" not in text  # not "above 4×LPR I refuse", which concedes the rest
    assert "第十三条" in text


def test_g07_contacts_spread_over_several_relatives_are_judged_per_person():
    forty_to_four = assess(
        {
            "lender_type": "microlender",
            "events": [ev("family", "sms", times_per_day=40, people_reached=4)],
        }
    )
    assert BOMBING not in [f["code"] for f in forty_to_four["findings"]]
    forty_to_one = assess(
        {
            "lender_type": "microlender",
            "events": [ev("family", "sms", times_per_day=40, people_reached=1)],
        }
    )
    assert BOMBING in [f["code"] for f in forty_to_one["findings"]]


def _rule(code):
    from rights_guide.knowledge import get_knowledge

    return next(rule for rule in get_knowledge().rules if rule.code == code)


def test_g28_a_defaulter_who_can_pay_is_listed_until_they_pay_not_for_two_years():
    """G-28: the two-year term is for listing items (2)-(6); item (1) lasts until performance."""
    text = _rule("TACTIC__FALSE_CONSEQUENCES").explanation
    assert "失信被执行人名单（一般2年）" not in text.zh_hans
    assert "直到履行了义务才会删除" in text.zh_hans
    assert "usually for two years" not in text.en
    assert "on the list of defaulters until you pay" in text.en


@pytest.mark.parametrize(
    "code", ["CONTACT__EMERGENCY_CONTACT_BEYOND_LOCATING", "CONTACT__THIRD_PARTY_LOCATE_PRESSED"]
)
def test_g33_the_call_count_line_is_labelled_as_our_own_reading(code):
    """G-33: the standard sets no count; "4 a day or again after an answer" is ours."""
    rule = _rule(code)
    for wording in (rule, rule.third_party):
        zh, en = wording.explanation.zh_hans, wording.explanation.en
        assert "视为超出" not in zh and "这违反国家标准和行业规范" not in zh
        assert "这是我们的判断：一天4次以上" in zh
        assert "we treat four or more" not in en
        assert "this is our reading: four or more a day" in en.lower()


def test_g36_a_spouse_hears_about_household_loans_and_premarital_debts():
    """G-36: small household loans may be joint (1064 para 1); premarital debts are not, unless used for the family."""
    from rights_guide.knowledge import get_knowledge

    words = get_knowledge().vocabulary.targets["spouse"].called
    assert (
        "为家庭日常生活借的小额消费贷款，不需要出借人另外证明，就可能是共同债务"
        in words.owes_text.zh_hans
    )
    assert "结婚以前借的钱" in words.owes_text.zh_hans
    assert (
        "small consumer loan taken out for everyday family needs may be joint" in words.owes_text.en
    )
    assert "before you married" in words.owes_text.en
    assert words.owes_provisions == ("civil_code_1064",)
