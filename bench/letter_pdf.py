"""Benchmark the letter PDF: WeasyPrint warm and cold, size, memory, tagging; beside Chromium.

    .venv/bin/python bench/letter_pdf.py [--renders 200] [--chromium-runs 10]

Renders one two-page reference letter (a complaint to the regulator in
Chinese, with a 15-row incident table and the rare name characters 䶮 𠮷 堃 昇
and ㎡) and reports, all measured in this run on this machine:

- warm: median time of ``render_letter_pdf`` in one process (target ≤ 250 ms);
- cold: a fresh process (a subprocess, Django already set up as in a web
  worker) from importing WeasyPrint to the first PDF (target ≤ 1.2 s), and
  the same including interpreter and Django start-up;
- the PDF's size (target ≤ 250 KB) and page count;
- resident memory after ``--renders`` renders (target ≤ 250 MB);
- the cost of the tagged PDF (``pdf_tags``) that the renderer always writes;
- headless Chromium's ``page.pdf()`` of the same HTML in a warm browser
  (Debian's /usr/bin/chromium through Playwright; never ``playwright install``),
  which WeasyPrint should beat by at least 2×, with the processor time each
  side spent (Chromium's summed over all its processes);
- ``chromium --headless --print-to-pdf`` of the same HTML file, a fresh
  browser per letter, as a script without a resident browser would do it.
"""

from __future__ import annotations

import argparse
import datetime
import os
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "rights_guide.settings")

import django  # noqa: E402

django.setup()

from rights_guide.letters import (  # noqa: E402
    build_letter,
    parse_letter_request,
    render_letter_html,
    render_letter_pdf,
)
from rights_guide.letters.pdf import render as letter_render  # noqa: E402

TODAY = datetime.date(2026, 11, 29)
CHROMIUM = "/usr/bin/chromium"
CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-dev-shm-usage",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
]
# Fifteen recorded contacts over a fortnight, as a borrower would log them.
INCIDENTS = [
    ("colleagues", "call", "自称“法务部”，对我同事说我欠钱不还"),
    ("family", "sms", "短信称今天不还款就“上门处理”"),
    ("borrower", "call", "晚上十点后连打七个电话，接通后辱骂我"),
    ("employer", "call", "打到单位前台，要求人事部门“核实欠款”"),
    ("friends", "im", "微信群发我的欠款金额给我的朋友"),
    ("colleagues", "visit_work", "两人到单位门口等我，当众说我欠钱"),
    ("family", "call", "要求我母亲替我还款，说“父债子还”"),
    ("borrower", "sms", "发来我的身份证照片，威胁“曝光”"),
    ("colleagues", "call", "再次打给同事，透露欠款金额"),
    ("borrower", "call", "凌晨一点来电，称要“上门找你”"),
    ("family", "sms", "给我父亲发短信，称我“涉嫌诈骗”"),
    ("employer", "call", "要求单位扣我工资替我还款"),
    ("borrower", "call", "一天内打来九个电话，我已录音"),
    ("friends", "call", "打给我的朋友，要求其转告我还款"),
    ("colleagues", "sms", "给同事发短信，附我的照片和欠款"),
]

REFERENCE = {
    "kind": "regulator",
    "language": "zh-hans",
    "assessment": {
        "lender_type": "consumer_finance",
        "conduct_date": "2026-10-15",
        "events": [
            {"target": "colleagues", "channel": "call", "times_per_day": 4, "disclosed_debt": True},
            {"target": "family", "channel": "sms", "asked_to_pay": True},
            {"target": "borrower", "channel": "call", "times_per_day": 7, "at_night": True},
        ],
        "tactics": ["insults"],
    },
    "complainant": {
        "name": "龚䶮𠮷堃昇",
        "phone": "13812345678",
        "address": "北京市朝阳区建国路88号3号楼2单元501室（建筑面积85㎡）",
        "id_number": "11010519491231002X",
    },
    "respondent": {"name": "某某消费金融有限公司"},
    "incidents": [
        {
            "when": "2026-10-%02dT%02d:%02d" % (1 + day, 9 + day % 12, (day * 7) % 60),
            "target": target,
            "channel": channel,
            "description": description,
        }
        for day, (target, channel, description) in enumerate(INCIDENTS)
    ],
    "requests": "请督促被投诉人向我本人提供欠款明细（本金、利息、费用）。",
}

COLD_SCRIPT = """
import os, sys, time
t0 = time.perf_counter()
sys.path.insert(0, %(root)r)
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "rights_guide.settings")
import django
django.setup()
html = open(%(html)r, encoding="utf-8").read()
t1 = time.perf_counter()
from rights_guide.letters import render_letter_pdf
pdf = render_letter_pdf(html)
t2 = time.perf_counter()
print(t1 - t0, t2 - t1, len(pdf))
"""


def reference_html() -> str:
    request = parse_letter_request(REFERENCE, today=TODAY)
    letter = build_letter(request, today=TODAY)
    return render_letter_html(letter, language=letter.language, for_pdf=True)


