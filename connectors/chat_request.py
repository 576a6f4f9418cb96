"""Validation of incoming requests: the chat message (HTTP API and CLI) and the JSON body every API reads.

Every rejection is a ``BadInput`` with a status code and a sentence saying what to fix.
"""

from __future__ import annotations

import json
from collections.abc import Collection
from dataclasses import dataclass

__all__ = [
    "BadInput",
    "ChatRequest",
    "parse_chat_body",
    "validate_chat",
    "MAX_BODY_BYTES",
    "read_json_object",
    "check_text",
    "json_body",
    "CHAT_FIELDS",
    "PLAIN_FIELDS",
]

MAX_BODY_BYTES = 64 * 1024

# The bodies the JSON APIs read, for /openapi.json (the routes validate by hand, with the errors below)
CHAT_FIELDS = {
    "session_id": {"type": "string", "minLength": 1, "maxLength": 128},
    "text": {"type": "string", "minLength": 1},
    "lang": {"type": "string", "description": "a language code, e.g. en, vi, ja-plain"},
    "plain": {"type": "boolean"},
    "payload": {"type": "string", "description": "a quick reply's payload from the last answer"},
}
PLAIN_FIELDS = {
    "text": {"type": "string", "minLength": 1},
    "mode": {"type": "string", "enum": ["rewrite", "check"]},
    "spaces": {"type": "boolean"},
}


def json_body(fields: dict, required: list[str]) -> dict:
    """``openapi_extra`` declaring a JSON object body with these fields."""
    schema = {"type": "object", "properties": fields, "required": required, "additionalProperties": False}
    return {"requestBody": {"required": True, "content": {"application/json": {"schema": schema}}}}


class BadInput(ValueError):
    def __init__(self, status: int, message: str) -> None:
        super().__init__(message)
        self.status = status
        self.message = message


@dataclass(frozen=True)
class ChatRequest:
    session_id: str
    text: str
    lang: str | None
    plain: bool | None
    payload: str = ""  # a tapped quick reply's payload (``quick_reply_payloads`` of the last answer)


def validate_chat(
    session_id: object,
    text: object,
    lang: object,
    plain: object,
    languages: Collection[str],
    max_chars: int,
    payload: object = None,
) -> ChatRequest:
    if not isinstance(session_id, str) or not session_id.strip() or len(session_id) > 128:
        raise BadInput(422, "session_id must be a non-empty string of at most 128 characters")
    check_text(text, max_chars, "type a question")
    if lang is not None and (not isinstance(lang, str) or lang not in languages):
        raise BadInput(422, f"unknown language {lang!r}; use one of: {', '.join(sorted(languages))}")
    if plain is not None and not isinstance(plain, bool):
        raise BadInput(422, "plain must be true or false")
    if payload is not None and (not isinstance(payload, str) or len(payload) > max_chars):
        raise BadInput(422, f"payload must be a string of at most {max_chars} characters")
    return ChatRequest(session_id.strip(), text.strip(), lang, plain, payload or "")


def check_text(text: object, max_chars: int, empty_hint: str) -> None:
    """A non-empty string of at most ``max_chars`` characters; ``empty_hint`` says what to type instead."""
    if not isinstance(text, str):
        raise BadInput(422, "text must be a string")
    if not text.strip():
        raise BadInput(422, f"text is empty: {empty_hint}")
    if len(text) > max_chars:
        raise BadInput(413, f"text is {len(text)} characters long; the limit is {max_chars}")


def read_json_object(body: bytes, fields: Collection[str]) -> dict:
    """The request body as a JSON object with no field outside ``fields`` (size, UTF-8 and JSON checked)."""
    if len(body) > MAX_BODY_BYTES:
        raise BadInput(413, f"request body is larger than {MAX_BODY_BYTES} bytes")
    try:
        decoded = body.decode("utf-8")
    except UnicodeDecodeError:
        raise BadInput(400, "request body is not valid UTF-8") from None
    try:
        data = json.loads(decoded)
    except json.JSONDecodeError as error:
        raise BadInput(400, f"request body is not valid JSON ({error.msg} at position {error.pos})") from None
    if not isinstance(data, dict):
        raise BadInput(422, "request body must be a JSON object")
    unknown = set(data) - set(fields)
    if unknown:
        raise BadInput(422, f"unknown field(s): {', '.join(sorted(unknown))}")
    return data


def parse_chat_body(body: bytes, languages: Collection[str], max_chars: int) -> ChatRequest:
    data = read_json_object(body, ("session_id", "text", "lang", "plain", "payload"))
    return validate_chat(
        data.get("session_id"),
        data.get("text"),
        data.get("lang"),
        data.get("plain"),
        languages,
        max_chars,
        data.get("payload"),
    )
