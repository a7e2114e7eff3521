"""What a letter cites (letters/legal.py and knowledge/data/letters.yaml), story by story.

A letter cites the law twice: the rules the conduct is against, and the
bases of its own requests. A remedy, a related rule or a ground that hinges
on a fact the borrower did not know is never printed as a rule broken; a
V2-weak article number is never printed at all; a letter goes only to
bodies that answer for this kind of lender. Assertions on Chinese text use
the knowledge base's wording (bilingual already) or the catalogue's.
"""

import html
import re

import pytest
from django.utils import translation
from django.utils.translation import gettext

from rights_guide.assessment import evaluate
from rights_guide.knowledge import get_knowledge
from rights_guide.letters import InvalidLetterRequest, parse_letter_request
from rights_guide.letters.drafting import regulator_names
from rights_guide.letters.kinds import KINDS, Situation, offered_kinds
from rights_guide.letters.kinds.pi_request import request_items
from rights_guide.letters.legal import cited_law
from tests.factories import NOW, TODAY, letter_data, make_letter, preview_html

LAW = get_knowledge().letters
FAMILY_CALL = {"target": "family", "channel": "call", "disclosed_debt": True}
CONTACT_LIST = {"target": "contacts_list", "channel": "sms"}


def story(lender_type="bank", conduct_date="2026-10-15", events=(), tactics=()):
    return {
        "lender_type": lender_type,
        "conduct_date": conduct_date,
        "events": list(events),
        "tactics": list(tactics),
    }


def letter(kind, language="zh-hans", **assessment):
    return make_letter(
        letter_data(kind=kind, language=language, assessment=story(**assessment), incidents=[])
    )


def legal_text(made, name: str) -> str:
    """Everything one legal part prints (its lead, citations and notes); "" when left out."""
    for section in made.sections:
        if section.part == "legal" and section.name == name:
            return "".join((section.lead, *section.lines, *section.paragraphs))
    return ""


def text_of(markup: str) -> str:
    return "".join(html.unescape(re.sub(r"<[^>]+>", "", markup)).split())


def squeezed(text: str) -> str:
    return "".join(text.split())


# The conduct and the bases: what is broken, and what the requests rely on. The spec's
# "no 第十八条" for a microlender, and in a consumer-finance regulator letter's conduct, would
# also catch the NIFA convention's art 18, rightly cited for disclosure: the complaint rules
# themselves are what must be absent.

COMPLAINTS = "银行业保险业消费投诉处理管理办法"


@pytest.mark.parametrize(
    ("kind", "lender_type", "conduct_has", "conduct_lacks", "bases_has", "nowhere"),
    [
        ("lender", "bank", ["第一千零三十二条"], ["第九百九十七条", "第十八条"], ["《银行业保险业消费投诉处理管理办法》第十八条"], []),
        ("lender", "consumer_finance", ["第一千零三十二条"], ["第九百九十七条", COMPLAINTS], ["《银行业保险业消费投诉处理管理办法》第十八条"], []),
        ("lender", "microlender", ["第一千零三十二条"], ["第九百九十七条"], [], [COMPLAINTS]),
        ("regulator", "consumer_finance", ["第一千零三十二条"], ["第九百九十七条", COMPLAINTS], ["《银行业保险业消费投诉处理管理办法》第三十三条"], []),
        ("regulator", "lending_platform", ["第一千零三十二条"], ["第九百九十七条"], [], [COMPLAINTS]),
    ],
    ids=[
        "bank-lender-letter",
        "consumer-finance-lender-letter",
        "microlender-has-no-complaint-deadline",
        "consumer-finance-regulator-letter",
        "platform-regulator-letter-has-no-deadline",
    ],
)  # fmt: skip
def test_a_remedy_is_never_a_rule_broken_and_a_deadline_is_a_basis(
    kind, lender_type, conduct_has, conduct_lacks, bases_has, nowhere
):
    made = letter(kind, lender_type=lender_type, events=[FAMILY_CALL])
    conduct, bases = legal_text(made, "conduct"), legal_text(made, "bases")
    assert conduct.startswith("上述行为违反：")
    for text in conduct_has:
        assert text in conduct
    for text in conduct_lacks:
        assert text not in conduct
    for text in bases_has:
        assert text in bases and bases.startswith("提出上述请求的依据：")
    if not bases_has:
        assert bases == ""  # nothing to rely on: no lead printed alone
    everything = text_of(preview_html(letter_data(kind=kind, assessment=story(lender_type=lender_type, events=[FAMILY_CALL]))))  # fmt: skip
    for text in nowhere:
        assert text not in everything


