"""LINE: the webhook at ``POST /webhooks/line``; the SDK side (``LineChannel.send``, event parsing) is in
``connectors.line.sdk``, loaded on the first webhook call.

The webhook checks ``X-Line-Signature`` over the raw body (400 and nothing processed when it is missing or
wrong), then takes each event in through the store's outbox — its id (so a redelivery to any process is
answered once), what the user wrote and an entry for the answer, in one transaction — and acknowledges.
The answer is worked out and sent in a background task (LINE wants a quick 200), through the delivery
worker (``bot/delivery.py``): it uses the reply token while fresh, pushes otherwise, and after a crash any
process's worker sends what is still owed, once (``connectors/line/outbox.py``). The LINE user id,
prefixed ``line:``, is the conversation id, so the language a user chose is remembered in the dialogue
state like any session's.

While the database is unreachable nothing can be taken in: an immediate danger or an emergency is still
answered at once through its reply token, its line first and a sentence saying the message could not be
saved (the webhook then answers 200); any other event gets the 503, and LINE redelivers it later.
"""

from __future__ import annotations

import logging
import threading
import uuid
import weakref
from collections.abc import Sequence
from dataclasses import dataclass

from fastapi import APIRouter, BackgroundTasks, Depends, Request
from fastapi.concurrency import run_in_threadpool
from fastapi.responses import JSONResponse

from bot.delivery import Delivery, TokenRejected
from bot.dialogue import IncomingMessage
from bot.replies import QuickReply, Reply
from bot.store import store_unavailable
from bot.store.outbox import OutboxItem
from connectors.line.cards import cards_of, with_cards
from connectors.application import Tsunagu, get_tsunagu
from connectors.channel import ChannelLimits, Choice, Outgoing, degrade
from connectors.language_names import own_name, picker
from connectors.line.outbox import SdkChannel, message_of, to_json
from connectors.ruby import bracket, warm_up
from connectors.unavailable import unavailable_response

__all__ = ["LineTurn", "choices", "delivery", "router", "start_outbox_worker"]

router = APIRouter()
log = logging.getLogger(__name__)


@dataclass(frozen=True)
class LineTurn:
    """One event that needs an answer: what the dialogue gets, and where the answer goes."""

    message: IncomingMessage
    recipient: str
    reply_token: str
    event_id: str = ""


def choices(reply: Reply) -> tuple[Choice, ...]:
    """Quick replies as buttons; a language button (payload ``lang=vi``) is a postback labelled with the
    language's own name (babel), and a row of them comes in picker order."""
    chosen = {QuickReply.chosen_language(q.payload): q for q in reply.quick_replies}
    if None not in chosen:  # the language picker
        by_key = {speech.key: quick for speech, quick in chosen.items()}
        return tuple(Choice(c.name, by_key[c.code].label, by_key[c.code].payload) for c in picker(by_key))
    return tuple(
        Choice.of(q)
        if QuickReply.chosen_language(q.payload) is None
        else Choice(own_name(QuickReply.chosen_language(q.payload).key), q.label, q.payload)
        for q in reply.quick_replies
    )


def _messages_for(turn: LineTurn, app: Tsunagu, limits: ChannelLimits) -> list[Outgoing]:
    message, limit = turn.message, app.settings.max_message_chars
    if message.kind == "text" and len(message.text) > limit:  # as /api/chat: stored, but not processed
        speech = app.speech_of(message.conversation_id)
        return [Outgoing(app.sentence(speech, "error_too_long", limit=limit))]
    return _line_messages(app.answer(message), app, limits)


def _line_messages(replies: list[Reply], app: Tsunagu, limits: ChannelLimits) -> list[Outgoing]:
    texts = degrade(replies, limits, bracket=bracket, choices=choices)
    cards = cards_of(replies, lambda reply: lambda msgid, **values: app.sentence(reply.speech, msgid, **values))
    return with_cards(texts, cards)


class _Answers:
    """``prepare`` for the delivery worker: the answer to an outbox entry, as LINE messages (JSON)."""

    def __init__(self, app: Tsunagu) -> None:
        self.app = app
        self._originals: dict[int, IncomingMessage] = {}  # entries taken in here: the unredacted message
        self._lock = threading.Lock()

    def remember(self, entry: OutboxItem, message: IncomingMessage) -> None:
        with self._lock:
            self._originals[entry.id] = message

    def __call__(self, entry: OutboxItem) -> list[dict]:
        from connectors.line.sdk import LIMITS

        with self._lock:
            message = self._originals.pop(entry.id, None)
        message = message or message_of(entry.conversation_id, entry.request)  # after a crash: as stored
        app = self.app
        try:
            messages = _messages_for(LineTurn(message, entry.recipient, entry.reply_token), app, LIMITS)
        except Exception as failure:  # the text is already stored: say so and ask to try again
            if store_unavailable(failure):
                raise  # the worker tries again once the database is back
            log.exception("LINE turn failed for %s", entry.conversation_id)
            messages = [Outgoing(app.sentence(app.speech_of(entry.conversation_id), "error_internal"))]
        return to_json(messages)


_deliveries: weakref.WeakKeyDictionary = weakref.WeakKeyDictionary()
_deliveries_lock = threading.Lock()


