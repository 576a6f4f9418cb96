"""Browser tests: the real app (fake-embedder services) served by uvicorn on 127.0.0.1, driven by Playwright
in Debian's headless Chromium (``/usr/bin/chromium``; never a downloaded browser).

Fixtures: ``live_url`` (the server, once per session), ``browser`` (one Chromium per session), ``page`` (a
fresh desktop-sized page per test), ``phone_page`` (375 × 740, touch) — both fail the test on a script
or console error — and ``shot(page, name)``, which saves
``tests/artifacts/screenshots/<name>.png`` (gitignored) and returns its path.
"""

from __future__ import annotations

import os
import shutil
from pathlib import Path

import pytest

from connectors.app import create_app
from connectors.services import get_services
from tests.live import serving

CHROMIUM = os.environ.get("TSUNAGU_CHROMIUM", "/usr/bin/chromium")
SCREENSHOTS = Path(__file__).resolve().parents[1] / "artifacts" / "screenshots"
PHONE = {"width": 375, "height": 740}


@pytest.fixture(scope="session")
def live_app(fake_services):
    """The app with the fake-embedder services; other e2e fixtures may override more dependencies."""
    app = create_app()
    app.dependency_overrides[get_services] = lambda: fake_services
    return app


@pytest.fixture(scope="session")
def live_url(live_app):
    with serving(live_app) as url:
        yield url


@pytest.fixture(scope="package")
def browser():
    """One Chromium for the browser tests, closed when they are done (Playwright's sync API keeps an event
    loop running on this thread while it is open, which would break later tests that use asyncio.run)."""
    if not Path(CHROMIUM).exists() and not shutil.which(CHROMIUM):
        pytest.fail(
            f"{CHROMIUM} not found: install Debian's chromium (apt-get install chromium); "
            "never run 'playwright install'"
        )
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        chromium = playwright.chromium.launch(executable_path=CHROMIUM, headless=True)
        yield chromium
        chromium.close()


def _open(browser, live_url, **options):
    """A page in a fresh context; script errors and console errors (e.g. a CSP violation) fail the test."""
    context = browser.new_context(base_url=live_url, **options)
    tab = context.new_page()
    tab.set_default_timeout(15_000)
    errors: list[str] = []
    tab.on("pageerror", lambda error: errors.append(f"script error: {error}"))
    tab.on("console", lambda message: errors.append(f"console: {message.text}") if message.type == "error" else None)
    return context, tab, errors


def _tab(browser, live_url, width: int, height: int):
    context, tab, errors = _open(browser, live_url, viewport={"width": width, "height": height})
    yield tab
    context.close()
    assert errors == []


@pytest.fixture
def page(browser, live_url):
    yield from _tab(browser, live_url, 1024, 800)


@pytest.fixture
def wide_page(browser, live_url):
    yield from _tab(browser, live_url, 1280, 900)


@pytest.fixture
def phone_page(browser, live_url):
    context, tab, errors = _open(
        browser, live_url, viewport=PHONE, is_mobile=True, has_touch=True, device_scale_factor=2
    )
    yield tab
    context.close()
    assert errors == []


@pytest.fixture(scope="session")
def shot():
    SCREENSHOTS.mkdir(parents=True, exist_ok=True)

    def take(page, name: str) -> Path:
        path = SCREENSHOTS / f"{name}.png"
        page.screenshot(path=str(path), full_page=True)
        return path

    return take
