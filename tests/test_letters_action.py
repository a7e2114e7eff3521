"""The letters that set terms (issue 15): show me the debt, contact me only like this, here is
what I can pay. What they say in each language, what they cite, the API that takes them.

Expected words are looked up in the letter's language through gettext and the knowledge base,
so each assertion holds for whatever the catalogue says; the registry test proves the titles
are translated.
"""

import json
from decimal import Decimal

import pytest
from django.utils import translation
from django.utils.translation import gettext

from rights_guide.assessment import evaluate
from rights_guide.formatting import format_yuan
from rights_guide.knowledge import KnowledgeError, get_knowledge, load_knowledge
from rights_guide.knowledge.model import CONFIDENCES
from rights_guide.letters import letter_request_to_data, parse_letter_request
from rights_guide.letters.kinds import KINDS, Situation, offered_kinds
from rights_guide.letters.kinds.contact_terms import CHANNELS, CHOICES, EVERYONE
from rights_guide.letters.legal import cited_law
from tests.factories import LETTER_CHOICES, NOW, TODAY, letter_data, make_letter, preview_html
from tests.pdfs import pdf_text, squeezed
from tests.test_knowledge import broken_copy

ACTION = ("debt_details", "contact_terms", "repayment_plan")
KNOWLEDGE = get_knowledge()
LAW = KNOWLEDGE.letters


def story(lender_type="consumer_finance", **facts) -> dict:
    return {"lender_type": lender_type, "conduct_date": "2026-10-15", **facts}


def letter(kind, language="zh-hans", lender_type="consumer_finance", **facts):
    return make_letter(
        letter_data(
            kind=kind,
            language=language,
            assessment=story(lender_type, **facts),
            incidents=[],
            requests="",
        )
    )


def section_text(made, name: str) -> str:
    """Everything one named part prints (text paragraphs, or a legal part's lead and lines)."""
    for section in made.sections:
        if section.name == name:
            return squeezed("".join((section.lead, *section.lines, *section.paragraphs)))
    return ""


def words(message: str, language: str, **values) -> str:
    with translation.override(language):
        text = gettext(message)
    return squeezed(text % values if values else text)


def citation(provision_id: str, language: str = "zh-hans") -> str:
    from rights_guide.letters.legal import format_citations

    with translation.override(language):
        return squeezed(format_citations([KNOWLEDGE.provisions[provision_id]], language)[0])


# Each kind, in both languages, from the API.


def post(client, body, **headers):
    return client.post(
        "/api/v1/letters",
        json.dumps(body, ensure_ascii=False),
        content_type="application/json",
        **headers,
    )


@pytest.mark.django_db
@pytest.mark.parametrize("language", ["zh-hans", "en"])
@pytest.mark.parametrize("kind", ACTION)
def test_each_letter_that_sets_terms_comes_from_the_api_as_a_pdf_in_both_languages(
    client, kind, language
):
    response = post(client, letter_data(kind=kind, language=language))
    assert response.status_code == 200, response.content[:500]
    text = squeezed(pdf_text(response.content))
    with translation.override(language):
        assert squeezed(str(KINDS[kind].letter_title)) in text
    assert response["Content-Disposition"].startswith(
        'attachment; filename="%s-' % KINDS[kind].file_name
    )
    if kind == "contact_terms":  # the borrower's choices, read back out of the PDF
        with translation.override(language):
            for option in CHANNELS:
                chosen = option.code in LETTER_CHOICES["contact_terms"]["channels"]
                assert (squeezed(str(option.letter)) in text) == chosen, option.code
        assert "09:00" in text and "19:30" in text
        assert "张三（我的姐姐）" in text
    if kind == "repayment_plan":
        assert squeezed(format_yuan(Decimal("1234.50"), language)) in text
    if kind == "debt_details":
        assert words(
            "I am not refusing to pay. Once I know what I owe and to whom, I will deal with "
            "the debt through your official channels.",
            language,
        ) in squeezed(text)


