"""``POST /api/plain``: rewrite a text in plain Japanese, or list its guideline breaches.

Body: ``{"text": "...", "mode": "rewrite" | "check", "spaces": false}``. A rewrite returns
``PlainResult.to_json()``; a check returns ``{"breaches": [...]}``. Bad input gets the same clear 4xx
errors as ``/api/chat``.
"""
from __future__ import annotations

import json
from dataclasses import dataclass

from fastapi import APIRouter, Depends, Request
from fastapi.concurrency import run_in_threadpool
from fastapi.responses import JSONResponse

from connectors.chat_request import MAX_BODY_BYTES, BadInput
from connectors.services import Services, get_services

__all__ = ["router", "PlainRequest", "parse_plain_body"]

router = APIRouter()
MODES = ("rewrite", "check")


@dataclass(frozen=True)
class PlainRequest:
    text: str
    mode: str
    spaces: bool


def parse_plain_body(body: bytes, max_chars: int) -> PlainRequest:
    if len(body) > MAX_BODY_BYTES:
        raise BadInput(413, f"request body is larger than {MAX_BODY_BYTES} bytes")
    try:
        data = json.loads(body.decode("utf-8"))
    except UnicodeDecodeError:
        raise BadInput(400, "request body is not valid UTF-8") from None
    except json.JSONDecodeError as error:
        raise BadInput(400, f"request body is not valid JSON ({error.msg} at position {error.pos})") from None
    if not isinstance(data, dict):
        raise BadInput(422, "request body must be a JSON object")
    unknown = set(data) - {"text", "mode", "spaces"}
    if unknown:
        raise BadInput(422, f"unknown field(s): {', '.join(sorted(unknown))}")
    text, mode, spaces = data.get("text"), data.get("mode", "rewrite"), data.get("spaces", False)
    if not isinstance(text, str):
        raise BadInput(422, "text must be a string")
    if not text.strip():
        raise BadInput(422, "text is empty: give the Japanese text to rewrite or check")
    if len(text) > max_chars:
        raise BadInput(413, f"text is {len(text)} characters long; the limit is {max_chars}")
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
async def plain(request: Request, services: Services = Depends(get_services)) -> JSONResponse:
    try:
        parsed = parse_plain_body(await request.body(), services.settings.max_message_chars)
    except BadInput as bad:
        return JSONResponse({"error": bad.message}, status_code=bad.status)
    return JSONResponse(await run_in_threadpool(_answer, parsed))
