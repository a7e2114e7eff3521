"""Stories written from the legal fact sheet by a reviewer who had not seen the engine.

Each story (tests/data/fact_sheet_stories.json) gives an API request, the
severity the reviewer expected plus the set they would accept as defensible,
the complaint bodies that must (and must not) be named, and which article
of the public security law must be cited for the conduct date. The engine
must land inside every accepted set.
"""

import json
from pathlib import Path

import pytest
from django.test import Client

STORIES = json.loads((Path(__file__).parent / "data" / "fact_sheet_stories.json").read_text())


@pytest.mark.parametrize("story", STORIES, ids=[s["id"] for s in STORIES])
def test_fact_sheet_story(story):
    response = Client().post(
        "/api/v1/assess", json.dumps(story["request"]), content_type="application/json"
    )
    assert response.status_code == 200, response.content
    data = response.json()
    assert data["overall"] in story["acceptable_overall"], story["reasoning"]
    codes = [c["code"] for c in data["channels"]]
    for code in story["expected_channels_include"]:
        assert code in codes
    for code in story["expected_channels_exclude"]:
        assert code not in codes
    if story["psl_article"]:
        articles = {
            c["article"]
            for f in data["findings"]
            for c in f["citations"]
            if "治安管理处罚法" in c["instrument"]
        }
        assert story["psl_article"] in articles
