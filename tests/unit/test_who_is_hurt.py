"""Who is hurt (issue 13, ``bot/safety/hurt.py``): violence at home or a child in danger is decided by the one the
hitting verb is done to — the writer or another adult (the DV lines first) or a child (189 first) —, with the
verb denied ("he doesn't hit the kids") and children who are only there ("in front of the kids") handled, in
English and Nepali. The recogniser applies it only when both readings are candidates; a danger read from one
clause's examples alone beside another danger stands only when the whole message is near it too."""

from pathlib import Path

import numpy as np
import pytest

from bot.safety import load_safety_texts
from bot.safety.example_table import ExampleTable
from tests.safety_fakes import latin_table
from bot.safety.hurt import ADULT, BOTH, CHILD, load_who_is_hurt
from bot.safety.recognise import SafetyRecogniser
from bot.safety.texts import fold
from knowledge.situations import load_situations

TEXTS = load_safety_texts()
CATALOGUE = load_situations()


@pytest.mark.parametrize(
    ("text", "victim"),
    [
        # English: the object follows the verb
        ("my husband hits me every day", ADULT),
        ("he hits me in front of the kids", ADULT),
        ("he beats me while the children watch", ADULT),
        ("he doesn't hit the kids, only me", ADULT),
        ("He grabbed me by the hair in front of our daughter. She's ok, im the one with bruises", ADULT),
        ("husband shouts and shoves me in front of the children", ADULT),
        ("my mother in law hits me", ADULT),  # not "my mother" of a child writer
        ("my husband hits our son", CHILD),
        ("my husband beats our kids with a belt", CHILD),
        ("i am afraid i will hurt my baby", CHILD),
        ("my stepdad hits me and my little sister, i am 14", CHILD),  # the writer is a child
        ("my husband hits me and the kids", BOTH),
        ("my son hurt his leg at soccer", ""),
        ("how do I renew my residence card?", ""),
        # Nepali: the object (-लाई) stands before the verb; a negative verb ends in -ेन / -ैन
        ("मेरो श्रीमानले मलाई हरेक दिन कुट्छ, म डराएको छु", ADULT),
        ("श्रीमानले छोरालाई कुट्छ", CHILD),
        ("श्रीमानले छोरालाई कुट्दैन, मलाई मात्र कुट्छ", ADULT),
        ("हिजो राति श्रीमानले छोरीको अगाडि मेरो कपाल तानेर भित्तामा ठोक्यो। छोरीलाई केही गरेन, मलाई मात्र", ADULT),
        ("logne le chhora lai kutchha", CHILD),
        ("shreemanle malai pitchha", ADULT),
        ("मलाई डर लाग्छ", ""),
        # Spanish, Portuguese, Ukrainian: a pronoun just before the verb, a named object after it
        ("mi esposo me pega delante de los niños", ADULT),
        ("mi esposo le pega a mi hijo", CHILD),
        ("no les pega a los niños, solo a mí", ADULT),
        ("meu marido me bate na frente das crianças", ADULT),
        ("meu marido bate no meu filho", CHILD),
        ("чоловік б'є мене при дітях", ADULT),
        ("він дітей не чіпає, тільки мене", ADULT),
        ("мій співмешканець замикає доньку в кімнаті і б'є", CHILD),
        # Turkish: before the verb, a negative verb carries -me/-ma
        ("kocam beni çocukların önünde dövüyor", ADULT),
        ("kocam oğlumu dövüyor", CHILD),
        ("kocam çocukları dövmüyor, sadece beni", ADULT),
        # Indonesian (a passive di- verb: the one hurt before it), Vietnamese, Filipino (either side)
        ("suami memukul saya di depan anak-anak", ADULT),
        ("saya dipukul suami setiap hari", ADULT),
        ("suami saya memukul anak saya", CHILD),  # "anak saya" is a child, not also "saya"
        ("chồng đánh tôi trước mặt các con", ADULT),
        ("chong danh con toi", CHILD),
        ("binubugbog ako ng asawa ko sa harap ng mga anak namin", ADULT),
        ("sinasaktan ng asawa ko ang anak namin", CHILD),
        ("binubugbog ako ng asawa ko pati yung mga anak namin sinasaktan nya", BOTH),
        ("sinasaktan ako at ang kapatid ko ng stepdad ko, 14 ako", CHILD),
        # Chinese and Thai, written without spaces: characters (the longer phrase: 我儿子 is a child)
        ("老公打我儿子", CHILD),
        ("老公每天打我，当着孩子的面", ADULT),
        ("我被老公打了", ADULT),
        ("他不打孩子，只打我", ADULT),
        ("我打电话给孩子的学校", ""),  # 打电话: to call
        ("สามีตีฉันทุกวัน", ADULT),
        ("สามีตีลูกชาย", CHILD),
        ("สามีตีฉันต่อหน้าลูก", ADULT),
        ("老公喝醉了就打我 孩子都看见了 我该怎么办", ADULT),  # a space ends a phrase: not 我孩子 (my child)
        ("แฟนใหม่ตีลูกสาวฉันตอนฉันไปทำงาน เขาไม่เคยตีฉันนะ", CHILD),
        # Japanese: before the verb (を, に), a passive's subject or else the writer, the denial after the verb
        ("夫が息子を叩く", CHILD),
        ("夫が私を殴る", ADULT),
        ("息子が夫に殴られた", CHILD),
        ("夫に殴られた", ADULT),
        ("夫に殴られた。子どもは寝ていた", ""),  # a child named: nothing decided (the examples and cues read it)
        ("隣の子が殴られている", CHILD),
        ("保育園で先生に叩かれたと息子が言っている", ""),  # a child named: not the writer
        ("隣から叩かれる音と子どもの泣き声が聞こえる", ""),  # a child named: not the writer
        (
            "となりの いえの こどもが ずっと ないて います。 おやに たたかれて いる みたい",
            "",
        ),  # a child named: not the writer
        ("夫は子どもを叩かない、私だけ", ADULT),
        ("おっとが むすこに ぼうりょくを ふるいます", CHILD),
        # Korean: before the verb (를, 한테), a passive (맞았어요) the writer unless a child is named
        ("남편이 나를 때려요", ADULT),
        ("남편이 아들을 때려요", CHILD),
        ("남자친구한테 맞았어요", ADULT),
        ("옆집 아이가 매일 맞는 소리가 들려요", CHILD),
        ("남편이 딸 앞에서 나를 때려요. 딸은 안 건드려요", ADULT),
        ("かれ が おこる と わたし の かお を なぐる 。むすめ は みてる だけ", ADULT),
    ],
)
def test_the_one_the_hitting_is_done_to_decides(text, victim):
    assert TEXTS.victim(text) == victim


