"""LINE's cards: the emergency card and the office card as Flex messages (JSON, built here without the SDK;
``connectors.line.sdk`` turns them into ``FlexMessage``), and the rich menu the operator uploads.

Each card comes with its ``alt_text`` — what LINE shows where Flex is not shown (notifications, the chat
list, old clients) — which carries the number, the name and the address, so nothing depends on Flex.
The reply's own text is always sent as an ordinary text message too.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass
from urllib.parse import quote

from bot.replies import Reply
from connectors.channel import Outgoing, shorten

__all__ = ["Card", "cards_of", "lines_card", "with_cards", "rich_menu", "map_url", "tel_url", "EMERGENCY_RED"]

EMERGENCY_RED = "#A4001D"  # white text on it: contrast 8.3:1
BRAND_BLUE = "#0B4F8A"
LABEL_CHARS = 40  # a Flex button's label limit
ALT_TEXT_CHARS = 400  # LINE's limit for a Flex message's altText

Words = Callable[..., str]  # (msgid, **values) -> the sentence in the reply's language


@dataclass(frozen=True)
class Card(Outgoing):
    """A Flex message: ``contents`` is the bubble; ``text`` (from Outgoing) is its alt text."""

    contents: dict | None = None
    first: bool = False  # said before the reply's text (the emergency card), else after it


def tel_url(number: str) -> str:
    """``tel:`` for a number as written ("0570-013904", "#9110", "119")."""
    digits = "".join(c for c in number if c.isdigit() or c in "+#")
    return "tel:" + digits.replace("#", "%23")


def map_url(address: str) -> str:
    return "https://www.google.com/maps/search/?api=1&query=" + quote(address)


def _text(text: str, **style) -> dict:
    return {"type": "text", "text": text, "wrap": True, **style}


def _button(label: str, uri: str, *, color: str, primary: bool = True) -> dict:
    return {
        "type": "button",
        "style": "primary" if primary else "secondary",
        "color": color,
        "height": "md",
        "action": {"type": "uri", "label": shorten(label, LABEL_CHARS), "uri": uri},
    }


def _number_of(phone: str) -> str:
    """The dialable part of "0570-05-1165 (from abroad)" → "0570-05-1165"."""
    head = phone.split("(")[0].strip()
    return "".join(c for c in head if c.isdigit() or c in "-+#") or head


def emergency_card(reply: Reply, words: Words) -> Card | None:
    call = reply.emergency
    if call is None:
        return None
    body = [_text(reply.text.split("\n\n")[0], color="#FFFFFF", weight="bold", size="lg")]
    if call.steps:
        body.append(_text(words("ui_steps"), color="#FFFFFF", weight="bold", margin="lg"))
        body += [_text(f"{n}. {step}", color="#FFFFFF", size="sm", margin="sm") for n, step in enumerate(call.steps, 1)]
    call_label = words("ui_call", number=call.number)
    bubble = {
        "type": "bubble",
        "styles": {"body": {"backgroundColor": EMERGENCY_RED}, "footer": {"backgroundColor": EMERGENCY_RED}},
        "body": {"type": "box", "layout": "vertical", "contents": body},
        "footer": {
            "type": "box",
            "layout": "vertical",
            "contents": [{**_button(f"☎ {call_label}", call.tel, color="#FFFFFF", primary=False)}],
        },
    }
    alt = f"☎ {call_label}: {call.number}. " + " ".join(call.steps)
    return Card(shorten(alt, ALT_TEXT_CHARS), contents=bubble, first=True)


def lines_card(reply: Reply, words: Words) -> Card | None:
    """A danger's lines (``Reply.calls``: suicide, violence, a child in danger …) as a red card said before
    the text, the right line first, each with its call button: LINE shows no ``tel:`` links of its own."""
    calls = tuple(reply.calls or ())
    if not calls:
        return None
    body = [_text(reply.text.split("\n")[0], color="#FFFFFF", weight="bold", size="lg")]
    body += [_text(f"{c.label}: {c.number}", color="#FFFFFF", size="sm", margin="md") for c in calls]
    buttons = [
        _button("☎ " + words("ui_call", number=c.number), c.tel, color="#FFFFFF", primary=False) for c in calls[:3]
    ]
    bubble = {
        "type": "bubble",
        "styles": {"body": {"backgroundColor": EMERGENCY_RED}, "footer": {"backgroundColor": EMERGENCY_RED}},
        "body": {"type": "box", "layout": "vertical", "contents": body},
        "footer": {"type": "box", "layout": "vertical", "spacing": "sm", "contents": buttons},
    }
    alt = " / ".join(f"☎ {c.label}: {c.number}" for c in calls)
    return Card(shorten(alt, ALT_TEXT_CHARS), contents=bubble, first=True)


def office_card(reply: Reply, words: Words) -> Card | None:
    office = getattr(reply, "office", None)
    name = getattr(office, "name", "") if office is not None else ""
    phones: Sequence[str] = tuple(getattr(office, "phones", ()) or ())
    if office is None and reply.handoff is not None:  # an older handoff card: name, phone, address, hours
        office = reply.handoff.office
        name, phones = office.name, office.phones
    if office is None or not name:
        return None
    address, hours = getattr(office, "address", ""), getattr(office, "hours", "")
    map_query = getattr(office, "map_query", "")  # no map for a line reached by phone only
    body = [_text(name, weight="bold", size="lg", color=BRAND_BLUE)]
    name_ja = getattr(office, "name_ja", "")
    if name_ja and name_ja != name:
        body.append(_text(name_ja, size="sm", color="#4A4A4A"))
    if getattr(office, "purpose", ""):
        body.append(_text(office.purpose, size="sm", margin="sm"))
    if getattr(office, "counter", ""):  # the counter's Japanese name to show there
        body.append(_text(office.counter, size="sm", weight="bold", margin="md"))
    if getattr(office, "how", ""):  # no number in the data: where to find it instead of empty fields
        body.append(_text(office.how, size="sm", margin="md"))
    for label, value in (("ui_phone", " / ".join(phones)), ("ui_address", address), ("ui_hours", hours)):
        if value:
            body.append(
                {
                    "type": "box",
                    "layout": "vertical",
                    "margin": "md",
                    "contents": [
                        _text(words(label), size="xs", weight="bold", color="#4A4A4A"),
                        _text(value, size="sm"),
                    ],
                }
            )
    buttons = [
        _button("☎ " + words("ui_call", number=_number_of(p)), tel_url(_number_of(p)), color=BRAND_BLUE)
        for p in phones[:2]
    ]
    if map_query:
        buttons.append(_button(words("ui_map"), map_url(map_query), color=BRAND_BLUE, primary=False))
    bubble = {"type": "bubble", "body": {"type": "box", "layout": "vertical", "contents": body}}
    if buttons:
        bubble["footer"] = {"type": "box", "layout": "vertical", "spacing": "sm", "contents": buttons}
    alt = " / ".join(part for part in (name, " / ".join(phones), address, hours, getattr(office, "how", "")) if part)
    return Card(shorten(alt, ALT_TEXT_CHARS), contents=bubble)


def cards_of(replies: Sequence[Reply], words_for: Callable[[Reply], Words]) -> list[Card]:
    """The Flex cards of a turn's replies: the emergency card and a danger's lines first, office cards after
    the text."""
    cards: list[Card] = []
    for reply in replies:
        words = words_for(reply)
        shown = {_number_of(c.number) for c in reply.calls or ()}
        for make in (emergency_card, lines_card, office_card):
            card = make(reply, words)
            if card is not None and not (make is office_card and shown and _phones_in(reply, shown)):
                cards.append(card)
    return cards


def _phones_in(reply: Reply, numbers: set[str]) -> bool:
    """Are the reply's office (or handoff card) numbers all lines already shown as call buttons?"""
    office = getattr(reply, "office", None) or (reply.handoff.office if reply.handoff is not None else None)
    phones = tuple(getattr(office, "phones", ()) or ())
    return bool(phones) and all(_number_of(p) in numbers for p in phones)


