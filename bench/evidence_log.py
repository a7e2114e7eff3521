"""Benchmark the evidence log: its pages, the CSV import, and letters carrying it, in one run.

    .venv/bin/python bench/evidence_log.py [--runs 30] [--renders 5] [--letters 4] [--notes-only]

Measured in this run, on this machine, each printed beside its target:

1. The log page of a visitor with 2,000 incidents over 18 days, served by
   gunicorn as in production (DEBUG off, 2 workers): median server time
   (complete response on loopback) of the latest day (the page's default),
   a day in the middle, and the chart page. Target: ≤ 150 ms.
2. CSV import of 2,000 rows through ``POST /log/import/`` into a fresh
   visitor's log: median server time of ``--imports`` runs. Target: ≤ 1 s.
   Also the reader alone (``csvio.read_csv``), in this process.
3. A letter with a 100-incident appendix, warm, in this process: median
   of parse + write + HTML + PDF. Target: ≤ 600 ms warm.
4. A letter with a 2,000-incident appendix, warm: median of ``--renders``.
   Target: ≤ 4 s. Resident memory of this process when warm and after each
   render (flat: the last within 10 MB of warm), and the same for the
   gunicorn workers serving ``--letters`` 2,000-incident letters through
   ``POST /api/v1/letters`` (the last within 10 MB of before the first).

5. A realistic full log typed in a spreadsheet: 2,000 contacts, each with a
   note of 30 characters, imported with ``csvio.read_csv`` (every contact
   and every note must be kept whole) and printed as a lender letter whose
   appendix holds them all: median of ``--renders`` renders of its PDF.
   Target: ≤ 4 s. ``--notes-only`` runs this part alone.

Processor time (this process and its children: a large letter is laid out
in a forked child) is printed beside wall time: on a shared machine the wall
time includes waiting for a core.
"""

from __future__ import annotations

import argparse
import csv
import datetime
import gc
import io
import json
import os
import statistics
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "rights_guide.settings")

import django  # noqa: E402

django.setup()

from bench._server import gunicorn  # noqa: E402
from bench.letter_pdf import REFERENCE  # noqa: E402
from bench.pages import Browser  # noqa: E402
from rights_guide.evidence.csvio import COLUMNS, Words, read_csv  # noqa: E402
from rights_guide.evidence.record import incident_to_data  # noqa: E402
from rights_guide.knowledge import get_knowledge  # noqa: E402
from rights_guide.letters import (  # noqa: E402
    build_letter,
    parse_letter_request,
    render_letter_html,
    render_letter_pdf,
    warm_up,
)

TODAY = datetime.date(2026, 11, 29)
TARGETS = ("borrower", "family", "friends", "colleagues", "contacts_list", "employer")
CHANNELS = ("call", "call", "call", "sms", "im")
WORDS = ("骂我是老赖", "说要上门", "让家人替我还钱", "说要通知单位", "", "", "")
TARGET_MS = {
    "page": 150,
    "import": 1000,
    "letter_100": 600,
    "letter_2000": 4000,
    "notes_letter": 4000,
}
NOTE = "对方打电话说今天不还钱就上门找我家里人和单位领导，还骂我是老赖"