def test_the_english_copy_is_english_and_the_chinese_is_chinese():
    for kind in ACTION:
        english = squeezed(preview_html(kind=kind, language="en"))
        assert "Borrower(signature)" in english and "借款人（签名）" not in english
        chinese = squeezed(preview_html(kind=kind))
        assert "借款人（签名）" in chinese


# Show me the debt.


def test_the_debt_letter_asks_for_the_creditor_collector_contract_and_an_itemised_statement():
    made = letter("debt_details")
    english = letter("debt_details", "en").texts["requests"]
    for needle in (
        "full name of the creditor",
        "institution that actually lent the money",
        "written authorisation",
        "copy of the loan contract",
        "principal actually paid out to me",
        "penalty interest",
        "insurance premiums",
        "already repaid",
        "comprehensive annual cost",
    ):
        assert needle in english, needle
    rate_check = LAW.kinds["debt_details"].request("rate_check").text.zh_hans
    assert rate_check not in made.texts["requests"]  # a licensed lender: no private-lending cap
    bases = section_text(made, "bases")
    for provision in ("pipl_44", "pipl_45", "pipl_48", "civil_code_1037"):
        assert KNOWLEDGE.provisions[provision].article in bases


def test_a_private_lender_is_asked_for_the_contract_date_and_rate_against_the_cap():
    made = letter("debt_details", lender_type="private_lender")
    text = made.texts["requests"]
    assert LAW.kinds["debt_details"].request("rate_check").text.zh_hans in text
    bases = section_text(made, "bases")
    assert citation("private_lending_25").split("第")[0] in bases  # the private-lending rules
    for provision in ("private_lending_25", "private_lending_26", "private_lending_29"):
        assert KNOWLEDGE.provisions[provision].article in bases
    assert LAW.kinds["debt_details"].notes[0].text.zh_hans in section_text(made, "bases")
    # and the bank's consumer-protection measures are not the basis of anything here
    assert "消费者权益保护管理办法" not in bases


# Contact me only like this.


def test_the_contact_letter_states_the_choices_and_asks_for_written_confirmation():
    made = letter("contact_terms", "en")
    text = made.texts["requests"]
    assert "only by text message or letter by post" in text
    assert "between 09:00 and 19:30" in text
    assert "短信 13812345678" in text
    assert "anyone other than me" in text and "my family" in text and "my employer" in text
    assert "张三（我的姐姐）" in text
    assert "Confirm in writing, within 15 days" in text  # a licensed lender
    closing = made.texts["closing"]
    assert "complaints department" in closing and "police" in closing


@pytest.mark.parametrize(
    ("facts", "present", "absent", "caveat"),
    [
        (
            {"lender_type": "bank", "product": "loan"},
            ["gbt_45251_hours", "gbt_45251_calls", "cba_hours_attempts", "cba_third_parties"],
            ["credit_card_68"],
            "caveat_gbt_scope",
        ),
        (
            {"lender_type": "bank", "product": "credit_card"},
            ["cba_hours_attempts", "cba_third_parties", "credit_card_68"],
            ["gbt_45251_hours", "gbt_45251_calls"],  # the national standard is for loans
            "caveat_not_binding",
        ),
        (
            {"lender_type": "lending_platform"},
            ["gbt_45251_hours", "nifa_17", "cba_hours_attempts", "nifa_13"],
            [],
            "caveat_if_licensed",  # the banking guideline only if the funder is licensed
        ),
        (
            {"lender_type": "microlender"},
            ["gbt_45251_hours", "nifa_17", "microloan_37_5"],
            ["cba_hours_attempts"],
            "caveat_gbt_scope",
        ),
    ],
    ids=["bank-loan", "bank-card", "platform-funder-unknown", "microlender"],
)
def test_the_contact_letter_restates_the_limits_that_bind_this_lender_with_their_caveats(
    facts, present, absent, caveat
):
    lender_type = facts.pop("lender_type")
    for language in ("zh-hans", "en"):
        made = letter("contact_terms", language, lender_type, **facts)
        limits = section_text(made, "limits")
        for provision in present:
            summary = KNOWLEDGE.provisions[provision].summary.get(language).rstrip("。.")
            assert squeezed(summary) in limits, provision
        for provision in absent:
            summary = KNOWLEDGE.provisions[provision].summary.get(language).rstrip("。.")
            assert squeezed(summary) not in limits, provision
        assert squeezed(LAW.caveats[caveat].get(language)) in limits
        assert squeezed(LAW.leads["limits"].get(language)) in limits


