"""Directions on the results pages point where the letters are: on the page, above the advice.

The letters are offered near the top of both results pages, before the
findings and their advice, so advice that says "the letter below" sends a
frightened reader scrolling the wrong way (issue 19, item 17). Neither the
knowledge base's texts nor a rendered results page may say it.
"""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from tests.factories import STORY, walk
from tests.test_third_party_pages import FRIEND, answer, text

DATA = Path(__file__).resolve().parent.parent / "rights_guide" / "knowledge" / "data"
# "the letter(s) below", "the personal-information request below", "下面的信件", "下面的个人信息请求信"
BELOW = re.compile(r"(?i)\b(?:letters?|request)\s+below\b|下面的[^。；，\n]{0,10}信")


def test_no_knowledge_text_sends_the_reader_below_for_a_letter():
    found = [
        "%s: %s" % (path.name, match.group(0))
        for path in sorted(DATA.glob("*.yaml"))
        for match in BELOW.finditer(path.read_text(encoding="utf-8"))
    ]
    assert found == []


@pytest.mark.django_db
@pytest.mark.parametrize("prefix", ["", "/en"], ids=["zh", "en"])
def test_the_borrowers_results_point_to_the_letters_on_the_page(client, prefix):
    walk(client, STORY, prefix=prefix)
    page = text(client.get(prefix + "/results/"))
    assert "letters-offer" in client.get(prefix + "/results/").content.decode()
    assert BELOW.findall(page) == []
    # The family was told of the debt: the advice to demand it in writing is there, pointing here.
    assert ("本页的信件" if not prefix else "on this page") in page


@pytest.mark.django_db
@pytest.mark.parametrize("prefix", ["", "/en"], ids=["zh", "en"])
def test_the_third_partys_results_point_to_the_letter_on_the_page(client, prefix):
    answer(client, FRIEND, prefix=prefix)
    page = text(client.get(prefix + "/called/results/"))
    assert BELOW.findall(page) == []
    assert ("本页的信件" if not prefix else "on this page") in page
