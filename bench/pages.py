"""Benchmark the interview, results and guide pages: server time and weight on the wire.

    .venv/bin/python bench/pages.py [--runs 30]

Walks a borrower's story through every page under gunicorn (production
settings: DEBUG off, static files hashed and compressed by WhiteNoise) and
reports, per page, the median server time (time to the complete response on
loopback) and the bytes transferred for the page with its stylesheets and
script, as a phone would fetch them with gzip. Targets: under 50 ms median
per page; under 100 KB transferred, images excluded.

The guide's pages (its contents, every topic in both languages, a search)
are fetched as a first-time visitor from a search engine would, without
cookies, and each topic is fetched again with the ETag it gave: a repeat
visit must be a 304 with no body. Targets: under 30 ms median per page;
under 60 KB transferred with its assets.
"""

from __future__ import annotations

import argparse
import gzip
import http.client
import re
import statistics
import sys
import time
import urllib.parse
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

import yaml

from bench._server import gunicorn

STORY = [
    ("lender", {"lender_type": "lending_platform"}),
    ("funder", {"licensed": "unsure"}),
    ("contacts", {"targets": ["borrower", "family", "contacts_list"]}),
    ("contact-borrower", {"calls": "6", "texts": "3", "at_night": "yes", "time_of_day": "22:40"}),
    ("contact-family", {"calls": "2", "disclosed_debt": "yes", "borrower_unreachable": "no"}),
    ("contact-contacts-list", {"texts": "40", "disclosed_debt": "yes", "asked_to_pay": "yes"}),
    ("tactics", {"tactics": ["insults", "threat_exposure", "fake_legal_documents"]}),
    ("when", {"conduct_date": "2026-03-02"}),
    ("cost", {"annual_rate_percent": "35.9"}),
    ("contract-date", {"contract_date": "2025-06-01"}),
]


class Browser:
    """A minimal cookie-keeping HTTP client, like a phone on one connection."""

    def __init__(self, base: str):
        parsed = urllib.parse.urlparse(base)
        self.connection = http.client.HTTPConnection(parsed.hostname, parsed.port)
        self.cookies: dict[str, str] = {}

    def request(self, method: str, path: str, body: dict | None = None, extra: dict | None = None):
        headers = {"Accept-Encoding": "gzip", "Host": "127.0.0.1", **(extra or {})}
        if self.cookies:
            headers["Cookie"] = "; ".join("%s=%s" % item for item in self.cookies.items())
        data = None
        if body is not None:
            data = urllib.parse.urlencode(body, doseq=True)
            headers["Content-Type"] = "application/x-www-form-urlencoded"
            headers["Origin"] = "http://127.0.0.1"
        start = time.perf_counter()
        self.connection.request(method, path, body=data, headers=headers)
        response = self.connection.getresponse()
        raw = response.read()
        elapsed = time.perf_counter() - start
        for header, value in response.getheaders():
            if header.lower() == "set-cookie":
                name, _, rest = value.partition("=")
                self.cookies[name] = rest.split(";", 1)[0]
        text = gzip.decompress(raw) if response.getheader("Content-Encoding") == "gzip" else raw
        self.last_etag = response.getheader("ETag")
        return (
            response.status,
            response.getheader("Location"),
            raw,
            text.decode("utf-8", "replace"),
            elapsed,
        )

    def csrf(self, html: str) -> str:
        return re.search(r'name="csrfmiddlewaretoken" value="([^"]+)"', html).group(1)


def assets(browser: Browser, html: str) -> int:
    """Bytes on the wire for the stylesheets and scripts a page links."""
    total = 0
    for path in re.findall(r'(?:href|src)="(/static/[^"]+\.(?:css|js))"', html):
        _status, _location, raw, _text, _elapsed = browser.request("GET", path)
        total += len(raw)
    return total


