"""Failed logins per address: five within five minutes lock the address out until the oldest ages out."""
from connectors.login_throttle import LoginThrottle


class Clock:
    def __init__(self) -> None:
        self.now = 1000.0

    def __call__(self) -> float:
        return self.now


def test_the_sixth_try_within_the_window_is_refused_and_allowed_again_later():
    clock = Clock()
    throttle = LoginThrottle(limit=5, window=300, clock=clock)
    for _ in range(5):
        assert not throttle.blocked("10.0.0.1")
        throttle.failed("10.0.0.1")
        clock.now += 10
    assert throttle.blocked("10.0.0.1")
    assert not throttle.blocked("10.0.0.2")          # other addresses are not affected
    clock.now += 300 - 40 + 1                          # the first failure is now older than the window
    assert not throttle.blocked("10.0.0.1")


def test_a_successful_login_clears_the_record():
    throttle = LoginThrottle(limit=2, window=300, clock=Clock())
    throttle.failed("a")
    throttle.succeeded("a")
    throttle.failed("a")
    assert not throttle.blocked("a")
