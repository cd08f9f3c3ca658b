"""Browser tests: Playwright for Python driving Debian's Chromium, with axe-core checks.

`playwright install` cannot download browsers here, so we launch /usr/bin/chromium. When it is
absent the tests are skipped with a message saying so, never silently.

Every test also fails on any Content-Security-Policy violation on any page it visits: the
`securitypolicyviolation` events and Chromium's console reports of blocked content are collected
for the whole test and asserted empty at its end.
"""

from __future__ import annotations

import json
import os
import shutil
from collections.abc import Iterator
from pathlib import Path

import pytest

CHROMIUM = os.environ.get("CHROMIUM_PATH", "/usr/bin/chromium")
AXE_URL = "/static/vendor/axe-core/axe.min.js"
# WCAG 2.2 A and AA, and the earlier levels they include.
AXE_TAGS = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "wcag22a", "wcag22aa"]

# Runs in every page before its own scripts: reports each violation to the test through a
# binding (window.__reportCspViolation), which outlives the page, unlike anything kept on window.
CSP_LISTENER = """
document.addEventListener("securitypolicyviolation", (event) => {
  window.__reportCspViolation(
    `${event.violatedDirective} blocked ${event.blockedURI || "inline"} on ${event.documentURI}`
    + ` (${event.sourceFile || "?"}:${event.lineNumber}) ${event.sample || ""}`
  );
});
"""

# Playwright's sync API runs an event loop in this thread; the ORM calls in these tests are
# synchronous and safe, so allow them.
os.environ.setdefault("DJANGO_ALLOW_ASYNC_UNSAFE", "true")


def pytest_collection_modifyitems(config, items):
    if shutil.which(CHROMIUM) or Path(CHROMIUM).exists():
        return
    skip = pytest.mark.skip(
        reason=f"browser test skipped: Chromium not found at {CHROMIUM} (apt-get install chromium)"
    )
    for item in items:
        if "browser" in item.keywords:
            item.add_marker(skip)


@pytest.fixture(scope="session")
def browser() -> Iterator[object]:
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(
            executable_path=CHROMIUM,
            args=[
                "--no-sandbox",
                "--disable-gpu",
                "--disable-background-networking",
                "--disable-component-update",
                "--disable-sync",
                "--no-first-run",
            ],
        )
        yield browser
        browser.close()


@pytest.fixture
def csp_violations() -> list[str]:
    """Every Content-Security-Policy violation reported by any page of this test."""
    return []


@pytest.fixture
def page(browser, live_server, csp_violations) -> Iterator[object]:
    context = browser.new_context(base_url=live_server.url)
    context.expose_function("__reportCspViolation", lambda report: csp_violations.append(report))
    context.add_init_script(CSP_LISTENER)
    page = context.new_page()
    page.on("console", lambda message: record_csp_console_message(csp_violations, message))
    page.set_default_timeout(10_000)
    yield page
    context.close()


def record_csp_console_message(violations: list[str], message) -> None:
    # Chromium also logs each blocked script, style or eval; some (eval in a worker, say) raise
    # no securitypolicyviolation event in the page.
    if "Content Security Policy" in message.text:
        violations.append(f"console {message.type}: {message.text}")


@pytest.fixture(autouse=True)
def no_csp_violations(request) -> Iterator[None]:
    """Fail the test if any page it visited broke the Content-Security-Policy."""
    if "page" not in request.fixturenames:
        yield
        return
    # Requested here so that this check runs before the page's context is closed.
    page = request.getfixturevalue("page")
    violations = request.getfixturevalue("csp_violations")
    yield
    if not page.is_closed():
        page.wait_for_timeout(100)  # let the last page's queued reports arrive
    assert violations == [], "Content-Security-Policy violations:\n" + "\n".join(violations)


def login(page, username: str, password: str = "demo") -> None:
    page.goto("/accounts/login/")
    page.get_by_label("Username").fill(username)
    page.get_by_label("Password").fill(password)
    page.get_by_role("button", name="Sign in").click()
    page.wait_for_load_state()


def assert_accessible(page) -> None:
    """Run axe-core on the current page; fail listing every WCAG 2.2 A/AA violation."""
    # After a click that navigates, the new document must have loaded before axe goes in.
    page.wait_for_load_state()
    # From our own origin: an inline copy would be (rightly) blocked by the policy.
    page.add_script_tag(url=AXE_URL)
    result = page.evaluate(
        "tags => axe.run(document, {runOnly: {type: 'tag', values: tags}})", AXE_TAGS
    )
    violations = [
        {"id": v["id"], "impact": v["impact"], "nodes": [n["target"] for n in v["nodes"]][:5]}
        for v in result["violations"]
    ]
    assert violations == [], f"axe violations on {page.url}:\n{json.dumps(violations, indent=2)}"