# Every topic in the registry, so a new page is measured without editing this file.
GUIDE_TOPICS = tuple(
    topic["slug"]
    for topic in yaml.safe_load(
        (Path(__file__).resolve().parent.parent / "rights_guide/guide/topics.yaml").read_text(
            encoding="utf-8"
        )
    )["topics"]
)
GUIDE_PAGES = [
    "/guide/",
    "/en/guide/",
    *("/guide/%s/" % slug for slug in GUIDE_TOPICS),
    *("/en/guide/%s/" % slug for slug in GUIDE_TOPICS),
    "/guide/search/?q=%E8%81%94%E7%B3%BB%E5%AE%B6%E4%BA%BA",  # 联系家人
    "/en/guide/search/?q=contact+my+mother",
]


def measure(browser: Browser, path: str, runs: int):
    """Median ms, HTML bytes, bytes with assets and the ETag of one page, fetched ``runs`` times."""
    times = []
    for _ in range(runs):
        status, _location, raw, html, elapsed = browser.request("GET", path)
        assert status == 200, (path, status)
        times.append(elapsed * 1000)
    etag = browser.last_etag
    return statistics.median(times), len(raw), len(raw) + assets(browser, html), etag


def bench_guide(base: str, runs: int) -> None:
    """The guide as a visitor from a search engine sees it, and a repeat visit's 304."""
    browser = Browser(base)
    rows, revisits = [], []
    for path in GUIDE_PAGES:
        median, html_bytes, total, etag = measure(browser, path, runs)
        rows.append((path, median, html_bytes, total))
        if "/search/" not in path:
            status, _location, raw, _html, elapsed = browser.request(
                "GET", path, extra={"If-None-Match": etag}
            )
            revisits.append((path, status, len(raw), elapsed * 1000))
    print("\n%-40s %10s %11s %12s" % ("guide page", "median ms", "HTML bytes", "total bytes"))
    for path, median, html_bytes, total in rows:
        print("%-40s %10.1f %11d %12d" % (urllib.parse.unquote(path), median, html_bytes, total))
    print("\n%-40s %8s %11s %8s" % ("repeat visit (If-None-Match)", "status", "body bytes", "ms"))
    for path, status, size, ms in revisits:
        print("%-40s %8d %11d %8.1f" % (path, status, size, ms))
    print(
        "\nguide: slowest page median %.1f ms (target < 30); heaviest page %d bytes "
        "(target < 61440); repeat visits all 304: %s"
        % (
            max(r[1] for r in rows),
            max(r[3] for r in rows),
            all(status == 304 and size == 0 for _p, status, size, _ms in revisits),
        )
    )


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--runs", type=int, default=30)
    args = parser.parse_args()
    rows = []
    with gunicorn(workers=2) as (base, _env):
        bench_guide(base, args.runs)
        browser = Browser(base)
        pages = ["/", "/en/"]
        for slug, data in STORY:
            path = "/interview/%s/" % slug
            _s, _l, _raw, html, _e = browser.request("GET", path)
            status, _location, *_ = browser.request(
                "POST", path, {**data, "nav": "next", "csrfmiddlewaretoken": browser.csrf(html)}
            )
            assert status == 302, (slug, status)
            pages.append(path)
        pages += ["/interview/review/", "/results/", "/en/results/", "/help/calls/", "/privacy/"]
        for path in pages:
            times = []
            for _ in range(args.runs):
                status, _location, raw, html, elapsed = browser.request("GET", path)
                assert status == 200, (path, status)
                times.append(elapsed * 1000)
            rows.append(
                (path, statistics.median(times), len(raw), len(raw) + assets(browser, html))
            )
    print("%-34s %12s %12s %14s" % ("page", "median ms", "HTML bytes", "total bytes"))
    for path, median, html_bytes, total in rows:
        print("%-34s %12.1f %12d %14d" % (path, median, html_bytes, total))
    print(
        "\nslowest page median %.1f ms (target < 50); heaviest page %d bytes (target < 102400)"
        % (max(r[1] for r in rows), max(r[3] for r in rows))
    )


if __name__ == "__main__":
    main()
