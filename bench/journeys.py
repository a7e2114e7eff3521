"""Walk the December 2026 walk's journeys as a new user would, and count screens and taps.

    .venv/bin/python bench/journeys.py [--languages zh-hans en] [--no-nojs]

Issue 19 asks for the walk (reviews/walk-2026-12.md) to be repeated and its
table "Screens and taps per journey (360 px)" measured again. This script
serves the app itself (``manage.py runserver`` with DJANGO_DEBUG=1 on a free
loopback port, a throwaway SQLite file migrated first), drives Debian's
/usr/bin/chromium headless through Playwright at 360×780 and walks each
journey in a fresh browser context per new user, in zh-hans and en with
JavaScript on (and the borrower's journey 2 with JavaScript off as well).

- A screen is a page load in the main frame (a download is not a screen).
- A tap is a click, a tick or a choice; typing a field counts as 1. A letter's
  preview has no link back to the results, so the next journey from there
  starts with the browser's Back button, a tap each (and a screen if it reloads).
- Every page loaded is checked with axe-core (WCAG 2.2 A/AA, vendored under
  tests/e2e/vendor; with JavaScript off the HTML the user got is replayed into
  a JavaScript page, as tests/e2e/conftest.py does) and for sideways scroll
  (document.documentElement.scrollWidth must be ≤ 360).
- Journey 1 reports where "what to do now" (#todo-heading) sits on /guide/family/.
- Each letter is downloaded, read with pdftotext and checked against the walk's
  C1/H1 story: "23:30" once, never "能够直接联系到", and no sentence about a text
  or a visit that carries the time or is directly followed by one that does, unless that
  one says it of all the person's contacts ("以上对我本人的联系中…").
  On English previews the English reading copy gets the same checks. The
  lender letter (the walk's C1 example) is checked too, outside the counts.

It prints the table, then every axe violation and sideways scroll (page,
language, JavaScript), then any failed letter check; it exits 1 if any was found.
Nothing here is timed: the machine may be loaded.
"""

from __future__ import annotations

import argparse
import contextlib
import os
import re
import shutil
import socket
import subprocess
import sys
import tempfile
import time
import urllib.request
from dataclasses import dataclass
from pathlib import Path
from urllib.parse import urlsplit

from playwright.sync_api import sync_playwright

ROOT = Path(__file__).resolve().parent.parent
CHROMIUM = os.environ.get("CHROMIUM_PATH", "/usr/bin/chromium")
CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-dev-shm-usage",
    "--disable-background-networking",
    "--disable-component-update",
    "--no-first-run",
]
AXE_SOURCE = (ROOT / "tests/e2e/vendor/axe-core/axe.min.js").read_text()
WCAG_TAGS = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "wcag22a", "wcag22aa"]
VIEWPORT = {"width": 360, "height": 780}
AUDITED: dict[str, tuple[int, int]] = {}  # page (language, JS) -> (violations, scrollWidth)
AXE_JS = """async (tags) => {
    const result = await axe.run(document, {runOnly: {type: "tag", values: tags}});
    return result.violations.map(v => ({id: v.id, impact: v.impact,
        nodes: v.nodes.slice(0, 3).map(n => n.target.join(" "))}));
}"""


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


@contextlib.contextmanager
def runserver():
    """The development server on a free loopback port with a throwaway database."""
    folder = Path(tempfile.mkdtemp(prefix="journeys-"))
    env = {
        **os.environ,
        "DJANGO_DEBUG": "1",
        "DATABASE_URL": "sqlite:///%s" % (folder / "db.sqlite3"),
        "DJANGO_LOG_LEVEL": "WARNING",
    }
    manage = [sys.executable, str(ROOT / "manage.py")]
    subprocess.run([*manage, "migrate", "-v0"], env=env, check=True, cwd=ROOT)
    port = free_port()
    server = subprocess.Popen(
        [*manage, "runserver", "127.0.0.1:%d" % port, "--noreload"],
        env=env,
        cwd=ROOT,
        stdout=subprocess.DEVNULL,
        stderr=open(folder / "server.log", "w"),  # noqa: SIM115 (closed with the process)
    )
    base = "http://127.0.0.1:%d" % port
    try:
        for _ in range(600):
            try:
                urllib.request.urlopen(base + "/healthz", timeout=1)
                break
            except OSError:
                time.sleep(0.1)
        yield base
    finally:
        server.terminate()
        server.wait(timeout=20)
        shutil.rmtree(folder, ignore_errors=True)


