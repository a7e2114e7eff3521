"""The OpenAPI document describes what the API really accepts and answers: real answers validate."""

import json

import pytest
from jsonschema import Draft202012Validator

from rights_guide.api.openapi import openapi_document
from rights_guide.letters.kinds import KINDS
from tests.factories import TACTICS, TARGETS, letter_data, make_request
from tests.golden import story_requests


def validator(name: str) -> Draft202012Validator:
    document = openapi_document()
    schema = {"$ref": "#/components/schemas/%s" % name, "components": document["components"]}
    return Draft202012Validator(schema)


def assert_valid(name: str, instance) -> None:
    errors = sorted(validator(name).iter_errors(instance), key=lambda e: list(e.path))
    assert errors == [], "%s: %s" % (name, [(list(e.path), e.message) for e in errors[:5]])


def post(client, path, body, **extra):
    return client.post(path, data=json.dumps(body), content_type="application/json", **extra)


def test_the_document_is_served_is_openapi_3_1_and_lists_every_code(client):
    response = client.get("/api/v1/openapi.json")
    assert response.status_code == 200
    assert client.head("/api/v1/openapi.json").status_code == 200
    document = response.json()
    assert document["openapi"] == "3.1.0"
    assert set(document["paths"]) == {"/api/v1/assess", "/api/v1/letters", "/api/v1/openapi.json"}
    schemas = document["components"]["schemas"]
    # optional fields may also be null (the parsers read null as not sent)
    assert schemas["Event"]["properties"]["target"]["enum"] == [*TARGETS, None]
    assert schemas["AssessRequest"]["properties"]["tactics"]["items"]["enum"] == list(TACTICS)
    assert schemas["LetterRequest"]["properties"]["kind"]["enum"] == list(KINDS.codes)
    Draft202012Validator.check_schema({"components": schemas, **schemas["AssessRequest"]})


@pytest.mark.parametrize("language", ["zh-hans", "en"])
def test_every_story_in_the_tests_and_its_answer_match_the_document(client, language):
    for name, body in sorted(story_requests().items()):
        assert_valid("AssessRequest", body)
        response = post(client, "/api/v1/assess?lang=" + language, body)
        assert response.status_code == 200, name
        assert_valid("Assessment", response.json())


@pytest.mark.parametrize(
    "body",
    [
        {"events": [{"target": "aunt", "channel": "fax"}]},
        {"lender_type": "bank", "conduct_date": "2999-01-01", "tactics": ["magic"]},
        [],
    ],
)
def test_error_answers_match_the_document(client, body):
    response = post(client, "/api/v1/assess", body)
    assert response.status_code == 400
    assert_valid("Errors", response.json())
    assert_valid("Errors", client.get("/api/v1/assess").json())  # 405
    huge = client.post("/api/v1/assess", data="x" * 70_000, content_type="application/json")
    assert huge.status_code == 413
    assert_valid("Errors", huge.json())


@pytest.mark.django_db
def test_letter_requests_match_the_document(client):
    for kind in KINDS.codes:
        body = letter_data(kind=kind)
        assert_valid("LetterRequest", body)
        assert post(client, "/api/v1/letters", body).status_code == 200
    bad = letter_data(kind="lender")
    bad["complainant"]["id_number"] = "110105194912310021"
    response = post(client, "/api/v1/letters", bad)
    assert response.status_code == 400
    assert_valid("Errors", response.json())


def test_the_documented_example_request_is_valid():
    assert_valid("AssessRequest", make_request(events=[{"target": "family", "channel": "call"}]))