def _write(root: Path, body: str) -> Path:
    (root / "xx").mkdir(parents=True, exist_ok=True)
    (root / "xx" / "who_is_hurt.yaml").write_text(body, encoding="utf-8")
    readings = root / "readings.yaml"
    readings.write_text("adult: domestic_violence\nchild: child_abuse\n", encoding="utf-8")
    return readings


GOOD = "object: after\nwindow: 4\nhurt: [hit]\nadult: [me]\nchild: [kids]\nnot: []\nstop: []\nalone: []\nwriter_child: []\n"


@pytest.mark.parametrize(
    "body",
    [
        GOOD.replace("object: after", "object: sideways"),
        GOOD.replace("window: 4", "window: 40"),
        GOOD.replace("hurt: [hit]", "hurt: []"),
        GOOD.replace("stop: []\n", ""),
        GOOD + "extra: [x]\n",
    ],
)
def test_a_language_file_that_is_not_well_formed_is_refused(tmp_path, body):
    readings = _write(tmp_path, body)
    with pytest.raises(ValueError):
        load_who_is_hurt(fold, tmp_path, readings)


def test_a_well_formed_file_loads(tmp_path):
    who = load_who_is_hurt(fold, tmp_path, _write(tmp_path, GOOD))
    assert (who.adult, who.child) == ("domestic_violence", "child_abuse")
    assert who.victim("he hit me", fold) == ADULT and who.victim("he hit the kids", fold) == CHILD


