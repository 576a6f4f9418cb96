"""The web chat page at ``/``: the page itself; the conversation goes through ``POST /api/chat``.

The page speaks the resident's language (``connectors/page_language.py``: ``?lang=``, else the browser's
Accept-Language) and carries every language's words as JSON, so picking a language swaps them in place.

The chat is request/response, so its ``send`` is the JSON the page receives: the merged reply, plus
furigana segments for plain Japanese (the browser shows them as ``<ruby>``).
"""
from __future__ import annotations

from collections.abc import Sequence

from fastapi import APIRouter, Depends, Request
from fastapi.responses import HTMLResponse

from bot.replies import Reply, merge_replies
from connectors.language_names import picker
from connectors.page_language import page_language
from connectors.pages import PAGE_HEADERS, templates
from connectors.ruby import segments, warm_up
from connectors.application import Tsunagu, get_tsunagu

__all__ = ["router", "reply_json"]

router = APIRouter()


def reply_json(replies: Sequence[Reply]) -> dict:
    """What the page (and any API client) gets for one turn."""
    merged = merge_replies(list(replies))
    data = merged.to_json()
    if merged.register == "plain" and merged.lang == "ja":
        data["ruby"] = segments(merged.text)
    return data


@router.get("/", response_class=HTMLResponse)
def chat_page(request: Request, lang: str | None = None,
              app: Tsunagu = Depends(get_tsunagu)) -> HTMLResponse:
    warm_up()
    choices = picker(app.languages)
    codes = [choice.code for choice in choices]
    page = page_language(lang, request.headers.get("accept-language"), codes)
    labels = app.page_words(list(dict.fromkeys([*codes, page.code])))
    return templates.TemplateResponse(request, "chat.html", {
        "active": "chat",
        "languages": choices,
        "max_chars": app.settings.max_message_chars,
        "page": page,
        "page_lang": page.html_lang,
        "ui": labels[page.code],
        "ui_all": labels,
    }, headers={**PAGE_HEADERS, "Content-Language": page.html_lang, "Vary": "Accept-Language"})
