"""The staff pages in real headless Chromium: login, the counter-staff console (copy buttons, ruby, tel:
links, phone width), training mode, analytics, and basic accessibility. Screenshots: tests/artifacts/."""

from __future__ import annotations

import dataclasses
import re

import pytest

from connectors.app import create_app
from connectors.services import get_services
from tests.conftest import nothing_is_close_enough
from tests.e2e import a11y
from tests.live import serving

pytestmark = pytest.mark.integration

USER, PASSWORD = "clerk", "counter-pw-e2e"


@pytest.fixture(scope="module")
def staff_url(fake_services):
    """The app with staff credentials configured (the chat's live server has none)."""
    settings = fake_services.settings.model_copy(update={"staff_username": USER, "staff_password": PASSWORD})
    app = create_app()
    app.dependency_overrides[get_services] = lambda: dataclasses.replace(fake_services, settings=settings)
    with serving(app) as url:
        yield url


def new_page(browser, url, **options):
    """A page whose script errors and console errors (a CSP violation, a missing asset) are collected in
    ``tab.errors``; the expected 401 of a wrong password is not an error."""
    context = browser.new_context(base_url=url, **options)
    context.grant_permissions(["clipboard-read", "clipboard-write"], origin=url)
    tab = context.new_page()
    tab.set_default_timeout(15_000)
    tab.errors = []
    tab.on("pageerror", lambda error: tab.errors.append(f"script error: {error}"))
    tab.on(
        "console",
        lambda message: (
            tab.errors.append(f"console: {message.text}")
            if message.type == "error" and "status of 401" not in message.text
            else None
        ),
    )
    return tab


@pytest.fixture
def staff_page(browser, staff_url):
    tab = new_page(browser, staff_url, viewport={"width": 1100, "height": 900})
    yield tab
    tab.context.close()
    assert tab.errors == []


def log_in(page, target: str = "/staff") -> None:
    page.goto(target)
    assert "/login" in page.url
    page.get_by_label("ユーザー名").fill(USER)
    page.get_by_label("パスワード").fill(PASSWORD)
    page.get_by_role("button", name="ログイン").click()
    page.wait_for_url(f"**{target}")


def test_the_login_form_leads_back_to_the_page_asked_for(staff_page, shot):
    staff_page.goto("/analytics")
    assert "/login?next=/analytics" in staff_page.url
    assert a11y.problems(staff_page) == []
    shot(staff_page, "staff-login")
    staff_page.get_by_label("ユーザー名").fill(USER)
    staff_page.get_by_label("パスワード").fill("not the password")
    staff_page.get_by_role("button", name="ログイン").click()
    assert staff_page.get_by_role("alert").inner_text().startswith("ユーザー名またはパスワードが違います")
    staff_page.get_by_label("ユーザー名").fill(USER)
    staff_page.get_by_label("パスワード").fill(PASSWORD)
    staff_page.get_by_role("button", name="ログイン").click()
    staff_page.wait_for_url("**/analytics")


def look_up(page, said: str) -> None:
    page.get_by_label("住民の方の言葉").fill(said)
    page.get_by_role("button", name="調べる").click()
    page.locator("#result-title").wait_for()


def test_the_console_answers_a_burmese_resident_with_everything_staff_need(staff_page, shot, fake_services):
    log_in(staff_page)
    look_up(staff_page, "ကျွန်တော် နေထိုင်ခွင့်ကတ် ပျောက်သွားတယ်။ Osaka မှာ နေပါတယ်။")
    assert "ミャンマー語" in staff_page.locator("#detected").inner_text()
    assert staff_page.locator("table.topics tbody tr").count() >= 1
    answer = staff_page.locator("#panel-answer .text")
    assert answer.get_attribute("lang") == "my" and re.search(r"[\u1000-\u109F]{3,}", answer.inner_text())
    assert re.search(r"[\u3040-\u30ff\u4e00-\u9fff]{5,}", staff_page.locator("#panel-ja .text").inner_text())
    assert staff_page.locator("#panel-plain ruby rt").count() > 3
    office = fake_services.offices.for_prefecture("osaka")
    assert staff_page.locator(f'#panel-office a[href="tel:{office.main_phone}"]').count() == 1
    assert a11y.problems(staff_page) == []  # on the fresh result page, before anything is clicked
    shot(staff_page, "staff-console")
    summary = staff_page.locator("#panel-summary .text").inner_text()
    button = staff_page.locator("#panel-summary button.copy")
    button.click()
    note = staff_page.locator("#panel-summary .copy-note")
    note.filter(has_text="コピーしました").wait_for()
    assert staff_page.evaluate("() => navigator.clipboard.readText()") == summary
    at, said = button.bounding_box(), note.bounding_box()
    assert abs(said["y"] - at["y"]) < 40 and 0 <= said["x"] - (at["x"] + at["width"]) < 40  # next to it


def test_the_console_fits_a_phone_and_keeps_a_pasted_payload_as_text(browser, staff_url, shot):
    phone = new_page(browser, staff_url, viewport={"width": 375, "height": 740}, is_mobile=True, has_touch=True)
    dialogs = []
    phone.on("dialog", lambda dialog: (dialogs.append(dialog.message), dialog.dismiss()))
    try:
        log_in(phone)
        payload = '<img src=x onerror="alert(1)"><script>alert(2)</script> residence card'
        look_up(phone, payload)
        assert phone.locator("#said").input_value() == payload
        assert payload in phone.locator("#panel-summary .text").inner_text()
        assert phone.locator("#panel-summary img, #panel-summary script").count() == 0 and dialogs == []
        width = phone.evaluate("() => document.documentElement.scrollWidth")
        assert width <= 375, f"the page scrolls sideways at phone width ({width} px)"
        shot(phone, "staff-console-phone")
        assert phone.errors == []
    finally:
        phone.context.close()


def test_analytics_draws_its_charts_and_lists_unanswered_questions(staff_page, shot, fake_services):
    from bot.dialogue import IncomingMessage

    with nothing_is_close_enough(fake_services):
        fake_services.dialogue.handle(IncomingMessage("e2e-unanswered", "qqzx florb 090-1111-2222"))
    fake_services.dialogue.handle(IncomingMessage("e2e-answered", "在留カードをなくしました"))
    log_in(staff_page, "/analytics")
    assert staff_page.locator("figure.chart svg").count() >= 3
    assert staff_page.locator("#unanswered").get_by_text("qqzx florb [phone]").count() == 1
    assert a11y.problems(staff_page) == []
    shot(staff_page, "staff-analytics")


def test_training_scores_a_reply_and_shows_the_model_answer(staff_page, shot, fake_services):
    log_in(staff_page, "/training")
    staff_page.locator('a[href="/training/lost-card-nagoya"]').click()
    assert staff_page.locator("#question").get_attribute("lang") == "en"
    office = fake_services.offices.for_prefecture("aichi")
    staff_page.get_by_label("あなたの返答").fill(
        f"けいさつに とどけて ください。14日以内に パスポートを 持って {office.name_ja}に 行って ください。"
    )
    staff_page.get_by_role("button", name="採点する").click()
    staff_page.locator("#points").wait_for()
    assert staff_page.locator("#facts li.ok").count() == 3 and staff_page.locator("#facts li.missing").count() == 1
    assert "写真" in staff_page.locator("#facts li.missing").inner_text()
    assert staff_page.locator("#referral li.ok").count() == 1
    assert staff_page.locator("#model ruby rt").count() > 0
    assert a11y.problems(staff_page) == []
    shot(staff_page, "staff-training")
