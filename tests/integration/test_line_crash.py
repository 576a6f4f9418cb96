"""A ``tsunagu serve`` process on PostgreSQL killed (SIGKILL) after the LINE webhook's 200 and before its
reply reached LINE: after the restart the answer reaches the (fake) LINE API exactly once — by reply while
the token is fresh, by push once it has expired. Its own module, so its own database: no other process's
outbox worker may step in."""

from __future__ import annotations

import time

import pytest

from tests.fakes.line_api import PUSH, REPLY, FakeLineApi
from tests.integration.test_processes import _tokens, line_env, sent_to, wait_for, webhook
from tests.server import Server
from tests.fakes.line_events import body_of, new_user, text

pytestmark = [pytest.mark.integration, pytest.mark.slow]


@pytest.fixture(scope="module")
def line_api():
    with FakeLineApi() as api:
        yield api


@pytest.mark.parametrize(
    "token_seconds, method",
    [("50", REPLY), ("0", PUSH)],
    ids=["restarted while the reply token is fresh", "restarted after it expired"],
)
def test_a_process_killed_after_the_200_and_before_the_reply_answers_once_after_restart(
    database_url, tmp_path, line_api, token_seconds, method
):
    env = line_env(line_api, TSUNAGU_LINE_REPLY_TOKEN_SECONDS=token_seconds)
    server = Server(tmp_path, database_url=database_url, env=env).start()
    user = new_user()
    event = text(user, "Where do I register my address?")
    _tokens[user] = event["replyToken"]
    line_api.clear()
    line_api.hold()  # the call to LINE hangs: the process is killed in the middle of it
    try:
        assert webhook(server, body_of(event)).status_code == 200
        assert wait_for(lambda: line_api.held >= 1, 30)
        server.kill()
    finally:
        line_api.drop_held()
    assert sent_to(line_api, user) == []  # nothing reached LINE before the crash
    server = Server(tmp_path, database_url=database_url, env=env, port=server.port).start()
    try:
        assert wait_for(lambda: sent_to(line_api, user), 30)
        time.sleep(2)
        [call] = sent_to(line_api, user)
        assert call.path == method and call.texts
        if method == PUSH:
            assert call.body["to"] == user and call.headers["x-line-retry-key"]
    finally:
        server.stop()
