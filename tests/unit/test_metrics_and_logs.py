"""GET /metrics in Prometheus format, and structured JSON logs with personal data redacted."""

import json
import logging

import pytest
from prometheus_client import REGISTRY
from prometheus_client.parser import text_string_to_metric_families

from bot.dialogue import IncomingMessage
from connectors.logs import JsonFormatter, RedactingFormatter


def sample(name: str, **labels) -> float:
    return REGISTRY.get_sample_value(name, labels) or 0.0


def test_metrics_is_prometheus_text_with_the_four_families(client):
    client.post("/api/chat", json={"session_id": "m0", "text": "residence card lost reissue"})
    response = client.get("/metrics")
    assert response.status_code == 200 and response.headers["content-type"].startswith("text/plain")
    families = {f.name for f in text_string_to_metric_families(response.text)}
    assert {
        "tsunagu_http_requests",
        "tsunagu_http_request_duration_seconds",
        "tsunagu_handoffs",
        "tsunagu_answers",
        "tsunagu_questions",
    } <= families


def test_requests_are_counted_by_route_template_and_status(client):
    before_ok = sample("tsunagu_http_requests_total", route="/api/chat", method="POST", status="200")
    before_bad = sample("tsunagu_http_requests_total", route="/api/chat", method="POST", status="422")
    before_hist = sample("tsunagu_http_request_duration_seconds_count", route="/api/chat")
    client.post("/api/chat", json={"session_id": "m1", "text": "residence card lost reissue"})
    client.post("/api/chat", json={"session_id": "m1", "text": ""})
    assert sample("tsunagu_http_requests_total", route="/api/chat", method="POST", status="200") == before_ok + 1
    assert sample("tsunagu_http_requests_total", route="/api/chat", method="POST", status="422") == before_bad + 1
    assert sample("tsunagu_http_request_duration_seconds_count", route="/api/chat") == before_hist + 2


def test_static_files_are_counted_under_their_mount(client):
    before = sample("tsunagu_http_requests_total", route="/static/{path}", method="GET", status="200")
    client.get("/static/staff.css")
    assert sample("tsunagu_http_requests_total", route="/static/{path}", method="GET", status="200") == before + 1


def test_unknown_paths_share_one_label(client):
    before = sample("tsunagu_http_requests_total", route="unmatched", method="GET", status="404")
    client.get("/no/such/page/123")
    client.get("/another/missing")
    assert sample("tsunagu_http_requests_total", route="unmatched", method="GET", status="404") == before + 2
    assert "/no/such/page/123" not in client.get("/metrics").text


def test_answers_are_counted_by_language_and_handoffs_by_reason(fake_services):
    answered = sample("tsunagu_answers_total", lang="ja")
    handoffs = sample("tsunagu_handoffs_total", reason="requested")
    fake_services.dialogue.handle(IncomingMessage("m-ja", "在留カードを紛失しました"))
    fake_services.dialogue.handle(IncomingMessage("m-hand", "I live in Osaka"))
    fake_services.dialogue.handle(IncomingMessage("m-hand", "I want to talk to a person"))
    assert sample("tsunagu_answers_total", lang="ja") == answered + 1
    assert sample("tsunagu_handoffs_total", reason="requested") == handoffs + 1


def record(message: str, *args, **extra) -> logging.LogRecord:
    item = logging.LogRecord("tsunagu.test", logging.WARNING, __file__, 1, message, args, None)
    for key, value in extra.items():
        setattr(item, key, value)
    return item


PERSONAL = "card AB12345678CD, phone 090-1234-5678, mail me@example.com"


def test_json_logs_are_one_object_per_line_with_extra_fields():
    line = JsonFormatter().format(record("%s %s %s", "POST", "/api/chat", 200, route="/api/chat", status=200))
    entry = json.loads(line)
    assert "\n" not in line
    assert entry["message"] == "POST /api/chat 200" and entry["level"] == "WARNING"
    assert entry["route"] == "/api/chat" and entry["status"] == 200 and entry["ts"].endswith("Z")


@pytest.mark.parametrize("formatter", [JsonFormatter(), RedactingFormatter("%(message)s %(question)s")])
def test_logged_text_is_redacted(formatter):
    text = formatter.format(record("asked: %s", PERSONAL, question=PERSONAL))
    for secret in ("AB12345678CD", "090-1234-5678", "me@example.com"):
        assert secret not in text
    assert "[residence-card-no]" in text and "[phone]" in text and "[email]" in text


def test_an_exception_in_a_log_is_redacted_too():
    try:
        raise ValueError(f"could not parse {PERSONAL}")
    except ValueError:
        import sys

        item = record("failed")
        item.exc_info = sys.exc_info()
    entry = json.loads(JsonFormatter().format(item))
    assert "ValueError" in entry["exception"] and "090-1234-5678" not in entry["exception"]
