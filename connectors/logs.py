"""Structured logs: one JSON object per line, with personal data redacted from every message.

``tsunagu serve`` hands ``uvicorn_log_config()`` to uvicorn, so the server's own lines, the request lines
of ``connectors.metrics`` and the application's warnings all come out in the same shape::

    {"ts": "2026-11-26T10:00:00.123Z", "level": "INFO", "logger": "tsunagu.access",
     "message": "POST /api/chat 200", "method": "POST", "route": "/api/chat", "status": 200, ...}
"""

from __future__ import annotations

import datetime as dt
import json
import logging

from bot.redact import redact

__all__ = ["JsonFormatter", "RedactingFormatter", "uvicorn_log_config"]

# attributes every LogRecord has; anything else on a record came in through ``extra=``
_STANDARD = set(vars(logging.LogRecord("", 0, "", 0, "", None, None))) | {
    "message",
    "asctime",
    "taskName",
    "color_message",
}  # uvicorn's ANSI copy


def _clean(value):
    return redact(value) if isinstance(value, str) else value


class JsonFormatter(logging.Formatter):
    def format(self, record: logging.LogRecord) -> str:
        entry = {
            "ts": dt.datetime.fromtimestamp(record.created, dt.UTC)
            .isoformat(timespec="milliseconds")
            .replace("+00:00", "Z"),
            "level": record.levelname,
            "logger": record.name,
            "message": redact(record.getMessage()),
        }
        for key, value in vars(record).items():
            if key not in _STANDARD and not key.startswith("_"):
                entry[key] = _clean(value)
        if record.exc_info:
            entry["exception"] = redact(self.formatException(record.exc_info))
        return json.dumps(entry, ensure_ascii=False, default=str)


class RedactingFormatter(logging.Formatter):
    """Plain text lines (``TSUNAGU_LOG_FORMAT=text``), redacted the same way."""

    def format(self, record: logging.LogRecord) -> str:
        return redact(super().format(record))


def uvicorn_log_config(fmt: str = "json", level: str = "INFO") -> dict:
    """A ``logging.config.dictConfig`` for uvicorn and the application loggers."""
    formatter = (
        {"()": JsonFormatter}
        if fmt == "json"
        else {"()": RedactingFormatter, "format": "%(asctime)s %(levelname)s %(name)s: %(message)s"}
    )
    return {
        "version": 1,
        "disable_existing_loggers": False,
        "formatters": {"default": formatter},
        "handlers": {
            "default": {"class": "logging.StreamHandler", "formatter": "default", "stream": "ext://sys.stderr"}
        },
        "root": {"handlers": ["default"], "level": level},
        "loggers": {
            "uvicorn": {"handlers": [], "level": level, "propagate": True},
            "uvicorn.error": {"handlers": [], "level": level, "propagate": True},
            "uvicorn.access": {"handlers": [], "level": "WARNING", "propagate": True},
        },
    }