@dataclass
class Finding:
    where: str
    what: str


@dataclass
class Walker:
    """One new user's browser: counts screens and taps, and audits each page it loads."""

    browser: object
    base: str
    language: str
    javascript: bool
    findings: list[Finding]
    screens: int = 0
    taps: int = 0
    _loads: int = 0
    _audited: int = 0

    def __post_init__(self):
        self.context = self.browser.new_context(
            viewport=VIEWPORT,
            java_script_enabled=self.javascript,
            locale="zh-CN",
            accept_downloads=True,
        )
        self.page = self.context.new_page()
        self.page.set_default_timeout(30_000)
        self.page.on("load", self._loaded)
        self.prefix = "/en" if self.language == "en" else ""

    def _loaded(self, _page):
        self._loads += 1

    @property
    def mode(self) -> str:
        return "%s, JS %s" % (self.language, "on" if self.javascript else "off")

    def close(self):
        self.context.close()

    # The user's actions -----------------------------------------------------------------
    def arrive(self, path: str):
        """Come in from outside (a web search, a bookmark): one screen, no tap."""
        self.page.goto(self.base + self.prefix + path)
        self._settle()

    def tap(self, selector: str):
        self.taps += 1
        self.page.locator(selector).first.click()
        self._settle()

    def type(self, selector: str, value: str):
        self.taps += 1
        self.page.locator(selector).fill(value)

    def tick(self, selector: str):
        self.taps += 1
        self.page.locator(selector).check()

    def choose(self, selector: str, value: str):
        self.taps += 1
        self.page.locator(selector).select_option(value)

    def back_to(self, ending: str):
        """The browser's Back button until the page is the one wanted: a tap each."""
        for _ in range(6):
            if self.path().endswith(ending):
                return
            self.taps += 1
            self.page.go_back()
            self._settle()
        raise AssertionError("Back never reached %s" % ending)

    def download_text(self, folder: Path, name: str) -> str:
        self.taps += 1
        with self.page.expect_download() as info:
            self.page.locator("button[value=download]").click()
        path = folder / name
        info.value.save_as(path)
        out = subprocess.run(["pdftotext", str(path), "-"], capture_output=True, check=True)
        return out.stdout.decode()

    def path(self) -> str:
        return urlsplit(self.page.url).path

    # What is counted and checked ---------------------------------------------------------
    def _settle(self):
        self.page.wait_for_load_state()
        if self._loads != self._audited:
            self.screens += self._loads - self._audited
            self._audited = self._loads
            self.audit()

    def audit(self):
        label = "%s (%s)" % (self.path(), self.mode)
        width = self.page.evaluate("() => document.documentElement.scrollWidth")
        violations = self._axe()
        AUDITED[label] = (len(violations), width)
        for violation in violations:
            self.findings.append(Finding(label, "axe %s" % violation))
        if width > VIEWPORT["width"]:
            self.findings.append(Finding(label, "scrollWidth %d > 360" % width))

    def _axe(self) -> list[dict]:
        if self.javascript:
            self.page.evaluate(AXE_SOURCE)
            return self.page.evaluate(AXE_JS, WCAG_TAGS)
        html, url = self.page.content(), self.page.url
        context = self.browser.new_context(viewport=VIEWPORT)
        try:
            checker = context.new_page()
            checker.route(url, lambda route: route.fulfill(body=html, content_type="text/html"))
            checker.goto(url)
            checker.evaluate(AXE_SOURCE)
            return checker.evaluate(AXE_JS, WCAG_TAGS)
        finally:
            context.close()


