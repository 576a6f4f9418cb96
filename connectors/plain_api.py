"""``POST /api/plain``: rewrite a text in plain Japanese, or list its guideline breaches.

Body: ``{"text": "...", "mode": "rewrite" | "check", "spaces": false}``. A rewrite returns
``PlainResult.to_json()``; a check returns ``{"breaches": [...]}``. Bad input gets the same clear 4xx
errors as ``/api/chat``.
"""
from __future__ import annotations

from dataclasses import dataclass

from fastapi import APIRouter, Depends, Request
from fastapi.concurrency import run_in_threadpool
from fastapi.responses import JSONResponse

from connectors.chat_request import BadInput, check_text, read_json_object
from connectors.application import Tsunagu, get_tsunagu

__all__ = ["router", "PlainRequest", "parse_plain_body"]

router = APIRouter()
MODES = ("rewrite", "check")


@dataclass(frozen=True)
class PlainRequest:
    text: str
    mode: str
    spaces: bool


def parse_plain_body(body: bytes, max_chars: int) -> PlainRequest:
    data = read_json_object(body, ("text", "mode", "spaces"))
    text, mode, spaces = data.get("text"), data.get("mode", "rewrite"), data.get("spaces", False)
    check_text(text, max_chars, "give the Japanese text to rewrite or check")
    if mode not in MODES:
        raise BadInput(422, f"mode must be one of: {', '.join(MODES)}")
    if not isinstance(spaces, bool):
        raise BadInput(422, "spaces must be true or false")
    return PlainRequest(text, mode, spaces)


def _answer(request: PlainRequest) -> dict:
    from bot.plain import check, rewrite

    if request.mode == "check":
        return {"breaches": [breach.to_json() for breach in check(request.text)]}
    return rewrite(request.text, spaces=request.spaces).to_json()


@router.post("/api/plain")
async def plain(request: Request, app: Tsunagu = Depends(get_tsunagu)) -> JSONResponse:
    try:
        parsed = parse_plain_body(await request.body(), app.settings.max_message_chars)
    except BadInput as bad:
        return JSONResponse({"error": bad.message}, status_code=bad.status)
    return JSONResponse(await run_in_threadpool(_answer, parsed))
