"""The API described in OpenAPI 3.1, built from the same registries and limits the parsers use.

Advocates' systems generate clients from ``GET /api/v1/openapi.json``. The
document is assembled from the vocabulary (every code a field accepts), the
letter kinds and the parsers' own limits, so it cannot drift from what the
API really accepts; tests validate real answers against it.
"""

from __future__ import annotations

import copy
from functools import cache
from typing import Any

from rights_guide.assessment.answers import (
    CHILD_AGE_BANDS,
    GUARANTEE_WORDINGS,
    MAX_EVENTS,
    MAX_FEE_YUAN,
    MAX_RATE_PERCENT,
    MAX_TIMES_PER_DAY,
    PERSPECTIVES,
)
from rights_guide.evidence.record import (
    EVIDENCE_KINDS,
    FLAGS,
    MAX_CALLER,
    MAX_FILE_NAME,
    MAX_FILE_SIZE,
    MAX_FILES,
    MAX_FILES_PER_INCIDENT,
    MAX_INCIDENT_LINES,
    MAX_INCIDENT_TEXT,
)
from rights_guide.knowledge import get_knowledge
from rights_guide.knowledge.model import CONFIDENCES, PRODUCTS, ROLES, SEVERITIES
from rights_guide.knowledge.vocabulary import OWES
from rights_guide.letters.appendix_choice import COLUMNS as APPENDIX_COLUMNS
from rights_guide.letters.kinds import KINDS
from rights_guide.letters.request import (
    EDITABLE,
    LANGUAGES,
    MAX_ADDRESS,
    MAX_DESCRIPTION,
    MAX_INCIDENTS,
    MAX_NAME,
    MAX_PARAGRAPH,
    MAX_PEOPLE_REACHED,
    MAX_REQUESTS,
    MAX_RESPONDENT,
)

# A real calendar date as the parsers read it (datetime.date.fromisoformat):
# no month or day 00, no month 13; the parsers also refuse days a month does
# not have and dates outside each field's range, which the description says.
DATE = {
    "type": "string",
    "format": "date",
    "pattern": "^[0-9]{4}-(0[1-9]|1[0-2])-(0[1-9]|[12][0-9]|3[01])$",
}
TEXTS = {"type": "array", "items": {"type": "string"}}


def _ref(name: str) -> dict:
    return {"$ref": "#/components/schemas/%s" % name}


def _enum(codes) -> dict:
    return {"type": "string", "enum": list(codes)}


def _object(properties: dict, required: list[str], **extra) -> dict:
    return {
        "type": "object",
        "properties": properties,
        "required": required,
        "additionalProperties": False,
        **extra,
    }


def _nullable(schema: dict) -> dict:
    return {"oneOf": [schema, {"type": "null"}]}


def _optional_facts() -> dict[str, dict]:
    """The optional facts of issue 21: each null or absent (not known) unless given; what rests
    on one that is not given is cited as conditional and decides nothing."""
    unknown = " Null or absent means not known."
    return {
        "guarantee_date": {
            "oneOf": [DATE, {"type": "null"}],
            "description": "When the guarantee was signed: before 2021 the Guarantee Law "
            "applies (no stated type means joint liability)." + unknown,
        },
        "guarantee_wording": {
            "oneOf": [_enum(GUARANTEE_WORDINGS), {"type": "null"}],
            "description": "How the guarantee describes itself: joint, general, "
            "pays_when_borrower_does_not (words such as 'pays if the borrower does not' or "
            "'unconditionally', which make it joint), or not_stated." + unknown,
        },
        "last_payment_or_demand_date": {
            "oneOf": [DATE, {"type": "null"}],
            "description": "The last payment, or the last demand for payment that reached the "
            "borrower, before this collection. Three years or more before conduct_date adds "
            "the time_bar caveat: the limitation period may have run." + unknown,
        },
        "insult_public": {
            "type": ["boolean", "null"],
            "description": "Whether an insult was public (in front of others, in a group, "
            "online): public insult (公然侮辱) needs it." + unknown,
        },
        "came_inside": {
            "type": ["boolean", "null"],
            "description": "With refused_to_leave at home: whether they came inside the home, "
            "rather than staying at the door." + unknown,
        },
        "extra_fee_yuan": {
            "type": ["number", "null"],
            "minimum": 0,
            "maximum": MAX_FEE_YUAN,
            "description": "The extra fee demanded, in yuan: extortion as a crime needs a "
            "large amount (or repetition)." + unknown,
        },
        "borrower_died": {
            "type": ["boolean", "null"],
            "description": "Third party only: whether the borrower has died (heirs answer "
            "within the estate)." + unknown,
        },
        "child_age_band": {
            "oneOf": [_enum(CHILD_AGE_BANDS), {"type": "null"}],
            "description": "A child contacted: under_14 or 14_to_17." + unknown,
        },
    }


