"""Benchmark the assessment: the engine alone, and the API under gunicorn.

    .venv/bin/python bench/assess.py [--seconds 10]

Reports the engine's median time per assessment of a 20-event story (target:
under 1 ms), and the API's requests per second under gunicorn (the production configuration, 2
threaded workers) beside a plain Django view returning a small JSON object (/healthz),
measured in the same run with wrk (target: the API at least 70% of the plain
view's throughput).
"""

from __future__ import annotations

import argparse
import json
import os
import statistics
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "rights_guide.settings")

import django
import orjson

django.setup()

from bench._server import gunicorn, wrk  # noqa: E402
from rights_guide.assessment import evaluate, parse_answers  # noqa: E402
from rights_guide.knowledge import get_knowledge  # noqa: E402
from rights_guide.results import assessment_json, present_plainly  # noqa: E402

VOCABULARY = get_knowledge().vocabulary
CHANNELS = VOCABULARY.contact_means.codes
# Every kind of person once, and the borrower twice, over every channel.
TARGETS = [*VOCABULARY.targets.codes, "borrower"]

REQUEST = {
    "lender_type": "lending_platform",
    "annual_rate_percent": 35.9,
    "conduct_date": "2026-10-15",
    "events": [
        {
            "target": TARGETS[i % len(TARGETS)],
            "channel": CHANNELS[i % len(CHANNELS)],
            "times_per_day": 1 + (i * 7) % 40,
            "at_night": i % 3 == 0,
            "disclosed_debt": i % 2 == 0,
            "asked_to_pay": i % 5 == 0,
            "after_stop_request": i % 4 == 0,
            "borrower_unreachable": i % 6 == 0,
        }
        for i in range(20)
    ],
    "tactics": [
        "insults",
        "threat_exposure",
        "doctored_images",
        "fake_legal_documents",
        "false_consequences",
        "extra_fees",
    ],
}


# A more ordinary 20-event story: mostly reminders, some pressure on family.
TYPICAL = {
    "lender_type": "consumer_finance",
    "conduct_date": "2026-09-20",
    "events": [
        {"target": "borrower", "channel": "call", "times_per_day": 2 + i % 3} for i in range(8)
    ]
    + [{"target": "borrower", "channel": "sms", "times_per_day": 1 + i % 2} for i in range(4)]
    + [{"target": "family", "channel": "call", "disclosed_debt": i == 0} for i in range(4)]
    + [{"target": "emergency_contact", "channel": "call", "borrower_unreachable": True}] * 2
    + [{"target": "employer", "channel": "call"}, {"target": "colleagues", "channel": "im"}],
    "tactics": ["false_consequences", "lawsuit_notice"],
}


# Twenty letters to the borrower: the engine's work for 20 events, one short finding.
LIGHT = {
    "lender_type": "bank",
    "conduct_date": "2026-10-15",
    "events": [{"target": "borrower", "channel": "letter"}] * 20,
}


def time_it(function, repeat: int) -> list[float]:
    samples = []
    for _ in range(repeat):
        start = time.perf_counter_ns()
        function()
        samples.append((time.perf_counter_ns() - start) / 1000)
    return samples


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--seconds", type=int, default=10, help="duration of each wrk run")
    parser.add_argument("--repeat", type=int, default=5000, help="engine iterations")
    args = parser.parse_args()

    answers = parse_answers(REQUEST, today=django.utils.timezone.localdate())
    result = evaluate(answers)
    print(
        "Story: %d events, %d tactics -> %d findings, overall %s"
        % (len(answers.events), len(answers.tactics), len(result.findings), result.overall)
    )
    time_it(lambda: evaluate(answers), 200)  # warm up
    engine = time_it(lambda: evaluate(answers), args.repeat)
    parse = time_it(lambda: parse_answers(REQUEST, today=answers.conduct_date), args.repeat)
    respond = time_it(lambda: assessment_json(evaluate(answers), "zh-hans"), 1000)
    # The one fast path kept: text shared between answers (results.py), beside the plain path.
    assessment = evaluate(answers)
    shared = time_it(lambda: assessment_json(assessment, "zh-hans"), 2000)
    plain = time_it(lambda: orjson.dumps(present_plainly(assessment, "zh-hans")), 2000)
    print("\nEngine, %d runs (microseconds):" % args.repeat)
    print(
        "  evaluate()                  median %7.1f   p95 %7.1f   target < 1000"
        % (statistics.median(engine), statistics.quantiles(engine, n=20)[-1])
    )
    print("  parse_answers()             median %7.1f" % statistics.median(parse))
    print("  evaluate + JSON response   median %7.1f" % statistics.median(respond))
    print(
        "  JSON, shared parts %7.1f  vs built afresh %7.1f  (the shared parts are kept if faster)"
        % (statistics.median(shared), statistics.median(plain))
    )

    body = json.dumps(REQUEST, ensure_ascii=False)
    with gunicorn(workers=2) as (base, _env):
        plain = wrk(base + "/healthz", seconds=args.seconds)
        api = wrk(base + "/api/v1/assess", seconds=args.seconds, body=body)
        typical = wrk(
            base + "/api/v1/assess",
            seconds=args.seconds,
            body=json.dumps(TYPICAL, ensure_ascii=False),
        )
        light = wrk(base + "/api/v1/assess", seconds=args.seconds, body=json.dumps(LIGHT))
        plain_again = wrk(base + "/healthz", seconds=args.seconds)
    plain["rps"] = (plain["rps"] + plain_again["rps"]) / 2  # before and after, for drift
    ratio = api["rps"] / plain["rps"]
    print(
        "\nHTTP, gunicorn (production config: 2 gthread workers), wrk -t2 -c16 -d%ds:"
        % args.seconds
    )
    print(
        "  plain JSON view (/healthz)   %8.1f req/s   p50 %-8s p99 %-8s non-2xx %d"
        % (plain["rps"], plain["p50"], plain["p99"], plain["non_2xx"])
    )
    print(
        "  POST /api/v1/assess (20 ev)  %8.1f req/s   p50 %-8s p99 %-8s non-2xx %d"
        % (api["rps"], api["p50"], api["p99"], api["non_2xx"])
    )
    typical_findings = len(evaluate(parse_answers(TYPICAL, today=answers.conduct_date)).findings)
    print(
        "  POST /api/v1/assess (typical) %7.1f req/s   p50 %-8s p99 %-8s non-2xx %d   (%d findings)"
        % (typical["rps"], typical["p50"], typical["p99"], typical["non_2xx"], typical_findings)
    )
    print(
        "  POST /api/v1/assess (light)   %7.1f req/s   p50 %-8s p99 %-8s non-2xx %d   (1 finding)"
        % (light["rps"], light["p50"], light["p99"], light["non_2xx"])
    )
    print("  API / plain view, heavy story   %5.1f%%  (target >= 70%%)" % (100 * ratio))
    print("  API / plain view, typical story %5.1f%%" % (100 * typical["rps"] / plain["rps"]))
    print("  API / plain view, light story   %5.1f%%" % (100 * light["rps"] / plain["rps"]))


if __name__ == "__main__":
    main()
