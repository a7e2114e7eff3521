"""Four guide topics: visits, fake authorities, interest limits and the real consequences of arrears.

Each renders in both languages with its direct answer first, its key claims
as text, the verdict tables the check works out and only law the knowledge
base holds; the interest caps come from the LPR data, never typed.
"""

import datetime
import html as entities
import re
import shutil
from decimal import Decimal
from pathlib import Path

import pytest
from django.conf import settings
from django.utils import timezone

from rights_guide.guide.citations import page_problems
from rights_guide.guide.registry import get_registry
from rights_guide.knowledge import get_knowledge
from rights_guide.knowledge.loader import DATA_DIR

pytestmark = pytest.mark.django_db

PREFIX = {"zh-hans": "", "en": "/en"}
TOPICS = ("visits", "fake-authorities", "interest-limits", "consequences")


def page(client, slug, language):
    response = client.get("%s/guide/%s/" % (PREFIX[language], slug))
    assert response.status_code == 200
    return response.text


def text_of(html: str) -> str:
    return entities.unescape(re.sub(r"\s+", " ", re.sub(r"<[^>]+>", " ", html)))


def between(html: str, start: str, end: str) -> str:
    return html[html.index(start) : html.index(end, html.index(start))]


def lead(html: str) -> str:
    """The answer: the short answer, and its continuation after "what to do now" on a long page."""
    more = between(html, 'class="guide-more"', "</section>") if 'class="guide-more"' in html else ""
    return text_of(between(html, 'class="guide-lead"', "</section>") + more)


def law(html: str) -> str:
    return between(html, 'class="guide-law"', "</section>")


def verdicts(html: str, story: str) -> dict[str, tuple[str, str]]:
    table = between(html, 'data-story="%s"' % story, "</table>")
    rows = re.findall(r'data-lender="(\w+)" data-severity="(\w+)"(?: data-finding="(\w+)")?', table)
    return {lender: (severity, finding) for lender, severity, finding in rows}


