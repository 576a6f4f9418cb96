"""A LINE input channel for Rasa (Rasa never shipped one): ``connectors.rasa.line.LineInput``.

Loaded by Rasa from ``credentials.yml``; needs Rasa (3.x) and nothing of Tsunagu, so the file can also be
copied into any Rasa project. Webhook: ``POST /webhooks/line/webhook``.

* The ``X-Line-Signature`` header is checked over the raw body (base64 HMAC-SHA256 with the channel
  secret, as LINE specifies); a missing or wrong signature gets 403 and nothing is processed.
* Text messages go to Rasa; the bot's messages for one user message are sent together with the event's
  reply token (at most 5 per call, LINE's limit), the rest — or all of them when the reply is refused,
  e.g. an expired token — with a push message to the user.
* Buttons become LINE quick replies. A ``custom`` payload with a ``line`` list is sent as LINE message
  objects; other custom payloads (Tsunagu's sources and handoff data) are not shown to the resident.

Why no line-bot-sdk: every line-bot-sdk 3.x release needs pydantic 2 and Rasa 3.6 pins pydantic 1; the
2.x series is deprecated. The signature check is a few lines of ``hmac`` and the two Messaging API calls
go through aiohttp, which Rasa already depends on.

Credentials (``credentials.yml``; each falls back to the environment variable named in brackets):
``channel_secret`` [LINE_CHANNEL_SECRET], ``channel_access_token`` [LINE_CHANNEL_ACCESS_TOKEN],
``api_base`` [LINE_API_BASE, default https://api.line.me].
"""

from __future__ import annotations

import asyncio
import base64
import hashlib
import hmac
import json
import logging
import os
from collections.abc import Awaitable, Callable
from typing import Any

import aiohttp
from rasa.core.channels.channel import InputChannel, OutputChannel, UserMessage
from sanic import Blueprint, response
from sanic.request import Request

__all__ = ["LineInput", "LineOutput", "LineApi", "valid_signature", "MAX_MESSAGES_PER_CALL"]

log = logging.getLogger(__name__)

MAX_MESSAGES_PER_CALL = 5  # LINE Messaging API: messages per reply or push request
MAX_QUICK_REPLIES = 13
MAX_LABEL = 20  # characters of a quick reply label
MAX_TEXT = 5000  # characters of a text message


def valid_signature(secret: str, body: bytes, signature: str | None) -> bool:
    if not secret or not signature:
        return False
    digest = hmac.new(secret.encode("utf-8"), body, hashlib.sha256).digest()
    return hmac.compare_digest(base64.b64encode(digest).decode("ascii"), signature)


class LineApi:
    """The two Messaging API calls the channel needs."""

    def __init__(self, access_token: str, base: str = "https://api.line.me", timeout: float = 10.0) -> None:
        self.base, self.timeout = base.rstrip("/"), aiohttp.ClientTimeout(total=timeout)
        self.headers = {"Authorization": f"Bearer {access_token}", "Content-Type": "application/json"}

    async def _post(self, path: str, payload: dict) -> bool:
        async with aiohttp.ClientSession(timeout=self.timeout, headers=self.headers) as session:
            async with session.post(self.base + path, data=json.dumps(payload, ensure_ascii=False)) as answer:
                if answer.status == 200:
                    return True
                log.warning("LINE %s refused (%s): %s", path, answer.status, (await answer.text())[:300])
                return False

    async def reply(self, token: str, messages: list[dict]) -> bool:
        return await self._post("/v2/bot/message/reply", {"replyToken": token, "messages": messages})

    async def push(self, to: str, messages: list[dict]) -> bool:
        return await self._post("/v2/bot/message/push", {"to": to, "messages": messages})


def _quick_reply(buttons: list[dict]) -> dict:
    items = []
    for button in buttons[:MAX_QUICK_REPLIES]:
        title = str(button.get("title") or button.get("payload") or "")
        payload = str(button.get("payload") or title)
        items.append({"type": "action", "action": {"type": "message", "label": title[:MAX_LABEL], "text": payload}})
    return {"items": items}


