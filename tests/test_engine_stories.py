"""Stories a borrower could tell, and where the law puts each one.

Each case is one story: who collects, when, whom they contacted and how, what
they said or did. The expectations come from the legal fact sheet: the
severity of the whole story and of named findings, the bodies to complain to
for that lender type, and the provisions cited for the conduct date (the
2012 public security law before 2026-01-01, the 2025 text from then on).
"""

from dataclasses import dataclass, field

import pytest

from rights_guide.assessment import Answers, evaluate
from tests.factories import make_answers, make_event


@dataclass
class Story:
    id: str
    answers: Answers
    overall: str
    findings: dict[str, str] = field(default_factory=dict)
    absent: tuple[str, ...] = ()
    channels: tuple[str, ...] = ()
    not_channels: tuple[str, ...] = ()
    cites: tuple[str, ...] = ()
    not_cites: tuple[str, ...] = ()
    first_channel: str | None = None


A, E = make_answers, make_event
REMINDER = "CONTACT__BORROWER_REMINDER"
OVER_LIMIT = "CONTACT__BORROWER_CALLS_OVER_LIMIT"
NIGHT = "CONTACT__NIGHT_HOURS"
DISCLOSURE = "CONTACT__THIRD_PARTY_DISCLOSURE"
REACHABLE = "CONTACT__THIRD_PARTY_WHILE_REACHABLE"
BOMBING = "CONTACT__BOMBARDMENT"
UNCLEAR = "CONTACT__BORROWER_CALLS_COUNT_UNCLEAR"

