"""POST /api/chat and GET /healthz through the real app (fake embedder, no network)."""

import pytest
from tests.conftest import nothing_is_close_enough


def test_answer_has_the_documented_shape(client):
    response = client.post("/api/chat", json={"session_id": "s1", "text": "residence card lost reissue"})
    assert response.status_code == 200
    body = response.json()
    assert set(body) - {"office"} == {
        "session_id",
        "lang",
        "register",
        "text",
        "sources",
        "handoff",
        "quick_replies",
        "quick_reply_payloads",
    }
    assert body["session_id"] == "s1" and body["lang"] == "en" and body["register"] == "standard"
    assert body["sources"] and set(body["sources"][0]) >= {"id", "title", "chapter"}
    # the labels as before, and each button's label with the payload tapping it sends back
    assert [b["label"] for b in body["quick_reply_payloads"]] == body["quick_replies"]


def test_a_language_button_sends_its_payload_and_the_conversation_switches(client):
    menu = client.post("/api/chat", json={"session_id": "qr-1", "text": "change language"}).json()
    buttons = {b["label"]: b["payload"] for b in menu["quick_reply_payloads"]}
    assert buttons["Tiếng Việt"] == "lang=vi" and buttons["やさしい日本語"] == "lang=ja-plain"
    chosen = client.post(
        "/api/chat", json={"session_id": "qr-1", "text": "Tiếng Việt", "payload": buttons["Tiếng Việt"]}
    ).json()
    assert chosen["lang"] == "vi" and chosen["quick_replies"] == []
    plain = client.post(
        "/api/chat", json={"session_id": "qr-1", "text": "やさしい日本語", "payload": "lang=ja-plain"}
    ).json()
    assert (plain["lang"], plain["register"]) == ("ja", "plain")


@pytest.mark.parametrize("payload", [3, ["lang=vi"], "x" * 3000])
def test_a_payload_that_is_not_a_short_string_is_refused(client, payload):
    response = client.post("/api/chat", json={"session_id": "qr-2", "text": "hi", "payload": payload})
    assert response.status_code == 422 and "payload" in response.json()["error"]


def test_answer_text_is_the_topic_text_in_the_asked_language(client, fake_services):
    body = client.post("/api/chat", json={"session_id": "s2", "text": "在留カードを紛失しました"}).json()
    assert body["lang"] == "ja"
    topic = body["sources"][0]["id"]
    _, text = fake_services.assistant.topic_text(topic, "ja")
    assert body["text"].startswith(text)  # then the office for the topic (issue 12)


def test_explicit_language_wins_over_detection(client):
    body = client.post("/api/chat", json={"session_id": "s3", "text": "residence card", "lang": "ja"}).json()
    assert body["lang"] == "ja"


@pytest.mark.parametrize(
    ("payload", "status", "phrase"),
    [
        (b'{"session_id": "s", "text": ""}', 422, "text is empty"),
        (b'{"session_id": "s", "text": "   "}', 422, "text is empty"),
        (b'{"session_id": "s", "text": "' + b"a" * 2001 + b'"}', 413, "limit is 2000"),
        (b'{"session_id": "s", "text": "\xff\xfe"}', 400, "not valid UTF-8"),
        (b'{"session_id": "s", "text": ', 400, "not valid JSON"),
        (b'["a"]', 422, "JSON object"),
        (b'{"session_id": "s", "text": "hi", "lang": "xx"}', 422, "unknown language 'xx'"),
        (b'{"session_id": "s", "text": "hi", "colour": "red"}', 422, "unknown field"),
        (b'{"text": "hi"}', 422, "session_id"),
        (b'{"session_id": "s", "text": "hi", "plain": "yes"}', 422, "plain must be"),
        (b"x" * (70 * 1024), 413, "larger than"),
    ],
)
def test_bad_input_gets_a_clear_error(client, payload, status, phrase):
    response = client.post("/api/chat", content=payload, headers={"content-type": "application/json"})
    assert response.status_code == status
    assert phrase in response.json()["error"]


def test_healthz_reports_the_index(client):
    body = client.get("/healthz").json()
    assert body["status"] == "ok" and body["chunks"] > 0 and "ja" in body["languages"]


def test_a_failure_while_answering_is_a_clear_error_and_the_message_is_kept(client, fake_services, monkeypatch):
    def broken(*args, **kwargs):
        raise RuntimeError("index exploded")

    monkeypatch.setattr(fake_services.assistant, "find", broken)
    response = client.post("/api/chat", json={"session_id": "broken-1", "text": "where do I pay resident tax?"})
    assert response.status_code == 500
    assert "Your message was saved" in response.json()["error"]
    assert [m.text for m in fake_services.store.messages("broken-1")] == ["where do I pay resident tax?"]


def test_every_handoff_reason_has_its_sentence_in_english(fake_services):
    from bot.dialogue.handoff import REASON_MESSAGES, REASONS

    assert set(REASONS) == set(REASON_MESSAGES)
    for key in REASON_MESSAGES.values():
        assert fake_services.catalogs.text("en", key)


def test_two_unanswerable_questions_say_so_then_hand_off(fake_services):
    from bot.dialogue import IncomingMessage

    with nothing_is_close_enough(fake_services):
        first = fake_services.dialogue.handle(IncomingMessage("unsure-1", "zzqx blorf"))[-1]
        assert "could not find a reliable answer" in first.text and first.quick_replies
        second = fake_services.dialogue.handle(IncomingMessage("unsure-1", "qqzx florb"))[-1]
        assert second.handoff is not None and second.handoff.reason == "low_confidence"
