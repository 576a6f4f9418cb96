"""`tsunagu actions` as Rasa meets it: a real process on a free local port, Rasa's action call over HTTP."""

from __future__ import annotations

import os
import subprocess
import sys
import time

import httpx
import pytest

from knowledge.offices import load_offices
from tests.server import free_port

pytest.importorskip("rasa_sdk", reason="the 'actions' extra (rasa-sdk) is not installed")
pytestmark = pytest.mark.integration


@pytest.fixture(scope="module")
def action_server(tmp_path_factory):
    port = free_port()
    env = {
        **os.environ,
        "TSUNAGU_DATA_DIR": str(tmp_path_factory.mktemp("actions")),
        "TSUNAGU_EMBEDDER": "fake",
        "TSUNAGU_REINDEX_CHECK_SECONDS": "0",
        "TSUNAGU_ANSWER_THRESHOLD": "0.0",
    }
    process = subprocess.Popen(
        [sys.executable, "-m", "connectors.cli", "actions", "--port", str(port), "--quiet"],
        env=env,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.PIPE,
    )
    url = f"http://127.0.0.1:{port}"
    deadline = time.monotonic() + 120
    try:
        while True:
            if process.poll() is not None:
                raise RuntimeError(process.stderr.read().decode()[-2000:])
            try:
                if httpx.get(f"{url}/health", timeout=1).status_code == 200:
                    break
            except httpx.HTTPError:
                if time.monotonic() > deadline:
                    raise
                time.sleep(0.1)
        yield url
    finally:
        process.terminate()
        process.wait(timeout=30)


def action_call(action: str, text: str, intent: str, slots: dict) -> dict:
    """The JSON Rasa 3.6 POSTs to the action endpoint (trimmed to what the actions read)."""
    tracker = {
        "sender_id": "resident-1",
        "slots": slots,
        "events": [],
        "paused": False,
        "followup_action": None,
        "active_loop": {},
        "latest_action_name": "action_listen",
        "latest_message": {"text": text, "intent": {"name": intent, "confidence": 0.99}, "entities": []},
    }
    return {"next_action": action, "sender_id": "resident-1", "version": "3.6.21", "tracker": tracker, "domain": {}}


def test_the_server_lists_tsunagus_actions(action_server):
    names = {a["name"] for a in httpx.get(f"{action_server}/actions").json()}
    assert names == {
        "action_answer_question",
        "action_handoff",
        "action_emergency",
        "action_tsunagu_respond",
        "action_plain_japanese",
    }


@pytest.mark.parametrize("prefecture", ["osaka", "hokkaido", "okinawa"])
def test_a_handoff_over_http_names_the_prefectures_office(action_server, prefecture):
    answer = httpx.post(
        f"{action_server}/webhook",
        timeout=60,
        json=action_call(
            "action_handoff", "I want to talk to a person", "ask_human", {"prefecture": prefecture, "language": "en"}
        ),
    )
    assert answer.status_code == 200
    office = load_offices().for_prefecture(prefecture)
    bot = answer.json()["responses"]
    assert office.main_phone in bot[-1]["text"]
    assert bot[-1]["custom"]["tsunagu"]["handoff"]["office"]["id"] == office.id
    slots = {e["name"]: e["value"] for e in answer.json()["events"] if e["event"] == "slot"}
    assert slots["handoff_office"] == office.id and slots["prefecture"] == prefecture


def test_an_unknown_action_is_a_404(action_server):
    answer = httpx.post(f"{action_server}/webhook", json=action_call("action_nope", "hi", "greet", {}))
    assert answer.status_code == 404
