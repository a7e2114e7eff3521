"""The guide's prose, FAQ, channels and notes, as the December legal review corrected them (G-18 to G-37).

Each test reads what a reader gets: the rendered guide page, an FAQ answer,
a knowledge text or a letter request. A reviewer's item number is in each
test's docstring so the review and the fix can be read side by side.
"""

from __future__ import annotations

import html as entities
import json
import re
from pathlib import Path

import pytest

from rights_guide.guide.registry import get_registry
from rights_guide.knowledge import get_knowledge
from tests.factories import make_request, preview_html

pytestmark = pytest.mark.django_db

PREFIX = {"zh-hans": "", "en": "/en"}
ROOT = Path(__file__).resolve().parent.parent


def page(client, slug, language):
    """The visible text of a guide page, tags stripped and spaces collapsed."""
    response = client.get("%s/guide/%s/" % (PREFIX[language], slug))
    assert response.status_code == 200
    text = re.sub(r"<[^>]+>", "", response.content.decode())
    return " ".join(entities.unescape(text).split())


def text_of(markup: str) -> str:
    """The visible text of a letter, whitespace squeezed out."""
    without_style = re.sub(r"<style>.*?</style>", "", markup, flags=re.S)
    return "".join(entities.unescape(re.sub(r"<[^>]+>", "", without_style)).split())


def faq(slug, start):
    """The FAQ pair of a topic whose Chinese question starts with ``start``."""
    topic = next(t for t in get_registry().topics if t.slug == slug)
    return next(pair for pair in topic.faq if pair.question.get("zh-hans").startswith(start))


def test_g18_using_contacts_beyond_consent_is_a_pipl_matter_not_illegal_obtaining(client):
    """G-18: 治安法 56 is for reading contacts without permission, not for using them beyond it."""
    text = page(client, "contact-list", "zh-hans")
    assert "或者超出授权范围用来催收，可能属于非法获取个人信息" not in text
    assert "不是“非法获取”，而是违反个人信息保护法" in text
    assert "beyond what you allowed, that may be illegally obtaining" not in page(
        client, "contact-list", "en"
    )


@pytest.mark.parametrize("slug", ["contact-list", "family"])
def test_g19_telling_contacts_may_fall_under_art_56_it_is_not_settled(client, slug):
    """G-19: art 56 for telling contacts about a debt is a possible reading, said as "may"."""
    text = page(client, slug, "zh-hans")
    assert "还属于违反国家规定向他人提供个人信息" not in text
    assert "可能属于" in text
    english = page(client, slug, "en")
    assert "is also providing personal information" not in english
    answer = faq("contact-list", "催收爆通讯录违法吗").answer
    assert "可能属于这种情形" in answer.get("zh-hans")
    assert "may count as that" in answer.get("en")


def test_g20_a_spouse_is_debt_related_only_where_the_loan_funded_the_family(client):
    """G-20 (and the guide's half of G-36): the spouse condition and household-needs debts."""
    text = page(client, "family", "zh-hans")
    assert "配偶可能与借款有关，所以催收方联系配偶" not in text
    assert "借款用于家庭开支的，配偶算与债务有关的人" in text
    assert "仍可能侵犯您的隐私" in text
    assert "为家庭日常生活借的小额消费贷款" in text
    assert "Where the loan funded family spending" in page(client, "family", "en")


@pytest.mark.parametrize("slug", ["family", "visits", "contact-list"])
def test_g21_the_police_punish_spreading_to_many_not_telling_one_person(client, slug):
    """G-21: 散布 is dissemination; one disclosure to one person is a civil wrong."""
    text = page(client, slug, "zh-hans")
    assert "散布他人隐私的，公安机关可以处罚" not in text
    assert "散布给多人的，公安机关还可以处罚" in text
    assert "spreading it to many people can also be punished" in page(client, slug, "en")
    for start in ("催收把我欠钱的事告诉了我的同事", "催收到单位"):
        pairs = [
            pair
            for topic in get_registry().topics
            for pair in topic.faq
            if pair.question.get("zh-hans").startswith(start)
        ]
        for pair in pairs:
            assert "散布他人隐私的" not in pair.answer.get("zh-hans")


@pytest.mark.parametrize(
    "slug", ["family", "visits", "fake-authorities", "consequences", "interest-limits"]
)
def test_g22_an_apps_complaint_goes_to_its_funders_regulator_not_only_nifa(client, slug):
    """G-22: NIFA is not a regulator; an app's complaint goes to its funder's regulator."""
    text = page(client, slug, "zh-hans")
    assert "按实际放款的资金方，找上面对应的监管部门" in text
    assert "互联网金融协会不是监管部门" in text
    assert "go to the regulator above that supervises the funder" in page(client, slug, "en")