def incidents(count: int) -> list[dict]:
    """A log as a borrower might keep it: 18 days from 3 October, day and night, 6 people."""
    made = []
    for n in range(count):
        day = datetime.date(2026, 10, 3) + datetime.timedelta(days=n * 18 // count)
        hour = (7 + n * 5) % 24
        made.append(
            {
                "when": "%sT%02d:%02d" % (day.isoformat(), hour, (n * 13) % 60),
                "target": TARGETS[n % len(TARGETS)],
                "channel": CHANNELS[n % len(CHANNELS)],
                "description": WORDS[n % len(WORDS)],
                "caller": "1381234%04d" % (n % 40),
                "disclosed_debt": n % 3 == 1,
                "after_stop_request": n % 4 == 0,
                "tactics": ["insults"] if n % 6 == 0 else [],
                "evidence": ["screenshot"] if n % 10 == 0 else [],
                "files": [
                    {
                        "name": "IMG_%04d.jpg" % n,
                        "size": 180_000 + n,
                        "date": day.isoformat(),
                        "sha256": "%064x" % (n * 7919),
                    }
                ]
                if n % 10 == 0
                else [],
            }
        )
    return made


def as_csv(rows: list[dict]) -> str:
    buffer = io.StringIO()
    writer = csv.writer(buffer, lineterminator="\r\n")
    writer.writerow(COLUMNS)
    for row in rows:
        day, moment = row["when"].split("T")
        files = "\n".join(
            "%s|%d|%s|%s" % (f["name"], f["size"], f["date"], f["sha256"]) for f in row["files"]
        )
        writer.writerow(
            [
                day,
                moment,
                row["target"],
                row["channel"],
                row["caller"],
                row["description"],
                "yes" if row["disclosed_debt"] else "no",
                "no",
                "yes" if row["after_stop_request"] else "no",
                ";".join(row["tactics"]),
                ";".join(row["evidence"]),
                files,
            ]
        )
    return buffer.getvalue()


def resident_mb(pid: int | str = "self") -> float:
    for line in Path("/proc/%s/status" % pid).read_text().splitlines():
        if line.startswith("VmRSS:"):
            return int(line.split()[1]) / 1024
    return 0.0


def workers_of_this_run() -> list[int]:
    """The gunicorn workers started by this process (children of its master)."""

    def parent(pid: str) -> int:
        stat = Path("/proc/%s/stat" % pid).read_text()
        return int(stat.rsplit(")", 1)[1].split()[1])

    pids = [p for p in os.listdir("/proc") if p.isdigit()]
    masters = []
    for pid in pids:
        try:
            if (
                parent(pid) == os.getpid()
                and b"gunicorn" in Path("/proc/%s/cmdline" % pid).read_bytes()
            ):
                masters.append(int(pid))
        except OSError:
            continue
    workers = []
    for pid in pids:
        try:
            if parent(pid) in masters:
                workers.append(int(pid))
        except OSError:
            continue
    return sorted(workers)


def median_ms(samples: list[float]) -> float:
    return statistics.median(samples) * 1000


def timed(function, repeat: int) -> tuple[list[float], list[float]]:
    """Wall-clock and processor seconds of each call (a large letter's child process included)."""

    def processor() -> float:
        times = os.times()
        return times.user + times.system + times.children_user + times.children_system

    wall, cpu = [], []
    for _ in range(repeat):
        started, used = time.perf_counter(), processor()
        function()
        wall.append(time.perf_counter() - started)
        cpu.append(processor() - used)
    return wall, cpu


def letter_of(count: int) -> dict:
    data = json.loads(json.dumps(REFERENCE))
    data["incidents"] = incidents(count)
    data["people_reached"] = 11
    return data


def make_letter(data: dict) -> bytes:
    letter = build_letter(parse_letter_request(data, today=TODAY), today=TODAY)
    return render_letter_pdf(render_letter_html(letter, language=letter.language, for_pdf=True))


def import_log(browser: Browser, text: str) -> float:
    _s, _l, _raw, html, _e = browser.request("GET", "/log/import/")
    status, _location, _raw, page, elapsed = browser.request(
        "POST", "/log/import/", {"text": text, "csrfmiddlewaretoken": browser.csrf(html)}
    )
    assert status == 200 and "2000" in page, status
    return elapsed


def bench_pages(base: str, runs: int, imports: int, report: dict) -> None:
    text = as_csv(incidents(2000))
    times = [import_log(Browser(base), text) for _ in range(imports)]
    report["import"] = median_ms(times)
    browser = Browser(base)
    import_log(browser, text)
    pages = {
        "latest day": "/log/",
        "a day in the middle": "/log/?day=2026-10-12",
        "chart page": "/log/chart/",
    }
    rows = []
    for name, path in pages.items():
        samples = []
        for _ in range(runs):
            status, _location, raw, _html, elapsed = browser.request("GET", path)
            assert status == 200, (path, status)
            samples.append(elapsed)
        rows.append((name, median_ms(samples), max(samples) * 1000, len(raw)))
    report["page"] = max(row[1] for row in rows)
    print(
        "\n%-24s %10s %10s %12s"
        % ("log page, 2,000 incidents", "median ms", "max ms", "gzip bytes")
    )
    for name, median, longest, size in rows:
        print("%-24s %10.1f %10.1f %12d" % (name, median, longest, size))
    print(
        "CSV import of 2,000 rows through the page: median %.0f ms of %d (target ≤ %d)"
        % (report["import"], imports, TARGET_MS["import"])
    )


def bench_worker_memory(base: str, letters: int, report: dict) -> None:
    """2,000-incident letters through the API: the workers' memory before, peak and after."""
    import http.client
    from urllib.parse import urlsplit

    body = json.dumps(letter_of(2000), ensure_ascii=False).encode()
    parsed = urlsplit(base)
    workers = workers_of_this_run()
    before = {pid: resident_mb(pid) for pid in workers}
    seen = []
    for number in range(letters):
        connection = http.client.HTTPConnection(parsed.hostname, parsed.port, timeout=120)
        started = time.perf_counter()
        connection.request(
            "POST",
            "/api/v1/letters",
            body=body,
            headers={
                "Content-Type": "application/json",
                "X-Forwarded-For": "198.51.100.%d" % (number + 1),
            },
        )
        response = connection.getresponse()
        pdf = response.read()
        elapsed = time.perf_counter() - started
        assert response.status == 200 and pdf.startswith(b"%PDF"), (response.status, pdf[:300])
        seen.append(({pid: resident_mb(pid) for pid in workers}, elapsed))
    print(
        "\ngunicorn workers, %d letters of 2,000 incidents through POST /api/v1/letters:" % letters
    )
    print("  before: %s MB" % ", ".join("%.0f" % before[pid] for pid in workers))
    for number, (after, elapsed) in enumerate(seen, start=1):
        print(
            "  after letter %d (%.2f s): %s MB"
            % (number, elapsed, ", ".join("%.0f" % after[pid] for pid in workers))
        )
    last = seen[-1][0]
    report["worker_growth"] = max(last[pid] - before[pid] for pid in workers)
    print(
        "  growth from before the first letter to after the last: %.1f MB (flat: ≤ 10)"
        % report["worker_growth"]
    )


def bench_letters(renders: int, report: dict) -> None:
    warm_up()
    make_letter(letter_of(15))
    words = Words.of(get_knowledge().vocabulary, {})
    text = as_csv(incidents(2000))
    wall, _cpu = timed(
        lambda: read_csv(text, words=words, now=datetime.datetime(2026, 11, 29, 12)), 5
    )
    print("\ncsvio.read_csv of 2,000 rows in this process: median %.0f ms" % median_ms(wall))
    hundred = letter_of(100)
    wall, cpu = timed(lambda: make_letter(hundred), 7)
    report["letter_100"] = median_ms(wall)
    print(
        "letter with a 100-incident appendix, warm: median %.0f ms (processor %.0f ms), "
        "target ≤ %d" % (report["letter_100"], median_ms(cpu), TARGET_MS["letter_100"])
    )
    gc.collect()
    baseline = resident_mb()
    big = letter_of(2000)
    samples, memory = [], []
    for _ in range(renders):
        wall, cpu = timed(lambda: make_letter(big), 1)
        samples.append((wall[0], cpu[0]))
        memory.append(resident_mb())
    pdf = make_letter(big)
    report["letter_2000"] = median_ms([wall for wall, _cpu in samples])
    print(
        "letter with a 2,000-incident appendix, warm: median %.2f s (processor %.2f s), "
        "%d KB; target ≤ %.0f s"
        % (
            report["letter_2000"] / 1000,
            statistics.median(cpu for _wall, cpu in samples),
            len(pdf) // 1024,
            TARGET_MS["letter_2000"] / 1000,
        )
    )
    report["process_growth"] = memory[-1] - baseline
    print(
        "  this process: %.0f MB warm; after each render %s MB (growth from warm to the last %.1f MB)"
        % (baseline, ", ".join("%.0f" % mb for mb in memory), report["process_growth"])
    )


def thirty_character_notes() -> list[dict]:
    """2,000 contacts, each with its own 30-character note (a number and a sentence)."""
    made = incidents(2000)
    for number, incident in enumerate(made):
        incident["description"] = ("第%d次：%s" % (number + 1, NOTE))[:30]
    return made


def bench_thirty_character_notes(renders: int, report: dict) -> None:
    """A 2,000-row CSV with 30-character notes: all kept whole, then the letter's PDF."""
    warm_up()
    make_letter(letter_of(15))
    words = Words.of(get_knowledge().vocabulary, {})
    text = as_csv(thirty_character_notes())
    now = datetime.datetime(2026, 11, 29, 12)
    wall, _cpu = timed(lambda: read_csv(text, words=words, now=now), 3)
    result = read_csv(text, words=words, now=now)
    characters = sum(len(incident.description) for incident in result.incidents)
    assert len(result.incidents) == 2000 and not result.errors and not result.shortened, (
        len(result.incidents),
        result.errors[:3],
        result.shortened,
    )
    print(
        "\n2,000 rows with 30-character notes (%d characters of notes): read in %.0f ms; "
        "%d kept, %d notes shortened, %d problems"
        % (characters, median_ms(wall), len(result.incidents), result.shortened, len(result.errors))
    )
    data = json.loads(json.dumps(REFERENCE))
    data["incidents"] = [incident_to_data(incident) for incident in result.incidents]
    data["people_reached"] = 11
    samples = []
    for _ in range(renders):
        wall, cpu = timed(lambda: make_letter(data), 1)
        samples.append((wall[0], cpu[0]))
    pdf = make_letter(data)
    report["notes_letter"] = median_ms([wall for wall, _cpu in samples])
    print(
        "its letter (lender, all 2,000 in the appendix), warm: median %.2f s (processor %.2f s), "
        "%d KB; target ≤ %.0f s"
        % (
            report["notes_letter"] / 1000,
            statistics.median(cpu for _wall, cpu in samples),
            len(pdf) // 1024,
            TARGET_MS["notes_letter"] / 1000,
        )
    )


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--runs", type=int, default=30)
    parser.add_argument("--imports", type=int, default=5)
    parser.add_argument("--renders", type=int, default=5)
    parser.add_argument("--letters", type=int, default=4)
    parser.add_argument("--notes-only", action="store_true", help="only part 5")
    args = parser.parse_args()
    report: dict[str, float] = {}
    bench_thirty_character_notes(args.renders, report)
    if args.notes_only:
        return
    bench_letters(args.renders, report)
    with gunicorn(workers=2, DJANGO_TRUSTED_PROXIES="1") as (base, _env):
        bench_pages(base, args.runs, args.imports, report)
        bench_worker_memory(base, args.letters, report)
    print("\nsummary (target):")
    for key, label in (
        ("page", "log page, 2,000 incidents, slowest median"),
        ("import", "CSV import of 2,000 rows"),
        ("letter_100", "letter with 100 incidents, warm"),
        ("letter_2000", "letter with 2,000 incidents, warm"),
        ("notes_letter", "letter of 2,000 with 30-character notes"),
    ):
        verdict = "ok" if report[key] <= TARGET_MS[key] else "OVER"
        print("  %-44s %8.0f ms (≤ %d) %s" % (label, report[key], TARGET_MS[key], verdict))
    for key, label in (
        ("process_growth", "memory growth over the 2,000 renders, this process"),
        ("worker_growth", "memory growth over the 2,000 letters, workers"),
    ):
        print(
            "  %-44s %8.1f MB (≤ 10) %s"
            % (label, report[key], "ok" if report[key] <= 10 else "OVER")
        )


if __name__ == "__main__":
    main()