def test_a_language_written_without_spaces_reads_characters(tmp_path):
    body = "spaceless: true\nobject: after\nwindow: 3\nhurt: [打]\nadult: [我]\nchild: [儿子, 我儿子]\n"
    body += "not: [不]\nstop: [电话]\nalone: []\nwriter_child: []\n"
    who = load_who_is_hurt(fold, tmp_path, _write(tmp_path, body))
    assert who.victim("他打我", fold) == ADULT and who.victim("他打我儿子", fold) == CHILD
    assert who.victim("他不打我", fold) == "" and who.victim("我打电话给儿子", fold) == ""


def test_every_language_file_loads_and_names_catalogued_situations():
    who = TEXTS.who_is_hurt
    assert who is not None and {"en", "ne", "es", "pt", "tr", "uk", "id", "vi", "fil", "zh", "th", "ja", "ko"} <= {
        h.lang for h in who.languages
    }
    assert CATALOGUE[who.adult].immediate and CATALOGUE[who.child].immediate


# -- in the recogniser ------------------------------------------------------------------------------
NAMES = ("domestic_violence", "child_abuse", "sexual_violence")


def _table() -> ExampleTable:
    return latin_table(NAMES)


def _scores(near: dict[str, float], other: float = 0.85) -> np.ndarray:
    scores = np.full(3 * len(NAMES) + 3, other, dtype=np.float32)
    for i, name in enumerate(NAMES):
        scores[3 * i : 3 * i + 3] = near.get(name, 0.80)
    return scores


RECOGNISER = SafetyRecogniser(CATALOGUE, TEXTS, lambda: None)  # type: ignore[arg-type, return-value]
# both readings close, the child's examples a little closer: as "he hits me in front of the kids" was read
CLOSE = {"child_abuse": 0.905, "domestic_violence": 0.90}


@pytest.mark.parametrize(
    ("text", "near", "first", "absent"),
    [
        ("he hits me in front of the kids", CLOSE, "domestic_violence", "child_abuse"),
        ("he doesn't hit the kids, only me", CLOSE, "domestic_violence", "child_abuse"),
        # violence at home found, the child's reading only close (under the margin): the writer is hurt
        ("he hurts me in front of our son", {"child_abuse": 0.88, "domestic_violence": 0.90}, "domestic_violence", ""),
        ("my husband hits our son", {"child_abuse": 0.90, "domestic_violence": 0.905}, "child_abuse", ""),
        ("my husband hits me and the kids", {"child_abuse": 0.90, "domestic_violence": 0.905}, "domestic_violence", ""),
        # no hitting named: left to the examples
        ("my husband is scary", CLOSE, "child_abuse", ""),
    ],
)
def test_violence_at_home_or_a_child_in_danger_by_who_is_hurt(text, near, first, absent):
    found = RECOGNISER.decide(text, [(text, _scores(near))], _table())
    assert found.ids[0] == first
    assert absent not in found.ids
    if "and the kids" in text:
        assert set(found.ids) >= {"domestic_violence", "child_abuse"}  # both hurt: both lines