# What each page must say up front, in each language, and the law and the
# engine's tables behind it.
CLAIMS = {
    "visits": {
        "zh-hans": [
            "法律没有禁止催收人员到您家里或单位找您本人",
            "晚上22点到早上8点",
            "至少要有两名工作人员",
            "没有您的同意，催收人员不能进您的家门",
            "您让他们走，他们就必须走",
            "非法侵入住宅",
            "马上拨打110",
            "不能把欠款告诉您的同事和领导",
            "单位不是住宅",
            "让工作不能正常进行",
        ],
        "en": [
            "No law forbids collectors from coming to your home or your workplace",
            "between 22:00 and 08:00",
            "at least two staff",
            "Collectors may not come into your home without your consent",
            "when you tell them to leave, they must leave",
            "unlawful entry into a home",
            "call 110 at once",
            "they may not tell your colleagues or managers about the debt",
            "A workplace is not a home",
            "work cannot go on normally",
        ],
    },
    "fake-authorities": {
        "zh-hans": [
            "不要转账",
            "冒充警察的从重处罚",
            "伪造国家机关公文、印章罪",
            "律师函不是法院文书，本身没有强制力",
            "法院也确实会联系当事人",
            "立案前组织调解",
            "12368",
            "中国审判流程信息公开网",
            "不要拨打对方提供的号码",
        ],
        "en": [
            "do not transfer money",
            "punished more heavily when posing as police",
            "forging official documents or seals",
            "A lawyer's letter is not a court document and compels nothing",
            "courts really do contact people",
            "mediate before a case is filed",
            "12368",
            "China Judicial Process Information Online",
            "Do not call a number the caller gives you",
        ],
    },
    "interest-limits": {
        "zh-hans": [
            "谁借给您的钱，哪天签的合同",
            "一年期贷款市场报价利率（LPR）的四倍",
            "逾期利息、违约金和其他费用",
            "不适用这个上限",
            "超过年利率24%的部分，您可以请求法院调减",
            "不是硬性上限",
            "只有一个质量不高的来源",
            "实际放款的资金方",
            "超过36%",
            "非法经营罪",
        ],
        "en": [
            "who lent you the money, and when the contract was made",
            "four times the one-year Loan Prime Rate (LPR)",
            "overdue interest, penalties and other fees",
            "this cap does not apply to them",
            "exceed 24% a year",
            "not a hard cap",
            "a single weak source",
            "the funder that actually lent the money",
            "Above 36% a year",
            "the crime of illegal business",
        ],
    },
    "consequences": {
        "zh-hans": [
            "不会因为逾期被抓",
            "警察不会因为逾期抓人",
            "催收方无权拘留您、扣押您的财产",
            "被起诉",
            "十万元以下",
            "十五日以下",
            "失信被执行人名单",
            "限制乘坐飞机、高铁等高消费",
            "拒不执行判决、裁定罪",
            "持牌金融机构依法把逾期记录报送征信系统",
            "信用卡是例外",
            "两次有效催收后超过三个月",
            "五万元",
            "网络贷款不是信用卡",
        ],
        "en": [
            "You will not be arrested for being overdue",
            "The police do not arrest people for being overdue",
            "collectors have no power to detain you or seize your property",
            "A lawsuit",
            "up to ¥100,000",
            "up to 15 days",
            "list of defaulting judgment debtors",
            "flights and high-speed trains",
            "the crime of refusing to carry out a judgment",
            "Licensed lenders may lawfully report overdue debts to the credit system",
            "Credit cards are the exception",
            "three months after two valid demands",
            "¥50,000",
            "Online loans are not credit cards",
        ],
    },
}
LAW = {
    "visits": [
        "cba_22",
        "cba_private_premises",
        "cba_hours_attempts",
        "gbt_45251_hours",
        "civil_code_1033_2",
        "criminal_245",
        "psapl_2025_47_3",
        "psapl_2025_26_1",
        "civil_code_1032",
        "microloan_37_4",
    ],
    "fake-authorities": [
        "criminal_279",
        "psapl_2025_62",
        "criminal_280",
        "psapl_2025_63",
        "civil_procedure_125",
        "online_mediation_15",
        "civil_procedure_90",
        "trial_process_info_3",
        "civil_procedure_120",
    ],
    "interest-limits": [
        "private_lending_25",
        "private_lending_29",
        "private_lending_26",
        "private_lending_31",
        "private_lending_1",
        "private_lending_reply_scope",
        "financial_trials_24",
        "illegal_lending_2019",
    ],
    "consequences": [
        "civil_procedure_114_6",
        "civil_procedure_118",
        "civil_procedure_120",
        "defaulter_list_1",
        "defaulter_list_2",
        "spending_ban_1",
        "spending_ban_3",
        "criminal_313",
        "criminal_196",
        "card_fraud_6",
        "card_fraud_7",
        "card_fraud_8",
        "card_fraud_10",
    ],
}
RULES = {
    "visits": ["VISIT__HOME"],
    "fake-authorities": [
        "TACTIC__IMPERSONATE_AUTHORITY",
        "TACTIC__FAKE_COURT_DOCUMENTS",
        "TACTIC__FAKE_LAWYER_LETTER",
        "TACTIC__LAWSUIT_NOTICE",
    ],
    "interest-limits": ["RATE__PRIVATE_USURY"],
    "consequences": [
        "TACTIC__FALSE_CONSEQUENCES",
        "TACTIC__LAWSUIT_NOTICE",
        "TACTIC__CREDIT_REPORT_NOTICE",
        "TACTIC__CREDIT_REPORT_NOTICE_PRIVATE",
    ],
}
STORIES = {
    "visits": [
        "visit_home_day",
        "visit_home_night",
        "visit_home_refused",
        "visit_work",
        "visit_work_told",
    ],
    "fake-authorities": [
        "impersonate_authority",
        "fake_summons",
        "fake_lawyer_letter",
        "lawsuit_told",
    ],
    "interest-limits": ["rate_14_signed_2023", "rate_14_signed_2025", "rate_30", "rate_40"],
    "consequences": ["false_consequences", "credit_report_told"],
}


@pytest.mark.parametrize("language", ["zh-hans", "en"])
@pytest.mark.parametrize("slug", TOPICS)
def test_each_topic_answers_first_with_its_law_rules_and_tables(client, slug, language):
    topic = get_registry().topic(slug)
    assert topic is not None
    html = page(client, slug, language)
    answer = lead(html)
    for phrase in CLAIMS[slug][language]:
        assert phrase in answer, phrase
    cited = law(html)
    for provision in LAW[slug]:
        assert 'data-provision="%s"' % provision in cited, provision
    for rule in RULES[slug]:
        assert 'data-rule="%s"' % rule in html, rule
    for story in STORIES[slug]:
        assert 'data-story="%s"' % story in html, story
    assert page_problems(html, get_knowledge(), timezone.localdate()) == []
    assert 'href="%s/interview/?preselect=borrower"' % PREFIX[language] in html


