"""Letters under load: the slowest letter allowed, pages while letters render, the allowance.

    .venv/bin/python bench/letter_load.py [--seconds 20] [--soak 60]
    DATABASE_URL=postgres://… .venv/bin/python bench/letter_load.py   # on PostgreSQL

Measured in this run, on this machine:

1. The slowest valid letter: the largest requests the parser accepts (every
   bound of ``letters.request`` at its limit, in Chinese and in Latin text),
   rendered warm in this process: since letters carry a whole evidence log,
   2,000 incidents with every optional field at its share of the totals.
   Target: the documented bound (10 s; a realistic 2,000-incident letter
   takes about 3 s, bench/evidence_log.py).
2. Pages while letters render: gunicorn as in production (2 threaded
   workers), 4 clients each posting the slowest valid letter again and again
   while wrk asks for the home page for ``--seconds``. Target: home page p99
   under 1 s, no 5xx.
3. 60 simultaneous letters from one client: exactly the allowance (20) of
   200s and the rest 429, no 5xx.
4. 20 PDF clients for ``--soak`` seconds, each request from its own address
   (so the allowance does not stop them): target 0 errors (no 5xx, no 503).

Clients are told apart by X-Forwarded-For, with DJANGO_TRUSTED_PROXIES=1, as
behind the reverse proxy of a real deployment.
"""

from __future__ import annotations

import argparse
import collections
import http.client
import itertools
import json
import os
import statistics
import sys
import threading
import time
from pathlib import Path
from urllib.parse import urlsplit

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "rights_guide.settings")

import django  # noqa: E402

django.setup()

from bench._server import gunicorn, wrk  # noqa: E402
from bench.letter_pdf import REFERENCE  # noqa: E402
from rights_guide.evidence.record import (  # noqa: E402
    FLAGS,
    MAX_CALLER_TEXT,
    MAX_FILE_NAME,
    MAX_FILES,
    MAX_FILES_PER_INCIDENT,
    MAX_INCIDENT_MARKS,
)
from rights_guide.knowledge import get_knowledge  # noqa: E402
from rights_guide.letters import (  # noqa: E402
    build_letter,
    parse_letter_request,
    render_letter_html,
    render_letter_pdf,
)
from rights_guide.letters.request import (  # noqa: E402
    MAX_INCIDENT_LINES,
    MAX_INCIDENT_TEXT,
    MAX_INCIDENTS,
    MAX_PARAGRAPH,
    MAX_PARAGRAPH_LINES,
    MAX_REQUESTS,
    MAX_REQUESTS_LINES,
)
from rights_guide.reading import MAX_UNBROKEN_RUN  # noqa: E402

BOUND_SECONDS = 10.0
_addresses = itertools.count(1)