def test_a_feeling_of_one_clause_is_no_second_danger_beside_violence_at_home():
    """'my husband beats me every day, I am scared' (Nepali): 'I am scared' alone is nearest a sexual-violence
    example; the whole message is not near it, so the reply is violence at home only (no #8891/#8103)."""
    text = "मेरो श्रीमानले मलाई हरेक दिन कुट्छ, म डराएको छु"
    whole = _scores({"domestic_violence": 0.93, "sexual_violence": 0.86, "child_abuse": 0.87}, other=0.88)
    clause = _scores({"sexual_violence": 0.92, "domestic_violence": 0.90}, other=0.88)
    pieces = [(text, whole), ("मेरो श्रीमानले मलाई हरेक दिन कुट्छ", whole), ("म डराएको छु", clause)]
    assert RECOGNISER.decide(text, pieces, _table()).ids == ["domestic_violence"]
    # a second danger the whole message is near too stays, when its clause says enough to stand ("he forces
    # himself on me"); a clause of a feeling alone ("I am scared") never adds one beside another reading
    near_both = _scores({"domestic_violence": 0.93, "sexual_violence": 0.915}, other=0.88)
    forced = "उसले मलाई जबरजस्ती शारीरिक सम्बन्ध राख्न बाध्य बनाउँछ"
    assert "sexual_violence" in RECOGNISER.decide(text, [(text, near_both), (forced, clause)], _table()).ids
    assert RECOGNISER.decide(text, [(text, near_both), ("म डराएको छु", clause)], _table()).ids == ["domestic_violence"]


# -- violence at home told without the usual words (cue phrases, English and Nepali) ----------------------
@pytest.mark.parametrize(
    ("text", "dv"),
    [
        ("he hurts me and i dont know what to do", True),
        ("I'm scared to go home tonight", True),
        ("my husband controls my money and won't let me go out", True),
        ("my boyfriend checks my phone and took all my money", True),
        ("my wife threw things at me again", True),
        ("he threatens to cancel my visa if i leave", True),
        ("he grabbed me by the hair", True),
        ("श्रीमानले धम्की दिन्छ र पैसा दिँदैन", True),
        ("लोग्नेले बाहिर जान दिँदैन, फोन खोस्छ", True),
        ("घर जान डर लाग्छ", True),
        ("husband le dinhu dhakka dinchha", True),
        # ordinary questions stay ordinary
        ("can my husband cancel my visa if we divorce?", False),
        ("my son hurt his leg at soccer, which clinic is open?", False),
        ("I am scared of earthquakes, what should I prepare?", False),
        ("my husband wants to send money home, which bank is cheap?", False),
        ("श्रीमानको भिसा नवीकरण कसरी गर्ने?", False),
        # the children spared, only the writer hit ("he never touches the kids, only me")
        ("he never lays a finger on the kids, only me", True),
        ("a mis hijos nunca les hizo nada, solo a mi me pega", True),
        ("ele nunca bateu nas crianças, só em mim", True),
        ("çocuklara hiç dokunmuyor, sadece bana vuruyor", True),
        ("дітей він не чіпає, б'є лише мене", True),
        ("dia tidak pernah memukul anak, hanya saya yang dipukul", True),
        ("hindi niya ginagalaw ang mga bata, ako lang ang sinasaktan", True),
        ("เขาไม่เคยตีลูกเลย ตีแต่ฉัน", True),
        ("គាត់មិនវាយកូនទេ គាត់វាយតែខ្ញុំ", True),
        ("хүүхдүүдэд огт хүрдэггүй, зөвхөн намайг л зоддог", True),
        # "only me" without anyone hit stays ordinary
        ("my kids are at school and it's only me at home, can I work part time?", False),
        ("mis hijos viven en Perú, solo a mi me dieron la visa", False),
        ("çocuklar okulda, sadece ben evdeyim, vergi nasıl ödenir", False),
    ],
)
def test_violence_at_home_told_without_the_usual_words_is_named_by_a_cue(text, dv):
    assert ("domestic_violence" in TEXTS.cue_hits(text)) is dv


@pytest.mark.parametrize(
    ("text", "child"),
    [
        ("I think the neighbours kids are being beaten, I hear screaming every night", True),
        ("the children are being hit next door", True),
        ("how do I teach my kids about being hit by a ball in dodgeball?", False),
    ],
)
def test_children_being_beaten_is_named_by_a_cue(text, child):
    assert ("child_abuse" in TEXTS.cue_hits(text)) is child