def test_a_private_lender_is_bound_by_no_collection_code_so_none_is_restated():
    made = letter("contact_terms", lender_type="private_lender")
    assert section_text(made, "limits") == ""
    closing = made.texts["closing"]
    assert words(
        "If these terms are broken, I will keep the records and report threats or "
        "harassment to the police.",
        "zh-hans",
    ) in squeezed(closing)


def test_no_limit_is_a_v2_weak_article_number():
    made = letter("contact_terms", lender_type="microlender")
    limits = section_text(made, "limits")
    assert KNOWLEDGE.provisions["microloan_37_5"].confidence == "V2-weak"
    assert "第三十七条" not in limits
    assert squeezed(KNOWLEDGE.instruments["microloan_rules_2025"].name.zh_hans) in limits


# Here is what I can pay.


def test_the_repayment_letter_gives_the_situation_the_amount_and_what_is_asked():
    made = letter("repayment_plan", "en")
    facts = made.texts["facts"]
    assert "I have lost my job." in facts and "fallen ill" in facts
    assert "我在找新工作" in facts  # their own words, as typed
    requests = made.texts["requests"]
    assert "I can pay CN¥1,234.50 a month, starting on 1 January 2027." in requests
    assert "monthly instalments" in requests and "Stop charging penalty interest" in requests
    assert "Reduce the total" not in requests and "more time" not in requests  # not asked
    evidence = [str(item) for item in made.evidence]
    assert any("termination notice" in item for item in evidence)
    assert any("hospital bills" in item for item in evidence)
    chinese = letter("repayment_plan")
    assert "¥1,234.50" in chinese.texts["requests"] and "2027年1月1日" in chinese.texts["requests"]


@pytest.mark.parametrize(
    ("facts", "request_code"),
    [
        ({"lender_type": "private_lender", "annual_rate_percent": 30, "contract_date": "2025-06-01"}, "above_cap"),
        ({"lender_type": "private_lender", "annual_rate_percent": 48, "contract_date": "2025-06-01"}, "above_cap"),
        ({"lender_type": "consumer_finance", "annual_rate_percent": 30}, "above_licensed_line"),
        ({"lender_type": "private_lender", "annual_rate_percent": 10, "contract_date": "2025-06-01"}, None),
        ({"lender_type": "consumer_finance", "annual_rate_percent": 18}, None),
        ({"lender_type": "private_lender"}, None),
    ],
    ids=["private-above-cap", "private-usury", "licensed-above-24", "private-within", "licensed-within", "no-rate"],
)  # fmt: skip
def test_costs_above_the_cap_are_refused_only_when_the_engine_found_a_rate_above_it(
    facts, request_code
):
    lender_type = facts.pop("lender_type")
    made = letter("repayment_plan", lender_type=lender_type, **facts)
    requests, bases = made.texts["requests"], section_text(made, "bases")
    for code in ("above_cap", "above_licensed_line"):
        text = LAW.kinds["repayment_plan"].request(code).text.zh_hans
        assert (text in requests) == (code == request_code), code
    if request_code == "above_cap":
        assert KNOWLEDGE.provisions["private_lending_25"].article in bases
        assert KNOWLEDGE.provisions["private_lending_29"].article in bases
    if request_code == "above_licensed_line":  # one weak source: the instrument, no number
        assert (
            squeezed(KNOWLEDGE.instruments["financial_trials_opinion_2017"].name.zh_hans) in bases
        )


@pytest.mark.parametrize(
    ("product", "cited"), [("credit_card", True), ("loan", False), (None, False)]
)
def test_a_card_proposal_cites_the_card_rules_instalment_plans_by_name_only(product, cited):
    facts = {"product": product} if product else {}
    made = letter("repayment_plan", lender_type="bank", **facts)
    bases = section_text(made, "bases")
    name = squeezed(KNOWLEDGE.instruments["credit_card_rules_2011"].name.zh_hans)
    assert (name in bases) == cited
    assert KNOWLEDGE.provisions["credit_card_70"].confidence == "V2-weak"
    assert "第七十条" not in bases  # a V2-weak article number is never printed


