"""Validating a letter request: every bad field named, rare names kept whole, never a crash."""

import datetime

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from rights_guide.letters import InvalidLetterRequest, letter_request_to_data, parse_letter_request
from rights_guide.letters.fields import id_number_is_valid
from tests.factories import NOW, RARE_NAME, TODAY, VALID_ID, letter_data


def errors_of(data) -> dict[str, str]:
    with pytest.raises(InvalidLetterRequest) as caught:
        parse_letter_request(data, today=TODAY, now=NOW)
    return {error.field: error.code for error in caught.value.errors}


def parse(data):
    return parse_letter_request(data, today=TODAY, now=NOW)


def test_a_complete_request_is_read_as_sent():
    request = parse(letter_data())
    assert request.kind == "regulator"
    assert request.language == "zh-hans"
    assert request.complainant.name == RARE_NAME
    assert request.complainant.id_number == VALID_ID
    assert request.respondent == "某某消费金融有限公司"
    assert request.answers.lender_type == "consumer_finance"
    assert [i.when for i in request.incidents] == [
        datetime.datetime(2026, 10, 3, 21, 30),
        datetime.datetime(2026, 10, 1, 9, 5),
    ]
    assert request.paragraphs is None


def test_language_defaults_to_chinese_and_accepts_english_in_any_case():
    data = letter_data()
    del data["language"]
    assert parse(data).language == "zh-hans"
    assert parse(letter_data(language="EN")).language == "en"
    assert errors_of(letter_data(language="fr")) == {"language": "invalid_choice"}


@pytest.mark.parametrize("kind", ["lender", "regulator", "police", "pi_request"])
def test_every_kind_in_the_spec_is_accepted(kind):
    assert parse(letter_data(kind=kind)).kind == kind


def test_missing_required_parts_are_each_named():
    assert errors_of({"complainant": {}, "respondent": {"name": " "}}) == {
        "kind": "required",
        "assessment": "required",
        "complainant.name": "required",
        "respondent.name": "too_short",
    }


def test_assessment_errors_carry_the_assessment_prefix():
    data = letter_data(
        assessment={"lender_type": "bank", "events": [{"target": "cat", "channel": "call"}]}
    )
    assert errors_of(data) == {"assessment.events[0].target": "invalid_choice"}
    assert errors_of(letter_data(assessment=[])) == {"assessment": "not_object"}


@pytest.mark.parametrize(
    "name",
    [RARE_NAME, "䶮", "𠮷" * 50, "Zhāng Wěi", "阿卜杜拉·买买提", "Ólafur Þór"],
    ids=["rare-hanzi", "one-ext-a", "fifty-ext-b", "pinyin", "uyghur-style", "latin"],
)
def test_names_in_any_script_up_to_fifty_characters_are_kept(name):
    data = letter_data()
    data["complainant"]["name"] = "  %s\u3000" % name
    assert parse(data).complainant.name == name


def test_name_length_counts_characters_not_bytes_or_utf16_units():
    data = letter_data()
    data["complainant"]["name"] = "𠮷" * 51
    assert errors_of(data) == {"complainant.name": "too_long"}


@pytest.mark.parametrize(
    "name",
    ["张\u202e三", "张\u200b三", "张\x00三", "张\n三", "张\ue000三"],
    ids=["rtl-override", "zero-width-space", "nul", "newline", "private-use"],
)
def test_names_with_control_or_invisible_characters_are_refused(name):
    data = letter_data()
    data["complainant"]["name"] = name
    assert errors_of(data) == {"complainant.name": "invalid_characters"}


@pytest.mark.parametrize(
    ("raw", "kept"),
    [
        ("13812345678", "13812345678"),
        ("138 1234 5678", "13812345678"),
        ("+86 138-1234-5678", "13812345678"),
        ("19912345678", "19912345678"),
        ("", None),
    ],
)
def test_mainland_mobile_numbers_are_normalised(raw, kept):
    data = letter_data()
    data["complainant"]["phone"] = raw
    assert parse(data).complainant.phone == kept


@pytest.mark.parametrize("phone", ["12812345678", "1381234567", "010-12345678", "138123456789"])
def test_other_phone_numbers_are_refused(phone):
    data = letter_data()
    data["complainant"]["phone"] = phone
    assert errors_of(data) == {"complainant.phone": "invalid_phone"}


def test_id_check_digit_follows_iso_7064_mod_11_2():
    assert id_number_is_valid(VALID_ID, today=TODAY)
    assert id_number_is_valid("110105194912310002", today=TODAY) is False  # wrong check digit
    assert id_number_is_valid("11010519491331002X", today=TODAY) is False  # month 13
    assert id_number_is_valid("11010520300101002X", today=TODAY) is False  # born in the future


def test_a_lower_case_x_is_accepted_and_printed_upper_case():
    data = letter_data()
    data["complainant"]["id_number"] = VALID_ID.lower()
    assert parse(data).complainant.id_number == VALID_ID


