"""Every story in the tests gets exactly the API answer recorded in tests/data/api_golden.json."""

import json

from tests.golden import GOLDEN, current_answers


def test_every_story_gets_the_recorded_answer(client):
    recorded = json.loads(GOLDEN.read_text())
    answers = current_answers(client)
    changed = sorted(name for name in answers if answers[name] != recorded.get(name))
    assert sorted(answers) == sorted(recorded)
    assert changed == [], "answers changed for %d stories (regenerate with " % len(changed) + (
        "`python -m tests.golden --update` if intended): %s" % changed[:20]
    )
