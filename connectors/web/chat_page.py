"""The web chat page at ``/``: the page itself; the conversation goes through ``POST /api/chat``.

The page speaks the resident's language (``connectors/web/page_language.py``: ``?lang=``, else the browser's
Accept-Language) and carries every language's words as JSON, so picking a language swaps them in place.

The chat is request/response, so its ``send`` is the JSON the page receives: the merged reply, plus
furigana segments for plain Japanese (the browser shows them as ``<ruby>``).
"""

from __future__ import annotations

from collections.abc import Sequence
from functools import cache

from fastapi import APIRouter, Depends, Request
from fastapi.responses import HTMLResponse

from bot.replies import Reply, merge_replies
from connectors.language_names import picker
from connectors.web.page_language import page_language
from connectors.pages import PAGE_HEADERS, templates
from connectors.ruby import label_ruby, quick_reply_ruby, segments, warm_up
from connectors.application import Tsunagu, get_tsunagu
from knowledge.topics import load_topics

__all__ = ["router", "reply_json", "prepare"]

router = APIRouter()


@cache
def _source_pages() -> dict[str, str]:
    """Each topic's official page (``knowledge/data/topics.yaml``), so a source can be opened."""
    return {topic: info.source_url for topic, info in load_topics().items()}


def prepare() -> None:
    """Read what ``reply_json`` needs now (at start-up, in the background), not in the first resident's turn."""
    _source_pages()


def reply_json(replies: Sequence[Reply]) -> dict:
    """What the page (and any API client) gets for one turn; each source carries its page's ``url``."""
    merged = merge_replies(list(replies))
    data = merged.to_json()
    pages = _source_pages()
    for source in data["sources"]:
        if pages.get(source["id"]):
            source["url"] = pages[source["id"]]
    if merged.register == "plain" and merged.lang == "ja":
        data["ruby"] = segments(merged.text)
        data["quick_ruby"] = quick_reply_ruby(merged.labels)
    return data


@router.get("/", response_class=HTMLResponse)
def chat_page(request: Request, lang: str | None = None, app: Tsunagu = Depends(get_tsunagu)) -> HTMLResponse:
    warm_up()
    choices = picker(app.languages)
    codes = [choice.code for choice in choices]
    page = page_language(lang, request.headers.get("accept-language"), codes)
    labels = app.page_words(list(dict.fromkeys([*codes, page.code])))
    return templates.TemplateResponse(
        request,
        "chat.html",
        {
            "active": "chat",
            "languages": choices,
            "max_chars": app.settings.max_message_chars,
            "page": page,
            "page_lang": page.html_lang,
            "ui": labels[page.code],
            "ui_all": label_ruby(labels),
        },
        headers={**PAGE_HEADERS, "Content-Language": page.html_lang, "Vary": "Accept-Language"},
    )
