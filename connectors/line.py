"""LINE: the webhook at ``POST /webhooks/line``; the SDK side (``LineChannel.send``, event parsing) is in
``connectors.line_sdk``, loaded on the first webhook call.

The webhook checks ``X-Line-Signature`` over the raw body (400 and nothing processed when it is missing or
wrong), stores what users wrote, acknowledges, and answers in a background task: LINE wants a quick 200, and an answer can
take a second. Replies use the event's reply token; when that fails (expired or already used — e.g. for a
redelivered event) the same messages are pushed instead. The LINE user id, prefixed ``line:``, is the
conversation id, so the language a user chose is remembered in the dialogue state like any session's.
"""
from __future__ import annotations

import logging
from collections import OrderedDict
from collections.abc import Sequence
from dataclasses import dataclass, replace
from threading import Lock

from fastapi import APIRouter, BackgroundTasks, Depends, Request
from fastapi.concurrency import run_in_threadpool
from fastapi.responses import JSONResponse

from bot.dialogue import IncomingMessage
from bot.replies import QuickReply, Reply
from connectors.channel import Channel, ChannelLimits, Choice, Outgoing, degrade
from connectors.language_names import own_name, picker
from connectors.ruby import bracket, warm_up
from connectors.application import Tsunagu, get_tsunagu

__all__ = ["LineTurn", "answer", "choices", "router"]

router = APIRouter()
log = logging.getLogger(__name__)


@dataclass(frozen=True)
class LineTurn:
    """One event that needs an answer: what the dialogue gets, and where the answer goes."""

    message: IncomingMessage
    recipient: str
    reply_token: str


class _SeenEvents:
    """Webhook event ids already handled (LINE redelivers an event when it got no 200 in time)."""

    def __init__(self, size: int = 4096) -> None:
        self._ids: OrderedDict[str, None] = OrderedDict()
        self._size = size
        self._lock = Lock()

    def first_time(self, event_id: str) -> bool:
        with self._lock:
            if event_id in self._ids:
                return False
            self._ids[event_id] = None
            if len(self._ids) > self._size:
                self._ids.popitem(last=False)
            return True


_seen = _SeenEvents()


def choices(reply: Reply) -> tuple[Choice, ...]:
    """Quick replies as buttons; a language button (payload ``lang=vi``) is a postback labelled with the
    language's own name (babel), and a row of them comes in picker order."""
    chosen = {QuickReply.chosen_language(q.payload): q for q in reply.quick_replies}
    if None not in chosen:  # the language picker
        by_key = {speech.key: quick for speech, quick in chosen.items()}
        return tuple(Choice(c.name, by_key[c.code].label, by_key[c.code].payload) for c in picker(by_key))
    return tuple(Choice.of(q) if QuickReply.chosen_language(q.payload) is None
                 else Choice(own_name(QuickReply.chosen_language(q.payload).key), q.label, q.payload)
                 for q in reply.quick_replies)


def _messages_for(turn: LineTurn, app: Tsunagu, limits: ChannelLimits) -> list[Outgoing]:
    message, limit = turn.message, app.settings.max_message_chars
    if message.kind == "text" and len(message.text) > limit:  # as /api/chat: stored, but not processed
        speech = app.speech_of(message.conversation_id)
        return [Outgoing(app.sentence(speech, "error_too_long", limit=limit))]
    return degrade(app.answer(message), limits, bracket=bracket, choices=choices)


def answer(turns: Sequence[LineTurn], app: Tsunagu, channel: Channel) -> None:
    """The background part: run each turn through the dialogue and send the replies."""
    for turn in turns:
        conversation = turn.message.conversation_id
        try:
            messages = _messages_for(turn, app, channel.limits)
        except Exception:  # the text is already stored (see _record): say so and ask to try again
            log.exception("LINE turn failed for %s", conversation)
            messages = [Outgoing(app.sentence(app.speech_of(conversation), "error_internal"))]
        try:
            channel.send(turn.recipient, messages, turn.reply_token)
        except Exception:
            log.exception("LINE send failed for %s", conversation)


def _record(turns: list[LineTurn], app: Tsunagu) -> list[LineTurn]:
    """Store what users wrote (redacted) before LINE gets its 200: nothing a user sent is lost, even if the
    process stops before the background answer runs."""
    return [replace(turn, message=app.record(turn.message)) for turn in turns]


def _bad(message: str) -> JSONResponse:
    return JSONResponse({"error": message}, status_code=400)


@router.post("/webhooks/line")
async def webhook(request: Request, background: BackgroundTasks,
                  app: Tsunagu = Depends(get_tsunagu)) -> JSONResponse:
    settings = app.settings
    if not settings.line_channel_secret or not settings.line_channel_access_token:
        return JSONResponse({"error": "LINE is not configured: set TSUNAGU_LINE_CHANNEL_SECRET and "
                                      "TSUNAGU_LINE_CHANNEL_ACCESS_TOKEN"}, status_code=503)
    signature = request.headers.get("x-line-signature", "")
    if not signature:
        return _bad("missing X-Line-Signature")
    body = await request.body()
    from connectors import (
        line_sdk,  # the SDK loads on the first webhook call, not at start-up
    )

    try:
        events = line_sdk.parse_events(settings.line_channel_secret, body, signature)
    except line_sdk.BadSignature:
        log.warning("LINE webhook with a wrong signature rejected")
        return _bad("invalid X-Line-Signature")
    except (UnicodeDecodeError, ValueError, KeyError, TypeError):
        return _bad("body is not a LINE webhook payload")
    turns: list[LineTurn] = []
    for event in events:
        event_id = getattr(event, "webhook_event_id", "")
        if event_id and not _seen.first_time(event_id):
            log.info("LINE event %s was already handled (redelivery)", event_id)
            continue
        message = line_sdk.incoming_of(event, app.languages)
        if message is None:
            log.info("LINE event %s acknowledged and ignored", getattr(event, "type", "unknown"))
            continue
        turns.append(LineTurn(message, line_sdk.recipient_of(event), getattr(event, "reply_token", None) or ""))
    if turns:
        warm_up()
        turns = await run_in_threadpool(_record, turns, app)
        channel = line_sdk.LineChannel(settings.line_channel_access_token, settings.line_api_base)
        background.add_task(answer, turns, app, channel)
    return JSONResponse({"status": "ok"})
