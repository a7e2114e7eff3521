"""POST /api/v1/assess as docs/api.md describes it, including every error case."""

import json

import pytest
from django.contrib.sessions.models import Session
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from tests.factories import make_request

URL = "/api/v1/assess"


def post(client, body, *, lang=None, content_type="application/json", **headers):
    url = URL + ("?lang=%s" % lang if lang else "")
    data = body if isinstance(body, str | bytes) else json.dumps(body, ensure_ascii=False)
    return client.post(url, data, content_type=content_type, **headers)


def test_the_example_from_the_spec(client):
    body = {
        "lender_type": "bank",
        "annual_rate_percent": 23.9,
        "conduct_date": "2026-10-15",
        "events": [
            {
                "target": "family",
                "channel": "call",
                "times_per_day": 4,
                "at_night": False,
                "disclosed_debt": True,
                "asked_to_pay": False,
                "after_stop_request": False,
                "borrower_unreachable": False,
            }
        ],
        "tactics": ["insults", "fake_legal_documents"],
    }
    response = post(client, body)
    assert response.status_code == 200
    assert response["Content-Type"].startswith("application/json")
    data = response.json()
    # As in the spec's example answer: fake legal papers of an unknown kind are unlawful;
    # only papers known to imitate a court or another state body may be a crime.
    assert data["overall"] == "unlawful"
    codes = [f["code"] for f in data["findings"]]
    assert "CONTACT__THIRD_PARTY_DISCLOSURE" in codes
    disclosure = next(f for f in data["findings"] if f["code"] == "CONTACT__THIRD_PARTY_DISCLOSURE")
    assert disclosure["severity"] == "unlawful"
    assert {
        "instrument": "中华人民共和国民法典",
        "article": "第一千零三十二条",
        "in_force_from": "2021-01-01",
        "confidence": "V1",
    }.items() <= next(c for c in disclosure["citations"] if c["number"] == 1032).items()
    assert "nfra_12378" in disclosure["channels"]
    assert "police" in [c["code"] for c in data["channels"]]
    for channel in data["channels"]:
        assert {"code", "name", "contact", "why"} <= set(channel)
    assert data["knowledge_version"]
    assert "法律意见" in data["disclaimer"]
    assert "不是法律意见" in data["disclaimer"]


def test_findings_are_sorted_and_overall_is_the_highest(client):
    data = post(
        client, make_request(tactics=["lawsuit_notice", "insults", "impersonate_authority"])
    ).json()
    order = ["criminal", "unlawful", "breach", "grey", "lawful"]
    severities = [f["severity"] for f in data["findings"]]
    assert severities == sorted(severities, key=order.index)
    assert data["overall"] == severities[0] == "criminal"
    assert severities[-1] == "lawful"


def test_no_events_and_no_tactics_is_lawful(client):
    data = post(client, {"lender_type": "unknown"}).json()
    assert data["overall"] == "lawful"
    assert data["findings"] == []


def test_english_with_lang_parameter_has_the_same_codes(client):
    body = make_request(events=[{"target": "employer", "channel": "call", "disclosed_debt": True}])
    chinese = post(client, body).json()
    english = post(client, body, lang="en").json()
    assert [f["code"] for f in english["findings"]] == [f["code"] for f in chinese["findings"]]
    assert english["overall"] == chinese["overall"]
    assert english["findings"][0]["title"] == "Telling other people about your debt"
    assert chinese["findings"][0]["title"] == "把您的欠款告诉了别人"
    assert "not legal advice" in english["disclaimer"]


def test_accept_language_english(client):
    data = post(client, make_request(), HTTP_ACCEPT_LANGUAGE="en-GB,en;q=0.9").json()
    assert data["language"] == "en"
    assert data["overall_label"] == "Lawful"


def test_lang_parameter_beats_accept_language(client):
    data = post(client, make_request(), lang="zh-hans", HTTP_ACCEPT_LANGUAGE="en").json()
    assert data["overall_label"] == "合法"


def test_public_security_article_follows_the_conduct_date(client):
    def articles(day):
        body = make_request(conduct_date=day, tactics=["threat_violence"])
        finding = post(client, body).json()["findings"][0]
        return {c["article"] for c in finding["citations"] if "治安管理处罚法" in c["instrument"]}

    assert articles("2025-12-31") == {"第四十二条"}
    assert articles("2026-01-01") == {"第五十条"}


def test_every_bad_field_is_named(client):
    body = {
        "lender_type": "loan_shark",
        "annual_rate_percent": -1,
        "conduct_date": "2026-02-30",
        "events": [
            {"target": "neighbour", "channel": "call"},
            {"target": "family", "channel": "pigeon", "times_per_day": 0, "at_night": "yes"},
            "not an object",
        ],
        "tactics": ["insults", "curses"],
        "colour": "red",
    }
    response = post(client, body)
    assert response.status_code == 400
    fields = {e["field"] for e in response.json()["errors"]}
    assert fields == {
        "lender_type",
        "annual_rate_percent",
        "conduct_date",
        "events[0].target",
        "events[1].channel",
        "events[1].times_per_day",
        "events[1].at_night",
        "events[2]",
        "tactics[1]",
        "colour",
    }
    for error in response.json()["errors"]:
        assert error["message"]


def test_errors_are_in_the_requested_language(client):
    body = {"lender_type": "bank", "events": [{"channel": "call"}]}
    chinese = post(client, body).json()["errors"][0]
    english = post(client, body, lang="en").json()["errors"][0]
    assert chinese["field"] == english["field"] == "events[0].target"
    assert english["message"] == "This field is required."
    assert chinese["message"] != english["message"]


