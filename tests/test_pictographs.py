"""Emoji never reach a printed letter as boxes: refused in its fields, taken out of free text."""

import pytest

from rights_guide.letters import InvalidLetterRequest, parse_letter_request
from rights_guide.pictographs import first_emoji, is_emoji, remove_emoji
from tests.factories import NOW, TODAY, letter_data


@pytest.mark.parametrize(
    ("character", "emoji"),
    [
        ("😀", True),
        ("🔪", True),
        ("❤", True),
        ("✅", True),
        ("⏰", True),
        ("★", False),  # GB2312 has it, and the letter fonts print it
        ("☆", False),
        ("♀", False),
        ("●", False),
        ("㎡", False),
        ("龚", False),
        ("𠮷", False),
    ],
)
def test_what_counts_as_an_emoji(character, emoji):
    assert is_emoji(character) is emoji


@pytest.mark.parametrize(
    ("text", "kept", "count"),
    [
        ("对方发来🔪说要上门", "对方发来说要上门", 1),
        ("点赞👍🏽，国旗🇨🇳", "点赞，国旗", 2),
        ("一家人👨\u200d👩\u200d👧", "一家人", 3),
        ("第1️⃣条", "第1条", 0),
        ("★重要★ 没有表情", "★重要★ 没有表情", 0),
    ],
    ids=["knife", "skin-tone-and-flag", "joined-family", "keycap", "printable-stars"],
)
def test_free_text_loses_its_emoji_and_says_how_many(text, kept, count):
    assert remove_emoji(text) == (kept, count)


def errors_of(data) -> dict:
    with pytest.raises(InvalidLetterRequest) as caught:
        parse_letter_request(data, today=TODAY, now=NOW)
    return {error.field: error.code for error in caught.value.errors}


def test_a_name_address_or_lender_with_an_emoji_is_refused():
    data = letter_data()
    data["complainant"]["name"] = "张三😀"
    data["complainant"]["address"] = "北京市🏠朝阳区"
    data["respondent"]["name"] = "某某💰金融"
    assert errors_of(data) == {
        "complainant.name": "emoji",
        "complainant.address": "emoji",
        "respondent.name": "emoji",
    }
    assert first_emoji("张三😀") == (3, "😀")
