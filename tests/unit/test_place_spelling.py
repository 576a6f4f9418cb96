"""Place names as residents spell them in other scripts (knowledge/data/place_spelling.yaml): one spelling in
the gazetteer stands for its usual variants, without finding places inside ordinary words."""

from __future__ import annotations

import pytest

from bot.dialogue.residence import load_residence_phrases
from knowledge.paths import TRANSLATIONS_DIR
from knowledge.place_loading import load_places
from knowledge.spelling import load_spelling

PLACES = load_places()
PHRASES = load_residence_phrases(TRANSLATIONS_DIR)


def lives_in(text: str, lang: str) -> str | None:
    said = PHRASES.statement(text, lang, PLACES.find(text))
    return said.place.prefecture if said else None


@pytest.mark.parametrize(
    ("text", "lang", "prefecture"),
    [
        ("Я живу в Чібі.", "uk", "chiba"),  # English-like spelling, locative
        ("Я живу в Хірошімі", "uk", "hiroshima"),
        ("Я живу в префектурі Айчі.", "uk", "aichi"),
        ("Я живу в Осаці.", "uk", "osaka"),  # locative Осака -> Осаці
        ("Ми живемо в Сідзуоці.", "uk", "shizuoka"),
        ("Я живу у Фукуоці.", "uk", "fukuoka"),
        ("Би Аичи мужид амьдардаг.", "mn", "aichi"),
        ("Би Миэд амьдардаг.", "mn", "mie"),
        ("Би Гүнма мужид амьдардаг.", "mn", "gunma"),
        ("Би Ибаракид суудаг.", "mn", "ibaraki"),
        ("Bi Tokyod amidardag.", "mn", "tokyo"),  # Mongolian typed in Latin letters
        ("म तोक्योमा बस्छु।", "ne", "tokyo"),
        ("ကျွန်တော် အိုင်ချိမှာ နေပါတယ်။", "my", "aichi"),  # Burmese short i (data: အိုင်ချီ)
        ("ខ្ញុំរស់នៅខេត្តអៃជី។", "km", "aichi"),  # Khmer ជ for ឈ
        ("ខ្ញុំរស់នៅតូក្យ៉ូ", "km", "tokyo"),  # with the register mark
        ("म आईचीमा बस्छु।", "ne", "aichi"),
        ("म ऐचीमा बस्छु।", "ne", "aichi"),
        ("म हिरोसीमामा बस्छु।", "ne", "hiroshima"),
        ("म चिबामा बसोबास गर्छु।", "ne", "chiba"),
        ("म गिफूमा बस्छु।", "ne", "gifu"),
        ("ฉันอยู่คานากาวะ", "th", "kanagawa"),
        ("อยู่โทชิงิค่ะ", "th", "tochigi"),
        ("ฉันอยู่คุมาโมโต้", "th", "kumamoto"),
        ("เราอยู่นากาโน่", "th", "nagano"),
        ("อยู่ไอชิค่ะ", "th", "aichi"),
        ("Я зараз в Осаці.", "uk", "osaka"),
        ("Я у префектурі Айті.", "uk", "aichi"),
        ("Я живу в Осаке.", "uk", "osaka"),  # Russian spelling
        ("Миний гэр Осака хотод байдаг.", "mn", "osaka"),
        ("Би Токиогийн оршин суугч.", "mn", "tokyo"),  # genitive
        # every city has a Cyrillic name made from its kana (Polivanov): 豊川市, 安城市
        ("Би Тоёкава хотод амьдардаг.", "mn", "aichi"),
        ("Я живу в місті Андзьо.", "uk", "aichi"),
        ("ကျွန်တော် ချီဘ မှာ နေတယ်။", "my", "chiba"),  # Burmese without the final long vowel (data: ချီဘာ)
        ("ကျွန်မ အိုဆာက မှာ နေပါတယ်", "my", "osaka"),  # (data: အိုဆာကာ)
    ],
)
def test_a_variant_spelling_of_the_place_is_understood(text, lang, prefecture):
    assert lives_in(text, lang) == prefecture