def test_for_any_other_lender_the_proposal_claims_no_duty():
    for lender_type in ("consumer_finance", "microlender", "private_lender", "unknown"):
        made = letter("repayment_plan", lender_type=lender_type)
        assert section_text(made, "bases") == "", lender_type


# The reply clock.


@pytest.mark.parametrize(
    ("facts", "licensed"),
    [
        ({"lender_type": "bank"}, True),
        ({"lender_type": "microlender"}, True),
        ({"lender_type": "lending_platform", "licensed": True}, True),
        ({"lender_type": "lending_platform"}, False),
        ({"lender_type": "unknown"}, False),
        ({"lender_type": "private_lender"}, False),
    ],
    ids=["bank", "microlender", "platform-licensed", "platform-unsure", "unknown", "private"],
)
def test_a_licensed_lender_is_asked_to_reply_in_15_days_any_other_in_a_reasonable_time(
    facts, licensed
):
    lender_type = facts.pop("lender_type")
    clocks = {
        "debt_details": (
            "Send me these in writing within 15 days of receiving this letter.",
            "Send me these in writing within a reasonable time, for example within 15 days of "
            "receiving this letter.",
        ),
        "repayment_plan": (
            "Reply to me in writing within 15 days of receiving this letter.",
            "Reply to me in writing within a reasonable time, for example within 15 days of "
            "receiving this letter.",
        ),
    }
    for kind, (fifteen, reasonable) in clocks.items():
        made = letter(kind, "en", lender_type, **facts)
        assert (fifteen in made.texts["requests"]) == licensed, kind
        assert (reasonable in made.texts["requests"]) == (not licensed), kind


# The law they cite is the knowledge base's.


def _stories():
    for lender_type in KNOWLEDGE.vocabulary.lender_types.codes:
        yield story(lender_type)
    yield story("bank", product="credit_card")
    yield story("bank", product="loan")
    yield story("lending_platform", licensed=True, annual_rate_percent=30)
    yield story("lending_platform", licensed=False, annual_rate_percent=30)
    yield story("private_lender", annual_rate_percent=48, contract_date="2024-01-01")


@pytest.mark.parametrize("kind", ACTION)
def test_every_provision_these_letters_cite_is_one_the_knowledge_base_holds(kind):
    for data in _stories():
        request = parse_letter_request(
            letter_data(kind=kind, assessment=data), today=TODAY, now=NOW
        )
        assessment = evaluate(request.answers)
        with translation.override("zh-hans"):
            made = KINDS[kind].build(request, assessment)
        law = cited_law(assessment, kind=kind, requests=made.requests, written_on=TODAY)
        for provision in [*law.bases, *(limit.provision for limit in law.limits)]:
            assert get_knowledge().provisions[provision.id] == provision
            assert provision.confidence in CONFIDENCES
            assert provision.confidence != "U"  # an unverified reading is never relied on
        assert "conduct" not in {section.name for section in made.sections}  # no complaint


def test_every_basis_limit_and_caveat_of_these_letters_is_in_the_knowledge_base():
    rules = {rule.code for rule in KNOWLEDGE.rules}
    for kind in ACTION:
        entry = LAW.kinds[kind]
        for request in entry.requests:
            for basis in request.bases:
                assert KNOWLEDGE.provisions[basis.provision.id] is basis.provision
            assert request.when_found <= rules
        assert set(entry.limits) <= rules
    assert set(LAW.caveats) <= set(KNOWLEDGE.texts)


