"""axe-core (from npm, see tests/e2e/axe.py) on every page: no serious or critical WCAG A/AA violation on
the chat (empty, and with an answer, an emergency card and an office card), the error page, in three
languages and scripts, and on the staff pages (login, console, training, analytics — Japanese). Plus the
chat with the keyboard only, and new answers announced through a polite live region."""

from __future__ import annotations

import pytest

from tests.e2e import axe
from tests.e2e.conftest import _open
from tests.e2e.test_staff_browser import log_in, new_page, staff_url  # noqa: F401 - fixture

pytestmark = pytest.mark.integration

LANGUAGES = ["en", "vi", "my"]  # Latin, Latin with tones, Burmese


def ask(page, text: str) -> None:
    answers = page.locator("#log .msg.bot").count()
    page.locator("#text").fill(text)
    page.locator("#text").press("Enter")
    page.locator("#log .msg.bot").nth(answers).wait_for()


@pytest.mark.parametrize("lang", LANGUAGES)
def test_the_chat_has_no_serious_violation_empty_and_with_cards(page, lang):
    page.goto(f"/?lang={lang}")
    assert axe.serious_problems(page) == []
    page.locator("#lang").select_option(lang)
    ask(page, "Help, my friend is not breathing! ambulance")
    ask(page, "My employer took my passport. I live in Osaka")
    page.locator("#text").fill("x" * 2100)  # the too-long alert showing
    assert axe.serious_problems(page) == []


@pytest.mark.parametrize("lang", LANGUAGES)
def test_the_error_page_has_no_serious_violation(browser, live_url, lang):
    context, page, errors = _open(browser, live_url, viewport={"width": 1024, "height": 800})
    try:
        assert page.goto(f"/no-such-page?lang={lang}").status == 404
        assert axe.serious_problems(page) == []
        assert [e for e in errors if "status of 404" not in e] == []  # the page's own 404 is expected
    finally:
        context.close()


@pytest.mark.parametrize("path", ["/staff", "/training", "/analytics"])
def test_the_staff_pages_have_no_serious_violation(browser, staff_url, path):  # noqa: F811
    tab = new_page(browser, staff_url, viewport={"width": 1100, "height": 900})
    try:
        tab.goto(path)
        assert axe.serious_problems(tab) == []  # the login page first
        log_in(tab, path)
        assert axe.serious_problems(tab) == []
        assert tab.errors == []
    finally:
        tab.context.close()


def test_the_axe_check_finds_a_serious_fault(page):
    """The check can fail: an image button without a name and grey-on-white text are reported."""
    page.set_content('<main><button><svg width="10" height="10"></svg></button><p style="color:#bbb">faint</p></main>')
    found = " ".join(axe.serious_problems(page))
    assert "button-name" in found and "color-contrast" in found


def test_keyboard_only_asks_rates_and_taps_a_starter_and_answers_are_announced(page, fake_services):
    page.goto("/?lang=en")
    log = page.locator("#log")
    assert log.get_attribute("aria-live") == "polite"
    page.keyboard.press("Tab")  # the skip link
    page.keyboard.press("Enter")
    for _ in range(12):
        page.keyboard.press("Tab")
        if page.evaluate("() => document.activeElement.id") == "text":
            break
    assert page.evaluate("() => document.activeElement.id") == "text"
    page.keyboard.type("How do I report my new address?")
    page.keyboard.press("Enter")
    page.locator("#log .msg.bot").first.wait_for()
    # the answer went into the live region, and focus stayed in the box for the next question
    assert log.locator(".msg.bot").count() == 1
    assert page.evaluate("() => document.activeElement.id") == "text"
    # Tab onwards reaches the quick replies; Enter on one asks it
    for _ in range(20):
        page.keyboard.press("Shift+Tab")
        if page.evaluate("() => document.activeElement.closest('#quick') !== null"):
            break
    assert page.evaluate("() => document.activeElement.closest('#quick') !== null")
    page.keyboard.press("Enter")
    page.locator("#log .msg.bot").nth(1).wait_for()
    # "was this helpful?" with the keyboard
    for _ in range(30):
        page.keyboard.press("Shift+Tab")
        if page.evaluate("() => document.activeElement.classList.contains('rate')"):
            break
    page.keyboard.press("Enter")
    page.locator(".rating-thanks", has_text=fake_services.catalogs.text("en", "ui_thanks_rating")).first.wait_for()
