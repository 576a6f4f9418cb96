"""False alarms are harm too (issue 13, item 4): danger words said idiomatically or harmlessly
(``translations/<lang>/harmless.yaml``, ``bot/safety/harmless.py``) are no cue for a danger or an emergency,
while the same words said as a real danger still are. Messages written for these tests."""

from __future__ import annotations

import pytest

from bot.dialogue.cues import load_cues
from bot.safety import load_safety_texts
from bot.safety.found import Found, Recognition
from bot.safety.harmless import MASK, Harmless, check_harmless_file, load_harmless, only_lost
from knowledge.paths import TRANSLATIONS_DIR
from knowledge.situations import load_situations


@pytest.fixture(scope="module")
def harmless():
    return load_harmless()


@pytest.fixture(scope="module")
def texts():
    return load_safety_texts()


@pytest.fixture(scope="module")
def immediate():
    return {s.id for s in load_situations().situations.values() if s.immediate}


@pytest.mark.parametrize(
    "text, danger",
    [
        # said harmlessly: no danger cue
        ("this deadline is going to kill me, when does the tax office close?", None),
        ("my boss will kill me if I'm late again", None),
        ("mi jefe me va a matar si llego tarde otra vez", None),
        ("mệt muốn chết sau ca đêm", None),
        ("met muon chet sau ca dem", None),  # typed without the accents
        ("cứu tôi với, tôi không biết điền đơn", None),
        ("好久不见，想死你了！", None),
        ("ゴキブリを殺す薬はどこで買えますか", None),
        ("ごきぶりを ころす くすりは どこで かえますか", None),
        ("すむ ところ すこし さがして います", None),  # 「ころす」 across the learner's spaces
        ("かいしゃに いきたくない", None),
        ("がっこうに いきたくない です", None),
        # the same words said as a danger: the cue stands
        ("he is going to kill me", "danger_now"),
        ("mi ex me va a matar", "danger_now"),
        ("tôi muốn chết", "suicide_selfharm"),
        ("我想死", "suicide_selfharm"),
        ("おっとに ころされる", "danger_now"),
        ("もう いきたくない", "suicide_selfharm"),
        # a cue beside a harmless phrase still counts
        ("this deadline is killing me and honestly I want to die", "suicide_selfharm"),
        ("累死了，我真的想死", "suicide_selfharm"),
        ("ゴキブリを殺す薬はどこ？夫に殺される", "danger_now"),
    ],
)
def test_a_danger_cue_said_harmlessly_does_not_count(harmless, texts, immediate, text, danger):
    dangers = [s for s in texts.cue_hits(harmless.mask(text)) if s in immediate]
    assert dangers == ([danger] if danger else []), dangers


@pytest.mark.parametrize(
    "text, kind",
    [
        ("she broke into tears at the ward office", None),
        ("I was on fire at the job interview today", None),
        ("顔から火が出るほど恥ずかしかった", None),
        ("新しい仕事に燃えてる", None),
        ("あした ひが でて いたら せんたくを します", None),
        ("someone broke into my house", "police"),
        ("the kitchen is on fire", "fire"),
        ("台所から火が出ている", "fire"),
        ("しごとに もえて います。 いえが もえて います", "fire"),
    ],
)
def test_an_emergency_cue_said_harmlessly_names_no_emergency(harmless, text, kind):
    cues = load_cues(TRANSLATIONS_DIR)
    assert cues.emergency_kind(harmless.mask(text)) == kind


@pytest.mark.parametrize(
    "text, left",
    [
        ("I'm dying to know when the garbage day is", "I'm when the garbage day is"),
        ("死ぬほど忙しい", ""),  # nothing left worth weighing
        ("ゴキブリを殺す薬を飲んだ", "薬を飲んだ"),  # what is left is still weighed
        ("when is the garbage day?", "when is the garbage day?"),
    ],
)
def test_a_message_is_weighed_without_its_harmless_phrases(harmless, text, left):
    assert harmless.without(text) == left


def test_a_phrase_is_masked_letter_by_letter_keeping_the_rest_of_the_message():
    harmless = Harmless(("dying to know",))
    assert harmless.mask("I'm DYING to know, really") == "I'm ····· ·· ····, really".replace("·", MASK)
    assert harmless.mask("undying to know") == "undying to know"  # a phrase of a spaced script starts a word
    assert harmless.mask("nothing here") == "nothing here"


@pytest.mark.parametrize(
    "data, error",
    [
        ({"phrases": ["dying to know"]}, "source"),
        ({"source": "", "phrases": ["dying to know"]}, "source"),
        ({"source": "own words"}, "non-empty list"),
        ({"source": "own words", "phrases": []}, "non-empty list"),
        ({"source": "own words", "phrases": ["deadline…kill me"]}, "one piece"),
        ({"source": "own words", "phrases": ["a\nb c d"]}, "one line"),
        ({"source": "own words", "phrases": ["die"]}, "too short"),
        ({"source": "own words", "phrases": [3]}, "non-empty string"),
        (["dying to know"], "mapping"),
    ],
)
def test_a_harmless_file_is_checked_when_loaded(data, error):
    with pytest.raises(ValueError, match=error):
        check_harmless_file(data, "harmless.yaml")


def test_every_language_has_harmless_phrases_with_a_source():
    languages = {p.parent.name for p in TRANSLATIONS_DIR.glob("*/situations.yaml")}
    assert languages <= {p.parent.name for p in TRANSLATIONS_DIR.glob("*/harmless.yaml")}


def test_no_harmless_phrase_is_itself_a_danger_or_emergency_cue(harmless, texts, immediate):
    """A phrase that is all cue would silence that cue everywhere: each must say more than the danger word."""
    cues = {c for s in immediate for c in texts.cues.get(s, ())}
    emergency = {c for phrases in load_cues(TRANSLATIONS_DIR).emergency.values() for c in phrases}
    assert not [p for p in harmless.phrases if p in cues or p in emergency]


def _read(*found: tuple[str, str]) -> Recognition:
    return Recognition(tuple(Found(s, "immediate", 1.0 if how == "cue" else 0.9, how) for s, how in found))


@pytest.mark.parametrize(
    "plain, without, kept",
    [
        ([("suicide_selfharm", "example")], [], []),  # "I'm dying to know …": the reading is lost
        ([], [("dismissal", "example")], []),  # "I was on fire at the job interview": none is gained
        ([("danger_now", "example")], [("danger_now", "example")], ["danger_now"]),  # read both ways: it stands
        ([], [("suicide_selfharm", "cue")], ["suicide_selfharm"]),  # a cue beside the phrase always counts
    ],
)
def test_a_harmless_phrase_only_takes_a_reading_away(plain, without, kept):
    assert only_lost(_read(*plain), _read(*without)).ids == kept


@pytest.mark.parametrize(
    "pieces, weighed",
    [
        (["死ぬほど忙しい"], []),  # the whole message said harmlessly: nothing is weighed
        (
            ["I'm dying to know when the garbage day is, my husband hits me", "my husband hits me"],
            ["I'm when the garbage day is, my husband hits me", "my husband hits me"],
        ),
        (["when is the garbage day?"], ["when is the garbage day?"]),
    ],
)
def test_the_pieces_of_a_message_are_weighed_without_harmless_phrases(harmless, pieces, weighed):
    assert harmless.weighed(pieces) == weighed
