"""The legal review of issue 12, item by item, through the JSON API, in both directions.

Each case is one request a borrower's advocate could send and what a
careful consumer-finance lawyer expects back: the overall severity, named
findings, provisions that must (and must not) be cited, and whether a
citation decides the severity or only explains (``counted``). Requests
without the new optional fields must keep their meaning.
"""

from __future__ import annotations

import json
from dataclasses import dataclass, field

import pytest
from django.test import Client


@dataclass
class Case:
    id: str
    request: dict
    overall: str | None = None
    findings: dict[str, str] = field(default_factory=dict)
    absent: tuple[str, ...] = ()
    cites: tuple[str, ...] = ()
    not_cites: tuple[str, ...] = ()
    uncounted: tuple[str, ...] = ()  # cited, but never deciding the severity
    not_overall: str | None = None
    details: tuple[str, ...] = ()  # text in a finding's calculation (zh)
    caveats: dict[str, str] = field(default_factory=dict)  # provision -> caveat code


def assess(request: dict, language: str = "zh-hans") -> dict:
    body = {"conduct_date": "2026-10-15", **request}
    response = Client().post(
        "/api/v1/assess?lang=%s" % language, json.dumps(body), content_type="application/json"
    )
    assert response.status_code == 200, response.content
    return response.json()


def ev(target="borrower", channel="call", **details):
    return {"target": target, "channel": channel, **details}


PRIVATE = "private_lender"
WITHIN, ABOVE = "RATE__PRIVATE_WITHIN_CAP", "RATE__PRIVATE_ABOVE_CAP"
DEPENDS, USURY = "RATE__PRIVATE_CAP_DEPENDS_ON_DATE", "RATE__PRIVATE_USURY"
UNKNOWN_FUNDER = "RATE__FUNDER_UNKNOWN"
TO_LOCATE = "CONTACT__EMERGENCY_CONTACT_TO_LOCATE"
BEYOND = "CONTACT__EMERGENCY_CONTACT_BEYOND_LOCATING"
OVER_LIMIT = "CONTACT__BORROWER_CALLS_OVER_LIMIT"
UNANSWERED = "CONTACT__BORROWER_UNANSWERED_OVER_LIMIT"
WITHIN_LIMITS = "CONTACT__BORROWER_CALLS_WITHIN_LIMITS"
UNCLEAR = "CONTACT__BORROWER_CALLS_COUNT_UNCLEAR"
REACHABLE = "CONTACT__THIRD_PARTY_WHILE_REACHABLE"
DISCLOSURE = "CONTACT__THIRD_PARTY_DISCLOSURE"
EMERGENCY = {"target": "emergency_contact", "channel": "call", "borrower_unreachable": True}