class Tally:
    """Screens and taps per journey, measured from the counters between two marks."""

    def __init__(self):
        self.rows: list[tuple[str, str, int, int]] = []

    @contextlib.contextmanager
    def journey(self, walker: Walker, name: str):
        screens, taps = walker.screens, walker.taps
        try:
            yield
        except Exception as error:  # a journey that breaks is reported, not hidden
            walker.findings.append(
                Finding("%s (%s) at %s" % (name, walker.mode, walker.path()), repr(error)[:300])
            )
            self.rows.append((name, walker.mode, -1, -1))
            return
        self.rows.append((name, walker.mode, walker.screens - screens, walker.taps - taps))


def check_letter(text: str, label: str, findings: list[Finding]):
    """The C1/H1 story: the time once, nothing unanswered, no time on a text or a visit."""
    flat = "".join(text.split())
    if flat.count("23:30") != 1:
        findings.append(Finding(label, '"23:30" appears %d times' % flat.count("23:30")))
    if "能够直接联系到" in flat:
        findings.append(Finding(label, 'states "能够直接联系到…" (left blank)'))
    sentences = [s for s in re.split("[。；]", flat) if s]
    for here, after in zip(sentences, [*sentences[1:], ""], strict=True):
        # A time said of all the person's contacts ("以上对我本人的联系中…") is not the visit's.
        whole = after.startswith("以上对")
        if re.search("短信|上门|家中|消息", here) and (
            "23:30" in here or ("23:30" in after and not whole)
        ):
            findings.append(Finding(label, "time on a text/visit: %s。%s" % (here, after)))


def check_reading_copy(w: Walker, kind: str, findings: list[Finding]):
    """The English reading copy on an English preview: the same story, the same checks."""
    copy = w.page.locator(".reading-copy .letter-paper")
    if w.language != "en" or copy.count() == 0:
        return
    text = " ".join(copy.inner_text().split())
    label = "%s reading copy on the preview (%s)" % (kind, w.mode)
    if kind != "third_party" and text.count("23:30") != 1:
        findings.append(Finding(label, '"23:30" appears %d times' % text.count("23:30")))
    if re.search("could reach (me|the borrower) directly", text):
        findings.append(Finding(label, "states they could reach me directly (left blank)"))
    sentences = re.split(r"(?<=[.;])\s+", text)
    for here, after in zip(sentences, [*sentences[1:], ""], strict=True):
        whole = after.startswith("Of these contacts with")
        if re.search("text|message|visit|home", here, re.I) and (
            "23:30" in here or ("23:30" in after and not whole)
        ):
            findings.append(Finding(label, "time on a text/visit: %s %s" % (here, after)))


# The journeys ---------------------------------------------------------------------------
def borrower_interview(w: Walker):
    """Home → Start → the C1/H1 story → review → results."""
    w.arrive("/")
    w.tap("a.start-button")
    w.tick("input[value=consumer_finance]")
    w.tap("button[value=next]")
    w.tick("input[value=borrower]")
    w.tick("input[value=family]")
    w.tap("button[value=next]")
    w.type("#id_calls", "2")
    w.type("#id_texts", "1")
    w.tick("input[name=other_channels][value=visit_home]")
    w.type("#id_time_of_day", "23:30")
    w.tick("input[name=at_night][value=yes]")
    w.tick("input[name=after_stop_request][value=yes]")
    w.tap("button[value=next]")
    w.type("#id_calls", "3")  # the family page: "could they reach you directly?" left blank
    w.tap("button[value=next]")
    while "/interview/when/" not in w.path():
        w.tap("button[value=next]")
    w.type("#id_conduct_date", "2026-10-15")
    w.tap("button[value=next]")
    while "/review/" not in w.path():
        w.tap("button[value=next]")
    w.page.locator("a[href$='/results/']").last.click()
    w.taps += 1
    w._settle()
    assert w.path().endswith("/results/"), w.path()