@pytest.mark.parametrize(
    ("old", "new", "message"),
    [
        (
            "{provision: credit_card_70, lenders: [bank], products: [credit_card]}",
            "{provision: credit_card_99, lenders: [bank], products: [credit_card]}",
            "kind repayment_plan request plan basis 1: unknown provision 'credit_card_99'",
        ),
        (
            "      - code: creditor\n        bases: [pipl_44, pipl_48, pipl_23]",
            "      - code: creditor\n        bases: [pipl_44, pipl_48, pipl_230]",
            "kind debt_details request creditor basis 3: unknown provision 'pipl_230'",
        ),
        (
            "      - CONTACT__NIGHT_HOURS  # hours",
            "      - CONTACT__NIGHT_CALLS",
            "kind contact_terms limits",
        ),
        (
            "when_found: [RATE__LICENSED_HIGH_COST]",
            "when_found: [RATE__LICENSED_TOO_DEAR]",
            "request above_licensed_line when_found",
        ),
        (
            "  caveat_gbt_scope: {",
            "  caveat_gbt_scoop: {",
            "unknown caveat 'caveat_gbt_scoop'",
        ),
    ],
    ids=["unknown-provision", "unknown-provision-2", "unknown-limit-rule", "unknown-finding", "unknown-caveat"],
)  # fmt: skip
def test_a_letter_that_cites_what_the_knowledge_base_does_not_hold_stops_start_up(
    tmp_path, old, new, message
):
    copy = broken_copy(tmp_path, "letters.yaml", old, new)
    with pytest.raises(KnowledgeError) as raised:
        load_knowledge(copy)
    assert any(message in problem for problem in raised.value.problems), raised.value.problems


# Where they are offered.


def _offers(lender_type: str, overall: str) -> list[str]:
    situation = Situation(
        lender_type=lender_type,
        overall=overall,
        channels=("lender", "police"),
        vocabulary=KNOWLEDGE.vocabulary,
    )
    return [kind.code for kind in offered_kinds(situation)]


@pytest.mark.parametrize("lender_type", KNOWLEDGE.vocabulary.lender_types.codes)
@pytest.mark.parametrize("overall", ["lawful", "breach", "criminal"])
def test_they_are_offered_first_for_every_lender_and_even_when_all_is_lawful(lender_type, overall):
    offers = _offers(lender_type, overall)
    assert offers[:3] == list(ACTION)
    assert "pi_request" in offers
    if overall == "lawful":
        assert "lender" not in offers and "police" not in offers


# The API's choices, validated by the shared reader.


def _with(kind: str, **choice) -> dict:
    data = letter_data(kind=kind)
    field = KINDS[kind].choices.field
    data[field] = {**data[field], **choice}
    return data