def with_cards(messages: list[Outgoing], cards: list[Card]) -> list[Outgoing]:
    """The text messages with the cards around them; the quick replies stay on the last message."""
    if not cards:
        return messages
    first = [c for c in cards if c.first]
    after = [c for c in cards if not c.first]
    out = [*first, *messages, *after]
    choices = messages[-1].choices if messages else ()
    if after and choices:
        out[len(first) + len(messages) - 1] = Outgoing(messages[-1].text)
        last = after[-1]
        out[-1] = Card(last.text, choices, contents=last.contents, first=last.first)
    return out


def rich_menu(chat_bar_text: str = "Menu / メニュー") -> dict:
    """The rich menu (``tsunagu line rich-menu``): one row of three areas on a 2500 × 843 image —
    call 119, call 110, choose a language. The image itself is the operator's (docs/line.md). Action
    labels (read out by screen readers) are at most 20 characters, as LINE asks."""
    third = 2500 // 3
    areas = [
        ({"type": "uri", "label": "119 救急・消防 Ambulance", "uri": "tel:119"}, 0),
        ({"type": "uri", "label": "110 警察 Police", "uri": "tel:110"}, third),
        (
            {"type": "postback", "label": "Language 言語", "data": "menu=language", "displayText": "Language / 言語"},
            2 * third,
        ),
    ]
    return {
        "size": {"width": 2500, "height": 843},
        "selected": True,
        "name": "Tsunagu",
        "chatBarText": chat_bar_text,
        "areas": [
            {
                "bounds": {"x": x, "y": 0, "width": 2500 - 2 * third if x == 2 * third else third, "height": 843},
                "action": action,
            }
            for action, x in areas
        ],
    }
