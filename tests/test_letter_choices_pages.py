"""The letters that set terms on the pages: offered first, their own choices page, then the
shared details, the same preview, print view and PDF as every other letter."""

import re

import pytest
from django.utils import timezone, translation

from rights_guide.letters.kinds import KINDS
from rights_guide.letters.kinds.contact_terms import CHANNELS
from rights_guide.models import StoredLetter
from tests.factories import NAME, STORY, download, save_details, walk
from tests.pdfs import pdf_text, squeezed

pytestmark = pytest.mark.django_db

ACTION = ("debt_details", "contact_terms", "repayment_plan")
COMPLAINTS = ("lender", "regulator", "police", "pi_request")
LAWFUL = {"lender_type": "bank", "targets": {"borrower": {"calls": "1"}}, "date": "2026-04-01"}
CONTACT_TERMS = {
    "channels": ["sms", "post"],
    "hours_from": "09:00",
    "hours_to": "19:30",
    "contact": "13812345678",
    "never_contact": ["everyone", "employer"],
    "never_contact_names": "张三",
    "nav": "save",
}
REPAYMENT = {
    "situation": ["job_loss"],
    "situation_text": "我在找新工作。",
    "monthly_yuan": "１,５００元",  # as typed on a Chinese phone keyboard
    "start": "2027-01-01",
    "asks": ["instalments", "more_time"],
    "nav": "save",
}
CHOICES = {"contact_terms": CONTACT_TERMS, "repayment_plan": REPAYMENT}


def offers(html: str) -> list[str]:
    """The letters offered under "What you can do next", in order."""
    section = html.split('id="next-steps"')[1].split("</section>")[0]
    starts = re.findall(
        r'<a class="btn btn-outline-primary" href="/(?:en/)?letters/([\w]+)/"', section
    )
    return starts


def test_the_letters_that_set_terms_are_offered_first_before_the_complaints(client):
    walk(client, STORY)
    offered = offers(client.get("/results/").content.decode())
    assert offered[:3] == list(ACTION)
    assert set(COMPLAINTS) <= set(offered[3:])


def test_an_all_lawful_story_is_offered_the_repayment_letter_too(client):
    walk(client, LAWFUL)
    html = client.get("/results/").content.decode()
    assert offers(html) == [*ACTION, "pi_request"]
    assert 'href="/letters/repayment_plan/"' in html.split('id="debt"')[1]  # the debt section too


@pytest.mark.parametrize(
    ("lender_type", "next_for_contact_terms"),
    [("bank", "lender"), ("private_lender", "police"), ("unknown", "lender")],
)
def test_each_says_what_to_send_if_no_answer_comes(client, lender_type, next_for_contact_terms):
    walk(client, {**LAWFUL, "lender_type": lender_type, "targets": {}})
    html = client.get("/results/").content.decode()
    items = html.split('class="letters-offer')[1].split("</ul>")[0].split("<li>")[1:]
    by_kind = {re.search(r"/letters/(\w+)/", item).group(1): item for item in items}
    follow = re.search(
        r'class="small follow-up">.*?/letters/(\w+)/', by_kind["contact_terms"], re.S
    )
    assert follow.group(1) == next_for_contact_terms
    with translation.override("zh-hans"):
        assert str(KINDS["contact_terms"].follow_up_hint) in by_kind["contact_terms"]


def test_the_contact_letter_asks_its_choices_first_then_the_details(client):
    walk(client, STORY)
    assert client.get("/letters/contact_terms/")["Location"] == "/letters/contact_terms/choices/"
    page = client.get("/letters/contact_terms/choices/")
    assert page.status_code == 200
    html = page.content.decode()
    assert 'value="09:00"' in html and 'type="time"' in html  # a suggestion, changeable
    response = client.post("/letters/contact_terms/choices/", CONTACT_TERMS)
    assert response["Location"] == "/letters/contact_terms/"
    assert (
        client.get("/letters/contact_terms/")["Location"] == "/letters/details/?next=contact_terms"
    )
    assert save_details(client, kind="contact_terms")["Location"] == (
        "/letters/contact_terms/preview/"
    )
    preview = squeezed(client.get("/letters/contact_terms/preview/").content.decode())
    assert NAME in preview and "09:00" in preview and "19:30" in preview and "张三" in preview
    assert 'href="/letters/contact_terms/choices/"' in preview
    # The details entered once fill the other letters too: no details page for them.
    assert client.get("/letters/debt_details/")["Location"] == "/letters/debt_details/preview/"