STORIES = [
    # Lawful collection is reported as lawful.
    Story(
        "one-reminder-call-at-10am",
        A("bank", "2026-10-15", [E(time_of_day="10:00")]),
        "lawful",
        {REMINDER: "lawful"},
        absent=(NIGHT, OVER_LIMIT),
        cites=("civil_code_675",),
    ),
    Story(
        "three-calls-a-day-is-within-the-limit",
        A("bank", "2026-03-10", [E(times_per_day=3)]),
        "lawful",
        {REMINDER: "lawful"},
        absent=(OVER_LIMIT,),
    ),
    Story(
        "texts-and-a-letter-to-the-borrower",
        A(
            "consumer_finance",
            "2026-02-02",
            [E(channel="sms", times_per_day=2), E(channel="letter")],
        ),
        "lawful",
        {REMINDER: "lawful"},
    ),
    Story(
        "truthful-lawsuit-notice",
        A("bank", "2026-05-01", tactics=["lawsuit_notice"]),
        "lawful",
        {"TACTIC__LAWSUIT_NOTICE": "lawful"},
        channels=("legal_aid_12348",),
    ),
    Story(
        "truthful-credit-report-notice-from-licensed-lender",
        A("consumer_finance", "2026-05-01", tactics=["credit_report_notice"]),
        "lawful",
        {"TACTIC__CREDIT_REPORT_NOTICE": "lawful"},
    ),
    Story(
        "private-lender-threatening-credit-report-is-grey",
        A("private_lender", "2026-05-01", tactics=["credit_report_notice"]),
        "grey",
        {"TACTIC__CREDIT_REPORT_NOTICE_PRIVATE": "grey"},
        absent=("TACTIC__CREDIT_REPORT_NOTICE",),
    ),
    Story("nothing-described-yet", A("unknown", "2026-05-01"), "lawful"),
    # How often: the national standard (from 2025-02-28) allows three answered
    # calls a day; the banking guideline six attempts on an unanswered number.
    Story(
        "four-answered-calls-a-day-break-the-standard",
        A("bank", "2026-03-10", [E(times_per_day=4, answered_per_day=4)], product="loan"),
        "breach",
        {OVER_LIMIT: "breach"},
        absent=(REMINDER, UNCLEAR),
        channels=("lender", "nfra_12378"),
        cites=("gbt_45251_calls",),
    ),
    Story(
        "four-calls-a-day-without-the-answered-count-are-unclear",
        A("bank", "2026-03-10", [E(times_per_day=4)]),
        "grey",
        {UNCLEAR: "grey"},
        absent=(REMINDER, OVER_LIMIT),
        cites=("gbt_45251_calls", "cba_hours_attempts"),
    ),
    Story(
        "four-calls-a-day-before-the-standard-is-grey",
        A("consumer_finance", "2024-12-01", [E(times_per_day=4)]),
        "grey",
        {UNCLEAR: "grey"},
        cites=("nifa_17",),
        not_cites=("gbt_45251_calls",),
    ),
    Story(
        "bank-four-calls-in-2024-has-no-verified-rule",
        A("bank", "2024-12-01", [E(times_per_day=4)]),
        "grey",
        {UNCLEAR: "grey"},
    ),
    Story(
        "nineteen-answered-calls-breach-but-are-not-bombing",
        A("bank", "2026-01-05", [E(times_per_day=19, answered_per_day=19)], product="loan"),
        "breach",
        {OVER_LIMIT: "breach"},
        absent=(BOMBING,),
    ),
    Story(
        "ten-calls-to-a-consumer-finance-borrower-break-one-limit-or-the-other",
        A("consumer_finance", "2026-01-05", [E(times_per_day=10)]),
        "breach",
        {"CONTACT__BORROWER_CALLS_OVER_ONE_LIMIT": "breach"},
        absent=(UNCLEAR, OVER_LIMIT),
    ),
    Story(
        "thirty-calls-a-day-is-bombing",
        A("bank", "2026-01-05", [E(times_per_day=30)]),
        "unlawful",
        {BOMBING: "unlawful"},
        channels=("miit_12321",),
        cites=("civil_code_1033", "psapl_2025_50_5"),
        not_cites=("psapl_2012_42_5",),
    ),
    Story(
        "call-bombing-on-new-years-eve-uses-old-law",
        A("bank", "2025-12-31", [E(times_per_day=30)]),
        "unlawful",
        {BOMBING: "unlawful"},
        cites=("psapl_2012_42_5",),
        not_cites=("psapl_2025_50_5",),
    ),
    Story(
        "twenty-texts-a-day-is-bombing",
        A("lending_platform", "2026-06-01", [E(channel="sms", times_per_day=20)]),
        "unlawful",
        {BOMBING: "unlawful"},
        channels=("miit_12321", "nifa"),
    ),
    Story(
        "eight-texts-a-day-is-grey",
        A("lending_platform", "2026-06-01", [E(channel="sms", times_per_day=8)]),
        "grey",
        {"CONTACT__BORROWER_FREQUENT_MESSAGES": "grey"},
    ),
    Story(
        "borrower-asked-them-to-stop-one-call-a-day",
        A("bank", "2026-06-01", [E(after_stop_request=True)]),
        "grey",
        {"CONTACT__BORROWER_ASKED_TO_STOP": "grey", REMINDER: "lawful"},
    ),
    # When: 22:00 to 08:00 is night.
    Story(
        "call-at-2159-is-daytime",
        A("bank", "2026-04-01", [E(time_of_day="21:59")]),
        "lawful",
        absent=(NIGHT,),
    ),
    Story(
        "call-at-2200-is-night",
        A("bank", "2026-04-01", [E(time_of_day="22:00")]),
        "breach",
        {NIGHT: "breach"},
        absent=(REMINDER,),
        cites=("gbt_45251_hours", "cba_hours_attempts"),
    ),
    Story(
        "call-at-0759-is-night",
        A("consumer_finance", "2026-04-01", [E(time_of_day="07:59")]),
        "breach",
        {NIGHT: "breach"},
    ),
    Story(
        "call-at-0800-is-daytime",
        A("consumer_finance", "2026-04-01", [E(time_of_day="08:00")]),
        "lawful",
        absent=(NIGHT,),
    ),
    Story(
        "night-call-before-the-standard-is-grey",
        A("lending_platform", "2024-06-01", [E(at_night=True)]),
        "grey",
        {NIGHT: "grey"},
        cites=("nifa_17",),
        not_cites=("gbt_45251_hours",),
    ),
    Story(
        "night-call-after-the-standard",
        A("microlender", "2025-03-01", [E(at_night=True)]),
        "breach",
        {NIGHT: "breach"},
        cites=("gbt_45251_hours",),
        not_cites=("cba_hours_attempts",),
    ),
    Story(
        "night-visit-to-the-home",
        A("consumer_finance", "2026-02-10", [E(channel="visit_home", at_night=True)]),
        "breach",
        {NIGHT: "breach", "VISIT__HOME": "grey"},
    ),
    # Whom: people other than the borrower.
    Story(
        "emergency-contact-asked-where-borrower-is",
        A("consumer_finance", "2026-05-01", [E("emergency_contact", borrower_unreachable=True)]),
        "lawful",
        {"CONTACT__EMERGENCY_CONTACT_TO_LOCATE": "lawful"},
        absent=(REACHABLE,),
    ),
    Story(
        "emergency-contact-called-though-borrower-answers",
        A("bank", "2026-05-01", [E("emergency_contact")]),
        "breach",
        {REACHABLE: "breach"},
        cites=("credit_card_68", "gbt_45251_debtor_only"),
    ),
    Story(
        "family-told-about-the-debt",
        A("bank", "2026-05-01", [E("family", disclosed_debt=True)]),
        "unlawful",
        {DISCLOSURE: "unlawful"},
        channels=("lender", "nfra_12378"),
        not_channels=("local_financial_regulator",),
        cites=("civil_code_1032", "pipl_10", "psapl_2025_50_6"),
        not_cites=("psapl_2012_42_6",),
    ),
    Story(
        "family-told-about-the-debt-in-2025",
        A("bank", "2025-11-30", [E("family", disclosed_debt=True)]),
        "unlawful",
        {DISCLOSURE: "unlawful"},
        cites=("psapl_2012_42_6",),
        not_cites=("psapl_2025_50_6",),
    ),
    Story(
        "employer-told-by-microloan-company",
        A("microlender", "2026-01-15", [E("employer", disclosed_debt=True)]),
        "unlawful",
        {DISCLOSURE: "unlawful"},
        channels=("local_financial_regulator", "nifa"),
        not_channels=("nfra_12378",),
        cites=("microloan_37_4",),
    ),
    Story(
        "colleagues-asked-to-pay",
        A("consumer_finance", "2026-06-01", [E("colleagues", "im", asked_to_pay=True)]),
        "unlawful",
        {DISCLOSURE: "unlawful", "CONTACT__THIRD_PARTY_ASKED_TO_PAY": "breach"},
        cites=("consumer_finance_collection",),
    ),
    Story(
        "friend-kept-being-called-after-saying-stop",
        A("lending_platform", "2026-07-01", [E("friends", after_stop_request=True)]),
        "unlawful",
        {"CONTACT__THIRD_PARTY_AFTER_STOP": "unlawful"},
        channels=("miit_12321",),
        cites=("pipl_44", "civil_code_1033", "psapl_2025_50_5"),
    ),
    Story(
        "friend-called-after-saying-stop-in-2025",
        A("lending_platform", "2025-07-01", [E("friends", after_stop_request=True)]),
        "unlawful",
        cites=("psapl_2012_42_5",),
        not_cites=("psapl_2025_50_5",),
    ),
    Story(
        "whole-contact-list-texted-about-the-debt",
        A("lending_platform", "2026-02-01", [E("contacts_list", "sms", disclosed_debt=True)]),
        "unlawful",
        {"CONTACT__CONTACT_LIST_USED": "breach", DISCLOSURE: "unlawful"},
        channels=("cac_12377", "nifa"),
        cites=("necessary_pi_lending",),
    ),
    Story(
        "contact-list-called-without-mentioning-debt",
        A("unknown", "2026-02-01", [E("contacts_list")]),
        "breach",
        {"CONTACT__CONTACT_LIST_USED": "breach", REACHABLE: "breach"},
    ),
    Story(
        "bank-asks-family-where-unreachable-borrower-is",
        A("bank", "2026-03-01", [E("family", borrower_unreachable=True)]),
        "grey",
        {"CONTACT__THIRD_PARTY_TO_LOCATE": "grey"},
        absent=(REACHABLE,),
    ),
    Story(
        "app-asks-family-instead-of-the-listed-contact",
        A("lending_platform", "2026-03-01", [E("family", borrower_unreachable=True)]),
        "breach",
        {"CONTACT__THIRD_PARTY_TO_LOCATE": "breach"},
        cites=("nifa_14",),
    ),
    Story(
        "debt-posted-in-a-group-chat",
        A("microlender", "2026-04-01", [E("public", "im", disclosed_debt=True)]),
        "unlawful",
        {"CONTACT__PUBLIC_EXPOSURE": "unlawful"},
        channels=("cac_12377", "police"),
        cites=("pipl_25",),
    ),
    Story(
        "private-lender-posts-about-borrower-online",
        A("private_lender", "2026-04-01", [E("borrower", "online_post")]),
        "unlawful",
        {"CONTACT__PUBLIC_EXPOSURE": "unlawful"},
        not_channels=("lender", "nfra_12378"),
    ),
    Story(
        "child-called-about-a-parents-loan",
        A("consumer_finance", "2026-08-01", [E("minor")]),
        "breach",
        {"CONTACT__MINOR": "breach", REACHABLE: "breach"},
        channels=("police",),
    ),
    Story(
        "child-told-about-the-debt",
        A("consumer_finance", "2026-08-01", [E("minor", disclosed_debt=True)]),
        "unlawful",
        {DISCLOSURE: "unlawful", "CONTACT__MINOR": "breach"},
    ),
    Story(
        "private-lender-calls-family-without-telling",
        A("private_lender", "2026-04-01", [E("family")]),
        "grey",
        {REACHABLE: "grey"},
    ),
    # Visits.
    Story(
        "daytime-visit-to-the-home",
        A("bank", "2026-05-05", [E(channel="visit_home")]),
        "grey",
        {"VISIT__HOME": "grey"},
    ),
    Story(
        "microloan-company-visits-the-workplace",
        A("microlender", "2026-05-05", [E(channel="visit_work")]),
        "grey",
        {"VISIT__WORKPLACE": "grey"},
        not_cites=("microloan_37_4",),
    ),
    Story(
        "visitors-refuse-to-leave",
        A("bank", "2026-05-05", [E(channel="visit_home")], ["refused_to_leave"], came_inside=True),
        "criminal",
        {"TACTIC__REFUSED_TO_LEAVE": "criminal"},
        first_channel="police",
        cites=("criminal_245", "psapl_2025_47_3"),
        not_cites=("psapl_2012_40_3",),
    ),
    Story(
        "visitors-refuse-to-leave-in-2025",
        A("bank", "2025-05-05", [E(channel="visit_home")], ["refused_to_leave"], came_inside=True),
        "criminal",
        cites=("psapl_2012_40_3",),
        not_cites=("psapl_2025_47_3",),
    ),
    Story(
        "held-until-paying",
        A("private_lender", "2026-05-05", tactics=["detention"]),
        "criminal",
        {"TACTIC__DETENTION": "criminal"},
        channels=("police",),
        cites=("criminal_238",),
    ),
    # What was said or done.
    Story(
        "insults-over-the-phone",
        A("bank", "2026-03-03", [E()], ["insults"]),
        "unlawful",
        {"TACTIC__INSULTS": "unlawful"},
        cites=("civil_code_1024", "psapl_2025_50_2"),
        not_cites=("criminal_246", "psapl_2025_50_5"),
    ),
    Story(
        "insults-posted-in-a-group-may-be-a-crime",
        A("bank", "2026-03-03", [E("public", "im", disclosed_debt=True)], ["insults"]),
        "criminal",
        {"TACTIC__INSULTS": "criminal"},
        cites=("criminal_246", "online_defamation_2013_2"),
    ),
    Story(
        "insults-continued-after-police-warning",
        A("consumer_finance", "2026-03-03", tactics=["insults"], continued_after_intervention=True),
        "criminal",
        {"TACTIC__INSULTS": "criminal"},
        cites=("criminal_293", "picking_quarrels_2013_1_3"),
    ),
    Story(
        "threats-of-violence-over-a-lawful-debt",
        A("consumer_finance", "2026-03-03", tactics=["threat_violence"]),
        "unlawful",
        {"TACTIC__THREAT_VIOLENCE": "unlawful"},
        first_channel="police",
        cites=("psapl_2025_50_1",),
        not_cites=("psapl_2012_42_1", "criminal_293_1"),
    ),
    Story(
        "threats-of-violence-in-2025",
        A("consumer_finance", "2025-10-10", tactics=["threat_violence"]),
        "unlawful",
        cites=("psapl_2012_42_1",),
        not_cites=("psapl_2025_50_1",),
    ),
    Story(
        "loan-shark-threatens-violence",
        A("private_lender", "2026-03-03", tactics=["threat_violence"], rate=48),
        "criminal",
        {"TACTIC__THREAT_VIOLENCE": "criminal", "RATE__PRIVATE_USURY": "unlawful"},
        cites=("criminal_293_1",),
        first_channel="police",
    ),
    Story(
        "threat-to-tell-everyone",
        A("lending_platform", "2026-03-03", tactics=["threat_exposure"]),
        "breach",
        {"TACTIC__THREAT_EXPOSURE": "breach"},
        channels=("court",),
        cites=("civil_code_997", "nifa_16"),
    ),
    Story(
        "pay-a-fee-or-we-expose-you",
        A(
            "microlender",
            "2026-03-03",
            tactics=["threat_exposure", "extra_fees"],
            extra_fee_yuan=8000,
        ),
        "criminal",
        {"TACTIC__THREAT_EXPOSURE": "criminal", "TACTIC__EXTRA_FEES": "criminal"},
        cites=("criminal_274",),
    ),
    Story(
        "doctored-photo-sent-to-the-borrower",
        A("consumer_finance", "2026-03-03", tactics=["doctored_images"]),
        "unlawful",
        {"TACTIC__DOCTORED_IMAGES": "unlawful"},
        cites=("civil_code_1019",),
    ),
    Story(
        "doctored-wanted-poster-posted-online",
        A("consumer_finance", "2026-03-03", [E("public", "online_post")], ["doctored_images"]),
        "criminal",
        {"TACTIC__DOCTORED_IMAGES": "criminal"},
        cites=("criminal_246",),
    ),
    Story(
        "fake-court-summons",
        A("bank", "2026-03-03", tactics=["fake_court_documents"]),
        "criminal",
        {"TACTIC__FAKE_COURT_DOCUMENTS": "criminal"},
        first_channel="police",
        cites=("criminal_280", "psapl_2025_63"),
        not_cites=("psapl_2012_52",),
    ),
    Story(
        "fake-court-summons-in-2025",
        A("bank", "2025-03-03", tactics=["fake_court_documents"]),
        "criminal",
        cites=("psapl_2012_52",),
        not_cites=("psapl_2025_63",),
    ),
    Story(
        "fake-legal-papers-of-an-unknown-kind",
        A("bank", "2026-03-03", tactics=["fake_legal_documents"]),
        "unlawful",
        {"TACTIC__FAKE_LEGAL_DOCUMENTS": "unlawful"},
        cites=("psapl_2025_63", "criminal_280"),
    ),
    Story(
        "collector-poses-as-police",
        A("microlender", "2026-03-03", tactics=["impersonate_authority"]),
        "criminal",
        {"TACTIC__IMPERSONATE_AUTHORITY": "criminal"},
        channels=("police",),
        cites=("criminal_279", "psapl_2025_62", "microloan_37_1"),
    ),
    Story(
        "collector-poses-as-police-in-2025",
        A("microlender", "2025-03-03", tactics=["impersonate_authority"]),
        "criminal",
        cites=("psapl_2012_51",),
        not_cites=("psapl_2025_62",),
    ),
    Story(
        "you-will-be-arrested-says-bank-collector",
        A("bank", "2026-03-03", tactics=["false_consequences"]),
        "breach",
        {"TACTIC__FALSE_CONSEQUENCES": "breach"},
        cites=("cba_banned_practices",),
    ),
    Story(
        "you-will-be-arrested-before-the-guideline",
        A("bank", "2025-06-01", tactics=["false_consequences"]),
        "grey",
        {"TACTIC__FALSE_CONSEQUENCES": "grey"},
        not_cites=("cba_banned_practices",),
    ),
    Story(
        "app-adds-a-collection-fee",
        A("lending_platform", "2026-03-03", tactics=["extra_fees"]),
        "breach",
        {"TACTIC__EXTRA_FEES": "breach"},
        cites=("nifa_19",),
    ),
    Story(
        "consumer-finance-pushes-a-new-loan",
        A("consumer_finance", "2026-03-03", tactics=["push_new_loan"]),
        "breach",
        {"TACTIC__PUSH_NEW_LOAN": "breach"},
    ),
    Story(
        "new-loan-pressure-before-the-guideline",
        A("consumer_finance", "2025-03-03", tactics=["push_new_loan"]),
        "grey",
        {"TACTIC__PUSH_NEW_LOAN": "grey"},
    ),
    Story(
        "followed-home-in-2026",
        A("bank", "2026-03-03", tactics=["stalking"]),
        "unlawful",
        {"TACTIC__STALKING": "unlawful"},
        first_channel="police",
        cites=("psapl_2025_50_5",),
        not_cites=("psapl_2012_26",),
    ),
    Story(
        "followed-home-in-2025",
        A("bank", "2025-03-03", tactics=["stalking"]),
        "unlawful",
        cites=("psapl_2012_26",),
        not_cites=("psapl_2025_50_5",),
    ),
    # Cost of the loan.
    Story(
        "private-loan-at-10-percent",
        A("private_lender", "2026-03-03", rate=10),
        "lawful",
        {"RATE__PRIVATE_WITHIN_CAP": "lawful"},
    ),
    Story(
        "private-loan-at-24-percent",
        A("private_lender", "2026-03-03", rate=24),
        "unlawful",
        {"RATE__PRIVATE_ABOVE_CAP": "unlawful"},
        cites=("private_lending_25",),
        channels=("court",),
    ),
    Story(
        "private-loan-at-exactly-36-percent",
        A("private_lender", "2026-03-03", rate=36),
        "unlawful",
        {"RATE__PRIVATE_ABOVE_CAP": "unlawful"},
        absent=("RATE__PRIVATE_USURY",),
    ),
    Story(
        "private-loan-at-40-percent",
        A("private_lender", "2026-03-03", rate=40),
        "unlawful",
        {"RATE__PRIVATE_USURY": "unlawful"},
        channels=("police",),
        cites=("illegal_lending_2019",),
    ),
    Story(
        "bank-loan-costing-30-percent",
        A("bank", "2026-03-03", rate=30),
        "grey",
        {"RATE__LICENSED_HIGH_COST": "grey"},
        cites=("financial_trials_24",),
    ),
    Story(
        "microloan-at-18-percent",
        A("microlender", "2026-03-03", rate=18),
        "lawful",
        {"RATE__LICENSED_WITHIN_24": "lawful"},
    ),
    # The right bodies for each lender type.
    Story(
        "bank-disclosure-goes-to-12378",
        A("bank", "2026-07-01", [E("family", disclosed_debt=True)]),
        "unlawful",
        channels=("lender", "nfra_12378"),
        not_channels=("local_financial_regulator", "nifa"),
    ),
    Story(
        "consumer-finance-disclosure-goes-to-12378",
        A("consumer_finance", "2026-07-01", [E("family", disclosed_debt=True)]),
        "unlawful",
        channels=("lender", "nfra_12378"),
        not_channels=("local_financial_regulator",),
    ),
    Story(
        "microlender-disclosure-goes-to-the-local-regulator",
        A("microlender", "2026-07-01", [E("family", disclosed_debt=True)]),
        "unlawful",
        channels=("lender", "local_financial_regulator", "nifa"),
        not_channels=("nfra_12378",),
    ),
    Story(
        "platform-disclosure-goes-to-every-possible-regulator",
        A("lending_platform", "2026-07-01", [E("family", disclosed_debt=True)]),
        "unlawful",
        channels=("lender", "nfra_12378", "local_financial_regulator", "nifa"),
    ),
    Story(
        "private-lender-disclosure-goes-to-police-and-court",
        A("private_lender", "2026-07-01", [E("family", disclosed_debt=True)]),
        "unlawful",
        channels=("police", "court"),
        not_channels=("lender", "nfra_12378", "nifa"),
    ),
    Story(
        "unknown-lender-gets-every-regulator",
        A("unknown", "2026-07-01", [E("family", disclosed_debt=True)]),
        "unlawful",
        channels=("lender", "nfra_12378", "local_financial_regulator", "nifa"),
    ),
    # Many things at once; conduct before the period covered.
    Story(
        "everything-at-once",
        A(
            "unknown",
            "2026-09-01",
            [
                E("contacts_list", "sms", times_per_day=50, disclosed_debt=True, people_reached=50),
                E("public", "online_post"),
                E(times_per_day=40, at_night=True),
            ],
            ["insults", "doctored_images", "threat_violence", "fake_legal_documents"],
        ),
        "criminal",
        {
            BOMBING: "unlawful",  # the 40 calls to the borrower, not the 50 contacts' one text each
            NIGHT: "breach",
            DISCLOSURE: "criminal",
            "TACTIC__FAKE_LEGAL_DOCUMENTS": "unlawful",
            "TACTIC__INSULTS": "criminal",
            "TACTIC__DOCTORED_IMAGES": "criminal",
            "TACTIC__THREAT_VIOLENCE": "unlawful",
        },
        first_channel="police",
    ),
    Story(
        "conduct-in-2020-before-the-civil-code",
        A("bank", "2020-06-01", [E("family", disclosed_debt=True)]),
        "unlawful",
        cites=("psapl_2012_42_6",),
        not_cites=("civil_code_1032", "pipl_10"),
    ),
]


