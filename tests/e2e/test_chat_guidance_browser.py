"""Issue 15 in real headless Chromium: the welcome and its starter topics, payloads, the emergency card,
office cards, tel: links, source links, a conversation that survives a reload (and can be restored from the
server), "new conversation", the answer's start in view, page words that follow the conversation, the
character counter, input without words, friendly error pages and "was this helpful?". Screenshots at 375
and 1280 px in tests/artifacts/screenshots."""

from __future__ import annotations

import re

import pytest

from bot.speech import Speech
from tests.e2e.conftest import PHONE, _open

pytestmark = pytest.mark.integration

EMERGENCY = "Help, my friend is not breathing! ambulance"
REFERRAL = "My employer took my passport. I live in Osaka"


@pytest.fixture(params=["phone", "wide"])
def any_page(request, browser, live_url):
    """The same test at 375 px (touch) and at 1280 px; ``any_page.width`` says which."""
    options = (
        dict(viewport=PHONE, is_mobile=True, has_touch=True, device_scale_factor=2)
        if request.param == "phone"
        else dict(viewport={"width": 1280, "height": 900})
    )
    context, tab, errors = _open(browser, live_url, **options)
    tab.width = 375 if request.param == "phone" else 1280
    tab.errors = errors
    yield tab
    context.close()
    assert errors == []


def ask(page, text: str) -> None:
    answers = page.locator("#log .msg.bot").count()
    page.locator("#text").fill(text)
    page.locator("#text").press("Enter")
    page.locator("#log .msg.bot").nth(answers).wait_for()


def last_answer(page):
    return page.locator("#log .msg.bot").last


def words(services, lang: str, key: str) -> str:
    return services.catalogs.text(lang, key)


def test_the_welcome_offers_starter_topics_in_the_residents_language(any_page, shot, fake_services):
    any_page.goto("/?lang=vi")
    assert any_page.locator(".welcome").inner_text() == words(fake_services, "vi", "ui_welcome")
    starters = any_page.locator("#quick button").all_inner_texts()
    assert starters == [
        words(fake_services, "vi", k) for k in ("ui_starter_card", "ui_starter_extend", "ui_starter_move")
    ]
    shot(any_page, f"chat-welcome-vi-{any_page.width}")
    any_page.locator("#quick button").first.click()
    last_answer(any_page).wait_for()
    assert last_answer(any_page).get_attribute("lang") == "vi"
    assert last_answer(any_page).locator(".sources a[href^='https://']").count() >= 1  # the source opens


def test_the_emergency_card_has_a_big_call_button_the_steps_and_no_talk_to_a_person(any_page, shot, fake_services):
    any_page.goto("/?lang=en")
    ask(any_page, EMERGENCY)
    answer = last_answer(any_page)
    call = answer.locator(".emergency-card a.call.big")
    assert call.get_attribute("href") == "tel:119" and "119" in call.inner_text()
    box = call.bounding_box()
    assert box["height"] >= 44 and box["width"] >= min(any_page.width - 80, 200)
    steps = answer.locator(".emergency-card ol li").all_inner_texts()
    assert words(fake_services, "en", "emergency_step_not_breathing") in steps
    person = words(fake_services, "en", "qr_person")
    assert person not in any_page.locator("#quick button").all_inner_texts()
    # the card's number comes before the text; every number in the text is a tel: link too
    assert answer.locator(".text a[href='tel:119']").count() >= 1
    shot(any_page, f"chat-emergency-card-{any_page.width}")


def test_an_office_card_has_tap_to_call_the_address_and_a_map_link(any_page, shot):
    any_page.goto("/?lang=en")
    ask(any_page, "I live in Osaka. How do I apply for an extension of my period of stay?")
    card = last_answer(any_page).locator(".office-card")
    assert "Osaka" in card.locator("h3").inner_text()
    calls = card.locator("a.call")
    assert calls.count() >= 1 and re.fullmatch(r"tel:\d{9,11}", calls.first.get_attribute("href"))
    assert "Suminoe" in card.inner_text()  # the bureau's address (offices.yaml)
    map_link = card.locator("a.map")
    assert map_link.get_attribute("href").startswith("https://www.google.com/maps/search/?api=1&query=")
    assert any_page.evaluate("() => document.documentElement.scrollWidth") <= any_page.width
    shot(any_page, f"chat-office-card-{any_page.width}")


def test_the_conversation_survives_a_reload_and_new_conversation_starts_over(wide_page, fake_services):
    wide_page.goto("/?lang=en")
    ask(wide_page, "How do I report my new address?")
    ask(wide_page, EMERGENCY)
    before = wide_page.locator("#log .msg").all_inner_texts()
    wide_page.reload()
    wide_page.locator("#log .msg.bot").nth(1).wait_for()
    assert wide_page.locator("#log .msg").all_inner_texts() == before
    assert wide_page.locator("#log .emergency-card a.call.big[href='tel:119']").count() == 1  # cards too
    wide_page.locator("#new-conversation").click()
    assert wide_page.locator("#log .msg").count() == 0
    starter = words(fake_services, "en", "ui_starter_card")
    assert starter in wide_page.locator("#quick button").all_inner_texts()
    wide_page.reload()
    assert wide_page.locator("#log .msg").count() == 0