def test_problems_with_the_choices_are_shown_at_their_fields_and_nothing_typed_is_lost(client):
    walk(client, STORY)
    response = client.post(
        "/letters/contact_terms/choices/",
        {**CONTACT_TERMS, "channels": [], "hours_from": "21:00", "hours_to": "08:00"},
    )
    assert response.status_code == 400
    html = response.content.decode()
    assert html.count('href="#id_') >= 2  # the summary links to each field
    assert 'id="error-summary"' in html
    assert 'value="13812345678"' in html and 'value="张三"' in html  # kept as typed
    assert 'value="21:00"' in html
    assert re.search(r'value="employer"[^>]*checked|checked[^>]*value="employer"', html)
    assert client.get("/letters/contact_terms/")["Location"] == "/letters/contact_terms/choices/"


def test_an_amount_typed_with_full_width_digits_and_yuan_is_read(client):
    walk(client, STORY)
    response = client.post("/letters/repayment_plan/choices/", REPAYMENT)
    assert response.status_code == 302, response.content.decode()[:2000]
    response = client.post(
        "/letters/repayment_plan/choices/", {**REPAYMENT, "monthly_yuan": "lots"}
    )
    assert response.status_code == 400
    assert 'value="lots"' in response.content.decode()


@pytest.mark.parametrize(
    ("typed", "message"),
    [
        ("1e5", "Type the amount in digits"),  # not ¥100,000
        ("1e5000", "Type the amount in digits"),
        ("800.555", "At most 2 digits after the decimal point"),  # refused, not rounded
        ("1" * 5000, "This must be between 1 and 10000000."),
        ("８００．５５５", "Type the amount in digits"),  # a full-width point is not read
    ],
    ids=["exponent", "huge-exponent", "three-decimals", "5000-digits", "full-width-point"],
)
def test_an_amount_that_is_not_plain_yuan_and_fen_is_refused_with_what_was_typed(
    client, typed, message
):
    walk(client, STORY)
    response = client.post(
        "/en/letters/repayment_plan/choices/", {**REPAYMENT, "monthly_yuan": typed}
    )
    assert response.status_code == 400
    html = response.content.decode()
    assert message in html
    assert 'href="#id_monthly_yuan"' in html
    assert 'value="%s"' % typed in html  # kept as typed
    assert 'value="我在找新工作。"' in html or "我在找新工作。" in html


def test_a_plan_cannot_start_on_a_day_already_gone_but_can_start_today(client):
    walk(client, STORY)
    response = client.post(
        "/en/letters/repayment_plan/choices/", {**REPAYMENT, "start": "2020-01-01"}
    )
    assert response.status_code == 400
    assert "This date has passed." in response.content.decode()
    today = timezone.localdate().isoformat()
    response = client.post("/letters/repayment_plan/choices/", {**REPAYMENT, "start": today})
    assert response.status_code == 302


@pytest.mark.parametrize(
    ("hours", "refused"),
    [
        (("06:00", "23:30"), {"hours_from", "hours_to"}),
        (("09:00", "22:30"), {"hours_to"}),
        (("07:30", "20:00"), {"hours_from"}),
    ],
)
def test_the_contact_hours_can_never_reach_into_the_night(client, hours, refused):
    walk(client, STORY)
    page = client.get("/letters/contact_terms/choices/").content.decode()
    with translation.override("zh-hans"):
        assert "信件绝不会允许对方在夜间联系您" in page  # said beside the hours
    response = client.post(
        "/letters/contact_terms/choices/",
        {**CONTACT_TERMS, "hours_from": hours[0], "hours_to": hours[1]},
    )
    assert response.status_code == 400
    html = response.content.decode()
    for name in refused:
        assert 'href="#id_%s"' % name in html
    assert html.count("22:00至次日08:00始终受到保护") == 2 * len(refused)  # summary, field
    assert 'value="%s"' % hours[0] in html and 'value="%s"' % hours[1] in html
    assert 'value="张三"' in html
    response = client.post(
        "/letters/contact_terms/choices/",
        {**CONTACT_TERMS, "hours_from": "08:00", "hours_to": "22:00"},
    )
    assert response.status_code == 302


def test_choices_that_no_longer_pass_send_the_borrower_back_to_them(client):
    walk(client, STORY)
    client.post("/letters/repayment_plan/choices/", REPAYMENT)
    save_details(client, kind="repayment_plan")
    from rights_guide.cases.models import Case

    case = Case.objects.get()
    case.data["letter_choices"]["repayment"]["start"] = "2099-01-01"  # e.g. a limit changed
    case.save()
    assert client.get("/letters/repayment_plan/preview/")["Location"] == (
        "/letters/repayment_plan/choices/"
    )
    page = client.get("/letters/repayment_plan/choices/").content.decode()
    assert 'id="error-summary"' in page and 'value="2099-01-01"' in page