CASES = [
    # 1. The private-lending cap is 4×LPR on the contract date, not a fixed 12%.
    Case(
        "14pct-from-2022-is-within-its-cap",
        {"lender_type": PRIVATE, "annual_rate_percent": 14, "contract_date": "2022-03-01"},
        "lawful",
        {WITHIN: "lawful"},
        absent=(ABOVE,),
        details=("14.80",),
    ),
    Case(
        "14pct-from-2026-is-above-its-cap",
        {"lender_type": PRIVATE, "annual_rate_percent": 14, "contract_date": "2026-03-01"},
        "unlawful",
        {ABOVE: "unlawful"},
        absent=(WITHIN,),
        details=("12.00",),
    ),
    Case(
        "14pct-without-a-date-lists-the-cap-for-each-period",
        {"lender_type": PRIVATE, "annual_rate_percent": 14},
        "grey",
        {DEPENDS: "grey"},
        absent=(WITHIN, ABOVE),
        details=("2020年8月20日至2023年8月20日", "15.40", "12.00"),
    ),
    Case(
        "11.5pct-without-a-date-is-within-every-cap",
        {"lender_type": PRIVATE, "annual_rate_percent": 11.5},
        "lawful",
        {WITHIN: "lawful"},
        absent=(DEPENDS,),
    ),
    Case(
        "16pct-without-a-date-is-above-every-cap",
        {"lender_type": PRIVATE, "annual_rate_percent": 16},
        "unlawful",
        {ABOVE: "unlawful"},
        absent=(DEPENDS,),
    ),
    Case(
        "20pct-from-2019-is-worked-out-in-two-parts",
        {"lender_type": PRIVATE, "annual_rate_percent": 20, "contract_date": "2019-06-01"},
        "unlawful",
        {ABOVE: "unlawful"},
        cites=("private_lending_31",),
        details=("24%", "12.00"),
    ),
    Case(
        "11pct-from-2019-is-within-the-transitional-cap",
        {"lender_type": PRIVATE, "annual_rate_percent": 11, "contract_date": "2019-06-01"},
        "lawful",
        {WITHIN: "lawful"},
        cites=("private_lending_31",),
    ),
    Case(
        "14.7pct-the-day-before-the-august-2022-cut",
        {"lender_type": PRIVATE, "annual_rate_percent": 14.7, "contract_date": "2022-08-21"},
        findings={WITHIN: "lawful"},
    ),
    Case(
        "14.7pct-on-the-day-of-the-august-2022-cut",
        {"lender_type": PRIVATE, "annual_rate_percent": 14.7, "contract_date": "2022-08-22"},
        findings={ABOVE: "unlawful"},
    ),
    Case(
        "exactly-the-cap-is-enforced",
        {"lender_type": PRIVATE, "annual_rate_percent": 12, "contract_date": "2026-03-01"},
        findings={WITHIN: "lawful"},
    ),
    Case(
        "40pct-by-an-individual-is-unlawful-not-criminal",
        {"lender_type": PRIVATE, "annual_rate_percent": 40},
        "unlawful",
        {USURY: "unlawful"},
        uncounted=("illegal_lending_2019",),
    ),
    Case(
        "a-contract-after-the-last-verified-lpr",
        {
            "lender_type": PRIVATE,
            "annual_rate_percent": 14,
            "contract_date": "2026-10-25",
            "conduct_date": "2026-11-01",
        },
        "grey",
        {"RATE__PRIVATE_CAP_NOT_YET_KNOWN": "grey"},
        absent=(ABOVE,),
        caveats={"private_lending_25": "lpr_unverified"},
    ),
    Case(
        "a-bank-is-not-held-to-the-private-cap",
        {"lender_type": "bank", "annual_rate_percent": 14, "contract_date": "2026-03-01"},
        "lawful",
        {"RATE__LICENSED_WITHIN_24": "lawful"},
        absent=(WITHIN, ABOVE, DEPENDS),
    ),
    # 2. An app's funder is licensed only if the borrower knows it is.
    Case(
        "app-with-a-licensed-funder-at-30pct",
        {"lender_type": "lending_platform", "licensed": True, "annual_rate_percent": 30},
        "grey",
        {"RATE__LICENSED_HIGH_COST": "grey"},
        absent=(ABOVE, UNKNOWN_FUNDER),
    ),
    Case(
        "app-with-an-unlicensed-funder-at-30pct",
        {
            "lender_type": "lending_platform",
            "licensed": False,
            "annual_rate_percent": 30,
            "contract_date": "2024-01-01",
        },
        "unlawful",
        {ABOVE: "unlawful"},
        absent=("RATE__LICENSED_HIGH_COST",),
        details=("13.80",),
    ),
    Case(
        "app-with-an-unlicensed-funder-at-40pct-is-illegal-lending",
        {"lender_type": "lending_platform", "licensed": False, "annual_rate_percent": 40},
        "criminal",
        {USURY: "criminal"},
        cites=("illegal_lending_2019", "criminal_225_4"),
    ),
    Case(
        "app-whose-funder-nobody-knows-at-30pct-shows-both-branches",
        {"lender_type": "lending_platform", "annual_rate_percent": 30},
        "grey",
        {UNKNOWN_FUNDER: "grey"},
        absent=("RATE__LICENSED_HIGH_COST", ABOVE),
        uncounted=("private_lending_25", "financial_trials_24"),
        details=("如果资金方是持牌金融机构", "如果资金方没有放贷牌照"),
    ),
    Case(
        "not-sure-who-lent-at-10pct-is-within-every-limit",
        {"lender_type": "unknown", "annual_rate_percent": 10},
        "lawful",
        {"RATE__FUNDER_UNKNOWN_WITHIN_ALL_CAPS": "lawful"},
    ),
    Case(
        "unknown-lender-known-to-be-unlicensed-at-40pct-is-not-criminal",
        {"lender_type": "unknown", "licensed": False, "annual_rate_percent": 40},
        "unlawful",
        {USURY: "unlawful"},
    ),
    Case(
        "app-with-a-licensed-funder-pushing-a-new-loan",
        {"lender_type": "lending_platform", "licensed": True, "tactics": ["push_new_loan"]},
        "breach",
        {"TACTIC__PUSH_NEW_LOAN": "breach"},
        cites=("cba_banned_practices", "loan_facilitation_2025_post_loan"),
        uncounted=("loan_facilitation_2025_post_loan",),
        caveats={"cba_banned_practices": "via_funder"},
    ),
    Case(
        "app-whose-funder-nobody-knows-pushing-a-new-loan",
        {"lender_type": "lending_platform", "tactics": ["push_new_loan"]},
        "grey",
        {"TACTIC__PUSH_NEW_LOAN": "grey"},
        uncounted=("cba_banned_practices",),
        caveats={"cba_banned_practices": "if_licensed"},
    ),
    Case(
        "app-with-an-unlicensed-funder-pushing-a-new-loan",
        {"lender_type": "lending_platform", "licensed": False, "tactics": ["push_new_loan"]},
        "grey",
        not_cites=("cba_banned_practices",),
    ),
    Case(
        "app-with-a-licensed-funder-making-up-consequences",
        {"lender_type": "lending_platform", "licensed": True, "tactics": ["false_consequences"]},
        "breach",
    ),
    Case(
        "app-with-an-unlicensed-funder-calling-family-though-reachable",
        {
            "lender_type": "lending_platform",
            "licensed": False,
            "events": [ev("family", borrower_unreachable=False)],
        },
        "grey",
        {REACHABLE: "grey"},
        not_cites=("gbt_45251_debtor_only", "nifa_13"),
    ),
    Case(
        "app-unlicensed-funder-claiming-to-report-to-the-credit-system",
        {"lender_type": "lending_platform", "licensed": False, "tactics": ["credit_report_notice"]},
        findings={"TACTIC__CREDIT_REPORT_NOTICE_PRIVATE": "grey"},
        absent=("TACTIC__CREDIT_REPORT_NOTICE",),
    ),
    Case(
        "an-old-request-without-licensed-keeps-its-meaning",
        {"lender_type": "lending_platform", "events": [ev("family", borrower_unreachable=False)]},
        "breach",
        {REACHABLE: "breach"},
    ),
    # 3. Calling the emergency contact more than locating the borrower needs.
    Case(
        "three-calls-to-the-emergency-contact-to-locate",
        {"lender_type": "consumer_finance", "events": [{**EMERGENCY, "times_per_day": 3}]},
        "lawful",
        {TO_LOCATE: "lawful"},
        absent=(BEYOND,),
    ),
    Case(
        "eight-calls-to-the-emergency-contact",
        {"lender_type": "consumer_finance", "events": [{**EMERGENCY, "times_per_day": 8}]},
        "breach",
        {BEYOND: "breach"},
        absent=(TO_LOCATE,),
    ),
    Case(
        "four-calls-to-the-emergency-contact",
        {"lender_type": "consumer_finance", "events": [{**EMERGENCY, "times_per_day": 4}]},
        "breach",
        {BEYOND: "breach"},
        absent=("CONTACT__BOMBARDMENT",),
    ),
    Case(
        "nineteen-calls-to-the-emergency-contact",
        {"lender_type": "consumer_finance", "events": [{**EMERGENCY, "times_per_day": 19}]},
        "breach",
        {BEYOND: "breach"},
        absent=("CONTACT__BOMBARDMENT",),
    ),
    Case(
        "twenty-calls-to-the-emergency-contact-is-bombardment",
        {"lender_type": "consumer_finance", "events": [{**EMERGENCY, "times_per_day": 20}]},
        "unlawful",
        {"CONTACT__BOMBARDMENT": "unlawful"},
    ),
    Case(
        "three-answered-calls-to-the-emergency-contact",
        {
            "lender_type": "consumer_finance",
            "events": [{**EMERGENCY, "times_per_day": 3, "answered_per_day": 3}],
        },
        "breach",
        {BEYOND: "breach"},
        absent=(TO_LOCATE,),
    ),
    Case(
        "two-calls-one-answered-to-the-emergency-contact",
        {
            "lender_type": "consumer_finance",
            "events": [{**EMERGENCY, "times_per_day": 2, "answered_per_day": 1}],
        },
        "lawful",
        {TO_LOCATE: "lawful"},
    ),
    Case(
        "a-private-lender-calling-the-emergency-contact-eight-times",
        {"lender_type": PRIVATE, "events": [{**EMERGENCY, "times_per_day": 8}]},
        "grey",
        {BEYOND: "grey"},
    ),
    Case(
        "an-app-calling-the-emergency-contact-eight-times",
        {"lender_type": "lending_platform", "events": [{**EMERGENCY, "times_per_day": 8}]},
        "breach",
        cites=("nifa_14", "gbt_45251_debtor_only"),
    ),
    Case(
        "a-bank-loan-calling-the-emergency-contact-eight-times",
        {"lender_type": "bank", "product": "loan", "events": [{**EMERGENCY, "times_per_day": 8}]},
        "breach",
    ),
    Case(
        "a-credit-card-calling-the-emergency-contact-eight-times",
        {
            "lender_type": "bank",
            "product": "credit_card",
            "events": [{**EMERGENCY, "times_per_day": 8}],
        },
        "breach",
        cites=("cba_third_parties",),
        not_cites=("gbt_45251_debtor_only",),
    ),
    # 4. Refusing to leave: a home, or a workplace.
    Case(
        "refusing-to-leave-a-home",
        {
            "lender_type": "bank",
            "events": [ev(channel="visit_home")],
            "tactics": ["refused_to_leave"],
            "came_inside": True,  # issue 21 (G-10): entering is what makes it intrusion
        },
        "criminal",
        {"TACTIC__REFUSED_TO_LEAVE": "criminal"},
        absent=("TACTIC__REFUSED_TO_LEAVE_WORKPLACE",),
        cites=("criminal_245", "psapl_2025_47_3", "civil_code_1033_2"),
    ),
    Case(
        "refusing-to-leave-a-workplace",
        {
            "lender_type": "bank",
            "events": [ev(channel="visit_work")],
            "tactics": ["refused_to_leave"],
        },
        "grey",
        {"TACTIC__REFUSED_TO_LEAVE_WORKPLACE": "grey"},
        absent=("TACTIC__REFUSED_TO_LEAVE",),
        cites=("psapl_2025_26_1",),
        not_cites=("criminal_245", "psapl_2025_47_3"),
    ),
    Case(
        "a-microlender-refusing-to-leave-a-workplace",
        {
            "lender_type": "microlender",
            "events": [ev(channel="visit_work")],
            "tactics": ["refused_to_leave"],
        },
        "breach",
        {"TACTIC__REFUSED_TO_LEAVE_WORKPLACE": "breach"},
        cites=("microloan_37_2",),
        not_cites=("microloan_37_4",),
    ),
    Case(
        "refusing-to-leave-with-no-visit-described-reads-as-at-the-door",
        {"lender_type": "bank", "tactics": ["refused_to_leave"], "came_inside": True},
        "criminal",
        {"TACTIC__REFUSED_TO_LEAVE": "criminal"},
    ),
    Case(
        "refusing-to-leave-a-home-and-a-workplace",
        {
            "lender_type": "bank",
            "events": [ev(channel="visit_home"), ev(channel="visit_work")],
            "tactics": ["refused_to_leave"],
            "came_inside": True,
        },
        findings={
            "TACTIC__REFUSED_TO_LEAVE": "criminal",
            "TACTIC__REFUSED_TO_LEAVE_WORKPLACE": "grey",
        },
    ),
    Case(
        "a-loan-shark-refusing-to-leave-a-workplace",
        {
            "lender_type": PRIVATE,
            "annual_rate_percent": 40,
            "events": [ev(channel="visit_work")],
            "tactics": ["refused_to_leave"],
        },
        findings={"TACTIC__REFUSED_TO_LEAVE_WORKPLACE": "grey"},
        not_cites=("criminal_245",),
    ),
    Case(
        "refusing-to-leave-a-workplace-in-2025",
        {
            "lender_type": "bank",
            "conduct_date": "2025-05-05",
            "events": [ev(channel="visit_work")],
            "tactics": ["refused_to_leave"],
        },
        cites=("psapl_2012_23_1",),
        not_cites=("psapl_2025_26_1",),
    ),
    # 5. 多次 (repeated) for art 50(1)(5); a no-contact order only for pestering and stalking.
    Case(
        "a-single-threat-in-one-call",
        {"lender_type": "bank", "events": [ev(times_per_day=1)], "tactics": ["threat_violence"]},
        "unlawful",
        cites=("psapl_2025_50_1",),
        not_cites=("psapl_2025_50_5", "psapl_2025_50_para2"),
    ),
    Case(
        "threats-in-five-texts-a-day",
        {
            "lender_type": "bank",
            "events": [ev(channel="sms", times_per_day=5)],
            "tactics": ["threat_violence"],
        },
        cites=("psapl_2025_50_1", "psapl_2025_50_5"),
        not_cites=("psapl_2025_50_para2",),
    ),
    Case(
        "stalking-gives-the-no-contact-order",
        {"lender_type": "bank", "tactics": ["stalking"]},
        "unlawful",
        cites=("psapl_2025_50_5", "psapl_2025_50_para2"),
        uncounted=("psapl_2025_50_para2",),
    ),
    Case(
        "stalking-before-2026",
        {"lender_type": "bank", "conduct_date": "2025-12-31", "tactics": ["stalking"]},
        cites=("psapl_2012_26",),
        not_cites=("psapl_2025_50_5", "psapl_2025_50_para2"),
    ),
    Case(
        "insults-in-one-call",
        {"lender_type": "bank", "events": [ev(times_per_day=1)], "tactics": ["insults"]},
        cites=("psapl_2025_50_2",),
        not_cites=("psapl_2025_50_5",),
    ),
    Case(
        "insults-in-five-texts-a-day",
        {
            "lender_type": "bank",
            "events": [ev(channel="sms", times_per_day=5)],
            "tactics": ["insults"],
        },
        cites=("psapl_2025_50_2", "psapl_2025_50_5"),
    ),
    Case(
        "thirty-calls-a-day-are-repeated-but-no-stalking",
        {"lender_type": "bank", "events": [ev(times_per_day=30)]},
        cites=("psapl_2025_50_5",),
        not_cites=("psapl_2025_50_para2",),
    ),
    Case(
        "a-threat-to-expose-alone-is-not-repeated-messages",
        {"lender_type": "bank", "tactics": ["threat_exposure"]},
        not_cites=("psapl_2025_50_5",),
    ),
    # 6. Remedies are what the borrower can ask for, not rules the collector broke.
    Case(
        "disclosure-cites-the-injunction-as-a-remedy",
        {"lender_type": "bank", "events": [ev("family", disclosed_debt=True)]},
        "unlawful",
        {DISCLOSURE: "unlawful"},
        uncounted=("civil_code_997",),
    ),
    Case(
        "a-threat-to-tell-everyone-from-an-app",
        {"lender_type": "lending_platform", "tactics": ["threat_exposure"]},
        "breach",
        {"TACTIC__THREAT_EXPOSURE": "breach"},
        uncounted=("civil_code_997",),
    ),
    # 7. Crimes need their elements.
    Case(
        "insults-over-a-usurious-loan-are-not-the-illegal-debt-crime",
        {
            "lender_type": PRIVATE,
            "annual_rate_percent": 40,
            "events": [ev()],
            "tactics": ["insults"],
        },
        "unlawful",
        {"TACTIC__INSULTS": "unlawful", USURY: "unlawful"},
        not_cites=("criminal_293_1",),
    ),
    Case(
        "threats-over-a-usurious-loan-may-be-the-illegal-debt-crime",
        {"lender_type": PRIVATE, "annual_rate_percent": 40, "tactics": ["threat_violence"]},
        "criminal",
        {"TACTIC__THREAT_VIOLENCE": "criminal"},
        cites=("criminal_293_1",),
    ),
    Case(
        "threats-over-a-loan-within-36pct-are-not",
        {"lender_type": PRIVATE, "annual_rate_percent": 30, "tactics": ["threat_violence"]},
        "unlawful",
        not_cites=("criminal_293_1",),
    ),
    Case(
        "stalking-over-a-usurious-loan",
        {"lender_type": PRIVATE, "annual_rate_percent": 40, "tactics": ["stalking"]},
        "criminal",
    ),
    Case(
        "doctored-images-over-a-usurious-loan",
        {"lender_type": PRIVATE, "annual_rate_percent": 40, "tactics": ["doctored_images"]},
        "unlawful",
        not_cites=("criminal_293_1",),
    ),
    Case(
        "bombarding-contacts-over-a-usurious-loan",
        {
            "lender_type": PRIVATE,
            "annual_rate_percent": 40,
            # One text to each of 30 people is not bombardment (issue 21, G-07); the
            # usurious debt still makes the use of the contact list 293-1 material.
            "events": [ev("contacts_list", "sms", times_per_day=30)],
        },
        absent=("CONTACT__BOMBARDMENT",),
    ),
    Case(
        "a-fake-lawyers-letter-is-not-forgery",
        {"lender_type": "bank", "tactics": ["fake_lawyer_letter"]},
        "unlawful",  # 律师法 55 (issue 21, G-29)
        {"TACTIC__FAKE_LAWYER_LETTER": "unlawful"},
        uncounted=("criminal_280_2",),
        not_cites=("criminal_280",),
    ),
    Case(
        "a-fake-summons-is-forging-official-documents",
        {"lender_type": "bank", "tactics": ["fake_court_documents"]},
        "criminal",
        {"TACTIC__FAKE_COURT_DOCUMENTS": "criminal"},
        cites=("criminal_280", "psapl_2025_63"),
    ),
    Case(
        "fake-papers-of-an-unknown-kind",
        {"lender_type": "bank", "tactics": ["fake_legal_documents"]},
        "unlawful",
        {"TACTIC__FAKE_LEGAL_DOCUMENTS": "unlawful"},
        uncounted=("criminal_280",),
    ),
    Case(
        "fake-papers-known-to-be-a-summons",
        {"lender_type": "bank", "tactics": ["fake_legal_documents", "fake_court_documents"]},
        "criminal",
        {"TACTIC__FAKE_COURT_DOCUMENTS": "criminal"},
        absent=("TACTIC__FAKE_LEGAL_DOCUMENTS",),
    ),
    Case(
        "fake-papers-and-a-fake-lawyers-letter",
        {"lender_type": "bank", "tactics": ["fake_legal_documents", "fake_lawyer_letter"]},
        findings={
            "TACTIC__FAKE_LEGAL_DOCUMENTS": "unlawful",
            "TACTIC__FAKE_LAWYER_LETTER": "unlawful",
        },
    ),
    Case(
        "detention-may-be-a-crime",
        {"lender_type": PRIVATE, "tactics": ["detention"]},
        "criminal",
        cites=("criminal_238", "civil_procedure_120"),
    ),
    # 8. A microlender's workplace visit is not "publishing the workplace".
    Case(
        "a-microlender-visits-the-workplace",
        {"lender_type": "microlender", "events": [ev(channel="visit_work")]},
        "grey",
        {"VISIT__WORKPLACE": "grey"},
        not_cites=("microloan_37_4",),
    ),
    Case(
        "a-microlender-tells-colleagues-at-the-workplace",
        {
            "lender_type": "microlender",
            "events": [ev("colleagues", "visit_work", disclosed_debt=True)],
        },
        "unlawful",
        {DISCLOSURE: "unlawful", "VISIT__WORKPLACE": "grey"},
        cites=("microloan_37_4",),
    ),
    # 9. Credit card or loan.
    Case(
        "a-credit-card-issuer-calls-family-though-reachable",
        {
            "lender_type": "bank",
            "product": "credit_card",
            "events": [ev("family", borrower_unreachable=False)],
        },
        "breach",
        {REACHABLE: "breach"},
        cites=("credit_card_68",),
        not_cites=("gbt_45251_debtor_only",),
    ),
    Case(
        "a-bank-loan-calls-family-though-reachable",
        {
            "lender_type": "bank",
            "product": "loan",
            "events": [ev("family", borrower_unreachable=False)],
        },
        "breach",
        cites=("gbt_45251_debtor_only", "cba_third_parties"),
        not_cites=("credit_card_68",),
        caveats={"gbt_45251_debtor_only": "gbt_scope"},
    ),
    Case(
        "a-bank-debt-of-unknown-kind-calls-family-though-reachable",
        {"lender_type": "bank", "events": [ev("family", borrower_unreachable=False)]},
        "breach",
        uncounted=("credit_card_68", "gbt_45251_debtor_only"),
        caveats={"credit_card_68": "if_credit_card", "gbt_45251_debtor_only": "if_loan"},
    ),
    Case(
        "five-answered-calls-about-a-credit-card",
        {
            "lender_type": "bank",
            "product": "credit_card",
            "events": [ev(times_per_day=5, answered_per_day=5)],
        },
        "grey",
        {OVER_LIMIT: "grey"},
    ),
    Case(
        "five-answered-calls-about-a-bank-loan",
        {
            "lender_type": "bank",
            "product": "loan",
            "events": [ev(times_per_day=5, answered_per_day=5)],
        },
        "breach",
        {OVER_LIMIT: "breach"},
    ),
    # 10. Answered calls and attempts are counted differently.
    Case(
        "four-answered-calls",
        {"lender_type": "consumer_finance", "events": [ev(times_per_day=4, answered_per_day=4)]},
        "breach",
        {OVER_LIMIT: "breach"},
        absent=(UNCLEAR,),
    ),
    Case(
        "four-unanswered-calls-to-a-consumer-finance-borrower",
        {"lender_type": "consumer_finance", "events": [ev(times_per_day=4, answered_per_day=0)]},
        "grey",
        {WITHIN_LIMITS: "grey"},
        absent=(OVER_LIMIT, UNANSWERED),
    ),
    Case(
        "four-unanswered-calls-about-a-bank-loan",
        {
            "lender_type": "bank",
            "product": "loan",
            "events": [ev(times_per_day=4, answered_per_day=0)],
        },
        "lawful",
        {WITHIN_LIMITS: "lawful"},
    ),
    Case(
        "eight-calls-one-answered",
        {"lender_type": "consumer_finance", "events": [ev(times_per_day=8, answered_per_day=1)]},
        "breach",
        {UNANSWERED: "breach"},
        absent=(OVER_LIMIT,),
    ),
    Case(
        "eight-calls-one-answered-from-an-app-whose-funder-nobody-knows",
        {"lender_type": "lending_platform", "events": [ev(times_per_day=8, answered_per_day=1)]},
        "grey",
        {UNANSWERED: "grey"},
    ),
    Case(
        "four-calls-answered-count-unknown",
        {"lender_type": "consumer_finance", "events": [ev(times_per_day=4)]},
        "grey",
        {UNCLEAR: "grey"},
        absent=(OVER_LIMIT,),
    ),
    Case(
        "three-calls-are-a-reminder",
        {"lender_type": "consumer_finance", "events": [ev(times_per_day=3)]},
        "lawful",
        {"CONTACT__BORROWER_REMINDER": "lawful"},
    ),
    Case(
        "nine-calls-three-answered-about-a-bank-loan",
        {
            "lender_type": "bank",
            "product": "loan",
            "events": [ev(times_per_day=9, answered_per_day=3)],
        },
        "lawful",
        {WITHIN_LIMITS: "lawful"},
    ),
    Case(
        "twelve-calls-four-answered",
        {"lender_type": "consumer_finance", "events": [ev(times_per_day=12, answered_per_day=4)]},
        "breach",
        {OVER_LIMIT: "breach", UNANSWERED: "breach"},
    ),
    # 11. Real consequences, and how to check a "court".
    Case(
        "made-up-consequences-about-a-credit-card",
        {"lender_type": "bank", "product": "credit_card", "tactics": ["false_consequences"]},
        "breach",
        cites=("criminal_196", "card_fraud_6", "card_fraud_7", "card_fraud_8"),
        uncounted=("criminal_196", "card_fraud_6"),
    ),
    Case(
        "made-up-consequences-about-a-bank-debt-of-unknown-kind",
        {"lender_type": "bank", "tactics": ["false_consequences"]},
        uncounted=("criminal_196",),
        caveats={"criminal_196": "if_credit_card"},
    ),
    Case(
        "made-up-consequences-from-an-app",
        {"lender_type": "lending_platform", "tactics": ["false_consequences"]},
        not_cites=("criminal_196",),
        cites=("civil_procedure_114_6", "defaulter_list_1", "spending_ban_1", "criminal_313"),
        uncounted=("civil_procedure_114_6", "criminal_313"),
    ),
    Case(
        "a-truthful-lawsuit-notice-stays-lawful",
        {"lender_type": "bank", "tactics": ["lawsuit_notice"]},
        "lawful",
        cites=("trial_process_info_3",),
        uncounted=("trial_process_info_3",),
    ),
    # 12. Guarantors and spouses are not unrelated third parties.
    Case(
        "asking-the-guarantor-to-pay",
        {
            "lender_type": "bank",
            "events": [
                ev(
                    "guarantor",
                    asked_to_pay=True,
                    disclosed_debt=True,
                    borrower_unreachable=False,
                )
            ],
        },
        "lawful",
        {"CONTACT__GUARANTOR": "lawful"},
        absent=(DISCLOSURE, "CONTACT__THIRD_PARTY_ASKED_TO_PAY", REACHABLE),
    ),
    Case(
        "telling-the-spouse",
        {"lender_type": "bank", "events": [ev("spouse", disclosed_debt=True)]},
        "grey",
        {"CONTACT__SPOUSE": "grey"},
        absent=(DISCLOSURE,),
        cites=("civil_code_1064",),
    ),
    Case(
        "asking-the-spouse-to-pay",
        {"lender_type": "bank", "events": [ev("spouse", asked_to_pay=True)]},
        "grey",
        absent=("CONTACT__THIRD_PARTY_ASKED_TO_PAY",),
    ),
    Case(
        "telling-friends-is-still-disclosure",
        {"lender_type": "bank", "events": [ev("friends", disclosed_debt=True)]},
        "unlawful",
        {DISCLOSURE: "unlawful"},
        absent=("CONTACT__SPOUSE",),
    ),
    Case(
        "bombarding-the-guarantor",
        {"lender_type": "bank", "events": [ev("guarantor", times_per_day=30)]},
        "unlawful",
        {"CONTACT__BOMBARDMENT": "unlawful"},
    ),
    Case(
        "calling-the-guarantor-at-night",
        {"lender_type": "bank", "events": [ev("guarantor", at_night=True)]},
        "breach",
        {"CONTACT__NIGHT_HOURS": "breach"},
        absent=("CONTACT__GUARANTOR",),
    ),
    Case(
        "calling-the-guarantor-after-being-told-to-stop",
        {"lender_type": "bank", "events": [ev("guarantor", after_stop_request=True)]},
        "grey",
        {"CONTACT__GUARANTOR_PRESSED": "grey"},
        absent=("CONTACT__THIRD_PARTY_AFTER_STOP",),
    ),
    Case(
        "a-microlender-asks-the-guarantor-to-pay",
        {"lender_type": "microlender", "events": [ev("guarantor", "im", asked_to_pay=True)]},
        "lawful",
        not_cites=("microloan_37_5",),
    ),
    # 15. Spreading the debt to the contact list.
    Case(
        "texting-the-debt-to-ten-contacts",
        {
            "lender_type": "lending_platform",
            "events": [ev("contacts_list", "sms", times_per_day=10, disclosed_debt=True)],
        },
        "unlawful",
        {DISCLOSURE: "unlawful"},
        cites=("psapl_2025_56",),
        not_cites=("criminal_253_1",),
    ),
    Case(
        "texting-the-debt-to-ten-contacts-in-2025",
        {
            "lender_type": "lending_platform",
            "conduct_date": "2025-11-30",
            "events": [ev("contacts_list", "sms", times_per_day=10, disclosed_debt=True)],
        },
        "unlawful",
        not_cites=("psapl_2025_56",),
    ),
    Case(
        "texting-the-debt-to-sixty-contacts",
        {
            "lender_type": "lending_platform",
            "events": [
                ev("contacts_list", "sms", times_per_day=60, disclosed_debt=True, people_reached=60)
            ],
        },
        "criminal",
        {DISCLOSURE: "criminal"},
        cites=("criminal_253_1", "pi_crime_2017_11"),
        uncounted=("pi_crime_2017_11",),
    ),
    Case(
        "using-the-contact-list",
        {"lender_type": "lending_platform", "events": [ev("contacts_list", times_per_day=2)]},
        findings={"CONTACT__CONTACT_LIST_USED": "breach"},
        cites=("psapl_2025_56",),
    ),
    Case(
        "threats-to-expose-with-a-fee",
        {
            "lender_type": "microlender",
            "tactics": ["threat_exposure", "extra_fees"],
            "extra_fee_yuan": 6000,  # issue 21 (G-09): 274 needs a large amount
        },
        "criminal",
        cites=("criminal_274", "psapl_2025_58"),
    ),
]


