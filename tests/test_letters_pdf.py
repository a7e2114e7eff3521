"""Real PDFs, read back with poppler: text, fonts, glyphs, pages, size, and reproducibility."""

import pytest

from bench.letter_pdf import REFERENCE  # the benchmark's two-page letter with 15 incidents
from rights_guide.letters import LetterSnapshot, render_letter_pdf, snapshot_letter
from rights_guide.letters.pdf import render as letter_render
from rights_guide.letters.pdf.fontbuild import build_fonts
from rights_guide.letters.pdf.fonts import fonts_dir
from tests.factories import RARE_NAME, letter_data, make_letter, make_pdf
from tests.pdfs import drawn_characters, pdf_fonts, pdf_info, pdf_pages, pdf_text, squeezed


@pytest.fixture(scope="session", autouse=True)
def _letter_fonts():
    """The subset fonts, as the set-up scripts build them (a no-op when already built)."""
    build_fonts(fonts_dir())


@pytest.fixture(scope="module")
def chinese_pdf():
    return make_pdf(REFERENCE)


@pytest.fixture(scope="module")
def english_pdf():
    edited = {
        "facts": "I wrote these facts myself: they phoned my sister Mary eleven times.",
        "closing": "Kind regards, and please reply by post.",
    }
    return make_pdf(letter_data(kind="lender", language="en", paragraphs=edited))


def test_the_chinese_letter_reads_back_with_every_name_and_citation(chinese_pdf):
    text = squeezed(pdf_text(chinese_pdf))
    assert "投诉书" in text
    assert REFERENCE["complainant"]["name"] in text
    assert squeezed(REFERENCE["complainant"]["address"]) in text
    assert "某某消费金融有限公司" in text
    assert (
        "上述行为违反：1.《中华人民共和国民法典》第九百九十条第二款；第一千零二十四条；"
        "第一千零三十二条；第一千零三十八条" in text
    )
    assert "第九百九十七条" not in text  # a remedy, not a rule the collector broke
    assert "提出上述请求的依据：《银行业保险业消费投诉处理管理办法》第三十三条" in text
    # An insult not shown to be public is a civil matter, not 治安法 50(1)(2) (legal review G-08).
    assert "第五十条第一款第（二）项" not in text
    assert "第1页/共3页" in text and "第3页/共3页" in text  # two pages, then the appendix
    assert "不构成法律意见" in text


def test_rare_name_characters_and_square_metres_are_drawn_not_blank(chinese_pdf):
    drawn = drawn_characters(chinese_pdf)
    for character in "䶮𠮷堃昇㎡" + "某消费金融有限公司投诉书":
        assert character in drawn, "%s (U+%04X) has no outline in the PDF" % (
            character,
            ord(character),
        )


def test_every_font_is_embedded_and_subset(chinese_pdf, english_pdf):
    for pdf in (chinese_pdf, english_pdf):
        fonts = pdf_fonts(pdf)
        assert fonts
        assert all(font["emb"] == "yes" and font["sub"] == "yes" for font in fonts), fonts
        assert all(font["uni"] == "yes" for font in fonts), fonts  # text can be copied out


def test_the_reference_letter_is_two_tagged_a4_pages_and_its_appendix_under_250_kb(chinese_pdf):
    info = pdf_info(chinese_pdf)
    assert pdf_pages(chinese_pdf) == 3  # the letter, then the log's appendix on a page of its own
    assert info["Tagged"].strip() == "yes"
    assert info["Title"].strip() == "投诉书"
    assert "595.276 x 841.89 pts (A4)" in info["Page size"]
    assert len(chinese_pdf) <= 250 * 1024


def test_the_appendix_lists_every_contact_in_time_order_over_several_pages():
    many = [
        {
            "when": "2026-10-%02dT%02d:%02d" % (1 + n % 5, 8 + n % 12, n),
            "target": "colleagues",
            "channel": "call",
            "description": "第%d次：对方打电话给我的同事，说我欠钱不还，要求他转告我当天还清。" % n,
        }
        for n in range(1, 51)
    ]
    pdf = make_pdf(letter_data(incidents=many))
    assert pdf_pages(pdf) >= 4
    text = squeezed(pdf_text(pdf))
    assert all("第%d次：" % n in text for n in range(1, 51))
    order = sorted(many, key=lambda incident: incident["when"])
    positions = [text.index(squeezed(incident["description"])) for incident in order]
    assert positions == sorted(positions)  # in time order, whatever order they were sent in
    assert text.count("2026年10月1日星期四") == 1  # a heading per day (ten contacts a day)