def test_the_two_leads_are_printed_in_the_letter_each_before_its_own_citations():
    markup = preview_html(kind="lender", assessment=story(events=[FAMILY_CALL]), incidents=[])
    text = text_of(markup)
    conduct = text.index("上述行为违反：")
    bases = text.index("提出上述请求的依据：")
    assert conduct < text.index("第一千零三十二条") < text.index("三、我的请求") < bases
    assert text.index("第十八条") > bases
    for lead in ("This conduct is against:", "The respondent's conduct is against:", "I rely on:"):
        assert lead not in markup
    english = preview_html(
        kind="lender", language="en", assessment=story(events=[FAMILY_CALL]), incidents=[]
    )
    assert LAW.leads["conduct"].en in english and LAW.leads["bases"].en in english


STORIES = {
    "disclosure-to-family": story(events=[FAMILY_CALL]),
    "threat-to-expose": story("lending_platform", tactics=["threat_exposure"]),
    "stalking": story(tactics=["stalking"]),
    "emergency-contact-while-reachable": story(
        events=[{"target": "emergency_contact", "channel": "call"}]
    ),
    "guarantor-asked-to-pay": story(
        events=[{"target": "guarantor", "channel": "call", "asked_to_pay": True}]
    ),
    "private-lender-threatens": story("private_lender", tactics=["threat_violence"]),
}


@pytest.mark.parametrize("name", STORIES, ids=list(STORIES))
@pytest.mark.parametrize("kind", KINDS.codes)
def test_only_counted_conduct_grounds_of_unlawful_findings_are_cited_as_conduct(kind, name):
    answers = parse_letter_request(
        letter_data(kind="police", assessment=STORIES[name]), today=TODAY, now=NOW
    ).answers
    assessment = evaluate(answers)
    counted = {
        c.provision.id
        for f in assessment.findings
        if f.severity != "lawful"
        for c in f.citations
        if c.counted and c.role == "conduct" and not c.conditional
    }
    law = cited_law(assessment, kind=kind, requests=(), written_on=TODAY)
    assert {p.id for p in law.conduct} <= counted
    assert all(KINDS[kind].law.cites_for_conduct(p) for p in law.conduct)


def test_a_v2_weak_article_number_is_never_printed_only_the_instrument():
    """Spec 14.2: the microloan measures' art 37 comes from one repost (V2-weak)."""
    made = letter("lender", lender_type="microlender", events=[FAMILY_CALL])
    cited = {p.id: p for p in cited_law(evaluate(made.request.answers), kind="lender", requests=(), written_on=TODAY).conduct}  # fmt: skip
    weak = [p for p in cited.values() if p.confidence == "V2-weak"]
    assert weak and any(p.article == "第三十七条" for p in weak)  # the story does cite it
    conduct = legal_text(made, "conduct")
    with translation.override("zh-hans"):
        line = gettext("%(instrument)s, relevant provisions") % {
            "instrument": "《小额贷款公司监督管理暂行办法》"
        }
    assert line in conduct  # 《小额贷款公司监督管理暂行办法》相关规定
    assert "第三十七条" not in text_of(preview_html(letter_data(kind="lender", assessment=story("microlender", events=[FAMILY_CALL]))))  # fmt: skip
    english = legal_text(letter("lender", "en", lender_type="microlender", events=[FAMILY_CALL]), "conduct")  # fmt: skip
    assert "relevant provisions" in english and "article 37" not in english


# The police: a no-contact order only for pestering, entangling or stalking, from 2026.


@pytest.mark.parametrize(
    ("conduct_date", "events", "tactics", "asks_for_order"),
    [
        ("2026-10-15", [], ["stalking"], True),
        ("2026-10-15", [{"target": "borrower", "channel": "call", "times_per_day": 1}], ["threat_violence"], False),
        ("2026-10-15", [{"target": "borrower", "channel": "sms", "times_per_day": 5}], ["threat_violence"], False),
        ("2025-12-31", [], ["stalking"], False),
        ("2026-10-15", [{"target": "borrower", "channel": "call", "times_per_day": 30}], [], False),
        ("2026-10-15", [], ["fake_legal_documents"], False),
    ],
    ids=[
        "stalking-2026",
        "one-threatening-call",
        "five-threatening-texts-are-not-pestering",
        "stalking-before-the-new-law",
        "bombardment",
        "no-pestering",
    ],
)  # fmt: skip
def test_the_police_are_asked_for_a_no_contact_order_only_where_the_law_allows(
    conduct_date, events, tactics, asks_for_order
):
    order = KINDS["police"].law.request("no_contact_order")
    for language in ("zh-hans", "en"):
        made = letter("police", language, conduct_date=conduct_date, events=events, tactics=tactics)
        assert (order.text.get(language) in made.texts["requests"]) is asks_for_order
        bases = legal_text(made, "bases")
        assert bases.startswith(LAW.leads["bases"].get(language))
    text = text_of(preview_html(letter_data(kind="police", assessment=story(conduct_date=conduct_date, events=events, tactics=tactics))))  # fmt: skip
    assert ("禁止接触" in text) is asks_for_order
    assert ("第五十条第二款" in legal_text(letter("police", conduct_date=conduct_date, events=events, tactics=tactics), "bases")) is asks_for_order  # fmt: skip
    assert "第九十条" in text  # the duty to register a report, in force when written
    assert "上述行为可能涉及以下规定：" in text


