"""Friendly error pages: a browser that opens a wrong address (404) or meets a failure (500) gets a page in
its language — ``?lang=``, else its Accept-Language, as the chat page decides — with a way back to the chat.
API clients (``/api/…``, ``/webhooks/…``, or anyone not asking for HTML) keep FastAPI's JSON errors."""

from __future__ import annotations

import logging

from fastapi import FastAPI, Request
from fastapi.exception_handlers import http_exception_handler
from fastapi.responses import HTMLResponse, JSONResponse, Response
from starlette.exceptions import HTTPException

from connectors.web.page_language import page_language
from connectors.pages import PAGE_HEADERS, templates

__all__ = ["install", "wants_page"]

log = logging.getLogger(__name__)

_JSON_PREFIXES = ("/api/", "/webhooks/", "/healthz", "/metrics")
_PAGES = {404: ("ui_not_found_title", "ui_not_found_text"), 500: ("ui_server_error_title", "ui_server_error_text")}


def wants_page(request: Request) -> bool:
    """A browser navigating (it asks for HTML), not an API client."""
    if request.url.path.startswith(_JSON_PREFIXES):
        return False
    return "text/html" in request.headers.get("accept", "")


def _page(request: Request, status: int) -> HTMLResponse:
    tsunagu = request.app.state.tsunagu
    codes = list(tsunagu.languages)
    page = page_language(request.query_params.get("lang"), request.headers.get("accept-language"), codes)
    words = tsunagu.page_words([page.code])[page.code]
    title, text = _PAGES[status]
    return templates.TemplateResponse(
        request,
        "error.html",
        {
            "active": "",
            "page": page,
            "page_lang": page.html_lang,
            "ui": words,
            "status": status,
            "title": words[title],
            "text": words[text],
        },
        status_code=status,
        headers={**PAGE_HEADERS, "Content-Language": page.html_lang, "Vary": "Accept, Accept-Language"},
    )


async def _http_error(request: Request, error: HTTPException) -> Response:
    if error.status_code in _PAGES and wants_page(request):
        return _page(request, error.status_code)
    return await http_exception_handler(request, error)


async def _failure(request: Request, error: Exception) -> Response:
    log.error("unhandled error on %s", request.url.path, exc_info=error)
    if wants_page(request):
        try:
            return _page(request, 500)
        except Exception:  # the page itself failed: fall back to the plain answer
            log.exception("the error page failed")
    return JSONResponse({"error": "internal error"}, status_code=500)


def install(app: FastAPI) -> None:
    app.add_exception_handler(HTTPException, _http_error)
    app.add_exception_handler(Exception, _failure)
