"""The web chat's two small JSON endpoints beside ``POST /api/chat``.

- ``POST /api/chat/rating`` ``{"session_id", "answer", "helpful"}``: "was this helpful?" on the conversation's
  ``answer``-th answer (0 = the first); stored as a rating row (``bot.store.records.Rating``) that analytics
  counts. Rating the same answer again replaces the earlier rating.
- ``GET /api/chat/history?session_id=…``: the conversation as stored (what the resident wrote, redacted,
  and the replies with their sources, office card and call buttons), so a page that lost its browser copy —
  or another device opening ``/?session=…`` — can show it again. Only web conversations are served (never
  a LINE user's). The README's API section describes both for other clients.
"""

from __future__ import annotations

from fastapi import APIRouter, Depends, Request
from fastapi.concurrency import run_in_threadpool
from fastapi.responses import JSONResponse

from connectors.application import Tsunagu, get_tsunagu
from connectors.chat_request import BadInput, read_json_object

__all__ = ["router"]

router = APIRouter()


def _error(status: int, message: str) -> JSONResponse:
    return JSONResponse({"error": message}, status_code=status)


def _session(value: object) -> str:
    if not isinstance(value, str) or not value.strip() or len(value) > 128:
        raise BadInput(422, "session_id must be a non-empty string of at most 128 characters")
    return value.strip()


@router.post("/api/chat/rating")
async def rate(request: Request, app: Tsunagu = Depends(get_tsunagu)) -> JSONResponse:
    try:
        data = read_json_object(await request.body(), ("session_id", "answer", "helpful"))
        session = _session(data.get("session_id"))
        answer, helpful = data.get("answer"), data.get("helpful")
        if not isinstance(answer, int) or isinstance(answer, bool) or answer < 0:
            raise BadInput(422, "answer must be the answer's number in the conversation (0 = the first)")
        if not isinstance(helpful, bool):
            raise BadInput(422, "helpful must be true or false")
    except BadInput as bad:
        return _error(bad.status, bad.message)
    rating = await run_in_threadpool(app.rate, session, answer, helpful)
    if rating is None:
        return _error(404, f"conversation {session!r} has no answer number {answer}")
    return JSONResponse({"session_id": session, "answer": answer, "helpful": helpful})


@router.get("/api/chat/history")
async def history(session_id: str = "", app: Tsunagu = Depends(get_tsunagu)) -> JSONResponse:
    try:
        session = _session(session_id)
    except BadInput as bad:
        return _error(bad.status, bad.message)
    said = await run_in_threadpool(app.transcript, session)
    if said is None:
        return _error(404, "no web conversation with this session_id")
    return JSONResponse(
        {
            "session_id": session,
            "messages": [_message(m) for m in said],
        }
    )


def _message(stored) -> dict:
    """One stored message as the history returns it; a reply with what it showed (sources, office card,
    emergency and call buttons) so the page can show it again as it was."""
    if stored.direction == "in":
        return {"role": "user", "text": stored.text, "lang": stored.lang, "register": ""}
    shown = stored.meta.get("shown") or {}
    return {
        "role": "assistant",
        "text": stored.text,
        "lang": stored.lang,
        "register": stored.meta.get("register", "standard"),
        **{key: value for key, value in shown.items() if key not in {"role", "text", "lang", "register"}},
    }