def _request_schemas(vocabulary) -> dict[str, dict]:
    questions = {
        code: {
            "type": ["boolean", "null"],
            "description": vocabulary.event_questions[code].question.en
            + " Absent means false; null means not known (left blank or not sure).",
        }
        for code in vocabulary.event_questions.codes
    }
    event = _object(
        {
            "target": _enum(vocabulary.targets.codes),
            "channel": _enum(vocabulary.contact_means.codes),
            "times_per_day": {"type": "integer", "minimum": 1, "maximum": MAX_TIMES_PER_DAY},
            "answered_per_day": {
                "type": "integer",
                "minimum": 0,
                "maximum": MAX_TIMES_PER_DAY,
                "description": "Of these contacts, how many were answered calls; at most "
                "times_per_day. Read for calls only.",
            },
            "time_of_day": {"type": "string", "pattern": "^([01][0-9]|2[0-3]):[0-5][0-9]$"},
            "group": {
                "type": "integer",
                "minimum": 1,
                "maximum": MAX_EVENTS,
                "description": "Events answered together (one person, all the ways they were "
                "contacted) share a group, a target, their answers and time_of_day; a true "
                "answer or a time is then true of at least one of them, not of each.",
            },
            "people_reached": {
                "type": ["integer", "null"],
                "minimum": 1,
                "maximum": MAX_TIMES_PER_DAY,
                "description": "How many different people these contacts reached, when known "
                "(separate from times_per_day: the same person called 25 times is one). "
                "Disclosure is counted in people; null or absent means not known.",
            },
            **questions,
        },
        ["channel"],
    )
    event["properties"]["target"]["description"] = (
        "Who was contacted. Required, except in a third party's story "
        "(perspective third_party), where it defaults to the relationship."
    )
    assess = _object(
        {
            "perspective": {
                "enum": [*PERSPECTIVES, None],
                "description": "Whose story: the borrower's (default) or that of someone "
                "called about the borrower's debt. Same engine and rules; the answer adds "
                "what that person owes, a call script and where they can complain.",
            },
            "relationship": {
                "enum": [*vocabulary.relationships, None],
                "description": "Required with perspective third_party, refused (unless null) "
                "otherwise: "
                "who the person telling the story is to the borrower.",
            },
            "lender_type": _enum(vocabulary.lender_types.codes),
            "licensed": _nullable(
                {
                    "type": "boolean",
                    "description": "Whether the lender, or the funder an app names, is a "
                    "licensed financial institution. Implied for "
                    + ", ".join(
                        t.code for t in vocabulary.lender_types if t.implied_licence is not None
                    )
                    + "; contradicting it is an error.",
                }
            ),
            "product": _nullable(_enum(PRODUCTS)),
            "contract_date": {
                **DATE,
                "description": "When the loan contract was made: it decides the "
                "private-lending interest cap.",
            },
            "annual_rate_percent": {"type": "number", "minimum": 0, "maximum": MAX_RATE_PERCENT},
            "conduct_date": DATE,
            # lists the parser reads as empty when sent as null
            "events": {"type": ["array", "null"], "maxItems": MAX_EVENTS, "items": _ref("Event")},
            "tactics": {"type": ["array", "null"], "items": _enum(vocabulary.tactics.codes)},
            "continued_after_intervention": {
                "type": ["boolean", "null"],
                "description": "Absent or null means false.",
            },
            **_optional_facts(),
        },
        ["lender_type"],
        # relationship comes with perspective third_party, and only with it
        dependentSchemas={
            "perspective": {
                "anyOf": [
                    {"properties": {"perspective": {"enum": ["borrower", None]}}},
                    {
                        "properties": {"relationship": {"type": "string"}},
                        "required": ["relationship"],
                    },
                ]
            },
            "relationship": {
                "anyOf": [
                    {"properties": {"relationship": {"type": "null"}}},
                    {
                        "properties": {"perspective": {"const": "third_party"}},
                        "required": ["perspective"],
                    },
                ]
            },
        },
    )
    incident = _object(
        {
            "when": {
                "type": "string",
                "pattern": "^[0-9０-９]{4}-[0-9０-９]{2}-[0-9０-９]{2}T[0-9０-９]{2}:[0-9０-９]{2}$",
            },
            "target": _enum(vocabulary.targets.codes),
            "channel": _enum(vocabulary.contact_means.codes),
            "description": {"type": "string", "maxLength": MAX_DESCRIPTION},
            "caller": {
                "type": "string",
                "maxLength": MAX_CALLER,
                "description": "The number or name that made the contact, if known.",
            },
            **{
                flag: {
                    "type": "boolean",
                    "description": vocabulary.event_questions[flag].question.en,
                }
                for flag in FLAGS
            },
            "tactics": {"type": ["array", "null"], "items": _enum(vocabulary.tactics.codes)},
            "evidence": {
                "type": ["array", "null"],
                "items": _enum(EVIDENCE_KINDS),
                "description": "The kinds of evidence the borrower keeps of this contact.",
            },
            "files": {
                "type": "array",
                "maxItems": MAX_FILES_PER_INCIDENT,
                "items": _object(
                    {
                        "name": {"type": "string", "minLength": 1, "maxLength": MAX_FILE_NAME},
                        "size": {"type": "integer", "minimum": 0, "maximum": MAX_FILE_SIZE},
                        "date": DATE,
                        "sha256": {"type": "string", "pattern": "^[0-9a-fA-F]{64}$"},
                    },
                    ["name"],
                    description="An evidence file kept by the borrower (never sent): its "
                    "name, size in bytes, date and SHA-256 fingerprint.",
                ),
            },
        },
        ["when", "target", "channel"],
    )
    letter = _object(
        {
            "kind": _enum(KINDS.codes),
            "language": _enum(LANGUAGES),
            "assessment": _ref("AssessRequest"),
            "complainant": _object(
                {
                    "name": {"type": "string", "minLength": 1, "maxLength": MAX_NAME},
                    "phone": {"type": "string"},
                    "address": {"type": "string", "maxLength": MAX_ADDRESS},
                    "id_number": {"type": "string"},
                },
                ["name"],
            ),
            "respondent": _object(
                {"name": {"type": "string", "minLength": 1, "maxLength": MAX_RESPONDENT}},
                ["name"],
            ),
            "incidents": {
                "type": "array",
                "maxItems": MAX_INCIDENTS,
                "items": _ref("Incident"),
                "description": "A whole log: the letter summarises it and lists every "
                "incident in an appendix. All descriptions together: at most "
                "%d characters and %d line breaks; at most %d files in all."
                % (MAX_INCIDENT_TEXT, MAX_INCIDENT_LINES, MAX_FILES),
            },
            "people_reached": {
                "type": "integer",
                "minimum": 0,
                "maximum": MAX_PEOPLE_REACHED,
                "description": "How many different people other than the borrower the "
                "collectors reached, as the borrower counted them.",
            },
            "requests": {"type": "string", "maxLength": MAX_REQUESTS},
            "appendix": {
                **_object(
                    {
                        "include": {"type": "boolean", "default": True},
                        "columns": {
                            "type": "array",
                            "uniqueItems": True,
                            "items": _enum(APPENDIX_COLUMNS),
                        },
                    },
                    [],
                ),
                "description": "Whether the log is attached as an appendix, and which optional "
                "columns it shows. Without it the whole log is attached, every column.",
            },
            "paragraphs": _object(
                {name: {"type": "string", "maxLength": MAX_PARAGRAPH} for name in EDITABLE}, []
            ),
            "borrower_name": {
                "type": "string",
                "maxLength": MAX_NAME,
                "description": "For a third party's letter only: the borrower's name.",
            },
            **_choices_schemas(),
        },
        ["kind", "assessment", "complainant", "respondent"],
        allOf=[_kind_fits(kind, vocabulary) for kind in KINDS],
    )
    return {"Event": event, "AssessRequest": assess, "Incident": incident, "LetterRequest": letter}