def finding_map(assessment):
    return {f.code: f.severity for f in assessment.findings}


def cited(assessment):
    return {c.provision.id for f in assessment.findings for c in f.citations}


@pytest.mark.parametrize("story", STORIES, ids=[s.id for s in STORIES])
def test_story(story: Story):
    result = evaluate(story.answers)
    findings = finding_map(result)
    assert result.overall == story.overall, findings
    for code, severity in story.findings.items():
        assert findings.get(code) == severity, (code, findings)
    for code in story.absent:
        assert code not in findings
    for channel in story.channels:
        assert channel in result.channels, result.channels
    for channel in story.not_channels:
        assert channel not in result.channels, result.channels
    citations = cited(result)
    for provision in story.cites:
        assert provision in citations, sorted(citations)
    for provision in story.not_cites:
        assert provision not in citations
    if story.first_channel:
        assert result.channels[0] == story.first_channel, result.channels
    # Every citation is of a provision in force on the conduct date.
    for finding in result.findings:
        for citation in finding.citations:
            assert citation.provision.in_force_on(story.answers.conduct_date), citation.provision.id


def test_there_are_at_least_sixty_stories():
    assert len(STORIES) >= 60
    assert len({s.id for s in STORIES}) == len(STORIES)


def test_findings_are_sorted_most_severe_first():
    result = evaluate(STORIES[-2].answers)
    ranks = [f.severity for f in result.findings]
    order = ["criminal", "unlawful", "breach", "grey", "lawful"]
    assert ranks == sorted(ranks, key=order.index)