def test_a_conversation_is_restored_from_the_server_on_another_device(browser, live_url, wide_page):
    wide_page.goto("/?lang=en")
    ask(wide_page, "I live in Nagoya. I lost my residence card.")
    said = wide_page.locator("#log .msg.bot .text").last.inner_text()
    shown = [
        wide_page.locator(f"#log .msg.bot {part}").count()
        for part in (".sources li", ".office-card", "a[href^='tel:']")
    ]
    assert shown[0] and shown[1]  # the answer showed its sources and the office card
    session = wide_page.evaluate("() => JSON.parse(localStorage.getItem('tsunagu-chat')).session")
    context, other, errors = _open(browser, live_url, viewport={"width": 1280, "height": 900})
    try:
        other.goto(f"/?session={session}")
        other.locator("#log .msg.bot").first.wait_for()
        assert other.locator("#log .msg.you .text").first.inner_text() == "I live in Nagoya. I lost my residence card."
        assert other.locator("#log .msg.bot .text").first.inner_text() == said
        # not text alone: the same sources, office card and tap-to-call links as on the first device
        assert [
            other.locator(f"#log .msg.bot {part}").count()
            for part in (".sources li", ".office-card", "a[href^='tel:']")
        ] == shown
        assert errors == []
    finally:
        context.close()


def test_the_start_of_a_long_answer_is_scrolled_into_view_on_a_phone(phone_page):
    phone_page.goto("/?lang=en")
    ask(phone_page, "How do I report my new address?")
    ask(phone_page, "residence card lost reissue")
    top = last_answer(phone_page).evaluate("node => node.getBoundingClientRect().top")
    assert -1 <= top < 740 / 2  # sub-pixel rounding may put the start a fraction above 0


def test_the_pages_words_follow_the_conversations_language(wide_page, fake_services):
    wide_page.goto("/?lang=en")
    wide_page.locator("#lang").select_option("")  # detect the language from what is typed
    ask(wide_page, "Tôi bị mất thẻ cư trú")
    assert wide_page.evaluate("() => document.documentElement.lang") == "vi"
    assert wide_page.locator("#send").inner_text() == words(fake_services, "vi", "ui_send")
    assert wide_page.locator("#new-conversation").inner_text() == words(fake_services, "vi", "ui_new_conversation")


@pytest.mark.parametrize("noise", ["?????", "😀🙏", "<b></b>"])
def test_input_without_words_asks_for_the_question_in_the_conversations_language(wide_page, fake_services, noise):
    wide_page.goto("/")
    ask(wide_page, "Tôi bị mất thẻ cư trú")
    first = last_answer(wide_page).locator(".text").inner_text()
    ask(wide_page, noise)
    answer = last_answer(wide_page)
    assert answer.locator(".text").inner_text() == fake_services.catalogs.text(Speech("vi"), "no_words")
    assert answer.get_attribute("lang") == "vi" and answer.locator(".text").inner_text() != first
    assert wide_page.evaluate("() => document.documentElement.lang") == "vi"


def test_the_counter_warns_before_the_limit_and_nothing_is_cut(any_page, shot, fake_services):
    any_page.goto("/?lang=ko")
    counter = any_page.locator("#counter")
    assert counter.inner_text() == words(fake_services, "ko", "ui_chars_left").format(left=2000)
    any_page.locator("#text").fill("가" * 1990)
    assert "10" in counter.inner_text()
    any_page.locator("#text").fill("가" * 3000)  # pasted: kept whole, not silently cut
    assert len(any_page.locator("#text").input_value()) == 3000
    alert = any_page.locator("#too-long")
    assert alert.is_visible() and alert.inner_text() == words(fake_services, "ko", "ui_too_long").format(max=2000)
    assert any_page.locator("#send").is_disabled()
    any_page.locator("#text").press("Enter")
    assert any_page.locator("#log .msg").count() == 0  # nothing sent
    shot(any_page, f"chat-too-long-{any_page.width}")


@pytest.mark.parametrize(
    "lang, title", [("ko", "페이지를 찾을 수 없습니다"), ("vi", "Không tìm thấy trang"), ("my", "စာမျက်နှာ မတွေ့ပါ")]
)
def test_a_wrong_address_shows_a_friendly_page_in_the_pages_language(any_page, shot, lang, title):
    response = any_page.goto(f"/no-such-page?lang={lang}")
    assert response.status == 404
    # Chromium logs the page's own 404 status on the console: that one is expected
    any_page.errors[:] = [e for e in any_page.errors if "status of 404" not in e]
    assert any_page.locator("h1").inner_text() == title
    assert any_page.evaluate("() => document.documentElement.lang") == lang
    if lang == "my":
        shot(any_page, f"error-404-my-{any_page.width}")
    any_page.locator("main a[href^='/?lang=']").click()
    any_page.locator("#text").wait_for()
    assert any_page.evaluate("() => document.documentElement.lang") == lang


