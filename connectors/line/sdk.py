"""Everything that touches line-bot-sdk v3, imported on the first LINE webhook call.

The SDK takes ~0.7 s to import (its generated models); a service without LINE traffic never pays for it,
so ``tsunagu serve`` starts that much sooner. ``connectors.line.webhook`` (the channel's router) imports this lazily.
"""

from __future__ import annotations

import logging
import uuid
from collections.abc import Collection, Sequence

from linebot.v3.exceptions import InvalidSignatureError
from linebot.v3.messaging import (
    ApiClient,
    ApiException,
    Configuration,
    FlexContainer,
    FlexMessage,
    MessageAction,
    MessagingApi,
    PostbackAction,
    PushMessageRequest,
    QuickReply,
    QuickReplyItem,
    ReplyMessageRequest,
    TextMessage,
)
from linebot.v3.webhook import WebhookParser
from linebot.v3.webhooks import (
    Event,
    FollowEvent,
    MessageEvent,
    PostbackEvent,
    TextMessageContent,
    UserSource,
)

from bot.dialogue import IncomingMessage
from bot.replies import ANOTHER_QUESTION
from bot.replies import QuickReply as Button
from connectors.channel import ChannelLimits, Outgoing
from connectors.line.cards import Card

__all__ = [
    "LIMITS",
    "SESSION_PREFIX",
    "BadSignature",
    "LineChannel",
    "incoming_of",
    "parse_events",
    "recipient_of",
    "text_message",
]

log = logging.getLogger("connectors.line")

SESSION_PREFIX = "line:"
MENU_LANGUAGE = "menu=language"  # the rich menu's language area (connectors.line.cards.rich_menu)
LIMITS = ChannelLimits(text_chars=5000, messages_per_send=5, quick_replies=13, label_chars=20, ruby=False)


class BadSignature(ValueError):
    """X-Line-Signature does not match the body and the channel secret."""


def parse_events(channel_secret: str, body: bytes, signature: str) -> list[Event]:
    """The webhook's events, after checking the signature over the raw body (``BadSignature`` if wrong;
    ``ValueError`` and friends for a body that is not a LINE payload)."""
    try:
        return WebhookParser(channel_secret).parse(body.decode("utf-8"), signature)
    except InvalidSignatureError:
        raise BadSignature("invalid X-Line-Signature") from None


class LineChannel:
    """Delivers messages through the Messaging API at ``api_base`` (the real one, or a test's fake)."""

    name = "line"
    limits = LIMITS

    def __init__(self, access_token: str, api_base: str) -> None:
        self.configuration = Configuration(host=api_base.rstrip("/"), access_token=access_token)

    def send(self, recipient: str, messages: Sequence[Outgoing], reply_token: str = "") -> None:
        size = self.limits.messages_per_send
        batches = [[text_message(m) for m in messages[i : i + size]] for i in range(0, len(messages), size)]
        with ApiClient(self.configuration) as client:
            api = MessagingApi(client)
            for number, batch in enumerate(batches):
                if number == 0 and reply_token:
                    try:
                        api.reply_message(ReplyMessageRequest(reply_token=reply_token, messages=batch))
                        continue
                    except ApiException as failed:  # expired or used token: push the same messages
                        log.warning("LINE reply failed (%s %s); pushing instead", failed.status, failed.reason)
                # the retry key makes a retried push idempotent on LINE's side
                api.push_message(PushMessageRequest(to=recipient, messages=batch), x_line_retry_key=str(uuid.uuid4()))


def text_message(message: Outgoing) -> TextMessage | FlexMessage:
    """A text message, or a Flex card with its alt text (what LINE shows where Flex is not shown)."""
    items = [
        QuickReplyItem(
            action=PostbackAction(label=c.label, data=c.data, display_text=c.label)
            if c.data
            else MessageAction(label=c.label, text=c.text)
        )
        for c in message.choices
    ]
    quick = QuickReply(items=items) if items else None
    if isinstance(message, Card) and message.contents:
        return FlexMessage(alt_text=message.text, contents=FlexContainer.from_dict(message.contents), quick_reply=quick)
    return TextMessage(text=message.text, quick_reply=quick)


def recipient_of(event: Event) -> str:
    """The user of a one-to-one chat; empty for group and multi-person chats, where a consultation about
    one person's residence does not belong (Tsunagu stays silent there)."""
    source = getattr(event, "source", None)
    return source.user_id if isinstance(source, UserSource) and source.user_id else ""


def incoming_of(event: Event, languages: Collection[str]) -> IncomingMessage | None:
    """What an event means to the dialogue; None for events that are acknowledged and ignored."""
    recipient = recipient_of(event)
    if not recipient:
        return None
    conversation = SESSION_PREFIX + recipient
    if isinstance(event, FollowEvent):
        return IncomingMessage(conversation, "", "line", kind="follow")
    if isinstance(event, MessageEvent):
        if isinstance(event.message, TextMessageContent):
            return IncomingMessage(conversation, event.message.text, "line")
        return IncomingMessage(conversation, "", "line", kind="non_text")  # sticker, image, location, …
    if isinstance(event, PostbackEvent):  # a language button: its payload goes back to the dialogue
        data = event.postback.data or ""
        if data == MENU_LANGUAGE:  # the rich menu's language area: the greeting with every language
            return IncomingMessage(conversation, "", "line", kind="follow")
        if data == ANOTHER_QUESTION:
            return IncomingMessage(conversation, "", "line", kind="postback", payload=data)
        chosen = Button.chosen_language(data)
        if chosen is not None and chosen.key in languages:
            return IncomingMessage(conversation, "", "line", kind="postback", payload=data)
    return None  # unfollow, join, leave, unknown types, unknown postbacks
