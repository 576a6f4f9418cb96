"""A fake LINE Messaging API on 127.0.0.1 (random port) for tests: the real line-bot-sdk talks to it.

It implements ``POST /v2/bot/message/reply`` and ``POST /v2/bot/message/push``, the rich menu calls
(create, upload its image, set as default), records every call (path, headers, JSON body — or, for an
image, ``{"bytes": n}``) and can be told to fail replies the way LINE does for an expired token. Like LINE,
it refuses a reply token used before (400) and a push retry key accepted before (409). ``hold()`` keeps calls
waiting unanswered and unrecorded (a process killed meanwhile never got its call through); ``drop_held()``
lets them go without recording them.
"""

from __future__ import annotations

import json
import threading
from dataclasses import dataclass
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

__all__ = ["FakeLineApi", "RecordedCall"]

REPLY, PUSH = "/v2/bot/message/reply", "/v2/bot/message/push"
RICH_MENU, RICH_MENU_ID = "/v2/bot/richmenu", "richmenu-test-1"
RICH_MENU_IMAGE = f"/v2/bot/richmenu/{RICH_MENU_ID}/content"
DEFAULT_RICH_MENU = f"/v2/bot/user/all/richmenu/{RICH_MENU_ID}"


@dataclass(frozen=True)
class RecordedCall:
    path: str
    headers: dict[str, str]
    body: dict

    @property
    def texts(self) -> list[str]:
        """The text messages' texts (Flex cards are in ``flex``)."""
        return [m["text"] for m in self.body.get("messages", []) if m.get("type", "text") == "text"]

    @property
    def flex(self) -> list[dict]:
        """The Flex messages ({"type": "flex", "altText", "contents"})."""
        return [m for m in self.body.get("messages", []) if m.get("type") == "flex"]

    @property
    def quick_reply_items(self) -> list[dict]:
        """The quick-reply items of the last message (LINE shows only those)."""
        last = (self.body.get("messages") or [{}])[-1]
        return (last.get("quickReply") or {}).get("items", [])


class FakeLineApi:
    def __init__(self) -> None:
        self.calls: list[RecordedCall] = []
        self.reply_failure: tuple[int, str] | None = None
        self._lock = threading.Lock()
        self._used_tokens: set[str] = set()
        self._retry_keys: set[str] = set()
        self._gate = threading.Event()
        self._gate.set()
        self._dropping = False
        self.held = 0
        fake = self

        class Handler(BaseHTTPRequestHandler):
            def do_POST(self) -> None:  # noqa: N802 - http.server's naming
                raw = self.rfile.read(int(self.headers.get("content-length") or 0))
                try:
                    body = json.loads(raw or b"{}")
                except (UnicodeDecodeError, json.JSONDecodeError):  # an uploaded image
                    body = {"bytes": len(raw)}
                call = RecordedCall(self.path, {k.lower(): v for k, v in self.headers.items()}, body)
                if not fake._gate.is_set():
                    with fake._lock:
                        fake.held += 1
                    fake._gate.wait()
                    if fake._dropping:
                        self.close_connection = True
                        return
                with fake._lock:
                    fake.calls.append(call)
                    token, key = call.body.get("replyToken"), call.headers.get("x-line-retry-key")
                    reused = self.path == REPLY and token in fake._used_tokens
                    repeated = self.path == PUSH and key and key in fake._retry_keys
                    if self.path == REPLY and not fake.reply_failure:
                        fake._used_tokens.add(token)
                    if self.path == PUSH and key:
                        fake._retry_keys.add(key)
                if self.path == RICH_MENU:
                    return self._answer(200, {"richMenuId": RICH_MENU_ID})
                if self.path in (RICH_MENU_IMAGE, DEFAULT_RICH_MENU):
                    return self._answer(200, {})
                if self.path not in (REPLY, PUSH):
                    return self._answer(404, {"message": "Not found"})
                if self.path == REPLY and (fake.reply_failure or reused):
                    status, message = fake.reply_failure or (400, "Invalid reply token")
                    return self._answer(status, {"message": message})
                if repeated:
                    return self._answer(409, {"message": "The retry key is already accepted"})
                sent = [{"id": str(1000 + i), "quoteToken": f"q{i}"} for i, _ in enumerate(call.body["messages"])]
                self._answer(200, {"sentMessages": sent})

            def _answer(self, status: int, body: dict) -> None:
                data = json.dumps(body).encode()
                self.send_response(status)
                self.send_header("content-type", "application/json")
                self.send_header("content-length", str(len(data)))
                self.end_headers()
                self.wfile.write(data)

            def log_message(self, *args) -> None:  # keep test output quiet
                pass

        self.server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
        self.url = f"http://127.0.0.1:{self.server.server_address[1]}"
        self._thread = threading.Thread(target=self.server.serve_forever, daemon=True)

    def __enter__(self) -> FakeLineApi:
        self._thread.start()
        return self

    def __exit__(self, *exc) -> None:
        self.server.shutdown()
        self.server.server_close()

    def hold(self) -> None:
        self._dropping = False
        self._gate.clear()

    def drop_held(self) -> None:
        """Let held calls go, unrecorded and unanswered, and stop holding."""
        self._dropping = True
        self._gate.set()

    def fail_replies(self, status: int = 400, message: str = "Invalid reply token") -> None:
        self.reply_failure = (status, message)

    def calls_to(self, path: str) -> list[RecordedCall]:
        with self._lock:
            return [c for c in self.calls if c.path == path]

    def clear(self) -> None:
        with self._lock:
            self.calls.clear()
            self.held = 0
        self.reply_failure = None
        self._dropping = False
        self._gate.set()
