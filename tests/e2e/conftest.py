"""Browser-test harness: Debian's Chromium driven by Playwright against a live server.

Never ``playwright install``: the browser is /usr/bin/chromium from Debian.
Each test gets a page at a named viewport (phone 360×740 or desktop), with
JavaScript on or off, and every request the page makes is recorded so a test
can prove nothing left our origin. ``check_accessibility(page)`` runs axe-core
(vendored from npm under vendor/) against WCAG 2.2 A/AA rules.
"""

import os
from dataclasses import dataclass, field
from pathlib import Path

import pytest
from playwright.sync_api import Browser, Page, sync_playwright

# Playwright's sync API keeps an event loop running in the test thread;
# Django refuses database calls from such a thread unless told it is safe.
os.environ.setdefault("DJANGO_ALLOW_ASYNC_UNSAFE", "true")

CHROMIUM = os.environ.get("CHROMIUM_PATH", "/usr/bin/chromium")
CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-dev-shm-usage",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--disable-quic",
    "--no-first-run",
]
AXE_SOURCE = (Path(__file__).parent / "vendor" / "axe-core" / "axe.min.js").read_text()
WCAG_TAGS = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "wcag22a", "wcag22aa"]
VIEWPORTS = {"phone": {"width": 360, "height": 740}, "desktop": {"width": 1280, "height": 900}}


def pytest_collection_modifyitems(items):
    for item in items:
        if "tests/e2e/" in str(item.fspath):
            item.add_marker(pytest.mark.e2e)


@pytest.fixture(scope="session")
def browser() -> Browser:
    if not Path(CHROMIUM).exists():
        pytest.fail(f"{CHROMIUM} is missing: run the README's test command, which installs it")
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
        yield browser
        browser.close()


@dataclass
class BrowserPage:
    """A page plus what the harness recorded about it."""

    page: Page
    base_url: str
    javascript: bool
    requests: list[str] = field(default_factory=list)

    def goto(self, path: str):
        response = self.page.goto(self.base_url + path)
        assert response is not None and response.ok, f"{path}: HTTP {response and response.status}"
        return response

    def foreign_requests(self) -> list[str]:
        return [
            url
            for url in self.requests
            if not url.startswith(self.base_url) and not url.startswith("data:")
        ]


@pytest.fixture
def open_page(browser, live_server):
    """Factory: ``open_page(viewport="phone", javascript=True)`` → BrowserPage."""
    contexts = []

    def factory(viewport: str = "phone", javascript: bool = True) -> BrowserPage:
        context = browser.new_context(
            viewport=VIEWPORTS[viewport],
            java_script_enabled=javascript,
            locale="zh-CN",
            accept_downloads=True,
        )
        contexts.append(context)
        page = context.new_page()
        page.set_default_timeout(15_000)
        result = BrowserPage(page=page, base_url=live_server.url, javascript=javascript)
        page.on("request", lambda request: result.requests.append(request.url))
        return result

    yield factory
    for context in contexts:
        context.close()


def _run_axe(page: Page) -> list[dict]:
    page.evaluate(AXE_SOURCE)
    return page.evaluate(
        """async (tags) => {
            const result = await axe.run(document, {runOnly: {type: "tag", values: tags}});
            return result.violations.map(v => ({
                id: v.id, impact: v.impact, help: v.help,
                nodes: v.nodes.slice(0, 5).map(n => n.target.join(" ")),
            }));
        }""",
        WCAG_TAGS,
    )


def check_accessibility(bp: BrowserPage) -> None:
    """Fail on any axe WCAG 2.2 A/AA violation on the page as the user sees it now.

    axe needs JavaScript. For a page opened with JavaScript off, the exact
    HTML the user got is replayed into a JavaScript-enabled page at the same
    address (so our CSS still loads) and checked there.
    """
    if bp.javascript:
        violations = _run_axe(bp.page)
    else:
        html = bp.page.content()
        url = bp.page.url
        context = bp.page.context.browser.new_context(viewport=bp.page.viewport_size)
        try:
            checker = context.new_page()
            checker.route(url, lambda route: route.fulfill(body=html, content_type="text/html"))
            checker.goto(url)
            violations = _run_axe(checker)
        finally:
            context.close()
    assert violations == [], f"axe violations on {bp.page.url}: {violations}"


def check_fits_width(bp: BrowserPage) -> None:
    """Nothing may scroll sideways: the page must fit the viewport's width."""
    overflow = bp.page.evaluate(
        "() => document.documentElement.scrollWidth - document.documentElement.clientWidth"
    )
    assert overflow <= 0, f"{bp.page.url} overflows the viewport by {overflow}px"


def log_contact_in_browser(
    bp: BrowserPage,
    prefix: str = "",
    *,
    day: str = "2026-04-01",
    time: str = "23:10",
    target: str = "family",
    channel: str = "call",
    description: str = "",
) -> None:
    """Add a contact to the evidence log through its quick entry, as a borrower would."""
    page = bp.page
    bp.goto(prefix + "/log/")
    page.locator("#id_date").fill(day)
    page.locator("#id_time").fill(time)
    page.locator("#id_target").select_option(target)
    page.locator("#id_channel").select_option(channel)
    if description:
        page.locator("#id_description").fill(description)
    page.locator(".log-add .step-buttons button[type=submit]").click()
    page.wait_for_load_state()
    assert "/log/" in page.url and page.locator("#error-summary").count() == 0


def answer_interview(bp: BrowserPage, prefix: str) -> None:
    """The borrower's interview for a consumer-finance lender, through to the results page."""
    page = bp.page
    bp.goto(prefix + "/interview/lender/")
    page.locator("input[value=consumer_finance]").check()
    page.locator("button[value=next]").click()
    page.locator("input[value=family]").check()
    page.locator("button[value=next]").click()
    page.locator("#id_calls").fill("3")
    page.locator("input[name=disclosed_debt][value=yes]").check()
    page.locator("input[name=borrower_unreachable][value=no]").check()
    page.locator("button[value=next]").click()
    page.locator("input[value=threat_violence]").check()
    page.locator("button[value=next]").click()
    page.locator("#id_conduct_date").fill("2026-04-02")
    page.locator("button[value=next]").click()
    page.locator("button[value=next]").click()
    page.locator("a[href$='/results/']").last.click()
    page.wait_for_load_state()
