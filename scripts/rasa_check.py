"""Checks a running Rasa server (with Tsunagu's action server behind it) the way a resident would use it.

Run by ``scripts/test-rasa.sh`` after it started both servers on 127.0.0.1; exits 1 on any failure.

* REST channel: the questions of ``tests/data/questions/<lang>.yaml`` for each ``--lang`` must get the
  expected guidebook topic first, in the question's language, for at least ``--min-accuracy`` of them
  (the built-in dialogue's own bar, tests/integration/test_retrieval_accuracy.py); a question about a
  serious situation (unpaid wages, a child in danger, a crime victim) is answered, as by the built-in
  dialogue, with the situation reply (what to do now + the right line first, no guidebook source): that
  counts as right when it is the topic's situation with its line (``situation_topics`` of the handoff file);
* the handoff cases of ``tests/data/rasa_handoffs.yaml`` must hand off to the expected office, across turns,
  for the expected reason or situations, with the expected line first (tests/data/stories' checks);
* LINE channel (connectors/rasa/line.py), against a fake LINE API on 127.0.0.1 started here: a signed
  webhook gets its answer through the reply API, an expired reply token falls back to push, a bad
  signature is refused.
"""

from __future__ import annotations

import argparse
import base64
import hashlib
import hmac
import json
import sys
import threading
import time
import uuid
from dataclasses import dataclass, field
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path

import httpx
import yaml

__all__ = ["main", "right_answer", "first_line", "situation_of", "texts"]

ROOT = Path(__file__).resolve().parents[1]
QUESTIONS = ROOT / "tests" / "data" / "questions"
HANDOFFS = ROOT / "tests" / "data" / "rasa_handoffs.yaml"
EXPIRED_TOKEN = "expired-reply-token"


@dataclass
class Outcome:
    failures: list[str] = field(default_factory=list)
    lines: list[str] = field(default_factory=list)

    def check(self, ok: bool, what: str) -> bool:
        if not ok:
            self.failures.append(what)
        return ok


class Rasa:
    def __init__(self, url: str) -> None:
        self.client = httpx.Client(base_url=url, timeout=120)

    def say(self, sender: str, text: str) -> list[dict]:
        answer = self.client.post("/webhooks/rest/webhook", json={"sender": sender, "message": text})
        answer.raise_for_status()
        return answer.json()


def payloads(messages: list[dict]) -> list[dict]:
    """Tsunagu's payloads (Rasa's REST channel sends a reply's custom payload as a message of its own)."""
    return [m["custom"]["tsunagu"] for m in messages if isinstance(m.get("custom"), dict) and "tsunagu" in m["custom"]]


def texts(messages: list[dict]) -> str:
    """What the resident reads: the texts of the turn's messages (one answer, as ``/api/chat`` merges them)."""
    return "\n\n".join(m["text"] for m in messages if m.get("text"))


def first_line(found: list[dict], text: str) -> str | None:
    """The first line to call in the payloads, when its number is in the text too."""
    calls = next((p["calls"] for p in found if p.get("calls")), [])
    return calls[0]["id"] if calls and calls[0]["number"] in text else None


def situation_of(found: list[dict]) -> str | None:
    handoff = next((p["handoff"] for p in reversed(found) if p.get("handoff")), None)
    reason = (handoff or {}).get("reason") or ""
    return reason.removeprefix("situation:") if reason.startswith("situation:") else None


def right_answer(
    found: list[dict], text: str, expected: list[str], lang: str, situation_topics: dict[str, dict]
) -> bool:
    """The expected topic first, or the expected topic's situation reply with its line; in ``lang``."""
    if {p["lang"] for p in found} != {lang}:
        return False
    sources = [s["id"] for p in found for s in p["sources"]]
    if sources:
        return sources[0] in expected
    wanted = [situation_topics[t] for t in expected if t in situation_topics]
    situation = situation_of(found)
    return any(w["situation"] == situation and w["line"] == first_line(found, text) for w in wanted)


