"""Violence at home where the children are spared ("he never touches the kids, only me"), and who is hurt in Khmer,
Mongolian and Burmese (issue 13): the writer is the one hit — violence at home, the DV lines first —, a child hit
is a child in danger (189 first). Cue phrases and who-is-hurt words are data (``translations/<lang>/``); these
messages were written for these tests."""

import numpy as np
import pytest

from bot.safety import load_safety_texts
from bot.safety.example_table import ExampleTable
from tests.safety_fakes import latin_table
from bot.safety.hurt import ADULT, CHILD
from bot.safety.recognise import SafetyRecogniser
from knowledge.situations import load_situations

TEXTS = load_safety_texts()


@pytest.mark.parametrize(
    ("text", "victim"),
    [
        # Khmer: the object follows the verb; មិន / អត់ before it denies it; នៅមុខ (in front of) stops the look
        ("ប្តីវាយខ្ញុំនៅមុខកូន", ADULT),
        ("គាត់អត់ដែលវាយកូនទេ វាយតែខ្ញុំ", ADULT),
        ("ប្តីខ្ញុំវាយកូនប្រុសរាល់ថ្ងៃ", CHILD),
        ("សង្សារខ្ញុំវាយកូនស្រីខ្ញុំ ពេលខ្ញុំនៅកន្លែងការងារ", CHILD),  # "my daughter" whole, not also ខ្ញុំ (me)
        ("ខ្ញុំចង់ប្តូរទិដ្ឋាការ", ""),
        # Mongolian: the one hurt before the verb; a negative verb ends in -гүй
        ("нөхөр намайг хүүхдүүдийн өмнө зоддог", ADULT),
        ("нөхөр хүүхдүүдэд гар хүрдэггүй, зөвхөн намайг", ADULT),
        ("нөхөр маань хүүгээ бүсээр цохидог", CHILD),
        ("эгчийг маань нөхөр нь зоддог", ADULT),
        ("визээ яаж сунгах вэ", ""),
        # Burmese: the one hurt marked with ကို before the verb; a denied verb begins with မ
        ("ယောက်ျားက ကလေးတွေ ရှေ့မှာ ကျွန်မကို ရိုက်တယ်", ADULT),
        ("ယောက်ျားက ကလေးတွေကို မရိုက်ဘူး၊ ကျွန်မကိုပဲ ထိုးတယ်", ADULT),
        ("ယောက်ျားက သမီးကို ရိုက်တယ်", CHILD),
        ("ဗီဇာ သက်တမ်းတိုးချင်တယ်", ""),
        # a child named with an age or as a nephew is a child hurt, not "me" before it
        ("my partner slaps my 6 year old son when he cries, he never hits me", CHILD),
        ("el novio de mi prima le pega a mi sobrina", CHILD),
    ],
)
def test_the_one_hit_decides_in_khmer_mongolian_and_burmese(text, victim):
    assert TEXTS.victim(text) == victim


@pytest.mark.parametrize(
    ("text", "situation", "named"),
    [
        ("Perdí mi trabajo la semana pasada", "dismissal", True),
        ("perdi meu emprego ontem", "dismissal", True),
        ("nawalan ako ng trabaho kahapon", "dismissal", True),
        ("कम्पनीले मलाई कामबाट निकाल्यो", "dismissal", True),
        ("sahu le dhamki diyo, rin tirna sakdina", "debt_fraud_consumer", True),
        ("Perdí mi tarjeta de residencia", "dismissal", False),
    ],
)
def test_losing_a_job_and_a_debt_are_named_by_a_cue(text, situation, named):
    assert (situation in TEXTS.cue_hits(text)) is named


# -- a clause nearest a danger the message is about names no other problem ------------------------------
CATALOGUE = load_situations()
NAMES = ("domestic_violence", "sexual_violence", "dismissal", "eviction")
RECOGNISER = SafetyRecogniser(CATALOGUE, TEXTS, lambda: None)  # type: ignore[arg-type, return-value]


def _table() -> ExampleTable:
    return latin_table(NAMES)


def _scores(near: dict[str, float], other: float) -> np.ndarray:
    scores = np.full(3 * len(NAMES) + 3, other, dtype=np.float32)
    for i, name in enumerate(NAMES):
        scores[3 * i : 3 * i + 3] = near.get(name, 0.80)
    return scores


@pytest.mark.parametrize(
    ("text", "whole", "clause", "clause_near", "ids"),
    [
        # the clause is nearest violence at home (short of its 0.02), then a dismissal: part of telling the
        # violence the message names by a cue ("hits me"), no dismissal beside it
        (
            "my husband says he will throw me out and hits me if I refuse",
            ({"domestic_violence": 0.93, "dismissal": 0.85}, 0.879),
            "hits me if I refuse",
            ({"domestic_violence": 0.890, "dismissal": 0.885}, 0.872),
            ["domestic_violence"],
        ),
        # the danger nearest the clause is none the message is about: the clause's own reading still counts
        (
            "they fired me, and they said i must leave the dorm too",
            ({"dismissal": 0.931, "eviction": 0.915}, 0.915),
            "they said i must leave the dorm too",
            ({"sexual_violence": 0.921, "eviction": 0.920}, 0.908),
            ["dismissal", "eviction"],
        ),
    ],
)
def test_a_clause_nearest_the_messages_danger_names_no_other_problem(text, whole, clause, clause_near, ids):
    pieces = [(text, _scores(*whole)), (clause, _scores(*clause_near))]
    assert RECOGNISER.decide(text, pieces, _table()).ids == ids


@pytest.mark.parametrize(
    ("text", "figurative"),
    [
        ("this deadline will kill me, when is the last day for the tax return?", True),
        ("確定申告の締め切りに殺されそう", True),
        ("vergi beyannamesi son tarihi beni öldürecek", True),
        ("my husband said he will kill me", False),
        ("for example, he said he would kill me", False),  # "example" is no exam
    ],
)
def test_a_figure_of_speech_sets_a_danger_cue_aside(text, figurative):
    assert ("danger_now" in TEXTS.figurative(text)) is figurative


@pytest.mark.parametrize(
    ("text", "ruled_out"),
    [
        ("かいしゃ を やめたい です 。 てつづき を おしえて", True),  # wanting to quit is no dismissal
        ("会社を辞めたいです。手続きを教えてください", True),
        ("会社をクビになりました", False),
    ],
)
def test_wanting_to_quit_rules_out_a_dismissal_by_example(text, ruled_out):
    assert ("dismissal" in TEXTS.ruled_out(text)) is ruled_out
