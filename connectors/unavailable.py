"""While the database is unreachable (down, restarting), every route answers 503 with a JSON error and a
``Retry-After`` instead of a 500 with a traceback; the connection pool reconnects by itself when the
database is back (``pool_pre_ping``), so the service never needs restarting."""

from __future__ import annotations

import logging

from fastapi import FastAPI, Request
from fastapi.responses import JSONResponse
from sqlalchemy.exc import DBAPIError

from bot.store import store_unavailable

__all__ = ["install", "unavailable_response"]

log = logging.getLogger(__name__)
RETRY_AFTER_SECONDS = 5
MESSAGE = "The service cannot reach its database just now; please try again in a moment."


def unavailable_response(message: str = MESSAGE) -> JSONResponse:
    return JSONResponse({"error": message}, status_code=503, headers={"Retry-After": str(RETRY_AFTER_SECONDS)})


async def _handler(request: Request, error: Exception) -> JSONResponse:
    if not store_unavailable(error):
        raise error
    log.warning("database unavailable during %s %s: %s", request.method, request.url.path, type(error).__name__)
    return unavailable_response()


def install(app: FastAPI) -> None:
    app.add_exception_handler(DBAPIError, _handler)