def test_the_police_cite_only_the_law_they_apply():
    made = letter("police", events=[FAMILY_CALL], tactics=["insults"])
    conduct = legal_text(made, "conduct")
    assert "治安管理处罚法" in conduct
    assert "民法典" not in conduct and "个人信息保护法" not in conduct


# The personal-information request: one basis per right. Art 23 (separate consent
# before passing data to another handler) binds the handler and gives no right to
# the data's source or recipients, so those are asked for, not rested on it.

PIPL_ARTICLES = (15, 44, 45, 46, 47, 48, 50)
PIPL_CHINESE = ("第十五条", "第四十四条", "第四十五条", "第四十六条", "第四十七条", "第四十八条", "第五十条")  # fmt: skip


def test_each_personal_information_right_rests_on_its_own_article():
    made = letter("pi_request", events=[CONTACT_LIST])
    bases = legal_text(made, "bases")
    pipl = next(line for line in made.citations["bases"] if "个人信息保护法" in line)
    assert pipl.startswith("《中华人民共和国个人信息保护法》")
    positions = [pipl.index(article) for article in PIPL_CHINESE]
    assert positions == sorted(positions)
    assert "第二十三条" not in pipl
    assert "第七十二条" not in bases  # not a private lender: no note
    civil = made.citations["bases"][-1]  # PIPL first, then the Civil Code
    assert civil == "《中华人民共和国民法典》第一千零三十七条"
    english = letter("pi_request", "en", events=[CONTACT_LIST]).citations["bases"]
    pipl = next(line for line in english if "Personal Information Protection" in line)
    numbers = [int(n) for n in re.findall(r"\b(\d+)(?:\(\d+\))*", pipl.split("article")[1])]
    assert tuple(dict.fromkeys(numbers)) == PIPL_ARTICLES
    assert english[-1] == "Civil Code of the People's Republic of China, article 1037"


def test_the_personal_information_request_asks_for_correction():
    english = letter("pi_request", "en", events=[CONTACT_LIST]).texts["requests"]
    assert (
        "If any personal information about me that you hold is wrong or incomplete (for "
        "example, someone listed as my contact who is not), correct or complete it." in english
    )
    assert "如果贵司持有的我的个人信息有错误或不完整" in letter("pi_request").texts["requests"]


def test_a_private_lender_gets_the_civil_code_basis_and_the_note():
    made = letter("pi_request", lender_type="private_lender", events=[FAMILY_CALL])
    bases = legal_text(made, "bases")
    assert "第一千零三十七条" in bases and "第一千零三十八条" in bases
    note = KINDS["pi_request"].law.notes[0].text
    assert note.zh_hans in bases
    assert note.en in legal_text(
        letter("pi_request", "en", lender_type="private_lender", events=[FAMILY_CALL]), "bases"
    )
    assert note.zh_hans not in legal_text(letter("pi_request", events=[FAMILY_CALL]), "bases")


def test_the_personal_information_request_makes_every_request_letters_yaml_gives_a_basis_for():
    with translation.override("en"):
        made = request_items(make_letter(kind="pi_request").request)
    assert tuple(made) == tuple(r.code for r in KINDS["pi_request"].law.requests)


def test_the_purpose_that_names_the_law_is_the_knowledge_bases():
    purpose = KINDS["pi_request"].law.purpose
    for language in ("zh-hans", "en"):
        with translation.override(language):
            assert KINDS["pi_request"].purpose == purpose.get(language)
            assert KINDS["lender"].purpose  # written in gettext: it names no law


# Who gets which letter.


