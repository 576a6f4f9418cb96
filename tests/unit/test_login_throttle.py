"""Failed logins per address: five within five minutes lock the address out until the oldest ages out.
Counted in the store, so every process sharing the database agrees (tests/unit/test_shared_state.py)."""

import datetime as dt

import pytest

from bot.store import open_store


class Clock:
    def __init__(self) -> None:
        self.now = dt.datetime(2026, 12, 6, 9, 0, tzinfo=dt.UTC)

    def __call__(self) -> dt.datetime:
        return self.now

    def advance(self, seconds: float) -> None:
        self.now += dt.timedelta(seconds=seconds)


@pytest.fixture()
def logins(tmp_path):
    store = open_store(f"sqlite:///{tmp_path / 'logins.db'}")
    store.logins.clock = Clock()
    return store.logins


def test_the_sixth_try_within_the_window_is_refused_and_allowed_again_later(logins):
    for _ in range(5):
        assert not logins.blocked("10.0.0.1")
        logins.failed("10.0.0.1")
        logins.clock.advance(10)
    assert logins.blocked("10.0.0.1")
    assert not logins.blocked("10.0.0.2")  # other addresses are not affected
    logins.clock.advance(300 - 40 + 1)  # the first failure is now older than the window
    assert not logins.blocked("10.0.0.1")


def test_a_successful_login_clears_the_record(logins):
    logins.limit = 2
    logins.failed("a")
    logins.succeeded("a")
    logins.failed("a")
    assert not logins.blocked("a")
