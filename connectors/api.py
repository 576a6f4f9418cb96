"""JSON API: ``POST /api/chat`` and ``GET /healthz``."""

from __future__ import annotations

import logging

from fastapi import APIRouter, Depends, Request
from fastapi.concurrency import run_in_threadpool
from fastapi.responses import JSONResponse

from bot.dialogue import IncomingMessage
from bot.store import store_unavailable
from connectors.chat_request import CHAT_FIELDS, BadInput, json_body, parse_chat_body
from connectors.application import Tsunagu, get_tsunagu
from connectors.unavailable import unavailable_response
from connectors.web.chat_page import reply_json

__all__ = ["router"]

router = APIRouter()
WEB_CLIENT_HEADER = "x-tsunagu-client"  # "web" from connectors/static/chat.js
log = logging.getLogger(__name__)


def error(status: int, message: str) -> JSONResponse:
    return JSONResponse({"error": message}, status_code=status)


@router.post("/api/chat", openapi_extra=json_body(CHAT_FIELDS, ["session_id", "text"]))
async def chat(request: Request) -> JSONResponse:
    # the application without ``Depends``: while any dependency override is set (``tsunagu serve`` sets one
    # for its services) FastAPI builds a dependency's signature anew on every request that declares one
    app = await get_tsunagu(request)
    body = await request.body()
    try:
        message = parse_chat_body(body, app.languages, app.settings.max_message_chars)
    except BadInput as bad:
        return error(bad.status, bad.message)
    # the web chat page says it is the web chat (analytics counts channels); any other client is "api"
    channel = "web" if request.headers.get(WEB_CLIENT_HEADER, "") == "web" else "api"
    incoming = IncomingMessage(
        message.session_id, message.text, channel, message.lang, message.plain, payload=message.payload
    )
    try:
        # the turn and its JSON on one worker thread: furigana for a plain-Japanese reply (its model loads on
        # first use) must not hold up the event loop, which every other request waits on
        answered = await run_in_threadpool(_answer_json, app, incoming)
    except Exception as failure:  # the message is already stored; say so instead of a bare 500
        lang = message.lang or app.settings.default_language
        if store_unavailable(failure):  # nothing was stored: a 503 to try again, no traceback
            log.warning("chat turn for session %s: database unavailable", message.session_id)
            try:
                urgent = await run_in_threadpool(app.answer_without_store, incoming)
            except Exception:  # never worse than the plain 503
                log.exception("safety reply without the database failed for session %s", message.session_id)
                urgent = None
            if urgent:  # a crisis or an emergency still gets its line first, and is told it was not saved
                return JSONResponse({**reply_json(urgent), "saved": False})
            return unavailable_response(app.sentence(lang, "ui_error_server"))
        log.exception("chat turn failed for session %s", message.session_id)
        return error(500, app.sentence(lang, "error_internal"))
    return JSONResponse(answered)


def _answer_json(app: Tsunagu, incoming: IncomingMessage) -> dict:
    return reply_json(app.answer(incoming))


@router.get("/healthz")
def healthz(app: Tsunagu = Depends(get_tsunagu)) -> dict:
    return app.health()
