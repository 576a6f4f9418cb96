"""LINE webhook: real signed bodies through the real line-bot-sdk to a fake LINE API on 127.0.0.1."""

from __future__ import annotations

import dataclasses
import threading
import time

import httpx
import pytest
from fastapi.testclient import TestClient

from connectors.app import create_app
from connectors.channel import Outgoing
from connectors.line.sdk import LineChannel
from connectors.services import get_services
from tests.conftest import fake_settings
from tests.fakes.line_api import PUSH, REPLY
from tests.fakes.line_events import TOKEN, body_of, event, message, new_user, post, signature, text
from tests.live import serving


class HeldDialogue:
    """The real dialogue, each turn held until the test sets ``release`` (not held when none is given)."""

    def __init__(self, inner, release: threading.Event | None = None) -> None:
        self.inner = inner
        self.release = release if release is not None else threading.Event()
        if release is None:
            self.release.set()

    def handle(self, message):
        if not self.release.wait(timeout=30):
            raise RuntimeError("the test never released the turn")
        return self.inner.handle(message)

    def __getattr__(self, name):
        return getattr(self.inner, name)


def test_a_signed_text_message_is_stored_and_answered_with_a_reply(client, services, line_api):
    user = new_user()
    incoming = text(user, "How do I report my new address?")
    response = post(client, body_of(incoming))
    assert response.status_code == 200
    [call] = line_api.calls_to(REPLY)
    assert call.headers["authorization"] == f"Bearer {TOKEN}"
    assert call.body["replyToken"] == incoming["replyToken"]
    assert call.texts and all(0 < len(t) <= 5000 for t in call.texts)
    stored = [m for m in services.store.messages(f"line:{user}") if m.direction == "in"]
    assert [m.text for m in stored] == ["How do I report my new address?"]  # stored once
    assert not line_api.calls_to(PUSH)


def test_personal_data_is_redacted_before_it_is_stored(client, services):
    user = new_user()
    post(client, body_of(text(user, "My number is 090-1234-5678, card AB12345678CD")))
    [stored] = [m.text for m in services.store.messages(f"line:{user}") if m.direction == "in"]
    assert "090-1234-5678" not in stored and "AB12345678CD" not in stored


@pytest.mark.parametrize("how", ["tampered body", "wrong secret", "missing signature", "empty signature"])
def test_a_bad_or_missing_signature_is_rejected_and_nothing_is_processed(client, services, line_api, how):
    user = new_user()
    body = body_of(text(user, "hello"))
    sign = {
        "tampered body": signature(body),
        "wrong secret": signature(body, "not-the-secret"),
        "missing signature": None,
        "empty signature": "   ",
    }[how]
    if how == "tampered body":
        body = body.replace(b"hello", b"hellp")
    response = post(client, body, sign)
    assert response.status_code == 400
    assert line_api.calls == []
    assert services.store.messages(f"line:{user}") == []


def test_follow_greets_and_offers_every_language_in_its_own_script(client, line_api):
    post(client, body_of(event("follow", new_user(), follow={"isUnblocked": False})))
    [call] = line_api.calls_to(REPLY)
    items = call.quick_reply_items
    labels = [item["action"]["label"] for item in items]
    assert 0 < len(items) <= 13 and all(len(label) <= 20 for label in labels)
    assert {"日本語", "English", "Tiếng Việt", "やさしい日本語"} <= set(labels)
    assert all(item["action"]["type"] == "postback" and item["action"]["data"].startswith("lang=") for item in items)
    spilled = call.texts[-1]  # languages past LINE's 13 buttons are listed in the text
    assert "Українська" in spilled or "Українська" in labels


def test_choosing_a_language_is_remembered_for_the_user(client, services, line_api):
    user = new_user()
    post(client, body_of(event("postback", user, postback={"data": "lang=vi"})))
    [call] = line_api.calls_to(REPLY)
    assert call.texts == [services.catalogs.text("vi", "language_set")]
    line_api.clear()
    post(client, body_of(text(user, "hello")))  # English words no longer switch the language
    state = services.store.state(f"line:{user}")
    assert state["lang"] == "vi" and state["lang_chosen"] is True


@pytest.mark.parametrize(
    "content",
    [
        {"type": "sticker", "packageId": "446", "stickerId": "1988", "stickerResourceType": "STATIC"},
        {"type": "image", "contentProvider": {"type": "line"}},
        {"type": "location", "latitude": 35.68, "longitude": 139.76, "address": "東京都千代田区"},
    ],
)
def test_stickers_images_and_locations_get_a_short_text_reply(client, services, line_api, content):
    post(client, body_of(message(new_user(), content)))
    [call] = line_api.calls_to(REPLY)
    assert call.texts == [services.catalogs.text(services.settings.default_language, "non_text")]


