"""``manage.py assess`` prints the same JSON as the API, and fails with status 2 and the errors."""

import json
import subprocess
import sys
from pathlib import Path

from django.core.management import call_command
from django.test import Client

from tests.factories import make_request

ROOT = Path(__file__).resolve().parent.parent


def run(args, stdin=""):
    return subprocess.run(
        [sys.executable, "manage.py", "assess", *args],
        cwd=ROOT,
        input=stdin,
        capture_output=True,
        text=True,
        timeout=120,
    )


def test_reads_a_file_and_matches_the_api(tmp_path, capsys):
    body = make_request(
        lender_type="microlender",
        events=[{"target": "employer", "channel": "visit_work", "disclosed_debt": True}],
        tactics=["threat_exposure"],
    )
    path = tmp_path / "request.json"
    path.write_text(json.dumps(body), encoding="utf-8")
    call_command("assess", str(path))
    printed = json.loads(capsys.readouterr().out)
    api = Client().post("/api/v1/assess", json.dumps(body), content_type="application/json").json()
    assert printed == api


def test_reads_standard_input_in_english():
    result = run(["--lang", "en"], stdin=json.dumps(make_request(tactics=["detention"])))
    assert result.returncode == 0, result.stderr
    data = json.loads(result.stdout)
    assert data["overall"] == "criminal"
    assert data["findings"][0]["title"] == "Holding someone against their will"


def test_invalid_request_exits_2_with_errors_on_stderr():
    result = run([], stdin=json.dumps({"lender_type": "bank", "events": [{"target": "family"}]}))
    assert result.returncode == 2
    assert result.stdout == ""
    errors = json.loads(result.stderr)["errors"]
    assert [e["field"] for e in errors] == ["events[0].channel"]


def test_malformed_json_exits_2():
    result = run([], stdin="{nope")
    assert result.returncode == 2
    assert json.loads(result.stderr)["errors"][0]["field"] == "body"
