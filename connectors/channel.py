"""The small interface every channel shares, and the one place where replies degrade to plain text.

A channel (web chat, LINE, …) is a router that receives messages plus a ``send`` that delivers replies.
What a channel can show is described by ``ChannelLimits``; ``degrade`` turns the dialogue's replies into
``Outgoing`` messages within those limits: quick replies it cannot show become lines of text, furigana
becomes ``漢字(かんじ)`` when it cannot show ``<ruby>``, sources become a line under the answer, and long
texts are split at paragraph, line or sentence ends.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from typing import Protocol

from bot.replies import QuickReply, Reply

__all__ = ["ChannelLimits", "Choice", "Outgoing", "Channel", "degrade", "split_text", "shorten", "units"]

SOURCE_MARK = "📖 "  # language-neutral marker for the source line under an answer
MORE_MARK = "• "  # bullet for a choice that did not fit as a button
_SENTENCE = re.compile(r".+?(?:[.!?。！？]+\s*|$)", re.S)  # a sentence with the space after it


@dataclass(frozen=True)
class ChannelLimits:
    text_chars: int = 5000  # longest text in one message, in UTF-16 units (see ``units``)
    messages_per_send: int = 5  # messages one reply call may carry
    quick_replies: int = 13  # buttons one message may carry
    label_chars: int = 20  # longest button label
    ruby: bool = False  # shows furigana as <ruby>


@dataclass(frozen=True)
class Choice:
    """A quick-reply button: ``label`` is shown, ``text`` is what tapping sends as the user's message;
    ``data`` (optional) is a postback payload for channels that support it."""

    label: str
    text: str
    data: str = ""

    @classmethod
    def of(cls, quick: QuickReply) -> Choice:
        """A quick reply as a button: tapping says its label; a payload that is not the label (a language
        button's ``lang=vi``) travels as postback data."""
        return cls(quick.label, quick.label, quick.payload if quick.payload != quick.label else "")


@dataclass(frozen=True)
class Outgoing:
    text: str
    choices: tuple[Choice, ...] = ()


class Channel(Protocol):
    """What the dialogue needs from a channel to deliver replies."""

    name: str
    limits: ChannelLimits

    def send(self, recipient: str, messages: Sequence[Outgoing], reply_token: str = "") -> None: ...


def units(text: str) -> int:
    """Length as LINE (and JavaScript) count it: UTF-16 code units, so an emoji such as 📖 counts 2."""
    return len(text.encode("utf-16-le")) // 2


def _cut(text: str, limit: int) -> list[str]:
    """Consecutive pieces of at most ``limit`` units, never splitting a character."""
    pieces, current = [], ""
    for char in text:
        if current and units(current + char) > limit:
            pieces.append(current)
            current = ""
        current += char
    return pieces + [current] if current else pieces


def shorten(label: str, limit: int) -> str:
    return label if units(label) <= limit else _cut(label, limit - 1)[0] + "…"


def split_text(text: str, limit: int) -> list[str]:
    """Pieces of at most ``limit`` characters, cut at a paragraph, then a line, then a sentence end,
    then (only for a run-on text without any) anywhere."""
    text = text.strip()
    if units(text) <= limit:
        return [text] if text else []
    for separator in ("\n\n", "\n", None, " "):
        parts = _SENTENCE.findall(text) if separator is None else text.split(separator)
        joiner = "" if separator is None else separator  # sentences keep their own spacing
        if len(parts) > 1:  # a part still too long is split further; then neighbours are packed
            pieces = [q for p in parts for q in (split_text(p, limit) if units(p) > limit else [p]) if q.strip()]
            return _pack(pieces, joiner, limit)
    return _cut(text, limit)


def _pack(parts: list[str], joiner: str, limit: int) -> list[str]:
    pieces: list[str] = []
    for part in parts:
        if pieces and units(pieces[-1]) + units(joiner) + units(part) <= limit:
            pieces[-1] = pieces[-1] + joiner + part
        else:
            pieces.append(part)
    return [piece.strip() for piece in pieces]


def degrade(
    replies: Sequence[Reply],
    limits: ChannelLimits,
    bracket: Callable[[str], str] | None = None,
    choices: Callable[[Reply], tuple[Choice, ...]] | None = None,
) -> list[Outgoing]:
    """The replies as messages the channel can show.

    ``bracket`` writes furigana as ``漢字(かんじ)`` (used for plain-Japanese replies when the channel has no
    ruby); ``choices`` turns a reply's quick replies into buttons (default: ``Choice.of``).
    Buttons go on the last message; those over the channel's limit are listed in its text instead.
    """
    messages: list[Outgoing] = []
    for reply in replies:
        text = reply.text
        if reply.register == "plain" and not limits.ruby and bracket is not None:
            text = bracket(text)
        if reply.sources:
            text += "\n\n" + "\n".join(SOURCE_MARK + s.title for s in reply.sources)
        messages.extend(Outgoing(piece) for piece in split_text(text, limits.text_chars))
    last = next((r for r in reversed(replies) if r.quick_replies), None)
    if not messages or last is None:
        return messages
    offered = choices(last) if choices else tuple(Choice.of(q) for q in last.quick_replies)
    shown = tuple(Choice(shorten(c.label, limits.label_chars), c.text, c.data) for c in offered[: limits.quick_replies])
    spilled = offered[limits.quick_replies :]
    if spilled:  # list what did not fit as buttons under the last text
        listed = "\n".join(MORE_MARK + c.text for c in spilled)
        tail = messages.pop()
        messages.extend(Outgoing(p) for p in split_text(tail.text + "\n\n" + listed, limits.text_chars))
    messages[-1] = Outgoing(messages[-1].text, shown)
    return messages