@pytest.mark.parametrize(
    ("text", "lang"),
    [
        ("ถ้าคุณมีปัญหาในการจ่ายค่าใช้จ่าย", "th"),  # คุณมี is not Gunma
        ("มีเอกสารอะไรบ้างที่ต้องใช้", "th"),  # มีเอ is not Mie
        ("สำนักงานสวัสดิการจะตัดสิน", "th"),  # งานสว is not Kanazawa
        ("स्टोरमा भुक्तानी पर्चीबाट तिर्नुहोस्", "ne"),  # पर्चीबाट is not Chiba
        ("Хогоо хаана хаях вэ?", "mn"),  # хогоо (garbage) is not Hyogo
        ("Я тоді жив у гуртожитку", "uk"),  # тоді (then) is not Toda
        ("Явган хүний замаар явж болох уу?", "mn"),  # замаар (by the road) is not 座間 Zama
        ("Переїхав у нове місто, що робити?", "uk"),  # "місто, що" is not a city named Со
        ("Нарийн мэдээллийг асуугаарай", "mn"),  # нарийн (detailed) is not Nara
        ("刚搬到新城市，转入届怎么办", "zh"),  # 新城市 "a new city" is not Shinshiro (愛知県新城市)
        ("我住在一个小城市，孩子上学怎么办", "zh"),  # 小城市 "a small town" is not Ogi (佐賀県小城市)
    ],
)
def test_ordinary_words_are_not_taken_for_places(text, lang):
    assert PLACES.find(text) == []


def test_a_match_is_cut_from_the_message_as_it_was_written():
    found = PLACES.find("ฉันอยู่คุมาโมโต้ค่ะ")
    assert [p.prefecture for p in found] == ["kumamoto"] and found[0].matched == "คุมาโมโต้"


def test_folding_keeps_the_position_of_every_letter():
    folded, starts, ends = load_spelling().fold("อยู่ไอชิ")
    assert len(folded) == len(starts) == len(ends)
    assert all(0 <= s < e <= len("อยู่ไอชิ") for s, e in zip(starts, ends))


def test_a_citys_cyrillic_name_is_made_from_its_kana():
    from knowledge.municipalities import kana_to_cyrillic

    assert [kana_to_cyrillic(k) for k in ("トヨハシ", "ウツノミヤ", "センダイ", "サッポロ", "ジョウソウ")] == [
        "Тоёхаси",
        "Уцуномия",
        "Сэндай",
        "Саппоро",
        "Дзёсо",
    ]


@pytest.mark.parametrize(
    ("text", "lang", "city"),
    [
        ("Tôi sống ở thành phố Osaka", "vi", "osaka-city"),
        ("Saitama şehrinde yaşıyorum", "tr", "saitama-city"),
        ("Я живу в місті Осака", "uk", "osaka-city"),
        ("Би Осака хотод амьдардаг", "mn", "osaka-city"),
        ("Vivo en la ciudad de Kioto", "es", "kyoto-city"),
    ],
)
def test_the_word_for_city_names_the_city_not_the_prefecture_of_the_same_name(text, lang, city):
    said = PHRASES.statement(text, lang, PLACES.find(text))
    assert said is not None and said.place.id == city


def test_an_ordinary_word_like_an_inflected_name_is_no_place():
    assert [p.id for p in PLACES.find("Наразі я живу в Осаці")] == ["osaka"]  # наразі "currently", not Нара


def test_without_the_word_for_city_the_prefecture_stays():
    assert [p.id for p in PLACES.find("Tôi sống ở Osaka")] == ["osaka"]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Tôi sống ở thành phố Toyota.", ["toyota"]),  # the word for "city" makes a company's name the city
        ("I live in the city of Toyota", ["toyota"]),
        ("I work at Toyota", []),  # alone, Toyota is a company
    ],
)
def test_the_word_for_city_around_a_bare_name_is_the_city(text, expected):
    assert [p.id for p in load_places().find(text)] == expected


@pytest.mark.parametrize(
    ("text", "city"),
    [
        ("新城市に住んでいます", "jis-23221"),  # Japanese (kana in the message): Shinshiro
        ("我住在爱知县新城市，在留更新去哪里", "jis-23221"),  # beside its prefecture, in Chinese too
        ("我住在佐贺县小城市", "jis-41208"),
    ],
)
def test_a_name_that_is_a_chinese_word_is_the_place_in_japanese_or_beside_its_prefecture(text, city):
    assert city in [p.id for p in PLACES.find(text)]