def _kind_fits(kind, vocabulary) -> dict:
    """What a kind of letter needs of its assessment (LetterKind.refusal), as a schema."""
    story: dict[str, Any] = {
        "lender_type": _enum(c for c in vocabulary.lender_types.codes if kind.fits(c))
    }
    required = []
    if kind.perspective == "third_party":
        story["perspective"] = {"const": "third_party"}
        story["relationship"] = _enum(
            r for r in vocabulary.relationships if not vocabulary.targets[r].liable
        )
        required = ["perspective"]
    else:
        story["perspective"] = {"enum": [kind.perspective, None]}  # null: the borrower's
    return {
        "if": {"properties": {"kind": {"const": kind.code}}, "required": ["kind"]},
        "then": {"properties": {"assessment": {"properties": story, "required": required}}},
    }


def _choices_schemas() -> dict[str, dict]:
    """The choices a letter that sets terms needs (its kind's ``ChoiceSet``), each for its kind only."""
    schemas = {}
    for kind in KINDS:
        if kind.choices is not None:
            schema = kind.choices.schema()
            schema["description"] = "Required for, and only for, kind %s." % kind.code
            schemas[kind.choices.field] = schema
    return schemas


def _response_schemas(vocabulary) -> dict[str, dict]:
    citation = _object(
        {
            "provision": {"type": "string"},
            "instrument": {"type": "string"},
            "instrument_name": {"type": "string"},
            "short_name": {"type": "string"},
            "edition": _nullable({"type": "string"}),
            "article": _nullable({"type": "string"}),
            "item": _nullable({"type": "string"}),
            "number": _nullable({"type": "number"}),
            "in_force_from": DATE,
            "in_force_until": _nullable(DATE),
            "confidence": _enum(CONFIDENCES),
            "binding": {"type": "boolean"},
            "supports": _enum(SEVERITIES),
            "summary": {"type": "string"},
            "caveats": TEXTS,
            "note": _nullable({"type": "string"}),
            "role": {
                **_enum(ROLES),
                "description": "conduct: a rule the collector broke; remedy: a basis for "
                "what you can ask for; context: the legal position around it.",
            },
            "counted": {
                "type": "boolean",
                "description": "Whether it decides the finding's severity.",
            },
        },
        [],
    )
    citation["required"] = list(citation["properties"])
    finding = _object(
        {
            "code": {"type": "string", "pattern": "^[A-Z]+__[A-Z0-9_]+$"},
            "severity": _enum(SEVERITIES),
            "severity_label": {"type": "string"},
            "title": {"type": "string"},
            "explanation": {"type": "string"},
            "citations": {"type": "array", "items": _ref("Citation")},
            "actions": TEXTS,
            "channels": {"type": "array", "items": _enum(vocabulary.bodies.codes)},
            "caveats": TEXTS,
            "targets": {"type": "array", "items": _enum(vocabulary.targets.codes)},
            "target_labels": TEXTS,
            "events": {"type": "array", "items": {"type": "integer", "minimum": 0}},
            "details": {
                **TEXTS,
                "description": "A rate finding's calculation, one line each (empty otherwise).",
            },
            "depends_on": {
                "type": "array",
                "items": {"type": "string"},
                "description": "Empty when the answers establish the finding. Otherwise the "
                "question codes it rests on that were not answered (null), or which_contact "
                "when an answer given for a group of events may have been about another of "
                "them. Such a finding does not count towards overall.",
            },
            "depends_on_texts": {
                **TEXTS,
                "description": "The same, one sentence each in the answer's language.",
            },
        },
        [],
    )
    finding["required"] = list(finding["properties"])
    channel = _object(
        {
            "code": _enum(vocabulary.bodies.codes),
            "name": {"type": "string"},
            "contact": {"type": "string"},
            "why": {"type": "string"},
            "prepare": {"type": "string"},
            "confidence": _enum(CONFIDENCES),
            "caveats": TEXTS,
            "findings": TEXTS,
        },
        [],
    )
    channel["required"] = list(channel["properties"])
    assessment = _object(
        {
            "overall": _enum(SEVERITIES),
            "overall_label": {"type": "string"},
            "summary": {"type": "string"},
            "lender_type": _enum(vocabulary.lender_types.codes),
            "lender_label": {"type": "string"},
            "licensed": _nullable({"type": "boolean"}),
            "product": _nullable(_enum(PRODUCTS)),
            "conduct_date": DATE,
            "knowledge_version": {"type": "string"},
            "caveats": TEXTS,
            "caveat_texts": {"type": "object", "additionalProperties": {"type": "string"}},
            "role_labels": _object({role: {"type": "string"} for role in ROLES}, list(ROLES)),
            "disclaimer": {"type": "string"},
            "language": _enum(LANGUAGES),
            "findings": {"type": "array", "items": _ref("Finding")},
            "channels": {"type": "array", "items": _ref("Channel")},
        },
        [],
    )
    assessment["required"] = list(assessment["properties"])
    # A third party's answer has these too (perspective third_party), and only then.
    assessment["properties"].update(
        {
            "perspective": _enum(PERSPECTIVES),
            "relationship": _enum(vocabulary.relationships),
            "relationship_label": {"type": "string"},
            "owes": _object(
                {
                    "answer": {
                        **_enum(OWES),
                        "description": "no: they owe nothing; depends: a guarantor within "
                        "the guarantee, a spouse for a joint family debt.",
                    },
                    "text": {"type": "string"},
                    "citations": {"type": "array", "items": _ref("Citation")},
                },
                ["answer", "text", "citations"],
            ),
            "script": {"type": "string", "description": "What to say on the next call."},
        }
    )
    errors = _object(
        {
            "errors": {
                "type": "array",
                "minItems": 1,
                "items": _object(
                    {
                        "field": {"type": "string"},
                        "message": {"type": "string"},
                        "code": {"type": "string"},
                    },
                    ["field", "message", "code"],
                ),
            }
        },
        ["errors"],
    )
    return {
        "Citation": citation,
        "Finding": finding,
        "Channel": channel,
        "Assessment": assessment,
        "Errors": errors,
    }


