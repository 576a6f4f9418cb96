"""The web chat in real headless Chromium: three scripts, furigana as <ruby>, quick replies and the handoff
card, an XSS payload, phone width, keyboard use, basic accessibility and the page's words following the
language picker. Screenshots: tests/artifacts/."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
import yaml
from babel.messages.pofile import read_po

from knowledge.paths import TRANSLATIONS_DIR
from tests.e2e import a11y

pytestmark = pytest.mark.integration

QUESTIONS = Path(__file__).resolve().parents[1] / "data" / "questions"


def first_question(lang: str) -> str:
    return yaml.safe_load((QUESTIONS / f"{lang}.yaml").read_text(encoding="utf-8"))[0]["q"]


def ask(page, text: str) -> None:
    """Type like a person and press Enter; wait for Tsunagu's answer to this question."""
    answers = page.locator("#log .msg.bot").count()
    page.locator("#text").fill(text)
    page.locator("#text").press("Enter")
    page.locator("#log .msg.bot").nth(answers).wait_for()


def last_answer(page):
    return page.locator("#log .msg.bot").last


@pytest.mark.parametrize(
    "lang, script, pattern",
    [
        ("en", "latin", r"[A-Za-z]{4,}"),
        ("my", "burmese", r"[\u1000-\u109F]{3,}"),
        ("km", "khmer", r"[\u1780-\u17FF]{3,}"),
    ],
)
def test_a_question_is_answered_in_its_script_with_sources(page, shot, lang, script, pattern):
    page.goto("/")
    page.locator("#lang").select_option(lang)
    ask(page, first_question(lang))
    answer = last_answer(page)
    assert answer.get_attribute("lang") == lang
    assert re.search(pattern, answer.locator(".text").inner_text())
    assert answer.locator(".sources li").count() >= 1
    shot(page, f"chat-{script}")


def test_plain_japanese_shows_furigana_as_ruby(page, shot):
    page.goto("/")
    page.get_by_label("やさしい日本語").check()
    ask(page, "在留カードをなくしました")
    answer = last_answer(page)
    assert answer.get_attribute("lang") == "ja"
    rubies = answer.locator(".text ruby")
    assert rubies.count() > 3
    first = rubies.first
    base, reading = first.evaluate("r => [r.firstChild.textContent, r.querySelector('rt').textContent]")
    assert re.fullmatch(r"[\u4e00-\u9fff々]+", base) and re.fullmatch(r"[\u3041-\u309fー ]+", reading)
    shot(page, "chat-japanese-plain-ruby")
    # one furigana method: no bracketed reading after a ruby word, and the kanji under a long reading
    # keep their natural width (not spread out as 救　急)
    after = rubies.evaluate_all("rs => rs.map(r => r.nextSibling ? r.nextSibling.textContent : '')")
    assert not any(re.match(r"[（(][ぁ-ゖー ]+[)）]", following) for following in after)
    aligns = rubies.evaluate_all("rs => rs.map(r => getComputedStyle(r).rubyAlign)")
    assert set(aligns) == {"center"}  # Chromium's default (space-around) spreads the kanji under a long reading
    buttons = page.locator("#quick button")
    if buttons.count():
        assert page.locator("#quick button ruby").count() >= 1


def test_the_language_picker_names_each_language_in_its_own_script(page):
    page.goto("/")
    names = page.locator("#lang option").all_inner_texts()
    assert {"日本語", "やさしい日本語", "English", "Tiếng Việt", "မြန်မာ", "ខ្មែរ", "नेपाली", "Українська"} <= set(names)


@pytest.mark.parametrize("choice, plain_checked", [("ja-plain", True), ("en", False), ("ja", True)])
def test_the_picker_and_the_plain_switch_agree(page, choice, plain_checked):
    page.goto("/")
    page.locator("#plain").check()
    page.locator("#lang").select_option(choice)
    assert page.locator("#plain").is_checked() is plain_checked


def test_a_language_chosen_in_the_conversation_moves_the_picker(page):
    page.goto("/")
    page.locator("#lang").select_option("en")
    ask(page, "Tiếng Việt")  # what tapping the language button sends
    assert page.locator("#lang").input_value() == "vi"
    ask(page, "Where do I register my address?")
    assert last_answer(page).get_attribute("lang") == "vi"


