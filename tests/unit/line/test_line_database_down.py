"""LINE while the database is down: a danger still gets its line first through the reply token, and is told
it was not saved; anything else is refused with 503 so LINE redelivers it once the database is back."""

from __future__ import annotations

from contextlib import contextmanager

import pytest
from sqlalchemy import create_engine

from bot.safety import load_safety_texts
from tests.fakes.line_api import PUSH, REPLY
from tests.fakes.line_events import body_of, new_user, post, text


@contextmanager
def database_down(store):
    healthy, healthy_outbox = store.engine, store.outbox.engine
    store.engine = store.outbox.engine = create_engine(
        "postgresql+psycopg://nobody@127.0.0.1:1/none", connect_args={"connect_timeout": 2}
    )
    try:
        yield
    finally:
        store.engine, store.outbox.engine = healthy, healthy_outbox


@pytest.mark.parametrize(
    "words, lang, first",
    [
        ("I want to kill myself", "en", "0120-279-338"),
        ("死にたい", "ja", "0120-279-338"),
        ("My husband hits me every day", "en", "110"),
    ],
)
def test_a_danger_while_the_database_is_down_gets_its_line_first_by_reply_and_is_told_it_was_not_saved(
    client, services, line_api, words, lang, first
):
    user = new_user()
    incoming = text(user, words)
    with database_down(services.store):
        response = post(client, body_of(incoming))
    assert response.status_code == 200  # answered: LINE must not redeliver it
    [call] = line_api.calls_to(REPLY)
    assert call.body["replyToken"] == incoming["replyToken"]
    card = call.body["messages"][0]  # before any text: the lines, the right one first, as call buttons
    assert card["type"] == "flex" and card["altText"].split(" / ")[0].endswith(first)
    assert card["contents"]["footer"]["contents"][0]["action"]["uri"] == "tel:" + first.replace("-", "")
    assert load_safety_texts().text(lang, "not_saved") in "\n".join(call.texts)
    assert not call.quick_reply_items  # no "talk to a person": no one can be asked for until it is back
    assert not line_api.calls_to(PUSH)
    assert services.store.messages(f"line:{user}") == []  # nothing stored, as the reply says


def test_an_ordinary_question_beside_a_danger_keeps_the_503_so_line_redelivers_the_events(client, services, line_api):
    danger, question = text(new_user(), "I want to kill myself"), text(new_user(), "Where do I register my address?")
    with database_down(services.store):
        response = post(client, body_of(danger, question))
    assert response.status_code == 503 and response.headers["retry-after"]
    assert [c.body["replyToken"] for c in line_api.calls_to(REPLY)] == [danger["replyToken"]]  # the line, now
    line_api.clear()
    assert post(client, body_of(question)).status_code == 200  # LINE's redelivery, once the database is back
    [answer] = line_api.calls_to(REPLY)
    assert answer.body["replyToken"] == question["replyToken"]
