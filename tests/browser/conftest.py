"""Browser tests: Debian's Chromium driven by Playwright, with an axe-core check helper."""

import os
import shutil

import pytest
from axe_playwright_python.sync_playwright import Axe
from playwright.sync_api import Page, sync_playwright

from tests.factories import staff_groups_load

CHROMIUM = os.environ.get("CHROMIUM_PATH") or shutil.which("chromium") or "/usr/bin/chromium"
CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
]
PHONE = {"width": 360, "height": 740}

pytestmark = pytest.mark.browser


@pytest.fixture(scope="module")
def browser():
    """One Chromium per test module. Playwright's sync API keeps an event loop running in the
    test thread while it is open; the ORM calls the tests make (and the database flush after each
    test) are synchronous all the same, so Django's async guard is lifted for that time only."""
    os.environ["DJANGO_ALLOW_ASYNC_UNSAFE"] = "true"
    try:
        with sync_playwright() as playwright:
            browser = playwright.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
            yield browser
            browser.close()
    finally:
        del os.environ["DJANGO_ALLOW_ASYNC_UNSAFE"]


class Visitor:
    """One person's browser tab, which also collects console errors (a CSP violation is one)."""

    def __init__(self, page: Page, base_url: str):
        self.page = page
        self.base_url = base_url
        self.console_errors: list[str] = []
        page.on("console", lambda msg: msg.type == "error" and self.console_errors.append(msg.text))

    def goto(self, path: str) -> None:
        response = self.page.goto(self.base_url + path)
        assert response is not None, path
        assert response.ok, f"{path}: {response.status}"

    def assert_accessible(self) -> None:
        """No serious or critical axe-core violation, and no error in the console."""
        results = Axe().run(self.page)
        serious = [
            f"{v['id']} ({v['impact']}): {v['help']} — {[n['target'] for n in v['nodes']]}"
            for v in results.response["violations"]
            if v["impact"] in ("serious", "critical")
        ]
        assert serious == [], f"{self.page.url}:\n" + "\n".join(serious)
        assert self.console_errors == [], self.console_errors


@pytest.fixture(autouse=True)
def staff_groups(transactional_db) -> None:
    """Browser tests share a flushed database: the staff groups are made again before each."""
    staff_groups_load()


@pytest.fixture
def visitor_factory(browser, live_server, settings):
    # Emailed links start with SITE_URL (accounts.adapter): here, the live server.
    settings.SITE_URL = live_server.url
    contexts = []

    def make(
        *, locale: str = "id-ID", timezone_id: str = "Asia/Jakarta", viewport=PHONE
    ) -> Visitor:
        context = browser.new_context(locale=locale, timezone_id=timezone_id, viewport=viewport)
        contexts.append(context)
        return Visitor(context.new_page(), live_server.url)

    yield make
    for context in contexts:
        context.close()


@pytest.fixture
def visitor(visitor_factory) -> Visitor:
    return visitor_factory()
