"""Browser tests: Playwright driving Debian's Chromium (never a downloaded browser) against the
live test server, with axe-core from npm for accessibility checks."""

import os
import shutil
from pathlib import Path

import pytest

from tests.conftest import skip_or_fail

ROOT = Path(__file__).resolve().parents[2]
AXE_JS = ROOT / "node_modules" / "axe-core" / "axe.min.js"
ARTIFACTS = ROOT / "test-artifacts"
CHROMIUM = shutil.which("chromium") or "/usr/bin/chromium"

# Playwright's sync API runs an event loop in this thread; the Django ORM calls made by the test
# itself are still plain synchronous code.
os.environ.setdefault("DJANGO_ALLOW_ASYNC_UNSAFE", "true")


def pytest_collection_modifyitems(items):
    for item in items:
        if "tests/browser/" in str(item.fspath):
            item.add_marker(pytest.mark.browser)


@pytest.fixture(scope="session")
def browser():
    if not Path(CHROMIUM).exists():
        skip_or_fail("Debian's chromium is not installed (apt install chromium)")
    try:
        from playwright.sync_api import sync_playwright
    except ImportError:
        skip_or_fail("playwright is not installed")
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(
            executable_path=CHROMIUM,
            args=[
                "--no-sandbox",
                "--disable-gpu",
                "--disable-quic",
                "--no-first-run",
                "--disable-background-networking",
                "--disable-component-update",
                "--disable-sync",
            ],
        )
        yield browser
        browser.close()


def watch_csp(context) -> list[str]:
    """Collects what Chromium reports as a Content-Security-Policy violation in any page of
    the context: an inline script or style, or a file from another origin, that it refused."""
    violations = []

    def on_console(message):
        if "Content Security Policy" in message.text:
            violations.append(f"{message.page.url if message.page else ''}: {message.text}")

    context.on("console", on_console)
    return violations


def fail_on_csp_violations(violations: list[str]):
    if violations:
        pytest.fail("Content-Security-Policy violations:\n" + "\n".join(violations))


@pytest.fixture
def page(browser, live_server, settings):
    settings.ALLOWED_HOSTS = ["*"]
    context = browser.new_context(base_url=live_server.url, locale="de-DE")
    violations = watch_csp(context)
    page = context.new_page()
    yield page
    context.close()
    fail_on_csp_violations(violations)


@pytest.fixture
def new_page(browser, live_server, settings):
    """Opens further independent browser contexts (e.g. two people on one board)."""
    settings.ALLOWED_HOSTS = ["*"]
    contexts = []
    violations = []

    def make():
        context = browser.new_context(base_url=live_server.url, locale="de-DE")
        contexts.append(context)
        found = watch_csp(context)
        violations.append(found)
        return context.new_page()

    yield make
    for context in contexts:
        context.close()
    fail_on_csp_violations([v for found in violations for v in found])


def axe_violations(page) -> list[dict]:
    """Runs axe-core in the page and returns its violations (WCAG 2.1 A and AA rules)."""
    if not AXE_JS.exists():
        skip_or_fail("axe-core is not installed (npm ci)")
    # Evaluated through the DevTools protocol, which the page's CSP does not govern: an added
    # <script> tag would be inline code and refused.
    page.evaluate(AXE_JS.read_text())
    result = page.evaluate(
        "async () => await axe.run(document, {runOnly: {type: 'tag', values: "
        "['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'best-practice']}})"
    )
    return [
        {"id": v["id"], "help": v["help"], "nodes": [n["target"] for n in v["nodes"]][:5]}
        for v in result["violations"]
    ]


def save_screenshot(page, name: str) -> Path:
    ARTIFACTS.mkdir(exist_ok=True)
    path = ARTIFACTS / f"{name}.png"
    page.screenshot(path=str(path), full_page=True)
    return path
