"""A letter flood: do pages stay fast while 40 clients post the largest letter again and again?

    .venv/bin/python bench/flood.py [--seconds 30] [--clients 40] [--one-address]
    DATABASE_URL=postgres://… .venv/bin/python bench/flood.py   # on PostgreSQL

gunicorn as in production (2 threaded workers, 1 render slot, a queue of
20). First wrk asks for the home page alone for 10 s; then ``--clients``
clients, each from its own address (told apart by X-Forwarded-For with
DJANGO_TRUSTED_PROXIES=1, as behind one reverse proxy; every address is a
loopback one and every request goes to 127.0.0.1), post the slowest valid
letter (bench/letter_load.slowest_requests, about 776 KB) to
``/api/v1/letters`` for ``--seconds``, each sending its next letter as
soon as it has an answer, or after the Retry-After of a refusal, while wrk
asks for the home page again. ``--hostile`` clients ignore Retry-After and
post again at once: then the refusals themselves (hundreds a second, each
uploading 776 KB from this same machine) are the load. ``--one-address`` sends every
letter from the same address instead.

Target: the home page's p99 under 300 ms during the flood, with no error
(no socket error, no timeout, no non-2xx) and no 5xx other than the
designed 503 "busy" answers for the letters. Printed: the home page alone
and under the flood, and for the letters how many got each status and how
long the answers took (refusals should come back at once, not after the
letter has been parsed).
"""

from __future__ import annotations

import argparse
import collections
import http.client
import json
import re
import shutil
import statistics
import subprocess
import sys
import threading
import time
from pathlib import Path
from urllib.parse import urlsplit

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from bench._server import gunicorn  # noqa: E402
from bench.letter_load import slowest_requests  # noqa: E402  (sets Django up)

TARGET_P99_MS = 300.0


def wrk_home(base: str, seconds: int, connections: int = 4) -> dict:
    """wrk on the home page: requests/s, p50/p99 in ms, and every kind of error it counts."""
    if shutil.which("wrk") is None:
        raise SystemExit("wrk is not installed: apt-get install wrk")
    args = ["wrk", "-t1", "-c%d" % connections, "-d%ds" % seconds, "--latency", "--timeout", "5s"]
    output = subprocess.run([*args, base + "/"], capture_output=True, text=True, check=True).stdout
    units = {"us": 0.001, "ms": 1.0, "s": 1000.0}

    def millis(text: str) -> float:
        number, unit = re.fullmatch(r"([\d.]+)(\w+)", text).groups()
        return float(number) * units[unit]

    done = int(re.search(r"(\d+) requests in", output).group(1))
    if done == 0:  # nothing answered at all: no latency to read
        return {
            "rps": 0.0,
            "p50_ms": float("inf"),
            "p99_ms": float("inf"),
            "errors": 0,
            "requests": 0,
            "wrk": output,
        }
    latency = dict(re.findall(r"\s+(50|99)%\s+([\d.]+\w+)", output))
    non_2xx = re.search(r"Non-2xx or 3xx responses: (\d+)", output)
    socket = re.search(
        r"Socket errors: connect (\d+), read (\d+), write (\d+), timeout (\d+)", output
    )
    return {
        "rps": float(re.search(r"Requests/sec:\s+([\d.]+)", output).group(1)),
        "p50_ms": millis(latency["50"]),
        "p99_ms": millis(latency["99"]),
        "requests": done,
        "errors": (int(non_2xx.group(1)) if non_2xx else 0)
        + (sum(int(n) for n in socket.groups()) if socket else 0),
    }


def flood(
    base: str, body: bytes, clients: int, seconds: float, one_address: bool, hostile: bool
) -> list:
    """``clients`` threads posting ``body`` until ``seconds`` have passed.

    Each waits as long as a refusal's Retry-After asks before its next letter,
    unless ``hostile``: then it sends the next one at once.
    """
    parts = urlsplit(base)
    deadline = time.monotonic() + seconds
    answers: list[tuple[int, float]] = []
    lock = threading.Lock()

    def client(index: int) -> None:
        address = (
            "127.0.1.1" if one_address else "127.0.%d.%d" % (1 + index // 250, 1 + index % 250)
        )
        headers = {"Content-Type": "application/json", "X-Forwarded-For": address}
        for _attempt in range(10_000):  # bounded; the deadline ends it long before
            if time.monotonic() >= deadline:
                return
            started = time.monotonic()
            connection = http.client.HTTPConnection(parts.hostname, parts.port, timeout=120)
            try:
                connection.request("POST", "/api/v1/letters", body=body, headers=headers)
                response = connection.getresponse()
                response.read()
                status = response.status
                retry_after = int(response.getheader("Retry-After") or 0)
            except OSError:
                status, retry_after = 0, 1  # connection reset or timeout
            finally:
                connection.close()
            with lock:
                answers.append((status, time.monotonic() - started))
            if not hostile and retry_after:  # as a browser or a well-behaved API client would
                time.sleep(min(retry_after, max(0.0, deadline - time.monotonic())))

    threads = [threading.Thread(target=client, args=(i,)) for i in range(clients)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    return answers


def summarise(answers: list) -> dict:
    by_status = collections.defaultdict(list)
    for status, seconds in answers:
        by_status[status].append(seconds)
    return {
        str(status): {
            "count": len(times),
            "median_s": round(statistics.median(times), 2),
            "max_s": round(max(times), 2),
        }
        for status, times in sorted(by_status.items())
    }


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--seconds", type=int, default=30)
    parser.add_argument("--clients", type=int, default=40)
    parser.add_argument("--one-address", action="store_true")
    parser.add_argument(
        "--hostile", action="store_true", help="ignore Retry-After: post again at once"
    )
    args = parser.parse_args()
    body = json.dumps(slowest_requests()["chinese"], ensure_ascii=False).encode()
    print("letter body: %d KB" % (len(body) // 1024))
    with gunicorn(workers=2, DJANGO_TRUSTED_PROXIES="1") as (base, _env):
        alone = wrk_home(base, 10)
        print("GET / alone: %s" % alone)
        result: dict = {}
        flooding = threading.Thread(
            target=lambda: result.update(
                answers=flood(
                    base, body, args.clients, args.seconds + 2, args.one_address, args.hostile
                )
            )
        )
        flooding.start()
        time.sleep(2)  # let the flood fill the queue first
        loaded = wrk_home(base, args.seconds)
        flooding.join()
        print("GET / during the flood: %s" % loaded)
        print("letters: %s" % json.dumps(summarise(result["answers"])))
        met = loaded["p99_ms"] < TARGET_P99_MS and loaded["errors"] == 0
        print(
            "target: GET / p99 under %d ms with 0 errors during the flood: %s"
            % (TARGET_P99_MS, "met" if met else "NOT met")
        )


if __name__ == "__main__":
    main()