@pytest.mark.parametrize(
    "ignored",
    [
        event("unfollow", "Uleaving"),
        event("join", "Ux", source={"type": "group", "groupId": "Cgroup1"}),
        event("leave", "Ux", source={"type": "group", "groupId": "Cgroup1"}),
        event("postback", "Ux", postback={"data": "action=unknown"}),
        event("brandNewEventType", "Ux"),
        {**text("Ux", "hello everyone"), "source": {"type": "group", "groupId": "Cgroup1", "userId": "Ux"}},
    ],
    ids=["unfollow", "join", "leave", "unknown postback", "unknown type", "text in a group chat"],
)
def test_other_events_are_acknowledged_and_ignored(client, line_api, ignored):
    response = post(client, body_of(ignored))
    assert response.status_code == 200
    assert line_api.calls == []


def test_an_expired_reply_token_falls_back_to_push(client, line_api):
    user = new_user()
    line_api.fail_replies(400, "Invalid reply token")
    post(client, body_of(text(user, "Where do I register my address?")))
    [reply] = line_api.calls_to(REPLY)
    [push] = line_api.calls_to(PUSH)
    assert push.body["to"] == user
    assert push.body["messages"] == reply.body["messages"]
    assert push.headers["x-line-retry-key"]


def test_a_redelivered_event_is_answered_once(client, line_api):
    first = text(new_user(), "Where do I register my address?")
    again = {**first, "deliveryContext": {"isRedelivery": True}}
    post(client, body_of(first))
    post(client, body_of(again))
    assert len(line_api.calls_to(REPLY)) == 1


def test_a_redelivered_event_not_seen_before_is_answered(client, line_api):
    post(client, body_of(text(new_user(), "hello") | {"deliveryContext": {"isRedelivery": True}}))
    assert len(line_api.calls_to(REPLY)) == 1


def test_more_than_five_messages_reply_five_and_push_the_rest(line_api):
    line_api.clear()
    messages = [Outgoing(f"part {i}") for i in range(7)]
    LineChannel(TOKEN, line_api.url).send("Ulong", messages, reply_token="tok")
    [reply], [push] = line_api.calls_to(REPLY), line_api.calls_to(PUSH)
    assert reply.texts == [f"part {i}" for i in range(5)] and push.texts == ["part 5", "part 6"]


def test_without_line_settings_the_webhook_says_it_is_not_configured(fake_services, tmp_path):
    app = create_app()
    app.dependency_overrides[get_services] = lambda: dataclasses.replace(
        fake_services, settings=fake_settings(tmp_path)
    )
    with TestClient(app) as test_client:
        response = post(test_client, body_of(text("U1", "hi")), "x")
    assert response.status_code == 503 and "TSUNAGU_LINE_CHANNEL_SECRET" in response.json()["error"]


def test_the_webhook_answers_before_a_slow_reply_is_sent(services, line_api):
    """LINE wants its 200 quickly: the dialogue runs after the response. Here the turn is held until the
    webhook has answered, so a webhook that waited for the dialogue would never answer (and time out)."""
    release = threading.Event()
    held = HeldDialogue(services.dialogue, release)
    app = create_app()
    app.dependency_overrides[get_services] = lambda: dataclasses.replace(services, dialogue=held)
    user = new_user()
    body = body_of(text(user, "hello"))
    with serving(app) as url:
        response = httpx.post(
            f"{url}/webhooks/line",
            content=body,
            timeout=10,
            headers={"x-line-signature": signature(body), "content-type": "application/json"},
        )
        assert response.status_code == 200
        assert not line_api.calls_to(REPLY)  # still thinking, but what the user sent is already stored
        assert [m.text for m in services.store.messages(f"line:{user}") if m.direction == "in"] == ["hello"]
        release.set()
        deadline = time.monotonic() + 10
        while not line_api.calls_to(REPLY) and time.monotonic() < deadline:
            time.sleep(0.05)
    assert len(line_api.calls_to(REPLY)) == 1


def test_the_consoles_verify_button_gets_a_200(client, line_api):
    """LINE's "Verify" sends a signed body without events."""
    response = post(client, body_of())
    assert response.status_code == 200 and line_api.calls == []


class BrokenDialogue(HeldDialogue):
    def handle(self, message):
        raise RuntimeError("the index is being rebuilt")


@pytest.mark.parametrize(
    "words, dialogue, expected_key",
    [
        ("x" * 2500, None, "error_too_long"),
        ("Where do I register my address?", BrokenDialogue, "error_internal"),
    ],
)
def test_a_turn_that_cannot_be_answered_still_keeps_the_message_and_tells_the_user(
    services, line_api, words, dialogue, expected_key
):
    if dialogue is not None:
        services = dataclasses.replace(services, dialogue=dialogue(services.dialogue))
    app = create_app()
    app.dependency_overrides[get_services] = lambda: services
    user = new_user()
    with TestClient(app) as test_client:
        assert post(test_client, body_of(text(user, words))).status_code == 200
    [call] = line_api.calls_to(REPLY)
    limit = services.settings.max_message_chars
    assert call.texts == [services.catalogs.text(services.settings.default_language, expected_key, limit=limit)]
    assert [m.text for m in services.store.messages(f"line:{user}") if m.direction == "in"] == [words]