@pytest.mark.parametrize(
    "id_number", ["110105194912310021", "1101051949123100", "ABCDEFGHIJKLMNOPQR"]
)
def test_invalid_id_numbers_are_refused(id_number):
    data = letter_data()
    data["complainant"]["id_number"] = id_number
    assert errors_of(data) == {"complainant.id_number": "invalid_id_number"}


def test_address_over_two_hundred_characters_is_refused():
    data = letter_data()
    data["complainant"]["address"] = "㎡" * 201
    assert errors_of(data) == {"complainant.address": "too_long"}


def test_respondent_name_is_limited_to_one_hundred_characters():
    assert errors_of(letter_data(respondent={"name": "公" * 101})) == {
        "respondent.name": "too_long"
    }
    assert parse(letter_data(respondent={"name": "公" * 100})).respondent == "公" * 100


def test_each_bad_incident_field_is_named_with_its_index():
    data = letter_data(
        incidents=[
            {"when": "2026-10-01T09:00", "target": "family", "channel": "call"},
            {"when": "2026-10-01 09:00", "target": "family", "channel": "call"},
            {"when": "2026-02-30T09:00", "target": "boss", "channel": "fax"},
            {"when": "2026-12-01T09:00", "target": "family", "channel": "call"},
            {"when": "1999-12-31T23:59", "target": "family", "channel": "call"},
            {
                "when": "2026-10-01T09:00",
                "target": "family",
                "channel": "call",
                "description": "x" * 2001,
                "mood": "angry",
            },
            "not an object",
        ]
    )
    assert errors_of(data) == {
        "incidents[1].when": "invalid_datetime",
        "incidents[2].when": "invalid_datetime",
        "incidents[2].target": "invalid_choice",
        "incidents[2].channel": "invalid_choice",
        "incidents[3].when": "date_in_future",
        "incidents[4].when": "date_too_early",
        "incidents[5].description": "too_long",
        "incidents[5].mood": "unknown_field",
        "incidents[6]": "not_object",
    }


def test_at_most_two_thousand_incidents():
    incident = {"when": "2026-10-01T09:00", "target": "family", "channel": "call"}
    assert len(parse(letter_data(incidents=[incident] * 2000)).incidents) == 2000
    assert errors_of(letter_data(incidents=[incident] * 2001)) == {"incidents": "too_many"}


def test_free_text_keeps_line_breaks_but_not_bidirectional_controls():
    request = parse(letter_data(requests="第一行\r\n\r\n\r\n\r\n第二行\t 结束 "))
    assert request.requests == "第一行\n\n第二行 结束"
    assert errors_of(letter_data(requests="正常\u202e文字")) == {"requests": "invalid_characters"}
    assert errors_of(letter_data(requests="x" * 2001)) == {"requests": "too_long"}


def test_edited_paragraphs_are_kept_and_limited_to_five_thousand_characters():
    request = parse(letter_data(paragraphs={"facts": "我自己写的事实。", "closing": ""}))
    assert request.edited("facts") == "我自己写的事实。"
    assert request.edited("closing") == ""
    assert request.edited("requests") is None
    assert errors_of(letter_data(paragraphs={"facts": "字" * 5001, "preface": "x"})) == {
        "paragraphs.facts": "too_long",
        "paragraphs.preface": "unknown_field",
    }


def test_wrong_types_are_named_not_crashed_on():
    assert errors_of(
        letter_data(
            kind=3,
            complainant={"name": ["张三"], "phone": 13812345678},
            respondent="公司",
            incidents={"when": "x"},
            requests=False,
            paragraphs="edited",
        )
    ) == {
        "kind": "invalid_choice",
        "complainant.name": "not_string",
        "complainant.phone": "not_string",
        "respondent": "not_object",
        "incidents": "not_list",
        "requests": "not_string",
        "paragraphs": "not_object",
    }
    assert errors_of([]) == {"body": "not_object"}
    assert errors_of(letter_data(extra=1)) == {"extra": "unknown_field"}


def test_a_request_survives_the_round_trip_to_plain_data():
    request = parse(letter_data(paragraphs={"facts": "改过的事实"}))
    again = parse(letter_request_to_data(request))
    assert again == request


JSON = st.recursive(
    st.none() | st.booleans() | st.integers() | st.floats(allow_nan=False) | st.text(),
    lambda children: (
        st.lists(children, max_size=4) | st.dictionaries(st.text(max_size=12), children, max_size=5)
    ),
    max_leaves=20,
)


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(
    kind=JSON,
    complainant=JSON,
    incidents=JSON,
    paragraphs=JSON,
    junk=st.dictionaries(st.sampled_from(["respondent", "requests", "language"]), JSON),
)
def test_any_json_either_parses_or_names_its_bad_fields(
    kind, complainant, incidents, paragraphs, junk
):
    data = {**letter_data(), "kind": kind, "complainant": complainant, "incidents": incidents}
    data.update({"paragraphs": paragraphs, **junk})
    try:
        parse(data)
    except InvalidLetterRequest as invalid:
        assert invalid.errors
        assert all(error.field and error.code for error in invalid.errors)