@pytest.mark.parametrize("lender_type", sorted(get_knowledge().vocabulary.lender_types.codes))
@pytest.mark.parametrize("kind", KINDS.codes)
def test_a_letter_is_accepted_exactly_for_the_lender_types_letters_yaml_lists(kind, lender_type):
    data = letter_data(kind=kind, assessment=story(lender_type, events=[FAMILY_CALL]))
    if KINDS[kind].perspective == "third_party":  # told by the relative who was called
        data["assessment"].update(perspective="third_party", relationship="family")
    fits = lender_type in LAW.kinds[kind].lenders
    try:
        parse_letter_request(data, today=TODAY, now=NOW)
    except InvalidLetterRequest as invalid:
        assert not fits
        assert [(e.field, e.code) for e in invalid.errors] == [
            ("kind", "kind_not_available_for_lender_type")
        ]
    else:
        assert fits


def test_a_private_lender_is_offered_the_letters_that_set_terms_the_police_and_the_data_request():
    assessment = evaluate(
        parse_letter_request(
            letter_data(kind="police", assessment=story("private_lender", tactics=["threat_violence"])),
            today=TODAY,
            now=NOW,
        ).answers
    )  # fmt: skip
    offers = offered_kinds(
        Situation(
            lender_type="private_lender",
            overall=assessment.overall,
            channels=assessment.channels,
            vocabulary=get_knowledge().vocabulary,
        )
    )
    # A threat to safety: the engine puts the police first, and so does the offer (issue 19, 13).
    assert [kind.code for kind in offers] == [
        "police",
        "debt_details",
        "contact_terms",
        "repayment_plan",
        "pi_request",
    ]


def test_every_kind_is_in_letters_yaml_and_prints_both_legal_parts():
    assert set(KINDS.codes) == set(LAW.kinds)
    for kind in KINDS.codes:
        sections = make_letter(kind=kind).sections
        assert {s.name for s in sections if s.part == "legal"} <= {"conduct", "bases", "limits"}
    police = KINDS["police"].law.request("no_contact_order")
    assert police is not None and police.text is not None and police.when_cited


@pytest.mark.parametrize("lender_type", sorted(LAW.kinds["regulator"].lenders))
def test_every_lender_the_regulator_letter_fits_has_a_regulator_to_name(lender_type):
    request = parse_letter_request(
        letter_data(assessment=story(lender_type, events=[FAMILY_CALL])), today=TODAY, now=NOW
    )
    with translation.override("zh-hans"):
        assert regulator_names(request)


def test_a_platform_complaint_goes_to_the_national_and_the_local_regulator():
    addressee = letter("regulator", lender_type="lending_platform", events=[FAMILY_CALL]).addressee
    assert "国家金融监督管理总局" in addressee and "地方金融管理部门" in addressee


# The people the letter asks the collector to leave alone, and the evidence.


@pytest.mark.parametrize(
    ("target", "left_alone"),
    [("guarantor", False), ("spouse", True), ("family", True)],
)
def test_a_guarantor_is_not_someone_the_lender_is_asked_to_leave_alone(target, left_alone):
    events = [FAMILY_CALL, {"target": target, "channel": "call", "asked_to_pay": True}]
    label = get_knowledge().vocabulary.targets[target].letter
    for language in ("zh-hans", "en"):
        made = letter("lender", language, events=events)
        stop = made.texts["requests"].split("\n")[0]
        assert (label.get(language) in stop) is left_alone, stop
    assert "停止联系我的借款担保人" not in text_of(preview_html(letter_data(kind="lender", assessment=story(events=events))))  # fmt: skip


@pytest.mark.parametrize(
    ("tactics", "expected", "absent"),
    [
        (["fake_court_documents"], ["The papers made to look like they came from a court or another state body"], ["lawyer's letters"]),
        (["fake_lawyer_letter"], ["The lawyer's letters sent in the name of made-up law firms or lawyers"], ["a court"]),
        (["fake_legal_documents"], ["The documents made to look like court papers or lawyer's letters"], []),
        (["fake_court_documents", "fake_lawyer_letter", "fake_legal_documents"], ["another state body", "made-up law firms"], ["court papers or lawyer's letters"]),
        (["insults"], [], ["court", "lawyer"]),
    ],
    ids=["fake-court-papers", "fake-lawyers-letter", "not-sure-which", "all-three", "none"],
)  # fmt: skip
def test_the_evidence_asks_for_the_fake_documents_whichever_kind_they_were(
    tactics, expected, absent
):
    evidence = " ".join(letter("police", "en", tactics=tactics).evidence)
    for text in expected:
        assert text in evidence
    for text in absent:
        assert text not in evidence