def _null_when_optional(node: Any) -> Any:
    """Every optional field of a request may also be null: the parsers read null as not sent."""
    if isinstance(node, list):
        for item in node:
            _null_when_optional(item)
    elif isinstance(node, dict):
        for value in node.values():
            _null_when_optional(value)
        if node.get("type") == "object" and "properties" in node:
            required = set(node.get("required", ()))
            for name, field in node["properties"].items():
                if name not in required:
                    node["properties"][name] = _or_null(field)
    return node


def _or_null(field: dict) -> dict:
    kinds = field.get("type")
    if kinds is None and "enum" in field:
        if None not in field["enum"]:
            field["enum"] = [*field["enum"], None]
        return field
    if kinds is None:  # $ref, oneOf, const
        if field.get("oneOf", [None])[-1] == {"type": "null"}:
            return field
        return {"anyOf": [field, {"type": "null"}]}
    kinds = kinds if isinstance(kinds, list) else [kinds]
    if "null" not in kinds:
        field["type"] = [*kinds, "null"]
    if "enum" in field and None not in field["enum"]:
        field["enum"] = [*field["enum"], None]
    return field


def _error(description: str, *, retry: bool = False) -> dict:
    response: dict[str, Any] = {
        "description": description,
        "content": {"application/json": {"schema": _ref("Errors")}},
    }
    if retry:
        response["headers"] = {
            "Retry-After": {"description": "Seconds to wait", "schema": {"type": "integer"}}
        }
    return response


