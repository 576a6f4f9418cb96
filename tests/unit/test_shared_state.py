"""State several service processes share through the store: two store objects on one database stand for
two processes (the real-process version runs on PostgreSQL in tests/integration/test_processes.py)."""

import datetime as dt

import pytest

from bot.store import open_store


@pytest.fixture()
def url(tmp_path):
    return f"sqlite:///{tmp_path / 'shared.db'}"


def test_login_failures_on_one_process_lock_the_address_out_on_the_other(url):
    first, second = open_store(url), open_store(url)
    for _ in range(4):
        first.logins.failed("203.0.113.7")
    assert not second.logins.blocked("203.0.113.7")
    second.logins.failed("203.0.113.7")
    assert first.logins.blocked("203.0.113.7") and second.logins.blocked("203.0.113.7")
    assert not first.logins.blocked("198.51.100.1")  # another address is not affected
    second.logins.succeeded("203.0.113.7")
    assert not first.logins.blocked("203.0.113.7")


def test_old_login_failures_age_out(url):
    store = open_store(url)
    store.logins.window = 0.0
    for _ in range(6):
        store.logins.failed("203.0.113.8")
    assert not store.logins.blocked("203.0.113.8")


def test_an_event_is_taken_in_once_whichever_process_sees_it(url):
    first, second = open_store(url), open_store(url)
    assert first.events.first_time("line", "01HEVENT1")
    assert not second.events.first_time("line", "01HEVENT1")
    assert second.events.first_time("line", "01HEVENT2")


def test_training_progress_is_the_same_from_every_process(url):
    first, second = open_store(url), open_store(url)
    first.training.record("staff", "case-1", 6, 10)
    second.training.record("staff", "case-1", 9, 10)
    second.training.record("other", "case-2", 3, 10)
    progress = first.training.of("staff")
    assert set(progress) == {"case-1"}
    assert (progress["case-1"].attempts, progress["case-1"].best_points) == (2, 9)


def test_the_outbox_takes_in_the_event_the_text_and_the_entry_together(url):
    store = open_store(url)
    entry = store.outbox.accept(
        "line", "01HEVENT3", "line:U1", "U1", "token-1", {"kind": "text", "text": "hello"}, store_text="hello", lang=""
    )
    assert entry is not None and entry.messages is None and entry.attempts == 0
    assert [m.text for m in store.messages("line:U1")] == ["hello"]
    # the same event again (a redelivery, to any process): nothing new is stored
    assert (
        open_store(url).outbox.accept(
            "line", "01HEVENT3", "line:U1", "U1", "token-2", {"kind": "text", "text": "hello"}, store_text="hello"
        )
        is None
    )
    assert [m.text for m in store.messages("line:U1")] == ["hello"]
    assert store.outbox.counts() == {"pending": 1}


def test_only_one_process_claims_an_entry_and_only_after_its_lease_ran_out(url):
    taker = open_store(url, outbox_lease_seconds=0.2)
    entry = taker.outbox.accept("line", "01HEVENT4", "line:U2", "U2", "", {"kind": "text", "text": "x"})
    first, second = open_store(url), open_store(url)
    assert first.outbox.claim_due() == []  # still leased to the process that took it in
    import time

    time.sleep(0.3)
    claimed = first.outbox.claim_due() + second.outbox.claim_due()
    assert [c.id for c in claimed] == [entry.id]
    assert not taker.outbox.sent(entry.id)  # the lease moved on: the old holder cannot finish it


def test_retention_removes_finished_entries_and_old_event_ids_but_not_pending_ones(url):
    store = open_store(url)
    done = store.outbox.accept("line", "01HEVENT5", "line:U3", "U3", "", {"kind": "follow"})
    store.outbox.accept("line", "01HEVENT6", "line:U3", "U3", "", {"kind": "follow"})
    store.outbox.sent(done.id)
    store.expire(dt.timedelta(seconds=-1))
    assert store.outbox.counts() == {"pending": 1}