def _citations(result: dict) -> dict[str, list[dict]]:
    found: dict[str, list[dict]] = {}
    for finding in result["findings"]:
        for citation in finding["citations"]:
            found.setdefault(citation["provision"], []).append(citation)
    return found


@pytest.mark.parametrize("case", CASES, ids=[c.id for c in CASES])
def test_legal_correction(case: Case):
    result = assess(case.request)
    findings = {f["code"]: f["severity"] for f in result["findings"]}
    if case.overall:
        assert result["overall"] == case.overall, findings
    if case.not_overall:
        assert result["overall"] != case.not_overall, findings
    for code, severity in case.findings.items():
        assert findings.get(code) == severity, (code, findings)
    for code in case.absent:
        assert code not in findings, (code, findings)
    citations = _citations(result)
    for provision in case.cites:
        assert provision in citations, (provision, sorted(citations))
    for provision in case.not_cites:
        assert provision not in citations, (provision, sorted(citations))
    for provision in case.uncounted:
        assert provision in citations, (provision, sorted(citations))
        assert not any(c["counted"] for c in citations[provision]), citations[provision]
    for provision, caveat in case.caveats.items():
        assert any(caveat in c["caveats"] for c in citations[provision]), citations[provision]
    details = "\n".join(line for f in result["findings"] for line in f["details"])
    for text in case.details:
        assert text in details, details