def delivery(app: Tsunagu) -> Delivery:
    """This process's delivery worker for LINE (one per application)."""
    with _deliveries_lock:
        found = _deliveries.get(app)
        if found is None:
            settings = app.settings
            channel = SdkChannel(settings.line_channel_access_token, settings.line_api_base)
            found = _deliveries[app] = app.delivery(_Answers(app), channel, settings.line_reply_token_seconds)
        return found


def start_outbox_worker(app: Tsunagu) -> threading.Event:
    """Send, every few seconds, what crashed processes (or failed calls) left owed; set the event to stop."""
    settings = app.settings
    if not (settings.line_channel_secret and settings.line_channel_access_token) or settings.outbox_poll_seconds <= 0:
        return threading.Event()
    return delivery(app).start(settings.outbox_poll_seconds)


def _take_in(turns: list[LineTurn], app: Tsunagu) -> list[OutboxItem]:
    """Each event's id, what the user wrote (redacted) and its outbox entry, committed before LINE gets its
    200: nothing a user sent is lost, and an event redelivered to any process is not taken in twice."""
    answers = delivery(app).prepare
    entries = []
    for turn in turns:
        taken = app.take_in(turn.message, turn.event_id, turn.recipient, turn.reply_token)
        if taken is None:
            log.info("LINE event %s was already taken in (redelivery)", turn.event_id)
            continue
        entry, message = taken
        answers.remember(entry, message)
        entries.append(entry)
    return entries


def _deliver(entries: Sequence[OutboxItem], app: Tsunagu) -> None:
    """The background part: work out and send each answer (the worker retries what fails here)."""
    worker = delivery(app)
    for entry in entries:
        worker.deliver(entry)


def _answer_without_store(turns: list[LineTurn], app: Tsunagu) -> bool:
    """While the database is down (nothing could be taken in): each immediate danger or emergency still gets
    its line first, sent now through its reply token (pushed when the token is refused), with the sentence
    that the message could not be saved (``Tsunagu.answer_without_store``). True when every event was
    answered so (the webhook then answers 200); False when any other is left: the webhook answers 503 and
    LINE redelivers them all once the database is back (a danger answered now is then answered again, and
    stored)."""
    from connectors.line.sdk import LIMITS

    limit = app.settings.max_message_chars
    channel = SdkChannel(app.settings.line_channel_access_token, app.settings.line_api_base)
    answered = 0
    for turn in turns:
        message = turn.message
        if message.kind != "text" or len(message.text) > limit:
            continue
        try:
            replies = app.answer_without_store(message)
            if not replies:
                continue
            messages, key = to_json(_line_messages(replies, app, LIMITS)), str(uuid.uuid4())
            try:
                if not turn.reply_token:
                    raise TokenRejected("no reply token")
                channel.reply(turn.reply_token, turn.recipient, messages, key)
            except TokenRejected:
                channel.push(turn.recipient, messages, key)
        except Exception:  # never worse than the plain 503
            log.exception("LINE safety reply without the database failed for %s", message.conversation_id)
            continue
        log.warning("LINE event %s answered without the database (a danger or an emergency)", turn.event_id)
        answered += 1
    return answered == len(turns)


def _bad(message: str) -> JSONResponse:
    return JSONResponse({"error": message}, status_code=400)


@router.post("/webhooks/line")
async def webhook(request: Request, background: BackgroundTasks, app: Tsunagu = Depends(get_tsunagu)) -> JSONResponse:
    settings = app.settings
    if not settings.line_channel_secret or not settings.line_channel_access_token:
        return JSONResponse(
            {"error": "LINE is not configured: set TSUNAGU_LINE_CHANNEL_SECRET and TSUNAGU_LINE_CHANNEL_ACCESS_TOKEN"},
            status_code=503,
        )
    signature = request.headers.get("x-line-signature", "")
    if not signature:
        return _bad("missing X-Line-Signature")
    body = await request.body()
    from connectors.line import sdk as line_sdk  # the SDK loads on the first webhook call, not at start-up

    try:
        events = line_sdk.parse_events(settings.line_channel_secret, body, signature)
    except line_sdk.BadSignature:
        log.warning("LINE webhook with a wrong signature rejected")
        return _bad("invalid X-Line-Signature")
    except (UnicodeDecodeError, ValueError, KeyError, TypeError):
        return _bad("body is not a LINE webhook payload")
    turns: list[LineTurn] = []
    for event in events:
        message = line_sdk.incoming_of(event, app.languages)
        if message is None:
            log.info("LINE event %s acknowledged and ignored", getattr(event, "type", "unknown"))
            continue
        turns.append(
            LineTurn(
                message,
                line_sdk.recipient_of(event),
                getattr(event, "reply_token", None) or "",
                getattr(event, "webhook_event_id", None) or "",
            )
        )
    if turns:
        warm_up()
        try:
            entries = await run_in_threadpool(_take_in, turns, app)
        except Exception as failure:
            if not store_unavailable(failure):
                raise
            log.warning("LINE webhook: database unavailable")
            if await run_in_threadpool(_answer_without_store, turns, app):
                return JSONResponse({"status": "ok", "saved": False})
            return unavailable_response()  # LINE redelivers once the database is back
        if entries:
            background.add_task(_deliver, entries, app)
    return JSONResponse({"status": "ok"})
