"""Small builders for test data: stories a borrower could tell, in a few words each."""

import copy
import datetime
import re
from decimal import Decimal

from rights_guide.assessment import Answers, Event
from rights_guide.knowledge import get_knowledge
from rights_guide.letters import (
    build_letter,
    parse_letter_request,
    render_letter_html,
    render_letter_pdf,
)
from rights_guide.letters.kinds import KINDS

TODAY = datetime.date(2026, 11, 29)

# The codes of each vocabulary (knowledge/data/vocabulary.yaml), for stories and strategies.
_VOCABULARY = get_knowledge().vocabulary
LENDER_TYPES = _VOCABULARY.lender_types.codes
TARGETS = _VOCABULARY.targets.codes
CHANNELS = _VOCABULARY.contact_means.codes
TACTICS = _VOCABULARY.tactics.codes
QUESTIONS = _VOCABULARY.event_questions.codes


def make_event(target: str = "borrower", channel: str = "call", **details) -> Event:
    """An event; yes/no answers by name (``disclosed_debt=True``), as in the API."""
    if "time_of_day" in details and isinstance(details["time_of_day"], str):
        hours, minutes = details["time_of_day"].split(":")
        details["time_of_day"] = datetime.time(int(hours), int(minutes))
    answers = frozenset(code for code in QUESTIONS if details.pop(code, False))
    return Event(target=target, channel=channel, answers=answers, **details)


def make_answers(
    lender_type: str = "bank",
    conduct_date: str | datetime.date = "2026-10-15",
    events=(),
    tactics=(),
    rate=None,
    continued_after_intervention: bool = False,
    *,
    licensed: bool | None = None,
    product: str | None = None,
    contract_date: str | None = None,
    **facts,
) -> Answers:
    """Answers for a story; ``facts`` are the optional facts by name (``came_inside=True``)."""
    for key in ("guarantee_date", "last_payment_or_demand_date"):
        if isinstance(facts.get(key), str):
            facts[key] = datetime.date.fromisoformat(facts[key])
    if facts.get("extra_fee_yuan") is not None:
        facts["extra_fee_yuan"] = Decimal(str(facts["extra_fee_yuan"]))
    if isinstance(conduct_date, str):
        conduct_date = datetime.date.fromisoformat(conduct_date)
    return Answers(
        lender_type=lender_type,
        conduct_date=conduct_date,
        events=tuple(events),
        tactics=frozenset(tactics),
        annual_rate_percent=Decimal(str(rate)) if rate is not None else None,
        continued_after_intervention=continued_after_intervention,
        licensed=licensed,
        product=product,
        contract_date=datetime.date.fromisoformat(contract_date) if contract_date else None,
        **facts,
    )


def make_request(**fields) -> dict:
    """An assess API request body with sensible defaults."""
    body = {"lender_type": "bank", "conduct_date": "2026-10-15", "events": [], "tactics": []}
    body.update(fields)
    return body


# The interview pages, answered through Django's test client.


def post_step(client, slug, data, *, prefix="", review=False, nav="next"):
    url = "%s/interview/%s/%s" % (prefix, slug, "?review=1" if review else "")
    return client.post(url, {**data, "nav": nav})


def story_pages(story) -> dict:
    """What a story answers on each page, by step slug; pages it does not mention get {}.

    ``licensed`` (yes, no, unsure), ``product`` (credit_card, loan, unsure)
    and ``contract_date`` are answered only where the interview asks them;
    without a contract date the borrower ticks "I don't remember".
    """
    pages = {
        "lender": {"lender_type": story["lender_type"]},
        "funder": {"licensed": story.get("licensed", "unsure")},
        "card-or-loan": {"product": story.get("product", "unsure")},
        "contacts": {"targets": list(story.get("targets", {}))},
        "tactics": {
            "tactics": story.get("tactics", []),
            "continued_after_intervention": story.get("continued", "not_reported"),
        },
        "when": {"conduct_date": story["date"]},
        "cost": {"annual_rate_percent": story.get("rate", "")},
        "contract-date": (
            {"contract_date": story["contract_date"]}
            if story.get("contract_date")
            else {"contract_date_unknown": "on"}
        ),
    }
    for target, details in story.get("targets", {}).items():
        pages["contact-%s" % target.replace("_", "-")] = details
    return pages


def walk(client, story, *, prefix=""):
    """Answer every page the interview asks for a story, in its order; returns the last response.

    Starts at the first page and follows Next to the review page, so pages
    that apply only to some stories are answered exactly when they appear.
    Returns the redirect to the review page.
    """
    pages = story_pages(story)
    slug, asked = "lender", []
    while slug != "review":
        assert slug not in asked and len(asked) < 40, asked
        asked.append(slug)
        response = post_step(client, slug, pages.get(slug, {}), prefix=prefix)
        assert response.status_code == 302, response.content.decode()[:2000]
        slug = re.fullmatch(r".*/interview/([\w-]+)/", response["Location"]).group(1)
    return response


# A borrower at a bank: too many calls at night, the family told of the debt, insults.
STORY = {
    "lender_type": "bank",
    "targets": {
        "borrower": {"calls": "5", "at_night": "yes", "time_of_day": "22:30"},
        "family": {"calls": "2", "disclosed_debt": "yes", "borrower_unreachable": "no"},
    },
    "tactics": ["insults", "lawsuit_notice"],
    "date": "2026-03-02",
}


# Letters: a complete, valid request, and the letter, preview and PDF it makes.