def test_a_tapped_language_button_sends_its_payload_and_moves_the_picker(page):
    page.goto("/")
    page.locator("#lang").select_option("en")
    requests = []
    page.on("request", lambda request: requests.append(request.post_data_json) if request.method == "POST" else None)
    ask(page, "change language")
    answers = page.locator("#log .msg.bot").count()
    page.locator("#quick button", has_text="Tiếng Việt").click()
    page.locator("#log .msg.bot").nth(answers).wait_for()
    assert requests[-1]["text"] == "Tiếng Việt" and requests[-1]["payload"] == "lang=vi"
    assert page.locator("#lang").input_value() == "vi" and last_answer(page).get_attribute("lang") == "vi"


XSS = '<img src=x onerror="window.__xss=1"><script>window.__xss=2</script><b>bold</b>'


def test_an_xss_payload_typed_into_the_chat_stays_text(page, shot):
    dialogs = []
    page.on("dialog", lambda dialog: (dialogs.append(dialog.message), dialog.dismiss()))
    page.goto("/")
    ask(page, XSS)
    mine = page.locator("#log .msg.you .text").last
    assert mine.inner_text() == XSS
    assert page.locator("#log img, #log script, #log b").count() == 0
    assert page.evaluate("() => window.__xss") is None and dialogs == []
    shot(page, "chat-xss-stays-text")


def test_quick_replies_lead_to_a_handoff_card_with_a_phone_link(page, shot):
    page.goto("/")
    page.locator("#lang").select_option("en")
    ask(page, "I want to talk to a person")
    tokyo = page.locator("#quick button", has_text="Tokyo")
    answers = page.locator("#log .msg.bot").count()
    tokyo.click()
    page.locator("#log .msg.bot").nth(answers).wait_for()
    card = last_answer(page).locator(".office-card")
    assert "Tokyo" in card.locator("h3").inner_text()
    phone = card.locator("a[href^='tel:']").first
    assert re.fullmatch(r"tel:\+?\d{9,13}", phone.get_attribute("href"))
    assert card.locator("dd").nth(1).inner_text().strip()  # the address
    assert card.locator("a.map").count() == 1
    shot(page, "chat-handoff-card")


def test_at_phone_width_nothing_overflows_and_the_chat_works(phone_page, shot):
    phone_page.goto("/")
    ask(phone_page, "How do I report my new address?")
    assert phone_page.evaluate("() => document.documentElement.scrollWidth") <= 375
    send = phone_page.locator("#send").bounding_box()
    assert send["x"] >= 0 and send["x"] + send["width"] <= 375
    assert a11y.problems(phone_page) == []
    shot(phone_page, "chat-phone-375")


def test_keyboard_alone_can_pick_a_language_ask_and_tap_a_suggestion(page):
    page.goto("/")
    stops = [stop.name for stop in a11y.tab_stops(page)]
    assert stops[0].startswith("a Skip to content")
    order = [next(i for i, s in enumerate(stops) if s.startswith(p)) for p in ("#lang", "#plain", "#text", "#send")]
    assert order == sorted(order)
    page.locator("#lang").focus()
    for _ in range(10):  # past the plain-Japanese box, "new conversation" and the starter topics
        page.keyboard.press("Tab")
        if page.evaluate("() => document.activeElement.id") == "text":
            break
    page.keyboard.type("I want to talk to a person")
    page.keyboard.press("Enter")
    page.locator("#log .msg.bot").first.wait_for()
    answers = page.locator("#log .msg.bot").count()
    page.keyboard.press("Shift+Tab")  # back from the question to the last suggestion
    page.keyboard.press("Enter")
    page.locator("#log .msg.bot").nth(answers).wait_for()
    assert "Shizuoka" in page.locator("#log .msg.you").last.inner_text()


def test_the_chat_page_meets_basic_accessibility_checks_before_and_after_answers(page, shot):
    page.goto("/")
    assert page.locator("html").get_attribute("lang") == "en"
    assert a11y.problems(page) == []
    ask(page, "I want to talk to a person")
    ask(page, "Tokyo")
    assert a11y.problems(page) == []
    shot(page, "chat-accessibility")


def test_every_asset_is_served_locally(page, live_url):
    requested: list[str] = []
    page.on("request", lambda request: requested.append(request.url))
    page.goto("/")
    ask(page, "hello")
    assert requested and all(url.startswith(live_url) for url in requested)