def check_questions(rasa: Rasa, langs: list[str], min_accuracy: float, outcome: Outcome) -> None:
    situation_topics = yaml.safe_load(HANDOFFS.read_text(encoding="utf-8"))["situation_topics"]
    for lang in langs:
        items = yaml.safe_load((QUESTIONS / f"{lang}.yaml").read_text(encoding="utf-8"))
        right, misses = 0, []
        for item in items:
            expected = item["topic"] if isinstance(item["topic"], list) else [item["topic"]]
            messages = rasa.say(f"q-{uuid.uuid4().hex[:12]}", item["q"])
            found = payloads(messages)
            want_lang = "ja" if lang.startswith("ja") else lang
            if right_answer(found, texts(messages), expected, want_lang, situation_topics):
                right += 1
            else:
                got = [s["id"] for p in found for s in p["sources"]][:1] or [f"situation:{situation_of(found)}"]
                langs_seen = sorted({p["lang"] for p in found})
                misses.append(f"  {item['q']!r}: expected {expected}, got {got} in {langs_seen}")
        accuracy = right / len(items)
        outcome.lines.append(f"{lang}: {right}/{len(items)} right topic first ({accuracy:.0%})")
        outcome.lines.extend(misses)
        outcome.check(accuracy >= min_accuracy, f"{lang}: {accuracy:.0%} < {min_accuracy:.0%}")


def check_handoffs(rasa: Rasa, outcome: Outcome) -> None:
    for case in yaml.safe_load(HANDOFFS.read_text(encoding="utf-8"))["cases"]:
        sender = f"h-{uuid.uuid4().hex[:12]}"
        messages: list[dict] = []
        for text in case["say"]:
            messages = rasa.say(sender, text)
        found = payloads(messages)
        handoff = next((p["handoff"] for p in reversed(found) if p["handoff"]), None) or {}
        office = (handoff.get("office") or {}).get("id")
        reasons = [case["reason"]] if "reason" in case else [f"situation:{s}" for s in case["situations"]]
        line = first_line(found, texts(messages))
        ok = outcome.check(
            office == case["office"] and handoff.get("reason") in reasons and line == case.get("line", line),
            f"handoff {case['name']}: expected {' or '.join(reasons)} -> {case['office']} (line {case.get('line')}), "
            f"got {handoff.get('reason')} -> {office} (line {line})",
        )
        outcome.lines.append(f"handoff {case['name']}: {'ok' if ok else 'FAILED'} ({office})")


class FakeLine(ThreadingHTTPServer):
    """LINE's reply and push endpoints: records what was sent; refuses one reply token."""

    def __init__(self, port: int) -> None:
        self.calls: list[tuple[str, dict, str]] = []
        self.lock = threading.Lock()

        class Handler(BaseHTTPRequestHandler):
            def log_message(self, *args) -> None:
                pass

            def do_POST(handler) -> None:  # noqa: N805 — the server is `self` here
                body = json.loads(handler.rfile.read(int(handler.headers["Content-Length"])))
                with self.lock:
                    self.calls.append((handler.path, body, handler.headers.get("Authorization", "")))
                status = 400 if body.get("replyToken") == EXPIRED_TOKEN else 200
                handler.send_response(status)
                handler.send_header("Content-Type", "application/json")
                handler.end_headers()
                handler.wfile.write(b"{}" if status == 200 else b'{"message":"Invalid reply token"}')

        super().__init__(("127.0.0.1", port), Handler)

    def wait_for(self, user: str, token: str, timeout: float = 120) -> list[tuple[str, dict, str]]:
        """The calls for ``user`` once one delivered something (a push to them, or an accepted reply)."""
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            with self.lock:
                mine = [c for c in self.calls if c[1].get("to") == user or c[1].get("replyToken") == token]
            if any(self.delivered(call) for call in mine):
                return mine
            time.sleep(0.2)
        return []

    @staticmethod
    def delivered(call: tuple[str, dict, str]) -> bool:
        path, body, _ = call
        return path.endswith("/push") or body.get("replyToken") != EXPIRED_TOKEN


