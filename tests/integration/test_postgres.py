"""The store on a real PostgreSQL server (started by .ci/run via scripts/test-postgres.sh): migrations,
and two service processes sharing one database continuing each other's conversations."""

from __future__ import annotations

from concurrent.futures import ThreadPoolExecutor

import pytest

from bot.store import open_store
from tests.server import Server

pytestmark = pytest.mark.integration


def test_migrations_create_the_schema_and_turns_work(database_url):
    store = open_store(database_url)
    store.record_incoming("pg-1", "api", "hello", "en")
    with store.turn("pg-1") as turn:
        turn.state["prefecture"] = "osaka"
        turn.say("hi", "en")
    assert open_store(database_url).state("pg-1") == {"prefecture": "osaka"}  # migrating again is a no-op
    assert [m.direction for m in store.messages("pg-1")] == ["in", "out"]


def test_two_processes_share_conversations(database_url, tmp_path):
    first = Server(tmp_path / "a", database_url=database_url).start()
    second = Server(tmp_path / "b", database_url=database_url).start()
    try:
        assert first.chat("shared-1", "I live in Fukuoka")["lang"] == "en"
        reply = second.chat("shared-1", "I want to talk to a person")
        assert reply["handoff"]["office"]["id"] == "fukuoka-bureau"
        # both processes write to one conversation at once: every message is kept, none overwritten
        texts = [f"question {i} about garbage" for i in range(20)]
        with ThreadPoolExecutor(4) as pool:
            list(pool.map(lambda i: (first if i % 2 else second).chat("shared-2", texts[i]), range(20)))
        stored = open_store(database_url).messages("shared-2")
        assert sorted(m.text for m in stored if m.direction == "in") == sorted(texts)
        assert sum(m.direction == "out" for m in stored) >= 20
    finally:
        first.stop()
        second.stop()
