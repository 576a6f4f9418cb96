"""JSON API: ``POST /api/chat`` and ``GET /healthz``."""
from __future__ import annotations

import logging

from fastapi import APIRouter, Depends, Request
from fastapi.concurrency import run_in_threadpool
from fastapi.responses import JSONResponse

from bot.dialogue import IncomingMessage
from connectors.chat_request import BadInput, parse_chat_body
from connectors.application import Tsunagu, get_tsunagu
from connectors.webchat import reply_json

__all__ = ["router"]

router = APIRouter()
log = logging.getLogger(__name__)


def error(status: int, message: str) -> JSONResponse:
    return JSONResponse({"error": message}, status_code=status)


@router.post("/api/chat")
async def chat(request: Request, app: Tsunagu = Depends(get_tsunagu)) -> JSONResponse:
    body = await request.body()
    try:
        message = parse_chat_body(body, app.languages, app.settings.max_message_chars)
    except BadInput as bad:
        return error(bad.status, bad.message)
    incoming = IncomingMessage(message.session_id, message.text, "api", message.lang, message.plain,
                               payload=message.payload)
    try:
        replies = await run_in_threadpool(app.answer, incoming)
    except Exception:  # the message is already stored; say so instead of a bare 500
        log.exception("chat turn failed for session %s", message.session_id)
        lang = message.lang or app.settings.default_language
        return error(500, app.sentence(lang, "error_internal"))
    return JSONResponse(reply_json(replies))


@router.get("/healthz")
def healthz(app: Tsunagu = Depends(get_tsunagu)) -> dict:
    return app.health()