class LineOutput(OutputChannel):
    """Collects the bot's messages for one user message; ``flush`` sends them (reply, then push)."""

    @classmethod
    def name(cls) -> str:
        return "line"

    def __init__(self, api: LineApi, reply_token: str | None, user_id: str) -> None:
        self.api, self.reply_token, self.user_id = api, reply_token, user_id
        self.messages: list[dict] = []

    async def send_text_message(self, recipient_id: str, text: str, **kwargs: Any) -> None:
        for start in range(0, len(text), MAX_TEXT):  # LINE refuses empty texts and longer ones
            self.messages.append({"type": "text", "text": text[start : start + MAX_TEXT]})

    async def send_text_with_buttons(self, recipient_id: str, text: str, buttons: list[dict], **kwargs: Any) -> None:
        await self.send_text_message(recipient_id, text)
        if buttons and self.messages:
            self.messages[-1]["quickReply"] = _quick_reply(buttons)

    async def send_image_url(self, recipient_id: str, image: str, **kwargs: Any) -> None:
        self.messages.append({"type": "image", "originalContentUrl": image, "previewImageUrl": image})

    async def send_custom_json(self, recipient_id: str, json_message: dict, **kwargs: Any) -> None:
        native = json_message.get("line") if isinstance(json_message, dict) else None
        if isinstance(native, list):
            self.messages.extend(m for m in native if isinstance(m, dict))

    async def flush(self) -> None:
        batches = [
            self.messages[i : i + MAX_MESSAGES_PER_CALL] for i in range(0, len(self.messages), MAX_MESSAGES_PER_CALL)
        ]
        self.messages = []
        if not batches:
            return
        if self.reply_token and await self.api.reply(self.reply_token, batches[0]):
            batches = batches[1:]
        self.reply_token = None  # a reply token works once
        for batch in batches:
            await self.api.push(self.user_id, batch)


class LineInput(InputChannel):
    """``POST /webhooks/line/webhook``: LINE's webhook events in, the bot's answers out."""

    @classmethod
    def name(cls) -> str:
        return "line"

    @classmethod
    def from_credentials(cls, credentials: dict | None) -> LineInput:
        credentials = credentials or {}
        secret = credentials.get("channel_secret") or os.environ.get("LINE_CHANNEL_SECRET", "")
        token = credentials.get("channel_access_token") or os.environ.get("LINE_CHANNEL_ACCESS_TOKEN", "")
        base = credentials.get("api_base") or os.environ.get("LINE_API_BASE", "https://api.line.me")
        if not secret or not token:
            log.warning("LINE channel without channel_secret/channel_access_token: every webhook call is refused")
        return cls(secret, token, base)

    def __init__(self, channel_secret: str, channel_access_token: str, api_base: str = "https://api.line.me") -> None:
        self.secret = channel_secret
        self.api = LineApi(channel_access_token, api_base)

    async def handle_events(self, payload: dict, on_new_message: Callable[[UserMessage], Awaitable[Any]]) -> None:
        for event in payload.get("events") or []:
            message, source = event.get("message") or {}, event.get("source") or {}
            user_id = source.get("userId")
            if event.get("type") != "message" or message.get("type") != "text" or not user_id:
                continue  # follows, stickers, images: not for Rasa's NLU
            output = LineOutput(self.api, event.get("replyToken"), user_id)
            metadata = {
                "line": {"source": source, "message_id": message.get("id"), "timestamp": event.get("timestamp")}
            }
            try:
                await on_new_message(
                    UserMessage(
                        message.get("text", ""),
                        output,
                        user_id,
                        input_channel=self.name(),
                        message_id=message.get("id"),
                        metadata=metadata,
                    )
                )
            except Exception:  # one failing event must not lose the others
                log.exception("Rasa failed on a LINE message from %s", user_id)
            await output.flush()

    def blueprint(self, on_new_message: Callable[[UserMessage], Awaitable[Any]]) -> Blueprint:
        webhook = Blueprint("line_webhook", __name__)
        pending: set[asyncio.Task] = set()

        @webhook.route("/", methods=["GET"])
        async def health(_: Request) -> response.HTTPResponse:
            return response.json({"status": "ok"})

        @webhook.route("/webhook", methods=["POST"])
        async def receive(request: Request) -> response.HTTPResponse:
            body = request.body or b""
            if not valid_signature(self.secret, body, request.headers.get("X-Line-Signature")):
                return response.json({"error": "invalid signature"}, status=403)
            try:
                payload = json.loads(body)
            except ValueError:
                return response.json({"error": "body is not JSON"}, status=400)
            # answer LINE at once; the events are handled after (the reply token stays valid for a while)
            task = asyncio.get_running_loop().create_task(self.handle_events(payload, on_new_message))
            pending.add(task)
            task.add_done_callback(pending.discard)
            return response.json({})

        return webhook
