"""LINE answers through the outbox (``bot/store/outbox.py``, ``bot/delivery.py``): what an outbox entry
holds for LINE, and the Messaging API calls the delivery worker makes.

The webhook takes each event in with ``accept`` (event id, the user's text and the entry, in one
transaction, before its 200); the answer is then worked out and sent by ``bot.delivery.Delivery`` — right
away in the background by the process that took it in, or by any process's worker after a crash.
"""

from __future__ import annotations

import logging
import uuid
from collections.abc import Sequence

from bot.delivery import AlreadyAccepted, TokenRejected, Undeliverable
from bot.dialogue import IncomingMessage
from connectors.channel import Choice, Outgoing
from connectors.line.cards import Card

__all__ = ["SdkChannel", "from_json", "message_of", "request_of", "to_json"]

log = logging.getLogger("connectors.line")
MESSAGES_PER_CALL = 5  # LINE takes at most five messages in one reply or push


def request_of(message: IncomingMessage, stored_text: str) -> dict:
    """What the entry keeps of the incoming message: the redacted text, never the raw one."""
    return {
        "text": stored_text,
        "kind": message.kind,
        "lang": message.lang,
        "plain": message.plain,
        "channel": message.channel,
        "payload": message.payload,
    }


def message_of(conversation_id: str, request: dict) -> IncomingMessage:
    """The incoming message again, from an entry (after a crash: its text was stored before the 200)."""
    return IncomingMessage(
        conversation_id,
        request.get("text", ""),
        request.get("channel", "line"),
        request.get("lang"),
        request.get("plain"),
        request.get("kind", "text"),
        recorded=request.get("kind", "text") == "text",
        payload=request.get("payload") or "",
    )


def to_json(messages: Sequence[Outgoing]) -> list[dict]:
    """The messages as stored in the outbox; a Flex card keeps its bubble (``card``)."""
    items = []
    for m in messages:
        item = {"text": m.text, "choices": [{"label": c.label, "text": c.text, "data": c.data} for c in m.choices]}
        if isinstance(m, Card) and m.contents:
            item["card"] = {"contents": m.contents, "first": m.first}
        items.append(item)
    return items


def from_json(items: Sequence[dict]) -> list[Outgoing]:
    messages: list[Outgoing] = []
    for item in items:
        choices = tuple(Choice(c["label"], c["text"], c.get("data", "")) for c in item.get("choices", ()))
        card = item.get("card")
        messages.append(
            Card(item["text"], choices, contents=card["contents"], first=card.get("first", False))
            if card
            else Outgoing(item["text"], choices)
        )
    return messages


def _batch_key(retry_key: str, number: int) -> str:
    return retry_key if number == 0 else str(uuid.uuid5(uuid.UUID(retry_key), str(number)))


class SdkChannel:
    """``bot.delivery.PushChannel`` over line-bot-sdk (loaded on first use): LINE's refusals become the
    worker's exceptions — a refused reply token, an already accepted retry key, a permanent refusal."""

    def __init__(self, access_token: str, api_base: str) -> None:
        self.access_token, self.api_base = access_token, api_base.rstrip("/")

    def _batches(self, messages: Sequence[dict]):
        from connectors.line.sdk import text_message

        outgoing = [text_message(m) for m in from_json(messages)]
        return [outgoing[i : i + MESSAGES_PER_CALL] for i in range(0, len(outgoing), MESSAGES_PER_CALL)]

    def _api(self):
        from linebot.v3.messaging import ApiClient, Configuration, MessagingApi

        client = ApiClient(Configuration(host=self.api_base, access_token=self.access_token))
        return client, MessagingApi(client)

    def reply(self, reply_token: str, recipient: str, messages: Sequence[dict], retry_key: str) -> None:
        from linebot.v3.messaging import ApiException, ReplyMessageRequest

        batches = self._batches(messages)
        client, api = self._api()
        with client:
            try:
                api.reply_message(ReplyMessageRequest(reply_token=reply_token, messages=batches[0]))
            except ApiException as failed:
                if failed.status == 400:
                    raise TokenRejected(f"{failed.status} {failed.reason}") from None
                raise
            self._push_batches(api, recipient, batches, retry_key, first=1)

    def push(self, recipient: str, messages: Sequence[dict], retry_key: str) -> None:
        batches = self._batches(messages)
        client, api = self._api()
        with client:
            self._push_batches(api, recipient, batches, retry_key, first=0)

    @staticmethod
    def _push_batches(api, recipient: str, batches: list, retry_key: str, first: int) -> None:
        from linebot.v3.messaging import ApiException, PushMessageRequest

        for number in range(first, len(batches)):
            try:
                api.push_message(
                    PushMessageRequest(to=recipient, messages=batches[number]),
                    x_line_retry_key=_batch_key(retry_key, number),
                )
            except ApiException as failed:
                if failed.status == 409:  # this retry key was accepted before: already sent
                    if number == len(batches) - 1:
                        raise AlreadyAccepted(retry_key) from None
                    continue
                if failed.status in (400, 403, 404):
                    raise Undeliverable(f"{failed.status} {failed.reason}: {failed.body}") from None
                raise  # 429, 5xx: the worker tries again later