def test_every_counted_citation_is_a_rule_the_collector_broke():
    result = assess({"lender_type": "bank", "tactics": ["stalking", "threat_exposure"]})
    for finding in result["findings"]:
        for citation in finding["citations"]:
            if citation["counted"]:
                assert citation["role"] == "conduct"
    roles = {c["provision"]: c["role"] for f in result["findings"] for c in f["citations"]}
    assert roles["psapl_2025_50_para2"] == "remedy"
    assert roles["civil_code_997"] == "remedy"


@pytest.mark.parametrize(
    ("request_body", "field_name", "code"),
    [
        ({"lender_type": "bank", "licensed": False}, "licensed", "conflicts_with_lender_type"),
        ({"lender_type": PRIVATE, "licensed": True}, "licensed", "conflicts_with_lender_type"),
        ({"lender_type": "bank", "licensed": "yes"}, "licensed", "not_boolean"),
        (
            {"lender_type": "consumer_finance", "product": "credit_card"},
            "product",
            "not_for_lender_type",
        ),
        ({"lender_type": "bank", "product": "mortgage"}, "product", "invalid_choice"),
        (
            {"lender_type": PRIVATE, "contract_date": "2026-10-20", "conduct_date": "2026-10-15"},
            "contract_date",
            "contract_after_conduct",
        ),
        (
            {"lender_type": PRIVATE, "contract_date": "2030-01-01"},
            "contract_date",
            "date_in_future",
        ),
        ({"lender_type": PRIVATE, "contract_date": "2022/03/01"}, "contract_date", "invalid_date"),
        (
            {"lender_type": "bank", "events": [ev(times_per_day=4, answered_per_day=5)]},
            "events[0].answered_per_day",
            "exceeds_times_per_day",
        ),
        (
            {"lender_type": "bank", "events": [ev(times_per_day=4, answered_per_day=-1)]},
            "events[0].answered_per_day",
            "out_of_range",
        ),
        (
            {"lender_type": "bank", "events": [ev(times_per_day=4, answered_per_day=1.5)]},
            "events[0].answered_per_day",
            "not_integer",
        ),
    ],
)
def test_new_fields_are_checked_and_every_problem_named(request_body, field_name, code):
    body = {"conduct_date": "2026-10-15", **request_body}
    response = Client().post("/api/v1/assess", json.dumps(body), content_type="application/json")
    assert response.status_code == 400
    errors = response.json()["errors"]
    assert {"field": field_name, "code": code} in [
        {"field": e["field"], "code": e["code"]} for e in errors
    ], errors
    assert all(e["message"] for e in errors)


def test_answered_calls_are_ignored_for_texts():
    result = assess(
        {"lender_type": "bank", "events": [ev(channel="sms", times_per_day=2, answered_per_day=1)]}
    )
    assert result["overall"] == "lawful"


def test_the_answer_says_what_the_engine_assumed_about_the_lender():
    assert assess({"lender_type": "bank"})["licensed"] is True
    assert assess({"lender_type": PRIVATE})["licensed"] is False
    assert assess({"lender_type": "lending_platform"})["licensed"] is None
    assert assess({"lender_type": "microlender"})["product"] == "loan"
    assert assess({"lender_type": "bank"})["product"] is None
