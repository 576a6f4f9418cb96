"""Issue 15 through /api/chat: input without words, the emergency card, ratings, restoring a conversation,
source pages, and friendly error pages for browsers (JSON for the API)."""

from __future__ import annotations

import pytest

from bot.dialogue.turn import has_words
from bot.speech import Speech


@pytest.mark.parametrize(
    "text, expected",
    [
        ("?????", False),
        ("😀😀🙏", False),
        ("<b></b>", False),
        ("<script></script> !!", False),
        ("...", False),
        ("a", True),
        ("在留", True),
        ("ខ្ញុំ", True),
        ("110", True),
        ("<b>visa</b>", True),
    ],
)
def test_what_counts_as_words(text, expected):
    assert has_words(text) is expected


@pytest.mark.parametrize("noise", ["?????", "😀🙏😀", "<b></b>", "<i></i> ???"])
def test_no_words_asks_for_the_question_in_the_conversations_language_and_keeps_it(client, fake_services, noise):
    session = f"nw-{abs(hash(noise))}"
    first = client.post("/api/chat", json={"session_id": session, "text": "Tôi bị mất thẻ cư trú"}).json()
    assert first["lang"] == "vi"
    reply = client.post("/api/chat", json={"session_id": session, "text": noise}).json()
    assert reply["text"] == fake_services.catalogs.text(Speech("vi"), "no_words")
    assert reply["lang"] == "vi" and reply["sources"] == [] and reply["text"] != first["text"]
    again = client.post("/api/chat", json={"session_id": session, "text": "?"}).json()
    assert again["lang"] == "vi"


def test_an_emergency_gets_the_card_with_the_number_and_steps_and_no_talk_to_a_person(client, fake_services):
    reply = client.post("/api/chat", json={"session_id": "em-1", "text": "Help, my friend is not breathing! ambulance"})
    body = reply.json()
    card = body["emergency"]
    assert card["number"] == "119" and card["tel"] == "tel:119" and card["kind"] == "ambulance"
    assert fake_services.catalogs.text("en", "emergency_step_not_breathing") in card["steps"]
    person = fake_services.catalogs.text("en", "qr_person")
    assert person not in body["quick_replies"]


def test_an_ordinary_answer_has_no_emergency_card_and_its_source_links_to_its_page(client):
    body = client.post("/api/chat", json={"session_id": "src-1", "text": "residence card lost reissue"}).json()
    assert "emergency" not in body
    assert body["sources"] and body["sources"][0]["url"].startswith("https://")


def test_a_rating_is_stored_for_its_answer_and_can_be_changed(client, fake_services):
    client.post("/api/chat", json={"session_id": "rate-1", "text": "residence card lost reissue"})
    client.post("/api/chat", json={"session_id": "rate-1", "text": "How do I report my new address?"})
    assert (
        client.post("/api/chat/rating", json={"session_id": "rate-1", "answer": 1, "helpful": False}).status_code == 200
    )
    assert (
        client.post("/api/chat/rating", json={"session_id": "rate-1", "answer": 1, "helpful": True}).status_code == 200
    )
    mine = [r for r in fake_services.store.ratings() if r.conversation_id == "rate-1"]
    assert [(r.answer, r.helpful, r.lang) for r in mine] == [(1, True, "en")]
    assert mine[0].topic  # the rated answer's topic, for analytics


@pytest.mark.parametrize(
    "body, status",
    [
        ({"session_id": "rate-1", "answer": 9, "helpful": True}, 404),
        ({"session_id": "nobody", "answer": 0, "helpful": True}, 404),
        ({"session_id": "rate-1", "answer": "0", "helpful": True}, 422),
        ({"session_id": "rate-1", "answer": 0, "helpful": "yes"}, 422),
        ({"session_id": "rate-1", "answer": 0, "helpful": True, "x": 1}, 422),
    ],
)
def test_a_bad_rating_is_refused_with_a_reason(client, body, status):
    response = client.post("/api/chat/rating", json=body)
    assert response.status_code == status and response.json()["error"]


def test_the_history_restores_what_was_said_and_never_serves_a_line_users(client, fake_services):
    client.post("/api/chat", json={"session_id": "hist-1", "text": "residence card lost reissue"})
    client.post("/api/chat/rating", json={"session_id": "hist-1", "answer": 0, "helpful": True})
    said = client.get("/api/chat/history", params={"session_id": "hist-1"}).json()["messages"]
    # the question, then the turn's replies (the answer, and the office or the question where they live)
    assert [m["role"] for m in said][:2] == ["user", "assistant"] and {m["role"] for m in said[1:]} == {"assistant"}
    assert said[0]["text"] == "residence card lost reissue" and said[1]["lang"] == "en"
    fake_services.store.record_incoming("line:Uabc", "line", "secret question")
    assert client.get("/api/chat/history", params={"session_id": "line:Uabc"}).status_code == 404
    assert client.get("/api/chat/history", params={"session_id": "nobody-here"}).status_code == 404


