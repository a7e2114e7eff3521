"""Small builders for test data: stories a borrower could tell, in a few words each."""

import datetime
from decimal import Decimal

from rights_guide.assessment import Answers, Event
from rights_guide.knowledge import get_knowledge

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
) -> Answers:
    if isinstance(conduct_date, str):
        conduct_date = datetime.date.fromisoformat(conduct_date)
    return Answers(
        lender_type=lender_type,
        conduct_date=conduct_date,
        events=tuple(events),
        tactics=frozenset(tactics),
        annual_rate_percent=Decimal(str(rate)) if rate is not None else None,
        continued_after_intervention=continued_after_intervention,
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


def walk(client, story, *, prefix=""):
    """Answer every step of a story; returns the last response (the review page)."""
    responses = [post_step(client, "lender", {"lender_type": story["lender_type"]}, prefix=prefix)]
    responses.append(
        post_step(client, "contacts", {"targets": list(story.get("targets", {}))}, prefix=prefix)
    )
    for target, details in story.get("targets", {}).items():
        slug = "contact-%s" % target.replace("_", "-")
        responses.append(post_step(client, slug, details, prefix=prefix))
    responses.append(
        post_step(
            client,
            "tactics",
            {
                "tactics": story.get("tactics", []),
                "continued_after_intervention": story.get("continued", "not_reported"),
            },
            prefix=prefix,
        )
    )
    responses.append(post_step(client, "when", {"conduct_date": story["date"]}, prefix=prefix))
    responses.append(
        post_step(client, "cost", {"annual_rate_percent": story.get("rate", "")}, prefix=prefix)
    )
    for response in responses:
        assert response.status_code == 302, response.content.decode()[:2000]
    return responses[-1]


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
