"""What each kind of letter says, in each language, from the facts entered and nothing more."""

import html
import re

import pytest
from django.utils import translation

from rights_guide.letters import render_letter_html
from tests.factories import RARE_NAME, letter_data, make_letter, preview_html


def text_of(markup: str) -> str:
    """The visible text of some HTML, whitespace squeezed."""
    without_style = re.sub(r"<style>.*?</style>", "", markup, flags=re.S)
    return "".join(html.unescape(re.sub(r"<[^>]+>", "", without_style)).split())


def story(lender_type="consumer_finance", conduct_date="2026-10-15", events=(), tactics=()):
    return {
        "lender_type": lender_type,
        "conduct_date": conduct_date,
        "events": list(events),
        "tactics": list(tactics),
    }


FAMILY_CALL = {"target": "family", "channel": "call", "disclosed_debt": True}


@pytest.mark.parametrize(
    ("kind", "headings"),
    [
        ("lender", ["致：某某消费金融有限公司客户投诉部门", "一、事实经过", "三、法律依据", "四、我的请求", "五、证据清单", "借款人（签名）"]),
        ("regulator", ["投诉书", "一、投诉人", "二、被投诉人", "三、请求事项", "四、事实与理由", "五、证据清单", "投诉人（签名）"]),
        ("police", ["报案材料", "致：公安机关（派出所）", "一、报案人", "二、被报案人", "三、事实经过", "四、法律依据", "五、请求事项", "报案人（签名）"]),
        ("pi_request", ["个人信息权利行使申请书", "一、申请人", "二、个人信息处理者", "三、请求事项", "四、事实与理由", "申请人（签名）"]),
    ],
)  # fmt: skip
def test_each_kind_has_the_parts_its_recipient_expects_in_chinese(kind, headings):
    text = text_of(preview_html(kind=kind))
    positions = [text.index(heading) for heading in headings]
    assert positions == sorted(positions)
    assert RARE_NAME in text
    assert "2026年11月29日" in text  # dated in the letter's language
    assert "不构成法律意见" in text


@pytest.mark.parametrize(
    ("kind", "phrases"),
    [
        ("lender", ["To: the complaints department of", "1. What happened", "My requests", "Borrower (signature)"]),
        ("regulator", ["Complaint", "1. Complainant", "2. Respondent", "Facts and reasons", "Complainant (signature)"]),
        ("police", ["Report to the police", "1. Person reporting", "2. Reported party", "Person reporting (signature)"]),
        ("pi_request", ["Request to exercise my personal information rights", "1. Applicant", "Personal information handler"]),
    ],
)  # fmt: skip
def test_each_kind_reads_in_english_when_asked(kind, phrases):
    text = text_of(preview_html(kind=kind, language="en"))
    for phrase in phrases:
        assert "".join(phrase.split()) in text
    assert "29November2026" in text
    assert "notlegaladvice" in text
    assert "事实经过" not in text


def test_the_document_language_is_the_letters_not_the_active_one():
    letter = make_letter(language="en")
    with translation.override("zh-hans"):
        english = render_letter_html(letter, language="en", for_pdf=True)
    assert '<html lang="en">' in english
    assert "Page" in english and "第" not in re.search(r"@page.*", english).group(0)
    assert "Facts and reasons" in english
    with pytest.raises(ValueError):
        render_letter_html(letter, language="zh-hans", for_pdf=True)


def test_citations_follow_the_conduct_date():
    # A public insult (issue 21, G-08: 50(1)(2) needs 公然).
    insults = {
        "assessment": {
            **story(tactics=["insults"], conduct_date="2025-12-31"),
            "insult_public": True,
        }
    }
    before = text_of(preview_html(**insults, kind="police"))
    assert "《中华人民共和国治安管理处罚法》（2012年修正）第四十二条" in before
    assert "第五十条" not in before  # the 2025 revision's number for the same conduct
    insults["assessment"]["conduct_date"] = "2026-01-01"
    after = text_of(preview_html(**insults, kind="police"))
    assert "《中华人民共和国治安管理处罚法》（2025年修订）第五十条第一款第（二）项" in after
    assert "2012年修正" not in after