def letter_from_results(w: Walker, kind: str):
    w.tap(".letters-offer a[href$='/letters/%s/']" % kind)


def fill_details(w: Walker):
    w.type("#id_complainant_name", "王小明")
    w.type("#id_phone", "13912345678")
    w.type("#id_respondent_name", "某某消费金融有限公司")
    w.tap("button[value=save]")
    errors = w.page.locator("#error-summary li")
    assert errors.count() == 0, errors.all_inner_texts()


def walk_borrower(browser, base, language, javascript, tally, findings, folder):
    w = Walker(browser, base, language, javascript, findings)
    try:
        with tally.journey(w, "2. Home → 开始 → questions → review → results"):
            borrower_interview(w)
        with tally.journey(w, "2b. → regulator letter (details) → preview → PDF"):
            letter_from_results(w, "regulator")
            fill_details(w)
            assert w.path().endswith("/letters/regulator/preview/"), w.path()
            text = w.download_text(folder, "regulator-%s-%d.pdf" % (language, javascript))
            check_letter(text, "regulator PDF (%s)" % w.mode, findings)
            check_reading_copy(w, "regulator", findings)
        with tally.journey(w, "(Back from a letter preview to the results)"):
            w.back_to("/results/")  # a preview has no link back to the results
        with tally.journey(w, "2c. second letter (police) → PDF"):
            letter_from_results(w, "police")
            assert w.path().endswith("/letters/police/preview/"), w.path()
            text = w.download_text(folder, "police-%s-%d.pdf" % (language, javascript))
            check_letter(text, "police PDF (%s)" % w.mode, findings)
            check_reading_copy(w, "police", findings)
        w.back_to("/results/")
        letter_from_results(w, "lender")  # the walk's C1 letter: checked, not counted
        text = w.download_text(folder, "lender-%s-%d.pdf" % (language, javascript))
        check_letter(text, "lender PDF (%s)" % w.mode, findings)
        check_reading_copy(w, "lender", findings)
        if not javascript:
            return
        w.back_to("/results/")
        with tally.journey(w, "6. Results → contact terms → PDF"):
            letter_from_results(w, "contact_terms")
            w.tick("input[name=channels][value=sms]")
            w.type("#id_hours_from", "10:00")
            w.type("#id_hours_to", "19:30")
            w.tap("button[value=save]")
            assert w.path().endswith("/letters/contact_terms/preview/"), w.path()
            w.download_text(folder, "terms-%s.pdf" % language)
        w.back_to("/results/")
        with tally.journey(w, "3. 重新开始 (start again)"):
            w.tap("a[href$='/interview/restart/']")
            w.tap("form[action$='/interview/restart/'] button[type=submit]")
        with tally.journey(w, "3b. 删除 (delete everything, from the footer)"):
            w.tap("footer a[href$='/privacy/']")
            w.tap("form[action$='/privacy/delete/'] button[type=submit]")
    finally:
        w.close()


def walk_third_party(browser, base, language, tally, findings, folder):
    w = Walker(browser, base, language, True, findings)
    try:
        with tally.journey(w, "4. Home → 我不是借款人 → questions → review → result"):
            w.arrive("/")
            w.tap(".third-party-entry a")
            w.tick("input[value=family]")
            w.tap("button[value=next]")
            w.tick("input[value=consumer_finance]")
            w.tap("button[value=next]")
            w.type("#id_calls", "3")  # "could they reach the borrower?" left blank
            w.tap("button[value=next]")
            while (
                "/called/when/" not in w.path() and w.page.locator("#id_conduct_date").count() == 0
            ):
                w.tap("button[value=next]")
            w.type("#id_conduct_date", "2026-10-15")
            w.tap("button[value=next]")
            while "/review/" not in w.path():
                w.tap("button[value=next]")
            w.page.locator("a[href$='/called/results/']").last.click()
            w.taps += 1
            w._settle()
            assert w.path().endswith("/called/results/"), w.path()
        with tally.journey(w, "4b. → third-party letter PDF"):
            w.tap("a[href$='/letters/third_party/']")
            w.type("#id_borrower_name", "李四")
            fill_details(w)
            assert w.path().endswith("/letters/third_party/preview/"), w.path()
            text = "".join(w.download_text(folder, "third-%s.pdf" % language).split())
            if "能够直接联系到" in text or "couldreachtheborrower" in text:
                findings.append(Finding("third-party PDF (%s)" % w.mode, "states reachability"))
            check_reading_copy(w, "third_party", findings)
    finally:
        w.close()


