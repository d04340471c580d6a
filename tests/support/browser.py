"""The headless Chromium the browser tests drive (Debian's ``chromium`` package,
through Playwright): one fixture for every test folder that needs a browser.

Use it from a ``conftest.py``: ``from tests.support.browser import browser  # noqa: F401``.
"""

from __future__ import annotations

import pytest

CHROMIUM = "/usr/bin/chromium"
CHROMIUM_ARGS = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking",
                 "--disable-component-update", "--no-first-run", "--disable-sync"]


@pytest.fixture(scope="module")
def browser():
    """A Chromium for the test module (pages are the tests' own)."""
    from playwright.sync_api import sync_playwright

    with sync_playwright() as pw:
        b = pw.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
        try:
            yield b
        finally:
            b.close()


def expect(target):
    """Playwright's auto-waiting assertions (``expect(locator).to_have_count(1)``),
    imported when first used like the fixture's Playwright. Use them after a
    click that navigates: a bare ``count()`` reads whatever page is there and
    raced the navigation on a loaded machine."""
    from playwright.sync_api import expect as _expect

    return _expect(target)