@pytest.mark.parametrize(
    "language, words", [("vi", "Không tìm thấy trang"), ("ja", "ページが見つかりません"), ("en", "Page not found")]
)
def test_a_wrong_address_in_a_browser_is_a_friendly_page_in_its_language(client, language, words):
    response = client.get("/no/such/page", headers={"accept": "text/html", "accept-language": language})
    assert response.status_code == 404 and response.headers["content-type"].startswith("text/html")
    assert words in response.text and 'href="/?lang=' in response.text
    assert f'<html lang="{language}">' in response.text


def test_the_api_keeps_json_errors(client):
    for path in ("/api/nothing", "/no/such/page"):
        response = client.get(path, headers={"accept": "application/json"})
        assert response.status_code == 404 and response.json()
    assert client.get("/api/nothing", headers={"accept": "text/html"}).headers["content-type"] == "application/json"


def test_a_failure_in_a_browser_is_a_friendly_page(fake_services):
    from fastapi.testclient import TestClient

    from connectors.app import create_app
    from connectors.services import get_services

    app = create_app()
    app.dependency_overrides[get_services] = lambda: fake_services

    @app.get("/boom")
    def boom():
        raise RuntimeError("broken on purpose")

    with TestClient(app, raise_server_exceptions=False) as browser:
        page = browser.get("/boom", headers={"accept": "text/html", "accept-language": "ko"})
        assert page.status_code == 500 and "문제가 발생했습니다" in page.text
        assert browser.get("/boom", headers={"accept": "application/json"}).json() == {"error": "internal error"}


def test_another_question_asks_for_it_in_the_conversations_language(client, fake_services):
    # the place first: an answer for a resident whose place is unknown ends by asking where they live
    client.post("/api/chat", json={"session_id": "more-1", "text": "Tôi sống ở Tokyo"})
    first = client.post("/api/chat", json={"session_id": "more-1", "text": "Tôi bị mất thẻ cư trú"}).json()
    [button] = [b for b in first["quick_reply_payloads"] if b["payload"] == "ask=more"]
    assert button["label"] == fake_services.catalogs.text("vi", "qr_more")
    reply = client.post(
        "/api/chat", json={"session_id": "more-1", "text": button["label"], "payload": button["payload"]}
    ).json()
    assert reply["text"] == fake_services.catalogs.text("vi", "ask_more") and reply["lang"] == "vi"


def test_a_tapped_english_label_does_not_switch_the_language(client, fake_services):
    client.post("/api/chat", json={"session_id": "more-2", "text": "Tôi bị mất thẻ cư trú"})
    reply = client.post(
        "/api/chat", json={"session_id": "more-2", "text": "Another question", "payload": "ask=more"}
    ).json()
    assert reply["lang"] == "vi"


@pytest.mark.parametrize("short", ["a", "ok", "?a"])
def test_a_letter_or_two_keeps_the_conversations_language(client, short):
    session = f"short-{short}"
    client.post("/api/chat", json={"session_id": session, "text": "Tôi bị mất thẻ cư trú"})
    assert client.post("/api/chat", json={"session_id": session, "text": short}).json()["lang"] == "vi"


def test_a_short_first_message_still_sets_the_language(client):
    assert client.post("/api/chat", json={"session_id": "short-first", "text": "hi"}).json()["lang"] == "en"


def test_the_web_chat_is_recorded_as_the_web_channel_and_other_clients_as_api(client, fake_services):
    client.post(
        "/api/chat",
        json={"session_id": "chan-web", "text": "residence card lost reissue"},
        headers={"x-tsunagu-client": "web"},
    )
    client.post("/api/chat", json={"session_id": "chan-api", "text": "residence card lost reissue"})
    assert fake_services.store.channel("chan-web") == "web" and fake_services.store.channel("chan-api") == "api"
    assert client.get("/api/chat/history", params={"session_id": "chan-web"}).status_code == 200


def test_the_history_keeps_what_each_answer_showed_sources_and_office_card(client):
    """A conversation opened on another device shows the same sources and office card, not text alone."""
    answered = client.post(
        "/api/chat", json={"session_id": "hist-office", "text": "I live in Nagoya. I lost my residence card."}
    ).json()
    said = client.get("/api/chat/history", params={"session_id": "hist-office"}).json()["messages"]
    replies = [m for m in said if m["role"] == "assistant"]
    shown_sources = [s["id"] for m in replies for s in m.get("sources", [])]
    assert shown_sources == [s["id"] for s in answered["sources"]] and shown_sources
    assert answered.get("office")
    offices = [m["office"] for m in replies if "office" in m]
    assert offices[-1] == answered["office"]  # the office card as /api/chat gave it: name, phones, address
    assert all("summary_ja" not in (m.get("handoff") or {}) for m in replies)