def test_conduct_before_2021_carries_a_caveat():
    result = evaluate(STORIES[-1].answers)
    assert result.caveats[0] == "caveat_before_coverage"


def test_a_fact_the_results_hinge_on_is_named_once_at_the_top():
    platform = evaluate(make_answers("lending_platform", tactics=["push_new_loan"]))
    assert "caveat_funder_unknown" in platform.caveats
    known = evaluate(make_answers("lending_platform", tactics=["push_new_loan"], licensed=True))
    assert "caveat_funder_unknown" not in known.caveats
    bank = evaluate(make_answers("bank", events=[make_event("family")]))
    assert "caveat_product_unknown" in bank.caveats
    card = evaluate(make_answers("bank", events=[make_event("family")], product="credit_card"))
    assert "caveat_product_unknown" not in card.caveats


def test_findings_without_a_verified_basis_say_so():
    result = evaluate(make_answers("bank", "2024-12-01", [make_event(times_per_day=4)]))
    (finding,) = [f for f in result.findings if f.code == UNCLEAR]
    assert finding.caveats == ("caveat_no_verified_basis",)
    assert finding.citations == ()


def test_the_same_tactic_to_several_people_is_one_finding_naming_them_all():
    result = evaluate(
        make_answers(
            "bank",
            events=[
                make_event("family", disclosed_debt=True),
                make_event("employer", "visit_work", disclosed_debt=True),
            ],
        )
    )
    (finding,) = [f for f in result.findings if f.code == DISCLOSURE]
    assert finding.targets == ("family", "employer")
    assert finding.event_indices == (0, 1)