def test_g23_an_electronic_guarantee_counts_and_signing_an_iou_does_not(client):
    """G-23: "show me a signed paper guarantee" was wrong both ways."""
    text = page(client, "emergency-contact", "zh-hans")
    assert "请对方出示有您签字的书面担保合同" not in text
    assert "在App里点击确认的电子合同" in text
    assert "只在借条上签了名" in text
    assert "merely signing an IOU" in page(client, "emergency-contact", "en")


def test_g24_the_standard_is_recommended_and_the_codes_bind_their_members(client):
    """G-24: the standard and codes do not "bind" every lender."""
    text = page(client, "calls-and-hours", "zh-hans")
    assert "约束银行、消费金融公司、小额贷款公司和借款App" not in text
    assert "国家标准是推荐性标准，行业协会的规范约束各自的会员" in text
    assert "the standard is a recommended one" in page(client, "calls-and-hours", "en")


def test_g25_a_licensed_lender_usually_shows_on_the_pboc_report(client):
    """G-25: microloan companies may report to 百行 or 朴道 instead."""
    text = page(client, "interest-limits", "zh-hans")
    assert "征信报告上通常会有放款机构的名称" in text
    assert "百行征信或朴道征信" in text
    assert "usually shows the lender's name" in page(client, "interest-limits", "en")


def test_g26_outsourced_collection_is_entrusted_processing_without_separate_consent(client):
    """G-26: PIPL 23's separate consent is for provision to another handler, not an agent."""
    text = page(client, "personal-information", "zh-hans")
    assert "属于这种委托处理，不需要您单独同意" in text
    assert "法律没有明确规定您可以要一份接收方名单" in text
    pair = faq("personal-information", "我能知道借款方把我的信息给了谁吗")
    assert not pair.answer.get("zh-hans").startswith("可以。")
    assert "委托处理，不需要您单独同意" in pair.answer.get("zh-hans")
    assert {"pipl_21", "pipl_48", "consumer_protection_41"} <= set(pair.cites)


def test_g27_source_is_asked_for_and_the_reply_deadline_is_reasonable():
    """G-27: no PIPL right to the source (so it is asked for); PIPL 50 sets no 15-day deadline."""
    access = get_knowledge().letters.kinds["pi_request"].request("access")
    assert "pipl_23" not in {basis.provision.id for basis in access.bases}
    text = text_of(preview_html(kind="pi_request"))
    assert "同时请告知这些信息的来源" in text
    assert "请在合理期限内（例如自收到本申请之日起15日内）书面答复" in text
    text = text_of(preview_html(kind="third_party"))
    assert "同时请书面告知贵方从何处获得我的电话号码" in text
    assert "请在合理期限内（例如自收到本函之日起15日内）书面答复" in text
    assert "请在收到本函之日起15日内书面答复" not in text


def test_g30_a_consumer_finance_funders_duty_comes_from_its_own_rules():
    """G-30: the 2025 助贷通知 is addressed to banks; 消金办法 binds consumer-finance funders."""
    text = get_knowledge().texts["caveat_via_funder"]
    assert "只针对商业银行" in text.zh_hans
    assert "消费金融公司要对合作催收机构的行为负责" in text.zh_hans
    assert "answers for its partner collectors" in text.en


def test_g31_calling_parents_is_against_the_collection_rules_not_illegal():
    """G-31: "不合法" reads as illegal; for private lenders it is grey."""
    pair = faq("family", "网贷逾期了，催收打电话给我爸妈合法吗")
    assert "不合法" not in pair.answer.get("zh-hans")
    assert "违反催收规范" in pair.answer.get("zh-hans")
    assert "个人放贷人不受这些规范约束" in pair.answer.get("zh-hans")
    assert "private lenders are not bound" in pair.answer.get("en")


def test_g32_the_credit_section_says_notice_five_years_and_objection(client):
    """G-32: 征信业管理条例 15, 16, 25: told first, kept five years, objection answered in 20 days."""
    text = page(client, "consequences", "zh-hans")
    assert "应当先告诉您" in text
    assert "保存5年" in text
    assert "20日内核查处理" in text
    english = page(client, "consequences", "en")
    assert "kept for five years" in english and "within 20 days" in english


