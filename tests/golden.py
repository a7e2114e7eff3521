"""Golden API answers for every story in the tests: the proof that a refactor changed nothing.

``tests/data/api_golden.json`` holds, for each story and language, a short
summary (overall, findings with their severities and cited provisions,
channels) and a SHA-256 of the whole canonical response. A change of the
law or of its wording changes them on purpose; regenerate with

    .venv/bin/python -m tests.golden --update

and say in the commit which stories changed and why (the test's failure
message lists them).
"""

from __future__ import annotations

import argparse
import hashlib
import json
import os
import sys
from pathlib import Path

GOLDEN = Path(__file__).parent / "data" / "api_golden.json"
LANGUAGES = ("zh-hans", "en")


def story_requests() -> dict[str, dict]:
    """Every assess request the tests tell a story with, by a stable name."""
    from bench.assess import LIGHT, REQUEST, TYPICAL
    from rights_guide.assessment import answers_to_data
    from tests.test_engine_stories import STORIES

    requests = {"engine:" + story.id: answers_to_data(story.answers) for story in STORIES}
    facts = json.loads((Path(__file__).parent / "data" / "fact_sheet_stories.json").read_text())
    requests.update({"fact:" + story["id"]: story["request"] for story in facts})
    requests.update({"bench:heavy": REQUEST, "bench:typical": TYPICAL, "bench:light": LIGHT})
    return requests


def summarise(response: dict) -> dict:
    # The knowledge version names the data files' exact bytes (a comment changes it); the
    # answer is everything else.
    response = {key: value for key, value in response.items() if key != "knowledge_version"}
    canonical = json.dumps(response, ensure_ascii=False, sort_keys=True, separators=(",", ":"))
    return {
        "overall": response["overall"],
        "findings": [
            [f["code"], f["severity"], [c["provision"] for c in f["citations"]]]
            for f in response["findings"]
        ],
        "channels": [c["code"] for c in response["channels"]],
        "sha256": hashlib.sha256(canonical.encode()).hexdigest(),
    }


def current_answers(client) -> dict[str, dict]:
    answers = {}
    for name, body in sorted(story_requests().items()):
        for language in LANGUAGES:
            response = client.post(
                "/api/v1/assess?lang=" + language,
                data=json.dumps(body),
                content_type="application/json",
            )
            assert response.status_code == 200, (name, response.content[:300])
            answers["%s|%s" % (name, language)] = summarise(response.json())
    return answers


def main() -> None:
    parser = argparse.ArgumentParser(description="Regenerate tests/data/api_golden.json")
    parser.add_argument("--update", action="store_true", required=True)
    parser.parse_args()
    sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "rights_guide.settings")
    import django

    django.setup()
    from django.test import Client
    from django.test.utils import setup_test_environment

    setup_test_environment()
    answers = current_answers(Client())
    GOLDEN.write_text(json.dumps(answers, ensure_ascii=False, indent=1, sort_keys=True) + "\n")
    print("wrote %d answers to %s" % (len(answers), GOLDEN))


if __name__ == "__main__":
    main()