def test_a_letter_never_claims_conduct_that_was_not_entered():
    text = text_of(
        preview_html(
            assessment=story(events=[FAMILY_CALL], tactics=["lawsuit_notice"]), incidents=[]
        )
    )
    assert "对方给我的家人打电话。对方向我的家人透露了我的欠款情况。" in text
    for claim in ("辱骂", "威胁", "跟踪", "P图", "冒充", "起诉", "夜间", "通讯录中的联系人发"):
        assert claim not in text
    assert "如贵司或贵司委托的催收机构持有我手机通讯录中的信息" not in text  # regulator letter


def test_the_lender_letter_asks_for_the_agency_deletion_and_a_reply_in_fifteen_days():
    text = text_of(
        preview_html(
            kind="lender",
            assessment=story(events=[FAMILY_CALL, {"target": "contacts_list", "channel": "sms"}], tactics=["threat_exposure"]),
        )
    )  # fmt: skip
    assert (
        "立即停止就我的欠款联系我的家人、我手机通讯录中的联系人和我的同事，只与我本人联系。" in text
    )
    assert "立即停止以下行为：向他人透露我的欠款情况；威胁“爆通讯录”或在网上曝光。" in text
    assert "书面告知贵司就我的欠款委托的催收机构的全称和联系方式" in text
    assert "停止使用从我手机中获取的通讯录信息进行催收" in text
    assert "自收到本函之日起15日内" in text
    assert "我希望与贵司协商一个我能够履行的还款方案" in text
    assert "《银行业保险业消费投诉处理管理办法》第十八条" in text


def test_without_contact_list_use_the_lender_letter_only_asks_conditionally():
    text = text_of(
        preview_html(kind="lender", assessment=story(events=[FAMILY_CALL]), incidents=[])
    )
    assert "如贵司或贵司委托的催收机构持有我手机通讯录中的信息，请停止使用并予以删除" in text
    assert "停止使用从我手机中获取的通讯录信息进行催收" not in text


@pytest.mark.parametrize(
    ("lender_type", "named", "not_named"),
    [
        ("bank", ["国家金融监督管理总局（投诉热线12378）"], ["地方金融管理部门"]),
        ("consumer_finance", ["国家金融监督管理总局"], ["地方金融管理部门"]),
        ("microlender", ["放款机构所在省（区、市）的地方金融管理部门"], ["国家金融监督管理总局"]),
        ("unknown", ["国家金融监督管理总局", "地方金融管理部门"], []),
    ],
)
def test_the_regulator_letter_goes_to_the_body_for_this_lender_type(lender_type, named, not_named):
    letter = make_letter(assessment=story(lender_type=lender_type, events=[FAMILY_CALL]))
    for body in named:
        assert body in letter.addressee
    for body in not_named:
        assert body not in letter.addressee


@pytest.mark.parametrize(
    ("conduct_date", "tactics", "asks_for_order"),
    [
        ("2026-03-01", ["stalking"], True),
        ("2025-12-31", ["stalking"], False),
        ("2026-03-01", ["fake_legal_documents"], False),
    ],
    ids=["stalking-2026", "stalking-before-the-new-law", "no-pestering"],
)
def test_the_police_report_asks_for_a_no_contact_order_only_where_the_law_allows(
    conduct_date, tactics, asks_for_order
):
    text = text_of(
        preview_html(kind="police", assessment=story(conduct_date=conduct_date, tactics=tactics))
    )
    assert "受理本人的报案，依法立案调查。" in text
    assert ("责令相关行为人在一定期限内禁止接触我" in text) is asks_for_order
    assert "第九十条" in text  # the police must register a report (in force when written)