def test_g34_a_third_partys_relationship_is_in_their_own_words(client):
    """G-34: a spouse reading their result is "the borrower's husband or wife", not "your spouse"."""
    body = make_request(
        perspective="third_party",
        relationship="spouse",
        lender_type="bank",
        events=[{"channel": "call", "times_per_day": 2, "asked_to_pay": True}],
    )
    answer = client.post(
        "/api/v1/assess?lang=zh-hans", data=json.dumps(body), content_type="application/json"
    ).json()
    assert answer["relationship_label"] == "借款人的配偶（丈夫或妻子）"
    body["relationship"] = "emergency_contact"
    answer = client.post(
        "/api/v1/assess?lang=en", data=json.dumps(body), content_type="application/json"
    ).json()
    assert answer["relationship_label"] == "The emergency contact the borrower listed"


def test_g35_card_plans_need_inability_and_willingness_and_last_at_most_five_years(client):
    """G-35: credit-card rules art 70's conditions and its five-year cap."""
    summary = get_knowledge().provisions["credit_card_70"].summary
    assert "超出其还款能力" in summary.get("zh-hans") and "不超过5年" in summary.get("zh-hans")
    assert "at most 5 years" in summary.get("en")
    for slug in ("consequences", "repayment-plan"):
        assert "最长不超过5年" in page(client, slug, "zh-hans")
        assert "at most five years" in page(client, slug, "en")


def test_g37_bundled_add_ons_have_somewhere_to_go(client):
    """G-37: membership fees and benefit packages: the lender, then the funder's regulator."""
    text = page(client, "complaints", "zh-hans")
    assert "借款时被搭售的会员费" in text
    assert "12315" not in text  # unverified in the fact sheet, so left out
    assert "benefit packages" in page(client, "complaints", "en")


SOURCE_NOTES = (
    "psapl_2025_26_1",
    "civil_procedure_125",
    "online_mediation_15",
    "civil_code_686_2",
    "civil_code_687_2",
    "civil_code_688_2",
    "pi_crime_2017_3",
    "pi_crime_2017_11",
)


@pytest.mark.parametrize("provision_id", SOURCE_NOTES)
def test_provisions_outside_the_fact_sheet_name_the_text_they_were_checked_against(
    provision_id,
):
    """Old item 14's residue: an inherited V1 label says which text was read."""
    provision = get_knowledge().provisions[provision_id]
    assert provision.confidence == "V1"
    assert provision.note is not None
    zh, en = provision.note.get("zh-hans"), provision.note.get("en")
    assert "LawRefBook" in zh or "flk.npc.gov.cn" in zh
    assert "LawRefBook" in en or "flk.npc.gov.cn" in en


def test_no_note_names_an_internal_work_item():
    for provision in get_knowledge().provisions.values():
        if provision.note is None:
            continue
        for language in ("zh-hans", "en"):
            text = provision.note.get(language)
            assert not re.search(r"第\d+号工作单|\bissue \d+", text), (provision.id, text)


def test_g01_the_guarantor_paragraph_asks_for_the_date_the_wording_and_the_period(client):
    """G-01: pre-2021 guarantees, joint-making wording, 687(2)'s four exceptions, the guarantee period."""
    text = page(client, "family", "zh-hans")
    assert "2021年以前签的担保" in text and "按连带责任保证承担" in text
    assert "无条件承担保证责任" in text
    assert "借款人下落不明且没有财产可供执行" in text and "书面放弃过这项权利" in text
    assert "担保人不再承担保证责任" in text
    english = page(client, "family", "en")
    assert "signed before 2021" in english and "guarantees unconditionally" in english
    assert "four exceptions" in english and "the guarantor is released" in english
    source = (ROOT / "templates/guide/zh-hans/family.html").read_text()
    for provision in (
        "guarantee_law_19",
        "guarantee_interpretation_25_2",
        "civil_code_687_2",
        "civil_code_692",
        "civil_code_693",
        "civil_code_1161",
    ):
        assert provision in source


def test_g15_relatives_read_that_heirs_pay_only_within_the_estate(client):
    """G-15 on the guide: relatives owe nothing unless they inherit, and then only within the estate."""
    assert "只在所得遗产的实际价值范围内清偿" in page(client, "family", "zh-hans")
    assert "only up to the real value of what they inherit" in page(client, "family", "en")