def timed(function, repeat: int) -> list[float]:
    """Wall-clock seconds of each call."""
    samples = []
    for _ in range(repeat):
        start = time.perf_counter()
        function()
        samples.append(time.perf_counter() - start)
    return samples


def resident_mb() -> float:
    for line in Path("/proc/self/status").read_text().splitlines():
        if line.startswith("VmRSS:"):
            return int(line.split()[1]) / 1024
    return float("nan")


def pages(pdf: bytes) -> int:
    with tempfile.NamedTemporaryFile(suffix=".pdf") as handle:
        handle.write(pdf)
        handle.flush()
        info = subprocess.run(["pdfinfo", handle.name], capture_output=True, text=True).stdout
    return int(next(line.split()[-1] for line in info.splitlines() if line.startswith("Pages:")))


def cold_runs(html: str, runs: int) -> list[tuple[float, float, float]]:
    """(Django start-up, import-to-first-PDF, whole process) for fresh processes."""
    results = []
    with tempfile.NamedTemporaryFile("w", suffix=".html", encoding="utf-8") as handle:
        handle.write(html)
        handle.flush()
        script = COLD_SCRIPT % {"root": str(ROOT), "html": handle.name}
        for _ in range(runs):
            start = time.perf_counter()
            output = subprocess.run(
                [sys.executable, "-c", script], capture_output=True, text=True, check=True
            ).stdout
            whole = time.perf_counter() - start
            setup, render, _size = output.split()
            results.append((float(setup), float(render), whole))
    return results


def print_to_pdf_runs(html: str, runs: int) -> list[tuple[float, int]]:
    """(seconds, PDF bytes) of ``chromium --headless --print-to-pdf``, a fresh browser each run."""
    results = []
    with tempfile.TemporaryDirectory() as folder:
        page = Path(folder) / "letter.html"
        page.write_text(html, encoding="utf-8")
        for run in range(runs):
            output = Path(folder) / ("letter-%d.pdf" % run)
            profile = Path(folder) / ("profile-%d" % run)
            command = [
                CHROMIUM,
                "--headless",
                *CHROMIUM_ARGS,
                "--user-data-dir=%s" % profile,
                "--no-pdf-header-footer",
                "--print-to-pdf=%s" % output,
                page.as_uri(),
            ]
            start = time.perf_counter()
            subprocess.run(command, capture_output=True, check=True, timeout=60)
            results.append((time.perf_counter() - start, output.stat().st_size))
            shutil.rmtree(profile, ignore_errors=True)
    return results


def processor_seconds(pids: list[int]) -> float:
    """User and system time the given processes have used so far (from /proc)."""
    ticks = 0
    for pid in pids:
        try:
            fields = Path("/proc/%d/stat" % pid).read_text().rsplit(")", 1)[1].split()
        except OSError:  # the process has ended
            continue
        ticks += int(fields[11]) + int(fields[12])
    return ticks / os.sysconf("SC_CLK_TCK")


def chromium_pids() -> list[int]:
    pids = []
    for entry in Path("/proc").iterdir():
        if entry.name.isdigit():
            try:
                if "chromium" in os.readlink(entry / "exe"):
                    pids.append(int(entry.name))
            except OSError:
                continue
    return pids


def processor_ms_per_call(function, pids: list[int] | None, calls: int) -> float:
    """Processor time per call: this process's, or the given processes' summed."""
    clock = (lambda: processor_seconds(pids)) if pids else time.process_time
    start = clock()
    for _ in range(calls):
        function()
    return (clock() - start) / calls * 1000


class Chromium:
    """A warm headless Chromium page holding the letter, for ``page.pdf()``."""

    def __init__(self, html: str):
        from playwright.sync_api import sync_playwright

        self.html = html
        self.playwright = sync_playwright().start()
        self.browser = self.playwright.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
        self.page = self.browser.new_page()
        # No network at all: the HTML carries its CSS; fonts are the system's.
        self.page.route("**/*", lambda route: route.abort())
        self.page.set_content(html, wait_until="load")
        self.pdf()
        self.pids = chromium_pids()  # browser, GPU, network and this page's renderer

    def pdf(self) -> bytes:
        return self.page.pdf(format="A4", prefer_css_page_size=True)

    def load_and_pdf(self) -> bytes:
        """What a server would do per letter: load the new HTML, then print it."""
        self.page.set_content(self.html, wait_until="load")
        return self.pdf()

    def close(self) -> None:
        self.browser.close()
        self.playwright.stop()