LANGUAGE_PARAMETERS = [
    {
        "name": "lang",
        "in": "query",
        "required": False,
        "description": "Language of the texts; codes never change with it. A value "
        "starting with en or zh picks English or Simplified Chinese; any other value, "
        "or none, falls back to Accept-Language, then zh-hans.",
        # what request_language takes: any text, read by its prefix
        "schema": {"type": "string", "examples": list(LANGUAGES)},
    }
]


@cache
def _document(version: str) -> dict[str, Any]:
    vocabulary = get_knowledge().vocabulary
    common_errors = {
        "400": _error("Invalid fields: every bad field is named"),
        "405": _error("Only POST is allowed"),
        "413": _error("The body is over the size limit"),
        "415": _error("The body is not UTF-8 JSON sent as application/json"),
        "503": _error("The service is briefly unavailable", retry=True),
    }
    return {
        "openapi": "3.1.0",
        "info": {
            "title": "Collection Rights Guide API",
            "version": "1",
            "description": (
                "Assess debt-collection conduct under mainland Chinese law, and make "
                "complaint letters as PDFs. Legal information, not legal advice. "
                "Knowledge version %s. See docs/api.md." % version
            ),
        },
        "paths": {
            "/api/v1/assess": {
                "post": {
                    "summary": "Assess a story: every finding, its legal basis, where to complain",
                    "parameters": LANGUAGE_PARAMETERS,
                    "requestBody": {
                        "required": True,
                        "content": {"application/json": {"schema": _ref("AssessRequest")}},
                    },
                    "responses": {
                        "200": {
                            "description": "The assessment; nothing is stored",
                            "content": {"application/json": {"schema": _ref("Assessment")}},
                        },
                        **common_errors,
                    },
                }
            },
            "/api/v1/letters": {
                "post": {
                    "summary": "Make a letter in its writer's name (the borrower, or a third "
                    "party for kind third_party), as a PDF",
                    "parameters": LANGUAGE_PARAMETERS,
                    "requestBody": {
                        "required": True,
                        "content": {"application/json": {"schema": _ref("LetterRequest")}},
                    },
                    "responses": {
                        "200": {
                            "description": "The letter; Content-Disposition names the file",
                            "content": {
                                "application/pdf": {
                                    "schema": {"type": "string", "contentEncoding": "binary"}
                                }
                            },
                        },
                        **common_errors,
                        "429": _error("Over the client's allowance of letters", retry=True),
                        "503": _error("The renderer or the service is busy", retry=True),
                    },
                }
            },
            "/api/v1/openapi.json": {
                "get": {
                    "summary": "This document",
                    "responses": {"200": {"description": "OpenAPI 3.1 document"}},
                }
            },
        },
        "components": {
            "schemas": {
                **_null_when_optional(copy.deepcopy(_request_schemas(vocabulary))),
                **_response_schemas(vocabulary),
            }
        },
    }


def openapi_document() -> dict[str, Any]:
    """The OpenAPI 3.1 document for the knowledge loaded now (built once per version)."""
    return _document(get_knowledge().version)