def line_event(user: str, text: str, token: str) -> bytes:
    event = {
        "type": "message",
        "replyToken": token,
        "timestamp": int(time.time() * 1000),
        "mode": "active",
        "source": {"type": "user", "userId": user},
        "message": {"type": "text", "id": uuid.uuid4().hex[:16], "text": text},
    }
    return json.dumps({"destination": "Ufake", "events": [event]}, ensure_ascii=False).encode("utf-8")


def sign(secret: str, body: bytes) -> str:
    return base64.b64encode(hmac.new(secret.encode(), body, hashlib.sha256).digest()).decode()


def check_line(url: str, line: FakeLine, secret: str, token: str, outcome: Outcome) -> None:
    hook = httpx.Client(base_url=url, timeout=60)
    question = "I lost my residence card, what should I do?"
    for name, reply_token in [("reply", None), ("push fallback", EXPIRED_TOKEN)]:
        user = f"U{uuid.uuid4().hex}"
        reply_token = reply_token or f"token-{user}"
        body = line_event(user, question, reply_token)
        status = hook.post(
            "/webhooks/line/webhook",
            content=body,
            headers={"X-Line-Signature": sign(secret, body), "Content-Type": "application/json"},
        )
        calls = line.wait_for(user, reply_token) if status.status_code == 200 else []
        sent = [m for call in calls if FakeLine.delivered(call) for m in call[1]["messages"]]
        texts = " ".join(m.get("text", "") for m in sent)
        paths = sorted({path for path, *_ in calls})
        ok = outcome.check(
            status.status_code == 200
            and sent
            and "residence card" in texts.lower()
            and all(auth == f"Bearer {token}" for *_, auth in calls)
            and (name == "reply" or "/v2/bot/message/push" in paths),
            f"LINE {name}: status {status.status_code}, calls {paths}, text {texts[:80]!r}",
        )
        outcome.lines.append(f"LINE {name}: {'ok' if ok else 'FAILED'} via {paths}")
    body = line_event("Uforged", question, "token-forged")
    status = hook.post("/webhooks/line/webhook", content=body, headers={"X-Line-Signature": sign("wrong", body)})
    ok = outcome.check(status.status_code == 403, f"LINE forged signature: status {status.status_code}")
    outcome.lines.append(f"LINE forged signature refused: {'ok' if ok else 'FAILED'}")


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--rasa", default="http://127.0.0.1:5005")
    parser.add_argument("--lang", action="append", help="question set to ask (repeatable)")
    parser.add_argument("--min-accuracy", type=float, default=0.9)
    parser.add_argument("--line-port", type=int, help="run the LINE checks with a fake LINE API on this port")
    parser.add_argument("--line-secret", default="test-channel-secret")
    parser.add_argument("--line-token", default="test-access-token")
    args = parser.parse_args(argv)
    langs = args.lang or ["en", "ja", "ko", "vi", "pt", "zh"]
    outcome, rasa = Outcome(), Rasa(args.rasa)
    line = FakeLine(args.line_port) if args.line_port else None
    if line:
        threading.Thread(target=line.serve_forever, daemon=True).start()
    started = time.perf_counter()
    check_questions(rasa, langs, args.min_accuracy, outcome)
    check_handoffs(rasa, outcome)
    if line:
        check_line(args.rasa, line, args.line_secret, args.line_token, outcome)
        line.shutdown()
    print("\n".join(outcome.lines))
    print(f"\nRasa check: {len(outcome.failures)} failure(s) in {time.perf_counter() - started:.0f} s")
    for failure in outcome.failures:
        print(f"FAILED: {failure}")
    return 1 if outcome.failures else 0


if __name__ == "__main__":
    sys.exit(main())
