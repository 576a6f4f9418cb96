"""Issue 15 items 3–5 in real headless Chromium, at phone (375 px) and desktop (1280 px) width: the
counter console's visit (history, follow-up, new resident, big-font view, printable handout with its QR
code), training scored by meaning (sections, reply beside the model answer) and analytics (filters, CSV,
charts readable on a phone). Screenshots: tests/artifacts/screenshots/counter-*.png."""

from __future__ import annotations

import pytest

from tests.e2e import a11y
from tests.e2e.test_staff_browser import log_in, new_page, staff_url  # noqa: F401  (fixture)

pytestmark = pytest.mark.integration

WIDTHS = {"phone": {"width": 375, "height": 740}, "desktop": {"width": 1280, "height": 900}}


@pytest.fixture(params=sorted(WIDTHS))
def sized(request, browser, staff_url):  # noqa: F811
    options = {"viewport": WIDTHS[request.param]}
    if request.param == "phone":
        options.update(is_mobile=True, has_touch=True)
    tab = new_page(browser, staff_url, **options)
    tab.size = request.param
    yield tab
    tab.context.close()
    assert tab.errors == []


def no_sideways_scroll(page) -> None:
    width = page.evaluate("() => document.documentElement.scrollWidth")
    assert width <= page.viewport_size["width"], f"the page scrolls sideways ({width} px)"


def ask(page, said: str) -> None:
    page.get_by_label("住民の方の言葉").fill(said)
    page.locator('#lookup button[type="submit"]').click()
    page.locator("#result-title").wait_for()


def test_a_visit_keeps_its_history_shows_the_resident_and_prints_a_handout(sized, shot):
    page = sized
    log_in(page)
    page.get_by_label("住んでいる都道府県").select_option("aichi")
    page.get_by_label("市区町村").fill("名古屋市")
    ask(page, "Tôi bị mất thẻ cư trú")
    ask(page, "Tôi cần mang theo giấy tờ gì?")
    history = page.locator("#history li")
    assert history.count() == 2 and "mất thẻ" in history.nth(0).inner_text()
    assert page.locator("#municipality").input_value() == "名古屋市"
    assert not page.locator("#internals").evaluate("d => d.open")  # ids and scores folded away
    no_sideways_scroll(page)
    assert a11y.problems(page) == []
    shot(page, f"counter-visit-{page.size}")
    page.locator("#show-link").click()
    shown = page.locator("#show")
    shown.wait_for(state="visible")
    size = float(shown.evaluate("e => getComputedStyle(e).fontSize").removesuffix("px"))
    assert size >= 24 and shown.get_attribute("lang") == "vi"
    shot(page, f"counter-show-resident-{page.size}")
    page.locator("#show .show-close a").click()
    page.emulate_media(media="print")
    assert page.locator("#handout-qr svg").is_visible()
    assert page.locator("#lookup").evaluate("e => getComputedStyle(e).visibility") == "hidden"
    assert "/?session=visit-" in page.locator("#handout-qr").inner_text()
    page.locator("#handout").screenshot(path=str(_path(f"counter-handout-{page.size}")))
    page.emulate_media(media="screen")
    page.locator("#new-resident").click()
    page.wait_for_url("**/staff")
    assert page.locator("#history li").count() == 0 and page.locator('input[name="visit"]').input_value() == ""


def _path(name: str):
    from tests.e2e.conftest import SCREENSHOTS

    SCREENSHOTS.mkdir(parents=True, exist_ok=True)
    return SCREENSHOTS / f"{name}.png"


def test_training_shows_sections_and_the_reply_beside_the_model_answer(sized, shot):
    page = sized
    log_in(page, "/training/lost-card-nagoya")
    page.get_by_label("あなたの返答").fill(
        "交番に 行って ください。2週間 いないに 名古屋の 入管へ 行きます。旅券と 顔写真を もって いきます。"
    )
    page.get_by_role("button", name="採点する").click()
    page.locator("#points").wait_for()
    assert page.locator("#facts li.ok").count() == 4 and page.locator("#sections tbody tr").count() == 3
    points = int(page.locator("#points").inner_text().split("/")[0])
    assert points >= 90
    yours, model = page.locator("#yours").bounding_box(), page.locator("#model").bounding_box()
    if page.size == "desktop":
        assert abs(yours["y"] - model["y"]) < 2 and model["x"] > yours["x"] + yours["width"] - 1  # side by side
    else:
        assert model["y"] >= yours["y"] + yours["height"] - 1  # stacked
    assert page.locator("#facts .why").count() == 4
    no_sideways_scroll(page)
    assert a11y.problems(page) == []
    shot(page, f"counter-training-{page.size}")


def test_analytics_filters_exports_and_stays_readable_on_a_phone(sized, shot, fake_services):
    from bot.dialogue import IncomingMessage

    fake_services.dialogue.handle(IncomingMessage("e2e-counter-web", "在留カードをなくしました", "web"))
    page = sized
    log_in(page, "/analytics")
    page.locator("#lang").select_option("ja")
    page.get_by_role("button", name="表示").click()
    page.wait_for_url("**lang=ja**")
    assert page.locator("#lang").input_value() == "ja"
    svg = page.locator("#per-language svg")
    box = svg.bounding_box()
    assert box["width"] <= page.viewport_size["width"]
    label = page.locator("#per-language svg text").first.bounding_box()
    assert label["height"] >= 10, "chart labels shrink below a readable size"
    csv = page.request.get(page.locator("#csv").get_attribute("href"))
    assert csv.ok and "per-outcome" in csv.text()
    no_sideways_scroll(page)
    assert a11y.problems(page) == []
    shot(page, f"counter-analytics-{page.size}")
