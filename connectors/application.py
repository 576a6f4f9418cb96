"""The narrow API every web route and the CLI call: ``Tsunagu``, built once per process.

Routes never walk the object graph (``connectors.services.Services``); they ask this for what a user
sees: answer a message, take in a LINE event, restore a web chat, the page words; the counter staff's pages
ask its ``staff`` part (``connectors/staff/counter.py``: lookups, training, login lockout, analytics). It is
built in the app's lifespan from the one ``Services`` of the process and reached through one dependency,
``get_tsunagu``; its ``settings`` are the one settings source of every route (the same object the services
were built from).
"""

from __future__ import annotations

import logging
import threading
from dataclasses import replace

from fastapi import Request
from fastapi.concurrency import run_in_threadpool

from bot.delivery import Delivery, PushChannel
from bot.dialogue import IncomingMessage
from bot.dialogue.state import DialogueState
from bot.plain import PlainResult, rewrite
from bot.redact import redact
from bot.replies import Reply
from bot.speech import Speech
from bot.store.outbox import OutboxItem
from bot.store.records import Rating, StoredMessage
from connectors.line.outbox import request_of
from connectors.staff.counter import StaffCounter
from connectors.web.page_language import page_labels
from connectors.services import Services, get_services
from connectors.settings import Settings
from knowledge.places import Gazetteer

log = logging.getLogger(__name__)

__all__ = ["Tsunagu", "get_tsunagu"]


class Tsunagu:
    def __init__(self, services: Services) -> None:
        self._services = services
        self.staff = StaffCounter(services)  # what the counter staff's pages ask (connectors/staff/counter.py)

    # -- what every route may read -------------------------------------------------------------------
    @property
    def settings(self) -> Settings:
        return self._services.settings

    @property
    def languages(self) -> list[str]:
        """Every content key the service speaks ("en", "ja", "ja-plain", …)."""
        return self._services.languages

    def sentence(self, lang: str | Speech, msgid: str, **values: object) -> str:
        """A catalog sentence (an error message, a label) in a language, along its fallback chain."""
        return self._services.catalogs.text(lang, msgid, **values)

    def page_words(self, codes: list[str]) -> dict[str, dict[str, str]]:
        """The web chat page's own words for each language code."""
        return page_labels(self._services.catalogs, codes)

    def health(self) -> dict:
        index = self._services.index
        retriever = index.retriever
        return {
            "status": "ok" if retriever is not None else "starting",
            "chunks": len(retriever.chunks) if retriever else 0,
            "languages": self.languages,
            "content_hash": index.content_hash,
        }

    def start_background(self) -> threading.Event:
        """Start reindexing changed content and purging old conversations, and prepare the dialogue's
        lazily built tables now rather than in the first resident's turn; set the event to stop."""
        threading.Thread(target=self._prepare, name="tsunagu-prepare", daemon=True).start()
        return self._services.start_watcher()

    def _prepare(self) -> None:
        try:
            self._services.dialogue.prepare()
        except Exception:  # the first turn builds them instead
            log.exception("preparing the dialogue failed")

    # -- residents ---------------------------------------------------------------------------------
    def answer(self, message: IncomingMessage) -> list[Reply]:
        """One turn of a conversation (stored, with its outcome)."""
        return self._services.dialogue.handle(message)

    def answer_on_state(self, message: IncomingMessage, state: DialogueState, intent: str | None) -> list[Reply]:
        """One turn on a conversation state the caller keeps (the Rasa action server keeps it in the tracker's
        slots), counted for the analytics under the message's channel. ``intent``: the caller's own
        classification ("" = a question, None = let Tsunagu decide)."""
        return self._services.dialogue.turn(message, state, intent, count=True)

    @property
    def places(self) -> Gazetteer:
        """The gazetteer the dialogue reads places with (a caller that keeps the state names places too)."""
        return self._services.places

    def rewrite_plain(self, text: str) -> PlainResult:
        """Japanese text rewritten in plain Japanese, with its furigana (a message the caller wrote itself)."""
        return rewrite(text)

    def answer_without_store(self, message: IncomingMessage) -> list[Reply] | None:
        """While the database is unreachable: an immediate danger or an emergency still gets its line (nothing
        is stored, and the reply says so); None for anything else."""
        return self._services.dialogue.without_store(message)

    def record(self, message: IncomingMessage) -> IncomingMessage:
        """Store what the user wrote (redacted) now, before the channel acknowledges it; the returned
        message says so, and its turn will not store it twice."""
        if message.kind != "text":
            return message
        self._services.store.record_incoming(
            message.conversation_id, message.channel, redact(message.text), message.lang or ""
        )
        return replace(message, recorded=True)

    def take_in(
        self, message: IncomingMessage, event_id: str, recipient: str, reply_token: str
    ) -> tuple[OutboxItem, IncomingMessage] | None:
        """A push channel's event (LINE), before it is acknowledged: its id, what the user wrote (redacted)
        and an outbox entry for the answer, in one transaction. None when the event was taken in before
        (a redelivery, to this process or another); else the entry and the message to answer."""
        stored = redact(message.text) if message.kind == "text" else ""
        entry = self._services.store.outbox.accept(
            message.channel,
            event_id,
            message.conversation_id,
            recipient,
            reply_token,
            request_of(message, stored),
            store_text=stored if message.kind == "text" else None,
            lang=message.lang or "",
        )
        if entry is None:
            return None
        if message.kind == "text":
            message = replace(message, recorded=True)
        return entry, message

    def delivery(self, prepare, channel: PushChannel, token_seconds: float) -> Delivery:
        """A delivery worker over this process's outbox (``bot/delivery.py``)."""
        return Delivery(self._services.store.outbox, prepare, channel, token_seconds=token_seconds)

    def speech_of(self, conversation_id: str) -> Speech:
        """How a conversation's replies speak (the default language for a new one)."""
        state = self._services.store.state(conversation_id)
        return Speech(state.get("lang") or self.settings.default_language, state.get("register") or "standard")

    # -- the web chat: ratings and restoring a conversation ---------------------------------------------
    WEB_CHANNELS = ("api", "web")  # conversations the web chat may restore (never LINE's or the staff's)

    def rate(self, conversation_id: str, answer: int, helpful: bool) -> Rating | None:
        """Record "was this helpful?" for a conversation's answer (None: no such answer)."""
        return self._services.store.record_rating(conversation_id, answer, helpful)

    def transcript(self, conversation_id: str) -> list[StoredMessage] | None:
        """What a web conversation said, oldest first, as stored (the resident's words redacted); None for a
        conversation that is not a web chat's."""
        store = self._services.store
        if store.channel(conversation_id) not in self.WEB_CHANNELS:
            return None
        return store.messages(conversation_id)


async def get_tsunagu(request: Request) -> Tsunagu:
    """The one dependency of every route: the application built in the lifespan (built here on first use,
    on a worker thread, when the app runs without its lifespan). A coroutine: FastAPI runs a plain function
    dependency on a worker thread, one more thread hand-off in every request (issue 16)."""
    state = request.app.state
    tsunagu = getattr(state, "tsunagu", None)
    if tsunagu is None:
        services = await run_in_threadpool(request.app.dependency_overrides.get(get_services, get_services))
        tsunagu = state.tsunagu = getattr(state, "tsunagu", None) or Tsunagu(services)
    return tsunagu
