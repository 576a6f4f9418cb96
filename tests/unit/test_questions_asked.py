"""How many questions of their own a message asks (``bot.dialogue.several.questions_asked``): a part that asks,
says what the resident wants done, or is followed by a vague question about it; the parts cut from a statement
beside them count once. Two or more make the message several questions, before an intent read from the whole."""

from __future__ import annotations

from types import SimpleNamespace

import pytest

from bot.catalog import load_catalogs
from bot.dialogue.clauses import requests
from bot.dialogue.office_desk import OfficeDesk
from bot.dialogue.policy import DialoguePolicy
from bot.dialogue.several import questions_asked as _questions_asked
from bot.speech import Speech
from knowledge.offices import load_offices
from knowledge.paths import TRANSLATIONS_DIR
from knowledge.place_loading import load_places

DESK = OfficeDesk(load_offices(), load_places(), load_catalogs(TRANSLATIONS_DIR))


@pytest.mark.parametrize(
    ("text", "lang", "expected"),
    [
        ("Saya mau perpanjang visa", "id", True),  # a statement of need asks for what it names
        ("비자를 연장하고 싶어요", "ko", True),
        ("ខ្ញុំចង់ចុះឈ្មោះធានារ៉ាប់រងសុខភាព", "km", True),
        ("在留期間を更新したいです", "ja", True),
        ("I want to renew my visa", "en", True),
        ("Quiero renovar mi visa", "es", True),
        ("Quero renovar o meu visto", "pt", True),
        ("Tôi muốn gia hạn visa", "vi", True),
        ("我想续签签证", "zh", True),
        ("Vizemi uzatmak istiyorum", "tr", True),
        ("Gusto ko pong mag-renew ng visa", "fil", True),
        ("Where do I pay resident tax?", "en", True),  # a question asks
        ("Paspor saya hilang.", "id", False),  # a statement of what happened asks nothing by itself
        ("My wallet was stolen on the train.", "en", False),
        ("財布を盗まれました", "ja", False),
    ],
)
def test_a_statement_of_need_requests_what_it_names(text, lang, expected):
    assert requests(text, DESK.joiners.words(lang)) is expected


def _turn(text: str, lang: str) -> SimpleNamespace:
    speech = Speech.parse(lang)
    return SimpleNamespace(
        parts=DESK.parts(text, speech.key),
        dialogue=SimpleNamespace(router=SimpleNamespace(desk=DESK)),
        policy=DialoguePolicy(),
        speech=speech,
    )


@pytest.mark.parametrize(
    ("text", "lang", "count"),
    [
        # two statements of need, two questions of their own
        ("Saya mau daftar asuransi kesehatan nasional. Saya juga mau bayar pajak penduduk.", "id", 2),
        ("Saya mau ganti SIM ke SIM Jepang, terus mau tahu aturan naik sepeda juga.", "id", 2),
        ("ကျန်းမာရေးအာမခံနဲ့ ပင်စင်အကြောင်း သိချင်ပါတယ်", "my", 2),
        ("I want to register for health insurance. Where do I pay resident tax?", "en", 2),
        # a statement followed by a vague question about it is one question; cut pieces count once together
        ("월급을 못 받았어요. 어디에 상담해요? 그리고 일하다가 다쳤는데 산재 신청은 어떻게 해요?", "ko", 2),
        ("Gaji saya belum dibayar, saya harus ke mana? Juga saya kecelakaan kerja, bagaimana klaimnya?", "id", 2),
        # one question, with a statement or a vague question beside it
        ("I lost my residence card. What should I do?", "en", 1),
        ("I want to renew my visa. Where do I go?", "en", 1),
        ("Saya mau perpanjang visa, saya harus ke mana?", "id", 1),
        ("在留カードをなくしました。どうすればいいですか", "ja", 1),
        ("How do I renew my visa?", "en", 1),
    ],
)
def test_the_questions_a_message_asks_of_its_own(text, lang, count):
    assert _questions_asked(_turn(text, lang)) == count


@pytest.mark.parametrize(
    ("text", "lang", "requesting"),
    [
        # a part that only tells is no question of its own: beside two questions its topic is answered last
        (
            "I changed jobs last month. Do I need to tell immigration? Where do I join health insurance?",
            "en",
            ["Do I need to tell immigration?", "Where do I join health insurance?"],
        ),
        ("Kartu residen saya hilang. Apa yang harus saya lakukan?", "id", ["Kartu residen saya hilang."]),
        ("Saya mau perpanjang visa. Pajak penduduk bayar di mana?", "id", None),  # both
    ],
)
def test_the_parts_that_are_questions_of_their_own(text, lang, requesting):
    from bot.dialogue.several import requesting as _requesting  # noqa: PLC0415

    turn = _turn(text, lang)
    expected = set(turn.parts.questions if requesting is None else requesting)
    assert _requesting(turn) == expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("避难所在哪", True),  # "where is the shelter": a whole question in five hanzi
        ("救急車は何番ですか", True),
        ("ひなんじょ は どこ", True),
        ("연금은 어디서", True),
        ("在哪里？", False),  # three characters name nothing
        ("还有", False),
        ("ทิ้งขยะ", True),  # Thai letters: half the length of a spaced script
        ("where?", False),
        ("Where do I pay tax?", True),
    ],
)
def test_a_part_long_enough_to_be_a_question_of_its_own(text, expected):
    from bot.dialogue.turn import substantial  # noqa: PLC0415

    assert substantial(text, DialoguePolicy().sentence_min_chars) is expected
