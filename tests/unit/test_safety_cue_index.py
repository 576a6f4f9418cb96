"""The cue phrases found by what they begin with (``bot/safety/phrases.py``: a phrase is tried only at a word
start or character of the message it begins with) name exactly the situations that trying every phrase
(``Phrase.matches``) named — over the project's own situation examples and example questions, and each phrase
itself inside a sentence, with and without its spaces."""

from pathlib import Path

import pytest
import yaml

from bot.safety import load_safety_texts
from bot.safety.phrases import Phrases, compile_phrases, squeeze
from bot.safety.texts import fold

ROOT = Path(__file__).resolve().parents[2]
TEXTS = load_safety_texts()
TABLES = {"cues": TEXTS.cues, "not_cues": TEXTS.not_cues, "now_cues": TEXTS.now_cues, "avoid": {"a": TEXTS.avoid_cues}}


def own_texts() -> list[str]:
    texts = []
    for path in sorted((ROOT / "training_data" / "situations").glob("*.yml")):
        for intent in yaml.safe_load(path.read_text(encoding="utf-8"))["nlu"]:
            texts += [line.removeprefix("- ").strip() for line in intent["examples"].splitlines() if line.strip()]
    for path in sorted((ROOT / "knowledge" / "questions").glob("*.yaml")):
        for questions in (yaml.safe_load(path.read_text(encoding="utf-8")) or {}).values():
            texts += [str(q) for q in questions[:1]]
    return texts[::8]


def phrase_texts(table: dict[str, tuple[str, ...]]) -> list[str]:
    texts = []
    for phrases in table.values():
        for phrase in phrases:
            parts = phrase.split("...")
            texts += [
                f"so {phrase}!",
                f"x{phrase}",
                "".join(parts),
                " ".join(" ".join(parts)),
                "-".join(reversed(parts)),
            ]
    return texts


def every_phrase(phrases: Phrases, text: str) -> set[str]:
    folded = fold(text)
    return {s for s, phrase in phrases.by_situation.items() if phrase.matches(folded, squeeze(folded))}


@pytest.mark.parametrize("name", TABLES)
def test_the_situations_found_are_those_every_phrase_names(name):
    phrases = compile_phrases(TABLES[name])
    texts = own_texts() + phrase_texts(TABLES[name])
    named = 0
    for text in texts:
        expected = every_phrase(phrases, text)
        folded = fold(text)
        assert phrases.found(folded, squeeze(folded)) == expected, text
        named += bool(expected)
    assert named >= 50  # the phrases are found, not only their absence


def test_a_phrase_of_a_spaced_script_counts_only_at_a_word_start():
    phrases = compile_phrases({"sexual": ("rape",), "short": ("x",)})
    assert phrases.found("grape juice", "grapejuice") == set()
    assert phrases.found("he tried to rape me", "") == {"sexual"}
    assert phrases.found("x-ray", "") == {"short"} and phrases.found("box", "") == set()


def test_the_cue_hits_keep_the_order_of_the_situations():
    text = "my husband hits me and my boss took my passport"
    assert TEXTS.cue_hits(text) == [s for s in TEXTS.cues if s in set(TEXTS.cue_hits(text))]
    assert len(TEXTS.cue_hits(text)) >= 2
