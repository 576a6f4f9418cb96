"""POST /api/plain through the real app: rewrite and check modes, and clear errors for bad input."""

import pytest


def test_rewrite_returns_the_result_json(client):
    response = client.post("/api/plain", json={"text": "<b>令和8年</b>"})
    assert response.status_code == 200
    body = response.json()
    assert body["text"] == "<b>2026年</b>"
    assert "<b>" not in body["ruby_html"] and "&lt;b&gt;" in body["ruby_html"]
    assert body["applied"][0]["before"] == "令和8年"


def test_spaces(client):
    body = client.post("/api/plain", json={"text": "私は日本語を勉強します。", "spaces": True}).json()
    assert body["text"] == "私は 日本語を 勉強します。"


def test_check_mode_lists_breaches(client):
    body = client.post("/api/plain", json={"text": "令和8年", "mode": "check"}).json()
    assert [b["rule_id"] for b in body["breaches"]] == ["western-year"]


@pytest.mark.parametrize(
    ("payload", "status", "phrase"),
    [
        (b'{"text": ""}', 422, "text is empty"),
        (b'{"text": "   "}', 422, "text is empty"),
        (b'{"text": "' + "あ".encode() * 2001 + b'"}', 413, "limit is 2000"),
        (b'{"text": "\xff\xfe"}', 400, "not valid UTF-8"),
        (b'{"text": ', 400, "not valid JSON"),
        (b'["a"]', 422, "JSON object"),
        (b'{"text": "a", "mode": "fix"}', 422, "mode must be"),
        (b'{"text": "a", "spaces": "yes"}', 422, "spaces must be"),
        (b'{"text": "a", "level": "N1"}', 422, "level must be one of: N5, N4, N3"),
        (b'{"text": "a", "colour": "red"}', 422, "unknown field"),
        (b'{"text": 5}', 422, "text must be a string"),
        (b"x" * (70 * 1024), 413, "larger than"),
    ],
)
def test_bad_input_gets_a_clear_error(client, payload, status, phrase):
    response = client.post("/api/plain", content=payload, headers={"content-type": "application/json"})
    assert response.status_code == status
    assert phrase in response.json()["error"]


def test_the_level_chooses_which_words_get_furigana(client):
    beginner = client.post("/api/plain", json={"text": "病院に行きます。", "level": "N5"}).json()
    learner = client.post("/api/plain", json={"text": "病院に行きます。", "level": "N3"}).json()
    assert beginner["ruby_text"].startswith("病院(びょういん)") and learner["ruby_text"].startswith("病院に")
