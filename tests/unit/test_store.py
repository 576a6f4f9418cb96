"""The conversation store on SQLite: turns, ordering, retention, personal data redacted."""

import datetime as dt

import pytest

from bot.dialogue import IncomingMessage
from bot.store import open_store


@pytest.fixture()
def store(tmp_path):
    return open_store(f"sqlite:///{tmp_path / 'store.db'}")


def test_incoming_is_committed_before_the_turn_and_replies_after(store):
    store.record_incoming("c1", "api", "hello", "en")
    assert [m.direction for m in store.messages("c1")] == ["in"]
    with store.turn("c1") as turn:
        turn.state["lang"] = "en"
        turn.say("hi", "en")
    assert [(m.direction, m.text) for m in store.messages("c1")] == [("in", "hello"), ("out", "hi")]
    assert store.state("c1") == {"lang": "en"}


def test_a_failed_turn_keeps_the_message_and_the_old_state(store):
    store.record_incoming("c1", "api", "first", "en")
    with store.turn("c1") as turn:
        turn.state["step"] = 1
    store.record_incoming("c1", "api", "second", "en")
    with pytest.raises(RuntimeError), store.turn("c1") as turn:
        turn.state["step"] = 2
        raise RuntimeError("crash while answering")
    assert store.state("c1") == {"step": 1}
    assert [m.text for m in store.messages("c1")] == ["first", "second"]


def test_retention_deletes_only_idle_conversations(store):
    for conversation in ("old", "new"):
        store.record_incoming(conversation, "api", "x")
    with store.turn("new"):
        pass
    assert store.expire(dt.timedelta(days=30)) == 0
    assert store.expire(dt.timedelta(seconds=-1)) == 2
    assert store.count_conversations() == 0 and store.messages("old") == []


def test_personal_data_is_redacted_before_it_is_stored(fake_services):
    text = "My card AB12345678CD, call me on 090-1234-5678 or mail me@example.com"
    fake_services.dialogue.handle(IncomingMessage("redact-1", text))
    stored = fake_services.store.messages("redact-1")[0].text
    assert "AB12345678CD" not in stored and "090-1234-5678" not in stored and "me@example.com" not in stored
    assert "[residence-card-no]" in stored and "[phone]" in stored and "[email]" in stored


def test_the_schema_head_constant_matches_the_migrations():
    from alembic.config import Config
    from alembic.script import ScriptDirectory

    from bot.store.engine import MIGRATIONS, SCHEMA_HEAD

    config = Config()
    config.set_main_option("script_location", str(MIGRATIONS))
    assert ScriptDirectory.from_config(config).get_current_head() == SCHEMA_HEAD
