"""The shared degrade-to-text helper: what a channel cannot show becomes text, within its limits."""

from __future__ import annotations

import pytest

from bot.replies import QuickReply, Reply, Source
from bot.speech import Speech
from connectors.channel import ChannelLimits, Choice, degrade, shorten, split_text
from connectors.language_names import own_name, picker

LINE_LIKE = ChannelLimits(text_chars=50, messages_per_send=5, quick_replies=3, label_chars=8, ruby=False)


def reply(text: str, quick=(), register="standard", sources=()) -> Reply:
    return Reply("s", Speech("en", register), text, tuple(sources), None, tuple(QuickReply(q) for q in quick))


@pytest.mark.parametrize(
    "text, limit, pieces",
    [
        ("short", 50, ["short"]),
        ("", 50, []),
        ("first paragraph\n\nsecond paragraph", 20, ["first paragraph", "second paragraph"]),
        ("aaaa bbbb. cccc dddd. eeee ffff.", 22, ["aaaa bbbb. cccc dddd.", "eeee ffff."]),
        (
            "一つ目の文です。二つ目の文です。三つ目の文です。",
            17,
            ["一つ目の文です。二つ目の文です。", "三つ目の文です。"],
        ),
        ("x" * 25, 10, ["x" * 10, "x" * 10, "x" * 5]),
        ("line one\nline two\nline three", 19, ["line one\nline two", "line three"]),
    ],
)
def test_split_text_cuts_at_the_largest_boundary_that_fits(text, limit, pieces):
    assert split_text(text, limit) == pieces


def test_split_text_never_loses_or_exceeds():
    text = ("Residence card. " * 40 + "\n\n") * 3 + "最後の段落。" * 30
    pieces = split_text(text, 120)
    assert all(0 < len(p) <= 120 for p in pieces)
    assert "".join(pieces).replace(" ", "").replace("\n", "") == text.replace(" ", "").replace("\n", "")


@pytest.mark.parametrize(
    "text, limit, pieces",
    [
        ("📖📖📖", 4, ["📖📖", "📖"]),  # an emoji is 2 units for LINE and is never cut in half
        ("ab📖cd", 3, ["ab", "📖c", "d"]),
    ],
)
def test_limits_are_counted_as_line_counts_them(text, limit, pieces):
    assert split_text(text, limit) == pieces


@pytest.mark.parametrize(
    "label, limit, shown",
    [
        ("Tokyo", 8, "Tokyo"),
        ("Another question", 8, "Another…"),
        ("やさしい日本語", 20, "やさしい日本語"),
    ],
)
def test_labels_are_shortened_to_the_channel_limit(label, limit, shown):
    assert shorten(label, limit) == shown


def test_quick_replies_over_the_limit_become_lines_of_text():
    [message] = degrade([reply("Where do you live?", quick=("Tokyo", "Osaka", "Aichi", "Fukuoka", "Hyogo"))], LINE_LIKE)
    assert [c.label for c in message.choices] == ["Tokyo", "Osaka", "Aichi"]
    assert message.text == "Where do you live?\n\n• Fukuoka\n• Hyogo"


def test_quick_replies_go_on_the_last_message_only():
    messages = degrade(
        [reply("Call 119 now.", quick=("A person",)), reply("What to do next.", quick=("More",))], LINE_LIKE
    )
    assert [m.choices for m in messages] == [(), (Choice("More", "More"),)]


def test_sources_become_a_line_under_the_answer():
    [message] = degrade(
        [reply("Report it within 14 days.", sources=[Source("moving", "Moving", "ch2")])], ChannelLimits()
    )
    assert message.text == "Report it within 14 days.\n\n📖 Moving"


@pytest.mark.parametrize(
    "register, ruby, expected",
    [
        ("plain", False, "在留(ざいりゅう)カード"),  # LINE: furigana written in brackets
        ("plain", True, "在留カード"),  # the web chat shows <ruby> itself
        ("standard", False, "在留カード"),  # standard Japanese gets no furigana
    ],
)
def test_furigana_degrades_to_brackets_only_where_ruby_cannot_be_shown(register, ruby, expected):
    limits = ChannelLimits(ruby=ruby)
    [message] = degrade(
        [reply("在留カード", register=register)], limits, bracket=lambda text: text.replace("在留", "在留(ざいりゅう)")
    )
    assert message.text == expected


def test_a_long_answer_is_split_and_keeps_its_buttons_at_the_end():
    long = "\n\n".join(f"Paragraph {i} " + "word " * 6 for i in range(6))
    messages = degrade([reply(long, quick=("More",))], LINE_LIKE)
    assert len(messages) > 1 and all(len(m.text) <= 50 for m in messages)
    assert messages[-1].choices and not any(m.choices for m in messages[:-1])


@pytest.mark.parametrize(
    "code, name",
    [
        ("ja", "日本語"),
        ("ja-plain", "やさしい日本語"),
        ("vi", "Tiếng Việt"),
        ("my", "မြန်မာ"),
        ("km", "ខ្មែរ"),
        ("es", "Español"),
        ("uk", "Українська"),
        ("ne", "नेपाली"),
    ],
)
def test_each_language_is_named_in_its_own_script(code, name):
    assert own_name(code) == name


def test_the_picker_follows_the_data_order_and_keeps_unlisted_languages():
    assert [(c.code, c.name) for c in picker({"de", "en", "ja-plain", "ja"})] == [
        ("ja", "日本語"),
        ("ja-plain", "やさしい日本語"),
        ("en", "English"),
        ("de", "Deutsch"),
    ]
    with pytest.raises(ValueError, match="overrides"):
        own_name("qqq")