def test_edited_paragraphs_are_what_the_english_pdf_prints(english_pdf):
    text = " ".join(pdf_text(english_pdf).split())
    assert "I wrote these facts myself: they phoned my sister Mary eleven times." in text
    assert "Kind regards, and please reply by post." in text
    assert "did the following while collecting my debt" not in text
    assert "Page 1 of" in text
    assert "Complaint about improper debt collection" in text
    assert "29 November 2026" in text


def test_a_snapshot_reprints_the_same_pdf_byte_for_byte():
    letter = make_letter()
    snapshot = snapshot_letter(letter)
    stored = LetterSnapshot.from_data(snapshot.to_data())
    assert stored == snapshot
    assert stored.request["complainant"]["name"] == RARE_NAME
    assert stored.render_pdf() == snapshot.render_pdf()
    assert stored.content_disposition.startswith('attachment; filename="complaint-to-regulator-')


def test_without_the_built_fonts_the_system_font_still_draws_rare_characters(settings, tmp_path):
    settings.VAR_DIR = tmp_path  # no var/fonts here: the renderer falls back to Noto
    letter_render._state.pop("renderer", None)
    try:
        pdf = make_pdf()
        names = " ".join(font["name"] for font in pdf_fonts(pdf))
        assert "Letter-Serif" not in names and "Noto" in names
        assert set("䶮𠮷堃昇㎡") <= drawn_characters(pdf)
    finally:
        letter_render._state.pop("renderer", None)


def test_a_stored_letter_keeps_its_own_css_even_after_the_stylesheet_changes():
    snapshot = snapshot_letter(make_letter())
    older = snapshot.html.replace("size: A4;", "size: A5;")  # as if printed with older CSS
    assert older != snapshot.html
    assert "419.528 x 595.276 pts" in pdf_info(render_letter_pdf(older))["Page size"]  # A5
    assert "(A4)" in pdf_info(snapshot.render_pdf())["Page size"]


def test_warming_up_a_worker_registers_the_fonts_before_the_first_letter():
    letter_render._state.pop("renderer", None)
    letter_render.warm_up()
    renderer = letter_render._state["renderer"]
    assert "Letter Serif" in renderer.plan.base_css
    assert renderer.extensions == {}  # rare-character faces wait until a letter needs them
    make_pdf()
    needed = renderer.plan.extensions_for(set(RARE_NAME))
    assert len(needed) == 4  # 䶮 (Ext A), 𠮷 (Ext B), 堃 and 昇 each in their own face
    assert set(renderer.extensions) == set(needed)


SIGNATURE_LABELS = ("Borrower (signature)", "Complainant (signature)", "Applicant (signature)")
LONG_STORY = {
    "lender_type": "consumer_finance",
    "conduct_date": "2026-10-15",
    "events": [
        {"target": "borrower", "channel": "call", "times_per_day": 5, "at_night": True},
        {"target": "family", "channel": "call", "times_per_day": 2, "disclosed_debt": True},
        {"target": "colleagues", "channel": "im", "asked_to_pay": True},
        {"target": "contacts_list", "channel": "sms", "times_per_day": 30},
        {"target": "employer", "channel": "visit_work"},
    ],
    "tactics": ["insults", "threat_violence", "threat_exposure", "false_consequences"],
}


@pytest.mark.parametrize("kind", ["lender", "regulator", "pi_request"])
def test_the_signature_never_starts_a_page_alone(kind):
    """A story long enough that, before, the English lender letter's signature began page 3."""
    pdf = make_pdf(letter_data(kind=kind, language="en", assessment=LONG_STORY, incidents=[]))
    pages = [page for page in pdf_text(pdf).split("\f") if page.strip()]
    assert len(pages) >= 2
    for page in pages:
        lines = [line.strip() for line in page.splitlines() if line.strip()]
        assert not lines[0].startswith(SIGNATURE_LABELS), lines[:3]