@pytest.mark.django_db
@pytest.mark.parametrize(
    ("body", "expected"),
    [
        (dict(letter_data(kind="contact_terms"), contact_terms=None), {"contact_terms": "required"}),
        (dict(letter_data(kind="repayment_plan"), repayment=None), {"repayment": "required"}),
        (dict(letter_data(kind="lender"), contact_terms=LETTER_CHOICES["contact_terms"]), {"contact_terms": "not_for_kind"}),
        (dict(letter_data(kind="contact_terms"), repayment=LETTER_CHOICES["repayment"]), {"repayment": "not_for_kind"}),
        (_with("contact_terms", channels=[]), {"contact_terms.channels": "required"}),
        (_with("contact_terms", channels=["sms", "pigeon"]), {"contact_terms.channels[1]": "invalid_choice"}),
        (_with("contact_terms", hours={"from": "20:00", "to": "09:00"}), {"contact_terms.hours.to": "hours_order"}),
        (_with("contact_terms", hours={"from": "9am"}), {"contact_terms.hours.from": "invalid_time", "contact_terms.hours.to": "required"}),
        (_with("contact_terms", never_contact=["guarantor"]), {"contact_terms.never_contact[0]": "invalid_choice"}),
        (_with("contact_terms", contact="x" * 201), {"contact_terms.contact": "too_long"}),
        (_with("contact_terms", colour="red"), {"contact_terms.colour": "unknown_field"}),
        (_with("contact_terms", hours={"from": "06:00", "to": "23:30"}), {"contact_terms.hours.from": "hours_outside", "contact_terms.hours.to": "hours_outside"}),
        (_with("contact_terms", hours={"from": "09:00", "to": "22:01"}), {"contact_terms.hours.to": "hours_outside"}),
        (_with("contact_terms", hours={"from": "07:59", "to": "20:00"}), {"contact_terms.hours.from": "hours_outside"}),
        (_with("contact_terms", hours={"from": "22:00", "to": "23:00"}), {"contact_terms.hours.from": "hours_outside", "contact_terms.hours.to": "hours_outside"}),
        (_with("repayment_plan", monthly_yuan="800"), {"repayment.monthly_yuan": "not_amount"}),
        (_with("repayment_plan", monthly_yuan=0), {"repayment.monthly_yuan": "out_of_range"}),
        (_with("repayment_plan", monthly_yuan=800.555), {"repayment.monthly_yuan": "too_many_decimals"}),
        (_with("repayment_plan", start="2027-02-30"), {"repayment.start": "invalid_date"}),
        (_with("repayment_plan", start="2030-01-01"), {"repayment.start": "date_too_late"}),
        (_with("repayment_plan", start="2020-01-01"), {"repayment.start": "date_in_past"}),
        (_with("repayment_plan", situation=["boredom"]), {"repayment.situation[0]": "invalid_choice"}),
        (_with("repayment_plan", asks="instalments"), {"repayment.asks": "not_list"}),
        (_with("repayment_plan", situation_text="我\u202e付不起"), {"repayment.situation_text": "invalid_characters"}),
    ],
    ids=[
        "contact-terms-missing", "repayment-missing", "choices-of-another-letter", "other-choices",
        "no-channel", "unknown-channel", "hours-backwards", "hours-half", "guarantor-not-left-alone",
        "contact-too-long", "unknown-field", "night-hours", "until-after-22", "from-before-08",
        "all-at-night", "amount-as-text", "amount-zero", "amount-below-the-fen", "no-such-day",
        "start-too-late", "start-in-the-past", "unknown-situation", "asks-not-a-list",
        "bidi-override",
    ],
)  # fmt: skip
def test_the_choices_are_validated_and_every_problem_named(client, body, expected):
    response = post(client, body, HTTP_ACCEPT_LANGUAGE="en")
    assert response.status_code == 400
    found = {error["field"]: error["code"] for error in response.json()["errors"]}
    assert found == expected
    assert all(error["message"] for error in response.json()["errors"])


@pytest.mark.django_db
def test_the_contact_terms_keep_the_night_protected_in_writing(client):
    # The widest hours allowed; the letter also names the hours they may never use.
    response = post(client, _with("contact_terms", hours={"from": "08:00", "to": "22:00"}))
    assert response.status_code == 200, response.content[:500]
    text = squeezed(pdf_text(response.content))
    assert "请仅在北京时间08:00至22:00之间与我联系" in text
    assert "本人不同意在北京时间22:00至08:00之间以任何方式被联系" in text


def test_the_choices_are_kept_with_the_letter_exactly_as_read():
    for kind in ACTION:
        request = parse_letter_request(letter_data(kind=kind), today=TODAY, now=NOW)
        data = letter_request_to_data(request)
        assert parse_letter_request(data, today=TODAY, now=NOW) == request
    data = letter_request_to_data(
        parse_letter_request(letter_data(kind="contact_terms"), today=TODAY, now=NOW)
    )
    assert data["contact_terms"]["never_contact"] == [EVERYONE, "family", "employer"]
    assert set(data["contact_terms"]["never_contact"]) <= set(CHOICES.part("never_contact").codes())
    repayment = letter_request_to_data(
        parse_letter_request(letter_data(kind="repayment_plan"), today=TODAY, now=NOW)
    )["repayment"]
    assert repayment["monthly_yuan"] == 1234.5 and repayment["start"] == "2027-01-01"


def test_what_the_borrower_typed_in_the_choices_prints_as_text():
    data = letter_data(kind="contact_terms")
    data["contact_terms"]["contact"] = '<img src=x onerror="alert(1)">'
    data["contact_terms"]["never_contact_names"] = "<b>李四</b>"
    html = preview_html(data)
    assert "<img src=x" not in html and "<b>李四" not in html
    assert "&lt;img src=x" in html and "&lt;b&gt;李四" in html