def test_was_this_helpful_is_recorded(wide_page, fake_services):
    wide_page.goto("/?lang=en")
    ask(wide_page, "How do I report my new address?")
    session = wide_page.evaluate("() => JSON.parse(localStorage.getItem('tsunagu-chat')).session")
    yes = last_answer(wide_page).locator(".rating button").first
    yes.click()
    last_answer(wide_page).locator(".rating-thanks", has_text=words(fake_services, "en", "ui_thanks_rating")).wait_for()
    assert yes.get_attribute("aria-pressed") == "true"
    ratings = [r for r in fake_services.store.ratings() if r.conversation_id == session]
    assert [(r.answer, r.helpful) for r in ratings] == [(0, True)]


OFFICE_FIELD = {  # the `office` field as the offices branch defines it (bot/dialogue/office_cards.py)
    "id": "osaka-immigration",
    "kind": "immigration",
    "name_ja": "大阪出入国在留管理局",
    "name": "Osaka Regional Immigration Services Bureau",
    "purpose": "Residence procedures",
    "phones": ["0570-013904", "03-5796-7112 (from IP phones and abroad)"],
    "address": "",
    "hours": "",
    "section_ja": "",
    "section": "",
    "source": "https://www.moj.go.jp/isa/",
}
HANDOFF_FIELD = {  # a handoff card: one phone string, its IP-phone note (with a " / " inside) in brackets
    "reason": "situation:unpaid_wages",
    "office": {
        "id": "fresc",
        "name": "FRESC",
        "phone": "0570-011000 (IP phone / from abroad: 03-5363-3013)",
        "address": "",
        "hours": "Weekdays 9:00-17:00",
    },
    "summary_ja": "",
}
CALLS_FIELD = [{"id": "inochi", "label": "Inochi no Denwa", "number": "0120-783-556", "tel": "tel:0120783556"}]


@pytest.mark.parametrize(
    "extra, check",
    [
        ({"office": OFFICE_FIELD}, "office"),
        ({"office": {"name": "Only a name"}}, "office-name-only"),
        ({"calls": CALLS_FIELD}, "calls"),
        ({"handoff": HANDOFF_FIELD}, "handoff-ip-note"),
        (
            {
                "situation": {
                    "id": "x",
                    "urgency": "now",
                    "steps": ["Go somewhere safe."],
                    "lines": [{"name": "Police", "number": "110", "tel": "tel:110"}],
                }
            },
            "situation",
        ),
    ],
)
def test_structured_fields_render_whatever_parts_they_have(wide_page, extra, check):
    """The office and situation fields of the other branches, as the page receives them: each part that is
    there is shown (a missing address, hours or steps is simply left out), nothing breaks."""
    answer = {
        "session_id": "x",
        "lang": "en",
        "register": "standard",
        "text": "See below.",
        "sources": [],
        "handoff": None,
        "quick_replies": [],
        "quick_reply_payloads": [],
        **extra,
    }
    wide_page.route("**/api/chat", lambda route: route.fulfill(json=answer))
    wide_page.goto("/?lang=en")
    ask(wide_page, "help")
    bot = last_answer(wide_page)
    if check == "office":
        card = bot.locator(".office-card")
        assert card.locator("h3").inner_text() == OFFICE_FIELD["name"]
        assert [card.locator("a.call").nth(i).get_attribute("href") for i in range(2)] == [
            "tel:0570013904",
            "tel:0357967112",
        ]
        assert "大阪出入国在留管理局" in card.inner_text() and card.locator("a.map").count() == 0
    elif check == "office-name-only":
        assert bot.locator(".office-card h3").inner_text() == "Only a name"
        assert bot.locator(".office-card a").count() == 0
    elif check == "handoff-ip-note":
        card = bot.locator(".office-card")
        assert card.locator(".phone").count() == 1  # one number with its note, not split inside the brackets
        assert card.locator("a.call").get_attribute("href") == "tel:0570011000"
        assert card.locator(".note a").get_attribute("href") == "tel:0353633013"
        assert "(IP phone / from abroad:" in card.locator(".note").inner_text()
    elif check == "calls":
        assert bot.locator(".emergency-card a.call.big").get_attribute("href") == "tel:0120783556"
    else:
        assert bot.locator(".emergency-card a.call.big").get_attribute("href") == "tel:110"
        assert bot.locator(".emergency-card ol li").all_inner_texts() == ["Go somewhere safe."]