def page_words(lang: str) -> dict[str, str]:
    with (TRANSLATIONS_DIR / lang / "LC_MESSAGES" / "messages.po").open("rb") as handle:
        return {m.id: m.string for m in read_po(handle) if m.id.startswith("ui_")}


_BASE_TEXT = (
    "n => [...n.childNodes].map(c => c.nodeName === 'RUBY' ? c.firstChild.textContent : c.textContent).join('')"
)


def shown(locator) -> str:
    """The words an element shows, furigana left out (plain Japanese puts <ruby> on the page's words)."""
    return locator.evaluate(_BASE_TEXT)


def as_shown(text: str) -> str:
    """A page word as the page shows it: readings the catalogue writes in brackets become ruby."""
    from bot.plain.given import strip_given
    from bot.plain.ruby import reading_of

    return strip_given(text, reading_of)[0]


def test_picking_a_language_swaps_the_pages_words_in_place(page, shot):
    page.goto("/")
    ask(page, "hello")
    page.evaluate("() => { window.__noReload = true; }")  # gone if the page were reloaded
    for lang, html_lang in [("km", "km"), ("ja-plain", "ja"), ("en", "en")]:
        words = page_words(lang)
        page.locator("#lang").select_option(lang)
        assert page.locator("html").get_attribute("lang") == html_lang
        assert shown(page.locator("#send")) == as_shown(words["ui_send"])
        assert shown(page.locator("label[for=text] span")) == as_shown(words["ui_question_label"])
        assert shown(page.locator("h1")) == as_shown(words["ui_heading"])
        assert (page.locator("h1 ruby").count() > 0) is (lang == "ja-plain")  # furigana on plain Japanese only
        assert page.locator("#quick").get_attribute("aria-label") == words["ui_suggested"]
        if lang == "km":
            assert re.search(r"[\u1780-\u17FF]{2,}", page.locator("#send").inner_text())
            assert a11y.problems(page) == []
            shot(page, "chat-labels-khmer")
    assert page.evaluate("() => window.__noReload") is True
    assert page.locator("#log .msg").count() == 2  # the conversation stayed


@pytest.mark.parametrize(
    "failure, shown",
    [
        ({"abort": True}, "ui_error_network"),  # no connection
        ({"status": 503, "body": "Service Unavailable"}, "ui_error_server"),  # a proxy's plain-text page
        ({"status": 500, "json": {"error": "サーバーの問題"}}, "サーバーの問題"),  # the server's own sentence
    ],
)
def test_a_failed_turn_is_explained_in_the_pages_language(browser, live_url, failure, shown):
    # an own context, not the `page` fixture: the failed request is meant to log a console error here
    context = browser.new_context(base_url=live_url)
    tab = context.new_page()
    script_errors: list[str] = []
    tab.on("pageerror", lambda error: script_errors.append(str(error)))
    if failure.get("abort"):
        tab.route("**/api/chat", lambda route: route.abort())
    elif "json" in failure:
        tab.route("**/api/chat", lambda route: route.fulfill(status=failure["status"], json=failure["json"]))
    else:
        tab.route("**/api/chat", lambda route: route.fulfill(status=failure["status"], body=failure["body"]))
    try:
        tab.goto("/")
        tab.locator("#lang").select_option("th")
        tab.locator("#text").fill("hello")
        tab.locator("#text").press("Enter")
        error = tab.locator("#error")
        error.wait_for(state="visible")
        assert error.inner_text() == page_words("th").get(shown, shown)
        assert tab.locator("#send").is_enabled() and script_errors == []
    finally:
        context.close()


def test_every_language_fits_a_phone_when_served_in_it(phone_page, shot):
    phone_page.goto("/")
    codes = [code for code in phone_page.locator("#lang option").evaluate_all("os => os.map(o => o.value)") if code]
    assert len(codes) >= 17
    for code in codes:
        phone_page.goto(f"/?lang={code}")
        assert shown(phone_page.locator("#send")) == as_shown(page_words(code)["ui_send"])
        assert phone_page.evaluate("() => document.documentElement.scrollWidth") <= 375, code
        send = phone_page.locator("#send").bounding_box()
        assert send["x"] >= 0 and send["x"] + send["width"] <= 375, code
        if code == "my":  # the longest words of all
            shot(phone_page, "chat-phone-burmese")
