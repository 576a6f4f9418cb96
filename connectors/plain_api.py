"""``POST /api/plain``: rewrite a text in plain Japanese, or list its guideline breaches.

Body: ``{"text": "...", "mode": "rewrite" | "check", "spaces": false, "level": "N5" | "N4" | "N3"}``
(``level``: the furigana reader's level, default the ``TSUNAGU_FURIGANA_LEVEL`` setting). A rewrite returns
``PlainResult.to_json()``; a check returns ``{"breaches": [...]}``. Bad input gets the same clear 4xx
errors as ``/api/chat``.
"""

from __future__ import annotations

from dataclasses import dataclass

from fastapi import APIRouter, Depends, Request
from fastapi.concurrency import run_in_threadpool
from fastapi.responses import JSONResponse

from connectors.chat_request import PLAIN_FIELDS, BadInput, check_text, json_body, read_json_object
from connectors.application import Tsunagu, get_tsunagu

__all__ = ["router", "PlainRequest", "parse_plain_body"]

router = APIRouter()
MODES = ("rewrite", "check")


@dataclass(frozen=True)
class PlainRequest:
    text: str
    mode: str
    spaces: bool
    level: str | None = None


def parse_plain_body(body: bytes, max_chars: int) -> PlainRequest:
    from bot.plain.levels import READER_LEVELS

    data = read_json_object(body, ("text", "mode", "spaces", "level"))
    text, mode, spaces = data.get("text"), data.get("mode", "rewrite"), data.get("spaces", False)
    check_text(text, max_chars, "give the Japanese text to rewrite or check")
    if mode not in MODES:
        raise BadInput(422, f"mode must be one of: {', '.join(MODES)}")
    if not isinstance(spaces, bool):
        raise BadInput(422, "spaces must be true or false")
    level = data.get("level")
    if level is not None and level not in READER_LEVELS:
        raise BadInput(422, f"level must be one of: {', '.join(READER_LEVELS)}")
    return PlainRequest(text, mode, spaces, level)


def _answer(request: PlainRequest) -> dict:
    from bot.plain import check, rewrite

    if request.mode == "check":
        return {"breaches": [breach.to_json() for breach in check(request.text)]}
    return rewrite(request.text, spaces=request.spaces, level=request.level).to_json()


@router.post("/api/plain", openapi_extra=json_body(PLAIN_FIELDS, ["text"]))
async def plain(request: Request, app: Tsunagu = Depends(get_tsunagu)) -> JSONResponse:
    try:
        parsed = parse_plain_body(await request.body(), app.settings.max_message_chars)
    except BadInput as bad:
        return JSONResponse({"error": bad.message}, status_code=bad.status)
    return JSONResponse(await run_in_threadpool(_answer, parsed))