@pytest.mark.parametrize("slug", TOPICS)
def test_both_languages_cite_the_same_law(client, slug):
    def cited(html):
        return re.findall(r'<li id="law-([a-z0-9_]+)"', law(html))

    assert sorted(cited(page(client, slug, "zh-hans"))) == sorted(cited(page(client, slug, "en")))


def test_visits_tables_follow_the_engine(client):
    html = page(client, "visits", "en")
    lenders = {column.code for column in get_registry().lenders}
    day = verdicts(html, "visit_home_day")
    assert set(day) == lenders
    assert set(day.values()) == {("grey", "VISIT__HOME")}  # not forbidden in itself
    refused = verdicts(html, "visit_home_refused")
    assert set(refused.values()) == {("criminal", "TACTIC__REFUSED_TO_LEAVE")}
    night = verdicts(html, "visit_home_night")
    assert night["consumer_finance"] == ("breach", "CONTACT__NIGHT_HOURS")
    assert night["private_lender"][0] == "grey"
    assert {v[0] for v in verdicts(html, "visit_work").values()} == {"grey"}
    told = verdicts(html, "visit_work_told")
    assert {v[0] for v in told.values()} == {"unlawful"}
    # The workplace is never treated as a home.
    assert "TACTIC__REFUSED_TO_LEAVE" not in str(verdicts(html, "visit_work"))


def test_fake_authority_tables_and_the_way_to_check(client):
    knowledge = get_knowledge()
    for language in ("zh-hans", "en"):
        html = page(client, "fake-authorities", language)
        assert knowledge.texts["verify_court_action"].get(language) in text_of(html)
        assert {v[0] for v in verdicts(html, "impersonate_authority").values()} == {"criminal"}
        assert {v[0] for v in verdicts(html, "fake_summons").values()} == {"criminal"}
        assert {v[0] for v in verdicts(html, "lawsuit_told").values()} == {"lawful"}
        # Posing as a lawyer breaks the Lawyers Law art 55, whoever does it (issue 21, G-29).
        lawyer = verdicts(html, "fake_lawyer_letter")
        assert {v[0] for v in lawyer.values()} == {"unlawful"}


def _expected_caps():
    """Four times the LPR in force on each period's first day, worked out here from the data."""
    table = get_knowledge().lpr
    return {
        period.start.isoformat(): (period.rate * 4).quantize(Decimal("0.01"))
        for period in table.periods(datetime.date(2020, 8, 20))
    }


@pytest.mark.parametrize("language", ["zh-hans", "en"])
def test_the_interest_caps_come_from_the_lpr_data(client, language):
    html = page(client, "interest-limits", language)
    caps = between(html, '<ul class="lpr-caps">', "</ul>")
    rows = re.findall(r'data-cap="([\d.]+)" data-from="([\d-]+)"', caps)
    listed = {start: Decimal(cap) for cap, start in rows}
    expected = _expected_caps()
    assert listed == expected
    assert len(listed) >= 9  # every LPR change since August 2020
    table = get_knowledge().lpr
    latest = (table.last_verified.rate * 4).quantize(Decimal("0.01"))
    assert ("%s%%" % latest) in lead(html)  # the lead states today's cap from the data
    # The two-part rule for contracts made before 20 August 2020 comes first.
    first = re.search(r"<li[^>]*>(.*?)</li>", caps, re.S).group(1)
    assert "2020" in first and ("24%" in first and "36%" in first)
    # How sure we are of each period's LPR is shown, in words the law section uses.
    assert caps.count('class="lpr-confidence"') == len(listed) + 1


def test_no_cap_is_typed_into_the_interest_templates():
    for language in ("zh-hans", "en"):
        source = (
            Path(settings.BASE_DIR) / "templates" / "guide" / language / "interest-limits.html"
        ).read_text(encoding="utf-8")
        # 24% and 36% are lines the provisions themselves draw; a cap is 4 × LPR and
        # would be written with decimals or as another percentage.
        percentages = set(re.findall(r"\d+(?:\.\d+)?%", source))
        assert percentages <= {"24%", "36%"}, percentages


