"""LINE webhook bodies as LINE sends them, signed with the test channel's secret, for the LINE tests (unit and
integration). Event, message and user ids are random: several test modules use these helpers in one run."""

from __future__ import annotations

import base64
import hashlib
import hmac
import json
import time
import uuid

__all__ = ["SECRET", "TOKEN", "new_user", "event", "message", "text", "body_of", "signature", "post"]

SECRET, TOKEN = "test-channel-secret", "test-access-token"


def new_user() -> str:
    return "U" + uuid.uuid4().hex


def event(kind: str, user: str, redelivery: bool = False, **fields) -> dict:
    return {
        "type": kind,
        "timestamp": int(time.time() * 1000),
        "mode": "active",
        "source": {"type": "user", "userId": user},
        "webhookEventId": "01HTEST" + uuid.uuid4().hex[:19].upper(),
        "deliveryContext": {"isRedelivery": redelivery},
        "replyToken": "reply-token-" + uuid.uuid4().hex,
        **fields,
    }


def message(user: str, content: dict) -> dict:
    return event("message", user, message={"id": uuid.uuid4().hex[:12], "quoteToken": "q", **content})


def text(user: str, words: str) -> dict:
    return message(user, {"type": "text", "text": words})


def body_of(*events: dict) -> bytes:
    return json.dumps({"destination": "Ubot", "events": list(events)}, ensure_ascii=False).encode()


def signature(body: bytes, secret: str = SECRET) -> str:
    return base64.b64encode(hmac.new(secret.encode(), body, hashlib.sha256).digest()).decode()


def post(client, body: bytes, sign: str | None = ""):
    """POST ``body`` to the webhook, signed (``""``), with the given signature, or unsigned (``None``)."""
    headers = {"content-type": "application/json"}
    if sign is not None:
        headers["x-line-signature"] = sign or signature(body)
    return client.post("/webhooks/line", content=body, headers=headers)
