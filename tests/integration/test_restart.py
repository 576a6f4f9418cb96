"""State survives a crash: the process is killed (SIGKILL) between two turns of one conversation."""

import pytest

from tests.server import Server

pytestmark = pytest.mark.integration


def test_conversation_continues_after_the_process_is_killed(tmp_path):
    server = Server(tmp_path).start()
    try:
        first = server.chat("restart-1", "I live in Osaka")
        assert first["lang"] == "en"
    finally:
        server.kill()
    server = Server(tmp_path, port=server.port).start()
    try:
        reply = server.chat("restart-1", "I want to talk to a person")
        assert reply["handoff"]["office"]["id"] == "osaka-bureau"
    finally:
        server.stop()
