"""What an incident is, read by the one reader the log, its CSV import and the letters API share."""

import datetime
from dataclasses import replace

import pytest

from rights_guide.evidence.record import (
    MAX_FILES,
    MAX_INCIDENT_LINES,
    MAX_INCIDENT_MARKS,
    MAX_INCIDENT_TEXT,
    EvidenceFile,
    Incident,
    check_totals,
    incident_to_data,
    read_incident,
)
from rights_guide.reading import Reader

NOW = datetime.datetime(2026, 11, 29, 12, 0)
FULL = {
    "when": "2026-10-03T23:15",
    "target": "family",
    "channel": "call",
    "description": "说不还钱就上门",
    "caller": " 138 1234 5678 ",
    "disclosed_debt": True,
    "asked_to_pay": True,
    "after_stop_request": False,
    "tactics": ["insults", "threat_exposure"],
    "evidence": ["recording", "screenshot"],
    "files": [
        {"name": "call.m4a", "size": 204800, "date": "2026-10-03", "sha256": "AB" * 32},
        {"name": "typed without JavaScript.jpg", "date": "2026-10-04"},
    ],
}


def read(raw):
    reader = Reader()
    incident = read_incident(reader, raw, "incidents[0]", now=NOW)
    return incident, {error.field: error.code for error in reader.errors}


def test_every_field_is_read():
    incident, errors = read(FULL)
    assert errors == {}
    assert incident.when == datetime.datetime(2026, 10, 3, 23, 15) and incident.night
    assert incident.caller == "138 1234 5678"
    assert incident.flags == {"disclosed_debt", "asked_to_pay"}
    assert incident.tactics == {"insults", "threat_exposure"}
    assert incident.evidence == {"recording", "screenshot"}
    assert incident.files == (
        EvidenceFile("call.m4a", 204800, datetime.date(2026, 10, 3), "ab" * 32),
        EvidenceFile("typed without JavaScript.jpg", None, datetime.date(2026, 10, 4), ""),
    )


def test_an_incident_of_the_first_api_version_is_written_back_exactly_as_it_was():
    plain = {
        "when": "2026-10-03T21:30",
        "target": "colleagues",
        "channel": "call",
        "description": "x",
    }
    incident, errors = read(plain)
    assert errors == {} and incident_to_data(incident) == plain


def test_written_back_and_read_again_it_is_the_same_incident():
    incident, _errors = read(FULL)
    again, errors = read(incident_to_data(incident))
    assert errors == {} and again == incident


@pytest.mark.parametrize(
    ("change", "field", "code"),
    [
        ({"when": "2026-13-01T10:00"}, "incidents[0].when", "invalid_datetime"),
        ({"when": "2026-12-01T10:00"}, "incidents[0].when", "date_in_future"),
        ({"target": "dog"}, "incidents[0].target", "invalid_choice"),
        ({"caller": "1" * 41}, "incidents[0].caller", "too_long"),
        ({"disclosed_debt": "yes"}, "incidents[0].disclosed_debt", "not_boolean"),
        ({"tactics": ["insults", "karate"]}, "incidents[0].tactics[1]", "invalid_choice"),
        ({"evidence": ["photo"]}, "incidents[0].evidence[0]", "invalid_choice"),
        (
            {"files": [{"name": "a", "sha256": "xyz"}]},
            "incidents[0].files[0].sha256",
            "invalid_fingerprint",
        ),
        ({"files": [{"name": ""}]}, "incidents[0].files[0].name", "too_short"),
        ({"files": [{"name": "a", "size": -1}]}, "incidents[0].files[0].size", "out_of_range"),
        (
            {"files": [{"name": "a", "date": "2027-01-01"}]},
            "incidents[0].files[0].date",
            "date_in_future",
        ),
        ({"files": [{"name": "a"}] * 6}, "incidents[0].files", "too_many"),
        ({"mood": "angry"}, "incidents[0].mood", "unknown_field"),
    ],
)
def test_each_problem_names_its_field(change, field, code):
    incident, errors = read({**FULL, **change})
    assert incident is None
    assert errors == {field: code}


def one(description="", files=()):
    return Incident(datetime.datetime(2026, 10, 3, 9), "borrower", "call", description, files=files)


def test_a_whole_log_is_bounded_by_what_a_letter_can_print():
    def codes(incidents):
        reader = Reader()
        check_totals(reader, incidents, "incidents")
        return [error.code for error in reader.errors]

    assert codes([one("说" * 10)] * 2000) == []  # 2,000 one-line incidents fit
    assert codes([one("说" * (MAX_INCIDENT_TEXT // 10 + 1))] * 10) == ["text_too_long_total"]
    assert codes([one("a\nb")] * MAX_INCIDENT_LINES) == []
    assert codes([one("a\nb")] * (MAX_INCIDENT_LINES + 1)) == ["too_many_lines_total"]
    file = EvidenceFile("a.jpg")
    assert codes([one(files=(file,) * 5)] * (MAX_FILES // 5)) == []
    assert codes([one(files=(file,) * 5)] * (MAX_FILES // 5 + 1)) == ["too_many_files_total"]
    marked = Incident(
        datetime.datetime(2026, 10, 3, 9),
        "family",
        "call",
        tactics=frozenset({"insults"}),
        evidence=frozenset({"recording"}),
    )
    assert codes([marked] * (MAX_INCIDENT_MARKS // 2)) == []
    assert codes([marked] * (MAX_INCIDENT_MARKS // 2 + 1)) == ["too_many_marks_total"]
    called = Incident(datetime.datetime(2026, 10, 3, 9), "family", "call", caller="138 1234 5678")
    assert codes([called] * 2000) == []  # a number on every contact fits
    assert codes([replace(called, caller="1" * 40)] * 2000) == ["callers_too_long_total"]
