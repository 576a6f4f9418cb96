"""`tsunagu serve` logs one JSON object per line, one access line per request, and no personal data."""

from __future__ import annotations

import json

import httpx
import pytest

from tests.server import Server

pytestmark = pytest.mark.integration


def test_the_server_logs_json_lines_without_personal_data(tmp_path):
    server = Server(tmp_path).start()
    try:
        server.chat("logs-1", "my card AB12345678CD and phone 090-1234-5678, mail me@example.com")
        httpx.get(f"{server.url}/metrics", timeout=10).raise_for_status()
        httpx.get(f"{server.url}/staff", timeout=10, follow_redirects=False)
    finally:
        server.process.terminate()
        server.process.wait(30)
    lines = [line for line in server.process.stderr.read().decode().splitlines() if line.startswith("{")]
    entries = [json.loads(line) for line in lines]
    access = [(e["method"], e["route"], e["status"]) for e in entries if e["logger"] == "tsunagu.access"]
    assert ("POST", "/api/chat", 200) in access and ("GET", "/metrics", 200) in access
    assert ("GET", "/staff", 303) in access
    assert all(isinstance(e["duration_ms"], float) for e in entries if e["logger"] == "tsunagu.access")
    everything = "\n".join(lines)
    for secret in ("AB12345678CD", "090-1234-5678", "me@example.com"):
        assert secret not in everything