def test_a_letter_without_choices_has_no_choices_page(client):
    walk(client, STORY)
    assert client.get("/letters/debt_details/choices/").status_code == 404
    assert client.get("/letters/lender/choices/").status_code == 404
    assert client.get("/letters/debt_details/")["Location"] == "/letters/details/?next=debt_details"


@pytest.mark.parametrize("kind", ACTION)
def test_each_is_printed_and_downloaded_as_chinese_with_an_english_reading_copy(client, kind):
    walk(client, STORY, prefix="/en")
    if kind in CHOICES:
        assert client.post("/en/letters/%s/choices/" % kind, CHOICES[kind]).status_code == 302
    assert save_details(client, kind=kind, prefix="/en")["Location"] == (
        "/en/letters/%s/preview/" % kind
    )
    html = client.get("/en/letters/%s/preview/" % kind).content.decode()
    reading = html.split('id="reading-heading"')[1]
    with translation.override("en"):
        assert str(KINDS[kind].letter_title) in reading
    letter = html.split('class="letter-paper"')[1].split('id="reading-heading"')[0]
    with translation.override("zh-hans"):
        assert str(KINDS[kind].letter_title) in letter
    assert client.get("/en/letters/%s/print/" % kind).status_code == 200
    response = download(client, kind)
    assert response.status_code == 200 and response["Content-Type"] == "application/pdf"
    text = squeezed(pdf_text(response.content))
    assert NAME in text
    if kind == "contact_terms":
        with translation.override("zh-hans"):
            for option in CHANNELS:
                chosen = option.code in CONTACT_TERMS["channels"]
                assert (squeezed(str(option.letter)) in text) == chosen, option.code
        assert "09:00" in text and "19:30" in text
    if kind == "repayment_plan":
        assert "¥1,500.00" in text
    stored = StoredLetter.objects.get()
    choice_set = KINDS[kind].choices
    assert stored.snapshot().request.get(choice_set.field if choice_set else "kind")  # kept too


def test_a_contact_number_typed_on_the_choices_page_changes_the_session_key(client):
    # A phone number or a name is personal data: as with the shared details, the
    # session's key is changed whenever it is sent, so a key seen before it was
    # typed (on a shared computer, say) cannot reach it.
    walk(client, STORY)
    personal = ("contact", "never_contact_names")
    without_contact = {k: v for k, v in CONTACT_TERMS.items() if k not in personal}
    client.post("/letters/contact_terms/choices/", without_contact)
    before = client.cookies["sessionid"].value
    client.post("/letters/contact_terms/choices/", without_contact)
    assert client.cookies["sessionid"].value == before  # nothing personal typed yet
    client.post("/letters/contact_terms/choices/", CONTACT_TERMS)
    after = client.cookies["sessionid"].value
    assert after != before
    client.post("/letters/contact_terms/choices/", {**CONTACT_TERMS, "contact": "13912345678"})
    assert client.cookies["sessionid"].value != after  # and again each time it is sent


@pytest.mark.parametrize("kind", ACTION)
def test_the_letters_that_set_terms_are_not_called_complaints_on_their_pages(client, kind):
    walk(client, STORY)
    if kind in CHOICES:
        client.post("/letters/%s/choices/" % kind, CHOICES[kind])
    details = client.get("/letters/details/?next=%s" % kind).content.decode()
    assert "这封信寄给谁？" in details
    for complaint_words in ("被投诉", "被举报", "非借款人本人提出的投诉"):
        assert complaint_words not in details
    save_details(client, kind=kind)
    preview = client.get("/letters/%s/preview/" % kind).content.decode()
    assert "被投诉机构" not in preview and "收信机构" in preview
    english = client.get("/en/letters/details/?next=%s" % kind).content.decode()
    assert "Who is this letter to?" in english and "complaints" not in english


@pytest.mark.parametrize("kind", COMPLAINTS)
def test_the_complaint_letters_still_ask_whom_the_complaint_is_about(client, kind):
    walk(client, {**STORY, "tactics": ["threat_violence"]})
    details = client.get("/letters/details/?next=%s" % kind).content.decode()
    assert "被投诉（被举报）的是谁？" in details and "这封信寄给谁？" not in details
