"""Two ``tsunagu serve`` processes on one real PostgreSQL behave as one service: login lockout, LINE
redeliveries, conversations, metrics, and a process killed between the webhook's 200 and its reply."""

from __future__ import annotations

import re
import time
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

import httpx
import pytest

from tests.fakes.line_api import FakeLineApi
from tests.server import Server
from tests.fakes.line_events import SECRET, TOKEN, body_of, new_user, signature, text

pytestmark = [pytest.mark.integration, pytest.mark.slow]

GUIDEBOOK_JA = Path(__file__).resolve().parents[2] / "knowledge" / "guidebook" / "ja"
STAFF = {"TSUNAGU_STAFF_USERNAME": "clerk", "TSUNAGU_STAFF_PASSWORD": "counter-pw-1"}


@pytest.fixture(scope="module")
def line_api():
    with FakeLineApi() as api:
        yield api


def line_env(line_api, **extra) -> dict[str, str]:
    return {
        "TSUNAGU_LINE_CHANNEL_SECRET": SECRET,
        "TSUNAGU_LINE_CHANNEL_ACCESS_TOKEN": TOKEN,
        "TSUNAGU_LINE_API_BASE": line_api.url,
        "TSUNAGU_OUTBOX_POLL_SECONDS": "0.5",
        "TSUNAGU_OUTBOX_LEASE_SECONDS": "3",
        **STAFF,
        **extra,
    }


@pytest.fixture(scope="module")
def pair(database_url, tmp_path_factory, line_api):
    """Two processes sharing one database (each with its own data folder, as on two machines)."""
    servers = [
        Server(tmp_path_factory.mktemp(name), database_url=database_url, env=line_env(line_api)) for name in ("a", "b")
    ]
    with ThreadPoolExecutor(2) as pool:
        list(pool.map(Server.start, servers))
    yield servers
    for server in servers:
        server.stop()


def login(server: Server, password: str) -> int:
    return httpx.post(
        f"{server.url}/login", data={"username": "clerk", "password": password}, follow_redirects=False, timeout=30
    ).status_code


def webhook(server: Server, body: bytes) -> httpx.Response:
    return httpx.post(
        f"{server.url}/webhooks/line",
        content=body,
        timeout=30,
        headers={"x-line-signature": signature(body), "content-type": "application/json"},
    )


_tokens: dict[str, str] = {}  # user -> the reply token of the event sent for them


def sent_to(line_api, user: str) -> list:
    """Every call that reached the fake LINE API for this user (a reply with their token, or a push)."""
    return [c for c in line_api.calls if c.body.get("to") == user or c.body.get("replyToken") == _tokens.get(user)]


def wait_for(condition, seconds: float = 30) -> bool:
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        if condition():
            return True
        time.sleep(0.1)
    return condition()


def test_failed_logins_on_both_processes_lock_the_address_out_on_both(pair):
    first, second = pair
    statuses = [login(first if i % 2 else second, "wrong-password") for i in range(5)]
    assert statuses == [401] * 5
    assert login(first, "counter-pw-1") == 429 and login(second, "counter-pw-1") == 429


def test_the_same_line_event_delivered_to_each_process_is_answered_once(pair, line_api):
    user = new_user()
    event = text(user, "How do I report my new address?")
    _tokens[user] = event["replyToken"]
    body = body_of(event)
    redelivered = body_of({**event, "deliveryContext": {"isRedelivery": True}})
    with ThreadPoolExecutor(2) as pool:
        responses = list(pool.map(webhook, pair, [body, redelivered]))
    assert [r.status_code for r in responses] == [200, 200]
    assert wait_for(lambda: sent_to(line_api, user))
    time.sleep(2)  # time for a second answer, if there were one
    [call] = sent_to(line_api, user)
    assert call.texts


def test_a_conversation_continued_on_the_other_process_keeps_its_place_and_topic(pair):
    first, second = pair
    first.chat("moving-1", "I live in Fukuoka")
    answer = first.chat("moving-1", "How do I sort and put out garbage?")
    topic = answer["sources"][0]["id"]
    reply = second.chat("moving-1", "I want to talk to a person")
    assert reply["handoff"]["office"]["id"] == "fukuoka-bureau"  # the place, told to the other process
    assert ja_title(topic) in reply["handoff"]["summary_ja"]  # the topic, in the staff summary


def ja_title(topic: str) -> str:
    for path in GUIDEBOOK_JA.glob("*.md"):
        found = re.search(rf"^##\s+(.+?)\s*\{{#{re.escape(topic)}\}}", path.read_text(encoding="utf-8"), re.M)
        if found:
            return found[1]
    raise AssertionError(f"no Japanese heading for {topic}")


def test_metrics_add_up_every_worker(database_url, tmp_path):
    server = Server(tmp_path, database_url=database_url, workers=2).start()
    try:
        for i in range(12):
            server.chat(f"metrics-{i}", "How do I sort garbage?")
        counts = set()
        for _ in range(6):  # each scrape may reach either worker: every one must show all twelve
            page = httpx.get(f"{server.url}/metrics", timeout=10).text
            found = re.search(
                r'tsunagu_http_requests_total\{method="POST",route="/api/chat",status="200"\} (\S+)', page
            )
            counts.add(float(found[1]) if found else 0.0)
        assert counts == {12.0}
    finally:
        server.stop()