def test_g02_the_guide_explains_the_limitation_period_before_acknowledging(client):
    """G-02: three years; demands, acknowledgment and part-payment restart it; agreeing after expiry waives it."""
    text = page(client, "repayment-plan", "zh-hans")
    assert "诉讼时效期间是三年" in text
    assert "还了一部分也算" in text
    assert "就不能再以时效届满为由拒绝" in text
    assert "都是三年以前的事" in text and "12348" in text
    english = page(client, "repayment-plan", "en")
    assert "limitation period for going to court is three years" in english
    assert "do not acknowledge the debt" in english
    assert "先看诉讼时效" in page(client, "consequences", "zh-hans")


def test_g03_an_unlicensed_lender_lending_to_the_public_has_a_void_contract(client):
    """G-03: 民间借贷规定 13(3): void, principal plus at most LPR-level compensation."""
    text = page(client, "interest-limits", "zh-hans")
    assert "法院应当认定借款合同无效" in text
    assert "资金占用费" in text
    assert "the court shall hold the loan contract void" in page(client, "interest-limits", "en")
    source = (ROOT / "templates/guide/zh-hans/interest-limits.html").read_text()
    assert "private_lending_13_3" in source


def test_g05_the_licensed_list_names_trust_and_auto_finance_companies(client):
    """G-05: a trust company or an auto-finance company is a licensed lender too."""
    text = page(client, "interest-limits", "zh-hans")
    assert "“信托”“汽车金融”" in text
    assert "信托公司、汽车金融公司" in text
    english = page(client, "interest-limits", "en")
    assert "信托 (trust) or 汽车金融 (auto finance)" in english


def test_g10_staying_at_the_door_has_its_own_verdicts(client):
    """G-10: "came inside" and "stayed at the door" are two cases with two tables."""
    text = page(client, "visits", "zh-hans")
    assert "上门后进了您的屋，您让他们走，他们不走" in text
    assert "上门后没有进屋，您让他们走，他们在门外不走" in text
    assert "without coming in" in page(client, "visits", "en")
    door = get_registry().stories["visit_home_door"].request
    assert door["came_inside"] is False


def test_g14_the_court_paragraph_covers_notice_default_judgment_payment_orders_and_freezing(client):
    """G-14: 民诉法 95, 147, 227, 103-104 on the fake-authorities page and in its FAQ."""
    text = page(client, "fake-authorities", "zh-hans")
    assert "公告送达" in text and "缺席判决" in text
    assert "收到之日起十五日内还款，或者向法院提出书面异议" in text
    assert "冻结您的账户" in text
    english = page(client, "fake-authorities", "en")
    assert "public notice" in english and "payment order" in english
    pair = faq("fake-authorities", "催收说已经起诉我了")
    assert "支付令" in pair.answer.get("zh-hans") and "公告送达" in pair.answer.get("zh-hans")
    assert {"civil_procedure_95", "civil_procedure_147", "civil_procedure_227"} <= set(pair.cites)


def test_g29_a_fake_lawyers_letter_goes_to_the_justice_bureau_and_12348(client):
    """G-29: 律师法 55; the 司法局 punishes it; lawyers are looked up at 12348.gov.cn."""
    text = page(client, "fake-authorities", "zh-hans")
    assert "中国律师网" not in text
    assert "12348.gov.cn" in text
    assert "由司法局（县级以上司法行政部门）责令停止" in text
    english = page(client, "fake-authorities", "en")
    assert "12348.gov.cn" in english and "the justice bureau" in english
    pair = faq("fake-authorities", "收到律师函")
    assert "司法局" in pair.answer.get("zh-hans") and "lawyers_law_55" in pair.cites


def test_g32_the_credit_section_cites_the_credit_reporting_regulation():
    """G-32: the three sentences cite 征信业管理条例 15, 16 and 25, in both languages."""
    for language in ("zh-hans", "en"):
        source = (ROOT / "templates/guide" / language / "consequences.html").read_text()
        for provision in ("credit_reporting_15", "credit_reporting_16", "credit_reporting_25"):
            assert '"%s"' % provision in source, (language, provision)
        assert "cite them here once" not in source


def test_g23_the_guarantor_paragraph_cites_its_provisions():
    """G-23: 民法典 685 and 469 para 3, 民间借贷规定 20, each checked against a named text."""
    provisions = get_knowledge().provisions
    for provision in ("civil_code_685", "civil_code_469_3", "private_lending_20"):
        assert provisions[provision].confidence == "V1"
        note = provisions[provision].note.get("en")
        assert "LawRefBook" in note or "Chinese-Laws" in note
    for language in ("zh-hans", "en"):
        source = (ROOT / "templates/guide" / language / "emergency-contact.html").read_text()
        for provision in ("civil_code_685", "civil_code_469_3", "private_lending_20"):
            assert '"%s"' % provision in source, (language, provision)
