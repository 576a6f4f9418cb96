"""JSON API: ``POST /api/chat`` and ``GET /healthz``."""
from __future__ import annotations

import logging

from fastapi import APIRouter, Depends, Request
from fastapi.concurrency import run_in_threadpool
from fastapi.responses import JSONResponse

from bot.dialogue import IncomingMessage
from bot.store import store_unavailable
from connectors.chat_request import BadInput, parse_chat_body
from connectors.services import Services, get_services
from connectors.unavailable import unavailable_response
from connectors.webchat import reply_json

__all__ = ["router"]

router = APIRouter()
log = logging.getLogger(__name__)


def error(status: int, message: str) -> JSONResponse:
    return JSONResponse({"error": message}, status_code=status)


@router.post("/api/chat")
async def chat(request: Request, services: Services = Depends(get_services)) -> JSONResponse:
    body = await request.body()
    try:
        message = parse_chat_body(body, services.languages, services.settings.max_message_chars)
    except BadInput as bad:
        return error(bad.status, bad.message)
    incoming = IncomingMessage(message.session_id, message.text, "api", message.lang, message.plain)
    try:
        replies = await run_in_threadpool(services.dialogue.handle, incoming)
    except Exception as failure:  # the message is already stored; say so instead of a bare 500
        lang = message.lang or services.settings.default_language
        if store_unavailable(failure):  # nothing was stored: a 503 to try again, no traceback
            log.warning("chat turn for session %s: database unavailable", message.session_id)
            return unavailable_response(services.catalogs.text(lang, "ui_error_server"))
        log.exception("chat turn failed for session %s", message.session_id)
        return error(500, services.catalogs.text(lang, "error_internal"))
    return JSONResponse(reply_json(replies))


@router.get("/healthz")
def healthz(services: Services = Depends(get_services)) -> dict:
    retriever = services.index.retriever
    return {
        "status": "ok" if retriever is not None else "starting",
        "chunks": len(retriever.chunks) if retriever else 0,
        "languages": services.languages,
        "content_hash": services.index.content_hash,
    }