@pytest.mark.parametrize(
    ("body", "field"),
    [
        ({}, "lender_type"),
        ({"lender_type": "bank", "conduct_date": "2999-01-01"}, "conduct_date"),
        ({"lender_type": "bank", "conduct_date": "15/10/2026"}, "conduct_date"),
        ({"lender_type": "bank", "annual_rate_percent": "24"}, "annual_rate_percent"),
        ({"lender_type": "bank", "annual_rate_percent": 10001}, "annual_rate_percent"),
        ({"lender_type": "bank", "events": {"target": "family"}}, "events"),
        (
            {"lender_type": "bank", "events": [{"target": "family", "channel": "call"}] * 201},
            "events",
        ),
        ({"lender_type": "bank", "tactics": "insults"}, "tactics"),
        (
            {
                "lender_type": "bank",
                "events": [{"target": "borrower", "channel": "call", "times_per_day": 1001}],
            },
            "events[0].times_per_day",
        ),
        (
            {
                "lender_type": "bank",
                "events": [{"target": "borrower", "channel": "call", "times_per_day": 2.5}],
            },
            "events[0].times_per_day",
        ),
        (
            {
                "lender_type": "bank",
                "events": [{"target": "borrower", "channel": "call", "time_of_day": "24:00"}],
            },
            "events[0].time_of_day",
        ),
        ({"lender_type": True}, "lender_type"),
        ([], "body"),
    ],
)
def test_single_bad_field(client, body, field):
    response = post(client, body)
    assert response.status_code == 400
    assert [e["field"] for e in response.json()["errors"]] == [field]


def test_body_over_64_kib_is_413(client):
    body = make_request(events=[{"target": "borrower", "channel": "call"}] * 150)
    padded = json.dumps(body) + " " * (64 * 1024)
    assert post(client, padded).status_code == 413


def test_body_just_under_the_limit_is_accepted(client):
    text = json.dumps(make_request())
    text += " " * (64 * 1024 - len(text.encode()))
    assert post(client, text).status_code == 200


@pytest.mark.parametrize(
    ("data", "content_type"),
    [
        ("lender_type=bank", "application/x-www-form-urlencoded"),
        ('{"lender_type": "bank"}', "text/plain"),
        ("{not json", "application/json"),
        (b"\xff\xfe\x00", "application/json"),
        ('{"lender_type": "bank", "annual_rate_percent": NaN}', "application/json"),
    ],
    ids=["form", "text-plain", "malformed", "not-utf8", "nan"],
)
def test_a_body_that_is_not_json_is_415(client, data, content_type):
    response = post(client, data, content_type=content_type)
    assert response.status_code == 415
    assert response.json()["errors"][0]["field"] == "body"


@pytest.mark.parametrize("method", ["get", "put", "patch", "delete"])
def test_other_methods_are_405(client, method):
    response = getattr(client, method)(URL)
    assert response.status_code == 405
    assert response["Allow"] == "POST"


@pytest.mark.django_db
def test_nothing_is_stored_and_no_cookie_is_set(client):
    response = post(client, make_request(events=[{"target": "family", "channel": "call"}]))
    assert response.status_code == 200
    assert Session.objects.count() == 0
    assert not response.cookies
    assert response["Cache-Control"] == "no-store"


@settings(
    max_examples=200, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
@given(
    st.recursive(
        st.none()
        | st.booleans()
        | st.integers()
        | st.floats(allow_nan=False, allow_infinity=False)
        | st.text(max_size=20),
        lambda children: (
            st.lists(children, max_size=4)
            | st.dictionaries(
                st.sampled_from(
                    [
                        "lender_type",
                        "events",
                        "tactics",
                        "target",
                        "channel",
                        "times_per_day",
                        "conduct_date",
                        "annual_rate_percent",
                        "x",
                    ]
                ),
                children,
                max_size=5,
            )
        ),
        max_leaves=20,
    )
)
def test_random_json_gets_200_or_400_never_500(client, body):
    response = post(client, json.dumps(body))
    assert response.status_code in (200, 400)


def test_the_shared_parts_give_exactly_the_plain_answer_and_cannot_be_changed():
    import dataclasses
    import datetime

    import orjson

    from rights_guide.assessment import evaluate, parse_answers
    from rights_guide.results import assessment_json, present_assessment, present_plainly

    body = make_request(
        lender_type="unknown",
        conduct_date="2025-12-31",
        events=[
            {"target": "family", "channel": "call", "disclosed_debt": True},
            {"target": "public", "channel": "online_post"},
            {"target": "borrower", "channel": "call", "times_per_day": 25},
        ],
        tactics=["insults", "lawsuit_notice", "detention"],
        annual_rate_percent=30,
    )
    assessment = evaluate(parse_answers(body, today=datetime.date(2026, 11, 29)))
    for language in ("zh-hans", "en"):
        plain = orjson.dumps(present_plainly(assessment, language))
        assert assessment_json(assessment, language) == plain
        assert assessment_json(assessment, language) == plain  # again, from the shared parts
        shared = present_assessment(assessment, language)
        citation = shared["findings"][0]["citations"][0]
        with pytest.raises(dataclasses.FrozenInstanceError):
            citation.summary = "changed"
        assert isinstance(shared["findings"][0]["actions"], tuple)
        assert assessment_json(assessment, language) == plain  # no caller can change the next