def _block(unit: str, characters: int, lines: int) -> str:
    """A text of about ``characters`` characters over exactly ``lines`` lines."""
    per_line = max(1, characters // lines - 1)
    line = (unit * (per_line // len(unit) + 1))[:per_line]
    return "\n".join([line] * lines)


def slowest_requests() -> dict[str, dict]:
    """The largest letters the parser accepts: every text at its limit of characters and lines.

    A whole log: ``MAX_INCIDENTS`` incidents, their descriptions sharing the
    letter's total of characters and line breaks, their callers the total
    of caller characters, each with every flag and its share of the marks
    (the tactics with the longest words), and ``MAX_FILES`` files with the
    longest names and fingerprints.
    """
    variants = {
        "chinese": "催收员打电话到我家里威胁我母亲",
        "latin": ("W" * (MAX_UNBROKEN_RUN - 1)) + " ",
    }
    vocabulary = get_knowledge().vocabulary
    wordiest = sorted(vocabulary.tactics, key=lambda tactic: -len(tactic.name.zh_hans))
    tactics = [tactic.code for tactic in wordiest[: MAX_INCIDENT_MARKS // MAX_INCIDENTS]]
    caller = MAX_CALLER_TEXT // MAX_INCIDENTS
    requests = {}
    for name, unit in variants.items():
        data = json.loads(json.dumps(REFERENCE))
        data["kind"] = "lender"
        per = MAX_INCIDENT_TEXT // MAX_INCIDENTS
        broken = min(MAX_INCIDENTS, MAX_INCIDENT_LINES)  # these descriptions get a line break
        files_each = MAX_FILES_PER_INCIDENT
        with_files = MAX_FILES // files_each
        data["incidents"] = [
            {
                "when": "2026-10-%02dT%02d:%02d" % (i % 28 + 1, i % 24, i % 60),
                "target": "family",
                "channel": "call",
                "description": _block(unit, per, 2 if i < broken else 1),
                "caller": (unit * caller)[:caller],
                **dict.fromkeys(FLAGS, True),
                "tactics": tactics,
                "files": [
                    {
                        "name": (unit * MAX_FILE_NAME)[: MAX_FILE_NAME - 4] + ".jpg",
                        "size": 10**12 + f,
                        "date": "2026-10-01",
                        "sha256": "%064x" % (i * files_each + f),
                    }
                    for f in range(files_each)
                ]
                if i < with_files
                else [],
            }
            for i in range(MAX_INCIDENTS)
        ]
        data["requests"] = _block(unit, MAX_REQUESTS, MAX_REQUESTS_LINES)
        data["paragraphs"] = {
            key: _block(unit, MAX_PARAGRAPH, MAX_PARAGRAPH_LINES)
            for key in ("facts", "requests", "closing")
        }
        today = django.utils.timezone.localdate()
        parse_letter_request(data, today=today)  # it must be valid
        requests[name] = data
    return requests


def render_seconds(data: dict, repeat: int = 3) -> list[float]:
    today = django.utils.timezone.localdate()
    letter = build_letter(parse_letter_request(data, today=today), today=today)
    html = render_letter_html(letter, language=letter.language, for_pdf=True)
    samples = []
    for _ in range(repeat):
        start = time.perf_counter()
        render_letter_pdf(html)
        samples.append(time.perf_counter() - start)
    return samples


def post_letter(base: str, body: bytes, address: str | None = None) -> int:
    parts = urlsplit(base)
    connection = http.client.HTTPConnection(parts.hostname, parts.port, timeout=120)
    headers = {"Content-Type": "application/json"}
    headers["X-Forwarded-For"] = address or "10.%d.%d.%d" % next_address()
    try:
        connection.request("POST", "/api/v1/letters", body=body, headers=headers)
        response = connection.getresponse()
        response.read()
        return response.status
    finally:
        connection.close()


def next_address() -> tuple[int, int, int]:
    number = next(_addresses)
    return (number >> 16) & 255, (number >> 8) & 255, number & 255


def pages_while_letters_render(base: str, body: bytes, seconds: int) -> tuple[dict, dict]:
    stop = threading.Event()
    statuses: collections.Counter = collections.Counter()

    def client():
        while not stop.is_set():
            statuses[post_letter(base, body)] += 1

    threads = [threading.Thread(target=client) for _ in range(4)]
    for thread in threads:
        thread.start()
    time.sleep(2)  # the four letters are rendering or waiting
    pages = wrk(base + "/", seconds=seconds, connections=8)
    stop.set()
    for thread in threads:
        thread.join()
    return pages, dict(statuses)


def simultaneous_from_one_client(base: str, body: bytes, count: int = 60) -> dict:
    barrier = threading.Barrier(count)
    statuses: collections.Counter = collections.Counter()

    def one():
        barrier.wait()
        statuses[post_letter(base, body, address="10.200.0.1")] += 1

    threads = [threading.Thread(target=one) for _ in range(count)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    return dict(statuses)


def soak(base: str, body: bytes, clients: int, seconds: int) -> tuple[dict, list[float]]:
    deadline = time.monotonic() + seconds
    statuses: collections.Counter = collections.Counter()
    durations: list[float] = []

    def client():
        while time.monotonic() < deadline:
            start = time.perf_counter()
            statuses[post_letter(base, body)] += 1
            durations.append(time.perf_counter() - start)

    threads = [threading.Thread(target=client) for _ in range(clients)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    return dict(statuses), durations


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--seconds", type=int, default=20, help="wrk run beside the letters")
    parser.add_argument("--soak", type=int, default=60, help="seconds of 20 PDF clients")
    parser.add_argument("--slowest-only", action="store_true", help="only part 1")
    args = parser.parse_args()
    database = "PostgreSQL" if os.environ.get("DATABASE_URL") else "SQLite"

    print("1. The slowest valid letter, warm, in this process (target <= %.0f s):" % BOUND_SECONDS)
    requests = slowest_requests()
    render_seconds(REFERENCE, repeat=1)  # warm up
    worst = 0.0
    for name, data in requests.items():
        samples = render_seconds(data)
        worst = max(worst, max(samples))
        print(
            "   %-8s median %.2f s, max %.2f s  (%d incidents, %d KB of JSON)"
            % (
                name,
                statistics.median(samples),
                max(samples),
                len(data["incidents"]),
                len(json.dumps(data, ensure_ascii=False).encode()) // 1024,
            )
        )
    print("   slowest: %.2f s -> %s" % (worst, "met" if worst <= BOUND_SECONDS else "NOT MET"))
    if args.slowest_only:
        return

    slow_body = json.dumps(requests["chinese"], ensure_ascii=False).encode()
    reference_body = json.dumps(REFERENCE, ensure_ascii=False).encode()
    with gunicorn(workers=2, DJANGO_TRUSTED_PROXIES="1") as (base, _env):
        print(
            "\n2. GET / while 4 clients post the slowest letter (%s, %d s):"
            % (database, args.seconds)
        )
        pages, statuses = pages_while_letters_render(base, slow_body, args.seconds)
        print(
            "   home page: %.0f req/s, p50 %s, p99 %s, non-2xx %d   letters: %s"
            % (pages["rps"], pages["p50"], pages["p99"], pages["non_2xx"], statuses)
        )

        print("\n3. 60 simultaneous letters from one client (%s):" % database)
        statuses = simultaneous_from_one_client(base, reference_body)
        print("   %s  (target: {200: 20, 429: 40})" % dict(sorted(statuses.items())))

        print(
            "\n4. 20 PDF clients for %d s, each request from its own address (%s):"
            % (args.soak, database)
        )
        statuses, durations = soak(base, reference_body, 20, args.soak)
        errors = sum(count for status, count in statuses.items() if status >= 500)
        print(
            "   %s, %.1f PDFs/s, each answered in median %.1f s, max %.1f s; errors: %d (target 0)"
            % (
                dict(sorted(statuses.items())),
                statuses.get(200, 0) / args.soak,
                statistics.median(durations),
                max(durations),
                errors,
            )
        )


if __name__ == "__main__":
    main()
