"""Fuzz the JSON API from its own OpenAPI document with schemathesis.

    .venv/bin/python bench/schemathesis.py [--max-examples 500] [--seed N]
    scripts/bench schemathesis

Serves the app as in production (bench/_server.py: gunicorn, DEBUG off,
SQLite in a temporary folder, or DATABASE_URL) and runs schemathesis over
every operation of ``/api/v1/openapi.json`` with at least 500 generated
examples each. Target: 0 failures and 0 server errors.

Every check runs except ``positive_data_acceptance`` (ST202, "a request the
schema allows must be accepted"), unless ``--all-checks`` is given. The
document states every rule JSON Schema can state (real dates, which fields
go with a third party's story, which letters fit which story, nullable
lists, an empty ``?lang=``), but some of the parsers' rules cannot be said
in it: a day not in the future, calls answered not more than calls made,
an ID number's check digit, no invisible characters in printed text, the
totals over a whole log. Requests breaking those are refused with 400
naming each field, as docs/api.md says; ST202 reports them as failures. The letter allowance (429, 20 letters per 10 minutes per client)
and a busy renderer (503) are declared answers, so they conform; most
letter requests after the first twenty are therefore answered 429.
"""

from __future__ import annotations

import argparse
import subprocess
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from bench._server import ROOT, gunicorn

SCHEMATHESIS = Path(sys.executable).parent / "schemathesis"


def main() -> int:
    parser = argparse.ArgumentParser()
    parser.add_argument("--max-examples", type=int, default=500)
    parser.add_argument("--seed", type=int, default=None)
    parser.add_argument("--all-checks", action="store_true", help="include ST202 (see above)")
    args, extra = parser.parse_known_args()  # anything else goes to schemathesis as it is
    if not SCHEMATHESIS.exists():
        raise SystemExit(
            "schemathesis is not installed: .venv/bin/pip install -r requirements-dev.txt"
        )
    with gunicorn() as (base, _env):
        command = [
            str(SCHEMATHESIS),
            "run",
            base + "/api/v1/openapi.json",
            "--url",
            base,
            "--checks",
            "all",
            "--max-examples",
            str(args.max_examples),
            "--continue-on-failure",
            "--suppress-health-check",
            "too_slow,filter_too_much,data_too_large",
            "--request-timeout",
            "120",
            "--workers",
            "2",
        ]
        if not args.all_checks:
            command += ["--exclude-checks", "positive_data_acceptance"]
        command += extra
        if args.seed is not None:
            command += ["--seed", str(args.seed)]
        print(
            "target: every operation, %d examples or more, 0 failures, 0 server errors"
            % args.max_examples
        )
        return subprocess.run(command, cwd=ROOT, check=False).returncode


if __name__ == "__main__":
    raise SystemExit(main())