def test_the_police_report_tells_the_incidents_in_time_order():
    letter = make_letter(kind="police")
    entries = [entry for day in letter.appendix.days for entry in day.entries]
    assert [entry.number for entry in entries] == [1, 2]
    assert [entry.description for entry in entries] == [
        "短信要求我母亲替我还款。",
        "对方自称法务部，对我同事说我欠钱不还。",
    ]
    text = text_of(render_letter_html(letter, language="zh-hans", for_pdf=False))
    assert text.index("短信要求我母亲替我还款") < text.index("对方自称法务部")
    assert "2026年10月1日" in text and "09:05" in text and "21:30" in text


def test_the_personal_information_request_cites_the_pipl_rights_that_exist():
    text = text_of(preview_html(kind="pi_request"))
    assert "第四十四条" in text and "第四十七条" in text and "第五十条" in text
    assert "《中华人民共和国民法典》" in text and "第一千零三十七条" in text
    assert "第四十五条" in text and "第四十六条" in text  # access and copy; correction
    assert "第七十二条" not in text  # the private-lender note is for private lenders
    assert "我撤回此前就读取、使用我手机通讯录所作的任何同意。" in text
    assert "请在合理期限内（例如自收到本申请之日起15日内）书面答复" in text


def test_edited_paragraphs_are_printed_instead_of_the_generated_ones():
    edited = {
        "facts": "这是我自己改写的事实。\n第二段。",
        "requests": "1．只要求这一条。",
        "closing": "",
    }
    letter = make_letter(paragraphs=edited)
    text = text_of(render_letter_html(letter, language="zh-hans", for_pdf=False))
    assert "这是我自己改写的事实。" in text and "第二段。" in text
    assert "1．只要求这一条。" in text
    assert "有以下行为" not in text  # the generated facts are gone
    assert "以上情况属实" not in text  # the emptied closing is left out
    assert "有以下行为" in letter.generated["facts"]  # still offered to the editor
    assert letter.edited == {"facts", "requests", "closing"}


def test_the_evidence_list_follows_the_channels_used():
    letter = make_letter(
        assessment=story(events=[{"target": "borrower", "channel": "im"}], tactics=["doctored_images"]),
        incidents=[],
    )  # fmt: skip
    assert letter.evidence == (
        "借款合同，或借款App中的借款记录截图",
        "聊天记录截图（显示对方账号和时间）",
        "P图图片，以及发送者和发送时间的截图",
    )


def test_user_text_is_escaped_in_the_preview():
    data = letter_data()
    data["complainant"]["name"] = "<b>张三</b>"
    data["respondent"]["name"] = '"><script>alert(1)</script>'
    data["incidents"][0]["description"] = "<img src=file:///etc/passwd>\n第二行"
    markup = preview_html(data)
    assert "<b>张三</b>" not in markup and "&lt;b&gt;张三&lt;/b&gt;" in markup
    assert "<script>" not in markup and "&lt;script&gt;" in markup
    assert "<img" not in markup and "&lt;img src=file:///etc/passwd&gt;<br>第二行" in markup


def test_the_preview_is_an_article_and_the_pdf_html_a_whole_document():
    letter = make_letter()
    preview = render_letter_html(letter, language="zh-hans", for_pdf=False)
    document = render_letter_html(letter, language="zh-hans", for_pdf=True)
    assert preview.lstrip().startswith('<article class="letter')
    assert "<html" not in preview and "@page" not in preview
    assert document.startswith("<!doctype html>")
    assert '<html lang="zh-Hans">' in document
    assert 'content: "第 " counter(page) " 页 / 共 " counter(pages) " 页"' in document
    assert ".appendix__entry" in document  # the CSS travels with the document


def test_a_remembered_time_is_one_of_the_contacts_not_all_of_them():
    calls = {"target": "borrower", "channel": "call", "times_per_day": 10, "time_of_day": "23:30"}
    facts = make_letter(assessment=story(events=[calls])).texts["facts"]
    assert "最多的一天达10次。以上对我本人的联系中，有一次是在23:30。" in facts
    assert "时间为" not in facts
    english = make_letter(assessment=story(events=[calls]), language="en").texts["facts"]
    assert "Of these contacts with me, one was at 23:30." in english