def walk_guide(browser, base, language, tally, findings) -> float | None:
    w = Walker(browser, base, language, True, findings)
    try:
        y = None
        with tally.journey(w, "1. Web search → /guide/family/"):
            w.arrive("/guide/family/")
            y = w.page.evaluate(
                "() => document.getElementById('todo-heading')?.getBoundingClientRect().top"
            )
        w.close()
        w = Walker(browser, base, language, True, findings)
        with tally.journey(w, "1b. Home → 指南 → search 家人 → topic"):
            w.arrive("/")
            w.tap(".site-nav a")
            w.type("#guide-q", "家人" if language == "zh-hans" else "family")
            w.tap('form[role="search"] button[type="submit"]')
            w.tap('li[data-topic="family"] a')
            assert w.path().endswith("/guide/family/"), w.path()
        return y
    finally:
        w.close()


def walk_log(browser, base, language, tally, findings):
    w = Walker(browser, base, language, True, findings)
    try:
        with tally.journey(w, "5. 10 incidents by hand (from Home)"):
            w.arrive("/")
            w.tap(".log-entry a")
            for number in range(10):
                w.type("#id_date", "2026-10-%02d" % (5 + number // 2))
                w.type("#id_time", "%02d:15" % (9 + number))
                w.choose("#id_target", "borrower")
                w.choose("#id_channel", "call")
                w.tap(".log-add .step-buttons button[type=submit]")
                errors = w.page.locator("#error-summary li")
                assert errors.count() == 0, errors.all_inner_texts()
    finally:
        w.close()


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--languages", nargs="+", default=["zh-hans", "en"])
    parser.add_argument("--no-nojs", action="store_true", help="skip journey 2 without JS")
    args = parser.parse_args()
    findings: list[Finding] = []
    tally = Tally()
    heights = {}
    folder = Path(tempfile.mkdtemp(prefix="journeys-pdf-"))
    print("PDFs are kept in %s" % folder, file=sys.stderr)
    with runserver() as base, sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
        for language in args.languages:
            print("walking %s …" % language, file=sys.stderr, flush=True)
            heights[language] = walk_guide(browser, base, language, tally, findings)
            walk_borrower(browser, base, language, True, tally, findings, folder)
            walk_third_party(browser, base, language, tally, findings, folder)
            walk_log(browser, base, language, tally, findings)
            if not args.no_nojs:
                walk_borrower(browser, base, language, False, tally, findings, folder)
        browser.close()
    print("| Journey | Language, JS | Screens | Taps |")
    print("|---|---|---|---|")
    for name, mode, screens, taps in tally.rows:
        shown = ("failed", "failed") if screens < 0 else (screens, taps)
        print("| %s | %s | %s | %s |" % (name, mode, *shown))
    print()
    for language, y in heights.items():
        print('"what to do now" on /guide/family/ (%s): top at %s px' % (language, y))
    print()
    print("| Page (language, JS) | axe violations | scrollWidth |")
    print("|---|---|---|")
    for label, (count, width) in sorted(AUDITED.items()):
        print("| %s | %d | %d |" % (label, count, width))
    widest = max((width for _, width in AUDITED.values()), default=0)
    print("\n%d pages audited; max scrollWidth %d px" % (len(AUDITED), widest))
    print("\nFindings (%d):" % len(findings))
    for finding in findings:
        print("- %s: %s" % (finding.where, finding.what))
    return 1 if findings else 0


if __name__ == "__main__":
    sys.exit(main())