NOW = datetime.datetime(2026, 11, 29, 12, 0)
RARE_NAME = "龚䶮𠮷堃昇"  # Ext A, Ext B and two hanzi outside GB2312
ADDRESS = "北京市朝阳区建国路88号3号楼501室（建筑面积85㎡）"
VALID_ID = "11010519491231002X"


def letter_data(**changes) -> dict:
    """A complete, valid letter request: a consumer-finance story with rare name characters."""
    data = {
        "kind": "regulator",
        "language": "zh-hans",
        "assessment": {
            "lender_type": "consumer_finance",
            "conduct_date": "2026-10-15",
            "events": [
                {
                    "target": "colleagues",
                    "channel": "call",
                    "times_per_day": 4,
                    "disclosed_debt": True,
                },
                {"target": "family", "channel": "sms", "asked_to_pay": True},
            ],
            "tactics": ["insults"],
        },
        "complainant": {
            "name": RARE_NAME,
            "phone": "13812345678",
            "address": ADDRESS,
            "id_number": VALID_ID,
        },
        "respondent": {"name": "某某消费金融有限公司"},
        "incidents": [
            {
                "when": "2026-10-03T21:30",
                "target": "colleagues",
                "channel": "call",
                "description": "对方自称法务部，对我同事说我欠钱不还。",
            },
            {
                "when": "2026-10-01T09:05",
                "target": "family",
                "channel": "sms",
                "description": "短信要求我母亲替我还款。",
            },
        ],
        "requests": "请督促被投诉人提供欠款明细。",
    }
    if KINDS.get(changes.get("kind", "")) and KINDS[changes["kind"]].perspective == "third_party":
        data.update(THIRD_PARTY_LETTER)  # written by the person called, from their own story
    choice_set = KINDS[changes["kind"]].choices if changes.get("kind") in KINDS else None
    if choice_set is not None:  # what the writer chose for this letter
        data[choice_set.field] = LETTER_CHOICES[choice_set.field]
    data = copy.deepcopy(data)
    for key, value in changes.items():
        data[key] = value
    return data


# Someone called about a friend's debt: what their letter is made from.
THIRD_PARTY_LETTER = {
    "assessment": {
        "perspective": "third_party",
        "relationship": "friends",
        "lender_type": "consumer_finance",
        "conduct_date": "2026-10-15",
        "events": [
            {
                "channel": "call",
                "times_per_day": 6,
                "asked_to_pay": True,
                "after_stop_request": True,
            }
        ],
        "tactics": ["insults"],
    },
    "borrower_name": "李四",
    "incidents": [
        {
            "when": "2026-10-03T21:30",
            "target": "friends",
            "channel": "call",
            "description": "对方让我替李四还钱，我说不是我借的。",
        }
    ],
}


# What a borrower chose for the letters that need more than the shared details.
LETTER_CHOICES = {
    "contact_terms": {
        "channels": ["sms", "post"],
        "hours": {"from": "09:00", "to": "19:30"},
        "contact": "短信 13812345678",
        "never_contact": ["everyone", "family", "employer"],
        "never_contact_names": "张三（我的姐姐）",
    },
    "repayment": {
        "monthly_yuan": 1234.5,
        "start": "2027-01-01",
        "situation": ["job_loss", "illness"],
        "situation_text": "我在找新工作，预计三个月内能恢复收入。",
        "asks": ["instalments", "pause_penalty"],
    },
}


def make_letter(data: dict | None = None, **changes):
    request = parse_letter_request(data or letter_data(**changes), today=TODAY, now=NOW)
    return build_letter(request, today=TODAY)


def preview_html(data: dict | None = None, **changes) -> str:
    letter = make_letter(data, **changes)
    return render_letter_html(letter, language=letter.language, for_pdf=False)


def make_pdf(data: dict | None = None, **changes) -> bytes:
    letter = make_letter(data, **changes)
    return render_letter_pdf(render_letter_html(letter, language=letter.language, for_pdf=True))


# The letter pages, used through Django's test client.

NAME = "王䶮𠮷"
ID_NUMBER = "11010519491231002X"
DETAILS = {
    "complainant_name": NAME,
    "phone": "13812345678",
    "address": "北京市朝阳区某路1号 80㎡",
    "id_number": ID_NUMBER,
    "respondent_name": "某某消费金融有限公司",
    "nav": "save",
}
# One contact in the evidence log, as its quick entry posts it: every letter lists the log.
LOGGED = {
    "date": "2026-03-01",
    "time": "22:30",
    "target": "family",
    "channel": "call",
    "description": "催收员打电话给我母亲，说我欠钱不还。",
}
NO_EDITS = {"facts": "", "requests": "", "closing": ""}


def log_contact(client, prefix="", **changes):
    """Add a contact to the visitor's evidence log through its page."""
    return client.post("%s/log/" % prefix, {**LOGGED, **changes})


def save_details(client, kind="lender", prefix="", **changes):
    return client.post("%s/letters/details/?next=%s" % (prefix, kind), {**DETAILS, **changes})


def textarea(html: str, name: str) -> str:
    return re.search(r'<textarea name="%s"[^>]*>(.*?)</textarea>' % name, html, re.S).group(1)


def generated_paragraphs(client, kind="lender") -> dict:
    html = client.get("/letters/%s/preview/" % kind).content.decode()
    return {name: textarea(html, name).strip() for name in ("facts", "requests", "closing")}


def download(client, kind="lender", **paragraphs):
    """Download as the preview's button does: the paragraphs as shown, with any changes."""
    shown = generated_paragraphs(client, kind)
    return client.post("/letters/%s/preview/" % kind, {"action": "download", **shown, **paragraphs})