def interleaved(first, second, rounds: int, block: int = 1) -> tuple[list[float], list[float]]:
    """Time two functions in alternating blocks, so both see the same machine.

    This machine's CPU speed drifts by tens of percent (shared cores), so
    measuring one thing after the other would compare moments, not code.
    Blocks longer than one call keep a browser's leftover background work
    out of most of the other side's samples (the first call of each block
    is dropped).
    """
    skip = 1 if block > 1 else 0
    a, b = [], []
    for _ in range(max(1, rounds // block)):
        a.extend(timed(first, block + skip)[skip:])
        b.extend(timed(second, block + skip)[skip:])
    return a, b


def untagged_pdf(html: str) -> bytes:
    """The same render without PDF/UA tagging, to price it."""
    saved = letter_render.PDF_OPTIONS
    letter_render.PDF_OPTIONS = {}
    try:
        return render_letter_pdf(html)
    finally:
        letter_render.PDF_OPTIONS = saved


def ms(samples: list[float]) -> str:
    return "median %4.0f ms (min %4.0f)" % (
        statistics.median(samples) * 1000,
        min(samples) * 1000,
    )


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--renders", type=int, default=200, help="renders for the memory check")
    parser.add_argument("--warm", type=int, default=30, help="timed renders of each kind")
    parser.add_argument("--cold-runs", type=int, default=5, help="fresh processes timed")
    parser.add_argument(
        "--print-runs", type=int, default=5, help="chromium --print-to-pdf runs timed"
    )
    args = parser.parse_args()

    html = reference_html()
    pdf = render_letter_pdf(html)  # the first render registers the fonts and warms caches
    plain = untagged_pdf(html)
    print(
        "Reference letter: %d pages, %.1f KB PDF (PDF/UA), %.1f KB HTML"
        % (pages(pdf), len(pdf) / 1024, len(html.encode()) / 1024)
    )
    print("Timings alternate between the things compared: this machine's CPU speed varies.")

    tagged, untagged = interleaved(
        lambda: render_letter_pdf(html), lambda: untagged_pdf(html), args.warm
    )
    warm_ms = statistics.median(tagged) * 1000
    print("\nWeasyPrint, one process (%d renders each):" % args.warm)
    print("  warm render, PDF/UA   %s   target <= 250 ms" % ms(tagged))
    print("  warm render, untagged %s" % ms(untagged))
    print(
        "  PDF/UA costs %+.0f ms (%+.0f%%) and %+.1f KB"
        % (
            warm_ms - statistics.median(untagged) * 1000,
            100 * (statistics.median(tagged) / statistics.median(untagged) - 1),
            (len(pdf) - len(plain)) / 1024,
        )
    )

    cold = cold_runs(html, args.cold_runs)
    print("\nCold, fresh process (median of %d):" % len(cold))
    print(
        "  import WeasyPrint, register fonts, first PDF %5.0f ms   target <= 1200 ms"
        % (statistics.median(c[1] for c in cold) * 1000)
    )
    print(
        "  whole process (Python, Django, PDF)          %5.0f ms   (Django set-up %.0f ms)"
        % (
            statistics.median(c[2] for c in cold) * 1000,
            statistics.median(c[0] for c in cold) * 1000,
        )
    )

    for _ in range(args.renders):
        render_letter_pdf(html)
    print(
        "\nMemory after %d renders: %.0f MB resident   target <= 250 MB"
        % (args.renders + 2 * args.warm + 2, resident_mb())
    )
    print("PDF size: %.1f KB   target <= 250 KB" % (len(pdf) / 1024))

    chromium = Chromium(html)
    try:
        chromium_size = len(chromium.pdf())
        weasy, chrome = interleaved(
            lambda: render_letter_pdf(html), chromium.pdf, args.warm, block=5
        )
        weasy_again, chrome_loading = interleaved(
            lambda: render_letter_pdf(html), chromium.load_and_pdf, args.warm, block=5
        )
        weasy_cpu = processor_ms_per_call(lambda: render_letter_pdf(html), None, 10)
        chrome_cpu = processor_ms_per_call(chromium.pdf, chromium.pids, 10)
        chrome_cpu_python = processor_ms_per_call(chromium.pdf, None, 10)
    finally:
        chromium.close()
    ratio = statistics.median(chrome) / statistics.median(weasy)
    print(
        "\nHeadless Chromium page.pdf(), warm browser, same HTML, in blocks alternating with WeasyPrint:"
    )
    print("  Chromium   %s, %.1f KB" % (ms(chrome), chromium_size / 1024))
    print("  WeasyPrint %s" % ms(weasy))
    print("  WeasyPrint is %.1f× faster (ratio of medians)   target >= 2×" % ratio)
    print("  Chromium set_content() + page.pdf(), as per new letter: %s" % ms(chrome_loading))
    print(
        "  WeasyPrint is %.1f× faster than that (WeasyPrint %s)"
        % (statistics.median(chrome_loading) / statistics.median(weasy_again), ms(weasy_again))
    )
    print(
        "  Processor time per PDF: WeasyPrint %.0f ms; Chromium %.0f ms in its own processes"
        " (+%.0f ms in Playwright's client)" % (weasy_cpu, chrome_cpu, chrome_cpu_python)
    )

    printed = print_to_pdf_runs(html, args.print_runs)
    print(
        "\nchromium --headless --print-to-pdf, a fresh browser per letter (%d runs):" % len(printed)
    )
    print(
        "  %s, %.1f KB; WeasyPrint cold (fresh process) %.0f ms"
        % (
            ms([seconds for seconds, _size in printed]),
            printed[-1][1] / 1024,
            statistics.median(c[2] for c in cold) * 1000,
        )
    )


if __name__ == "__main__":
    main()