def test_the_single_weak_source_of_the_24_percent_line_is_shown_with_its_caveat(client):
    knowledge = get_knowledge()
    assert knowledge.provisions["financial_trials_24"].confidence == "V2-weak"
    for language in ("zh-hans", "en"):
        entry = re.search(
            r'<li id="law-financial_trials_24".*?</li>',
            page(client, "interest-limits", language),
            re.S,
        ).group(0)
        assert 'data-confidence="V2-weak"' in entry
        assert knowledge.texts["caveat_v2_weak"].get(language) in entry
        assert knowledge.texts["caveat_not_binding"].get(language) in entry


def test_the_rate_tables_turn_on_the_contract_date_and_the_licence(client):
    html = page(client, "interest-limits", "en")
    early, late = verdicts(html, "rate_14_signed_2023"), verdicts(html, "rate_14_signed_2025")
    assert early["private_lender"] == ("lawful", "RATE__PRIVATE_WITHIN_CAP")
    assert late["private_lender"] == ("unlawful", "RATE__PRIVATE_ABOVE_CAP")
    assert late["lending_platform"] == ("grey", "RATE__FUNDER_UNKNOWN")
    assert late["bank_loan"] == ("lawful", "RATE__LICENSED_WITHIN_24")
    assert verdicts(html, "rate_30")["microlender"] == ("grey", "RATE__LICENSED_HIGH_COST")
    assert verdicts(html, "rate_40")["private_lender"] == ("unlawful", "RATE__PRIVATE_USURY")


def test_the_consequences_tables(client):
    html = page(client, "consequences", "en")
    made_up = verdicts(html, "false_consequences")
    assert made_up["bank_card"] == ("breach", "TACTIC__FALSE_CONSEQUENCES")
    credit = verdicts(html, "credit_report_told")
    assert credit["bank_loan"] == ("lawful", "TACTIC__CREDIT_REPORT_NOTICE")
    assert credit["private_lender"] == ("grey", "TACTIC__CREDIT_REPORT_NOTICE_PRIVATE")


@pytest.mark.parametrize(
    ("query", "slug"),
    [
        ("上门催收", "visits"),
        ("赖在我家不走", "visits"),
        ("collectors came to my house", "visits"),
        ("法院传票是真的吗", "fake-authorities"),
        ("假律师函", "fake-authorities"),
        ("fake police call", "fake-authorities"),
        ("利息上限", "interest-limits"),
        ("砍头息", "interest-limits"),
        ("interest rate cap", "interest-limits"),
        ("逾期会坐牢吗", "consequences"),
        ("失信被执行人", "consequences"),
        ("will I go to jail", "consequences"),
    ],
)
def test_each_topic_is_found_first(client, query, slug):
    response = client.get("/guide/search/", {"q": query})
    assert re.findall(r'<li data-topic="([^"]+)"', response.text)[0] == slug


@pytest.fixture
def knowledge_copy(tmp_path, monkeypatch):
    """A copy of the knowledge base the app uses instead, for this test only."""
    copy = tmp_path / "data"
    shutil.copytree(DATA_DIR, copy)
    monkeypatch.setenv("RIGHTS_GUIDE_KNOWLEDGE_DIR", str(copy))
    get_knowledge.cache_clear()
    yield copy
    monkeypatch.undo()
    get_knowledge.cache_clear()


def test_a_new_lpr_fixing_changes_the_caps_on_the_page(client, knowledge_copy):
    lpr = knowledge_copy / "lpr.yaml"
    text = lpr.read_text(encoding="utf-8")
    old = "  - {date: 2026-09-21, rate: 3.00, confidence: V2-weak,"
    assert old in text
    lpr.write_text(
        text.replace(old, "  - {date: 2026-09-21, rate: 2.90, change: true, confidence: V2-weak,"),
        encoding="utf-8",
    )
    get_knowledge.cache_clear()
    html = page(client, "interest-limits", "en")
    caps = between(html, '<ul class="lpr-caps">', "</ul>")
    assert 'data-cap="11.60" data-from="2026-09-21"' in caps
    assert 'data-cap="12.00" data-from="2025-05-20"' in caps
    assert "21 September 2026" in lead(html) and "11.60%" in lead(html)
