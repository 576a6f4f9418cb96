"""Where the resident lives vs a place named in passing; a message cut into its parts."""

from __future__ import annotations

import pytest

from bot.dialogue.parts import load_joiners, split_message
from bot.dialogue.residence import load_residence_phrases
from knowledge.paths import TRANSLATIONS_DIR
from knowledge.place_loading import load_places

PLACES = load_places()
PHRASES = load_residence_phrases(TRANSLATIONS_DIR)
LANGS = "ja ja-plain en zh ko es pt vi ne th id my km fil mn tr uk".split()


def statement(text: str, lang: str):
    return PHRASES.statement(text, lang, PLACES.find(text))


@pytest.mark.parametrize(
    ("text", "lang", "place_id", "how"),
    [
        ("I live in Osaka", "en", "osaka", "lives"),
        ("Би Токио хотод байгаа.", "mn", "tokyo", "lives"),
        ("म हाल गिफुमा छु।", "ne", "gifu", "lives"),
        ("Манайх Осакад байдаг.", "mn", "osaka", "lives"),
        ("I live with my friend in Osaka", "en", "osaka", "lives"),
        ("友達と大阪に住んでいます", "ja", "osaka", "lives"),
        ("Би Хёогод амьдардаг.", "mn", "hyogo", "lives"),
        ("Моя адреса: префектура Айті.", "uk", "aichi", "lives"),
        ("Tôi sống ở Nagoya", "vi", "nagoya", "lives"),
        ("大阪に住んでいます", "ja", "osaka", "lives"),
        ("おおさかに すんでいます", "ja-plain", "osaka", "lives"),
        ("我住在大阪", "zh", "osaka", "lives"),
        ("Moro em Hamamatsu", "pt", "hamamatsu", "lives"),
        ("Vivo en Toyota City", "es", "toyota", "lives"),
        ("Tokyo'da yaşıyorum", "tr", "tokyo", "lives"),
        ("saya tinggal di Osaka", "id", "osaka", "lives"),
        ("nakatira ako sa Nagoya", "fil", "nagoya", "lives"),
        ("저는 오사카에 사는데 비자 갱신은 어디서 해요?", "ko", "osaka", "lives"),
        ("ฉันอาศัยอยู่ที่โอซาก้า", "th", "osaka", "lives"),
        ("ကျွန်တော် Osaka မှာ နေတယ်", "my", "osaka", "lives"),
        ("ខ្ញុំរស់នៅ Osaka", "km", "osaka", "lives"),
        ("म ओसाकामा बस्छु", "ne", "osaka", "lives"),
        ("Taga Osaka ako", "fil", "osaka", "lives"),
        ("Би Осакад амьдардаг", "mn", "osaka", "lives"),
        ("Я живу в Окінаві", "uk", "okinawa", "lives"),
        ("I'm living near Nagoya station", "en", "nagoya", "lives"),
        ("Osaka", "en", "osaka", "answer"),
        ("愛知県です", "ja", "aichi", "answer"),
        ("〒460-0001です", "ja", "jis-23106", "answer"),
        ("what about Kobe?", "en", "kobe", "update"),
        ("神戸は？", "ja", "kobe", "update"),
        # a municipality inside a Japanese sentence said other ways; Ukrainian adjectives of a prefecture
        ("うちは名古屋市中区なんですけど、転入届はどこですか", "ja", "jis-23106", "lives"),
        ("倶知安町で生活しています。", "ja", "jis-01400", "lives"),
        ("大泉町住みです", "ja", "oizumi", "lives"),
        ("川口市民です。", "ja", "kawaguchi", "lives"),
        ("Я живу в Айтійській префектурі", "uk", "aichi", "lives"),
        ("Живу в Сайтамській префектурі, де продовжити візу?", "uk", "saitama", "lives"),
        ("Наша сім'я живе в Осаці. Де продовжити візу?", "uk", "osaka", "lives"),
        ("豊田市に転入しました。児童手当はどこですか", "ja", "toyota", "lives"),
        ("最近白馬村に越してきました", "ja", "jis-20485", "lives"),
        ("家は読谷村です", "ja", "jis-47324", "lives"),
    ],
)
def test_a_stated_residence_is_recognised(text, lang, place_id, how):
    found = statement(text, lang)
    assert found is not None and found.place.id == place_id and found.how == how


@pytest.mark.parametrize(
    ("text", "lang"),
    [
        ("Is there a good ramen shop in Shinjuku?", "en"),
        ("新宿でおいしいラーメン屋はどこ？", "ja"),
        ("I went to Kyoto last week and lost my residence card there", "en"),
        ("Tôi muốn đi du lịch Osaka", "vi"),
        ("The delivery from Osaka is late", "en"),  # "live" inside "delivery" is not living there
        ("Tuần sau tôi đi du lịch Osaka, có cần mang thẻ cư trú không?", "vi"),  # cư trú inside "residence card"
        ("နောက်အပတ် အိုဆာကာ ခရီးသွားမယ်၊ နေထိုင်ခွင့်ကတ် ယူသွားရမလား", "my"),
        ("សប្តាហ៍ក្រោយខ្ញុំទៅលេងអូសាកា តើត្រូវយកកាតស្នាក់នៅទៅទេ?", "km"),
        ("友達が神戸に住んでいます", "ja"),  # someone else lives there
        ("Найз маань Токиод амьдардаг.", "mn"),
        ("ร้านราเมนอร่อยอยู่ที่ชินจูกุ", "th"),
    ],
)
def test_a_place_named_in_passing_is_not_the_residents_address(text, lang):
    assert statement(text, lang) is None


@pytest.mark.parametrize("lang", LANGS)
def test_every_language_has_its_residence_phrases(lang):
    assert (TRANSLATIONS_DIR / lang / "residence.yaml").exists()


@pytest.mark.parametrize(
    ("text", "lang", "roles", "place_id"),
    [
        ("I live in Aichi Prefecture. Where do I go to renew my period of stay?", "en", ["place", "question"], "aichi"),
        ("I live in Aichi, where do I renew my visa?", "en", ["place", "question"], "aichi"),
        ("大阪に住んでいます。在留期間の更新はどこでしますか？", "ja", ["place", "question"], "osaka"),
        ("I live in Osaka. Please answer in plain Japanese.", "en", ["place", "register"], "osaka"),
        ("Saya tinggal di Osaka. Tolong jawab dengan bahasa Jepang yang mudah.", "id", ["place", "register"], "osaka"),
        ("Я живу в Осаці. Відповідайте, будь ласка, простою японською.", "uk", ["place", "register"], "osaka"),
        ("How do I renew my visa? Also, where do I pay resident tax?", "en", ["question", "question"], None),
        ("My bicycle was stolen. What is the police number?", "en", ["question", "question"], None),
        ("Where is the immigration office?", "en", ["question"], None),
    ],
)
def test_a_message_is_cut_into_its_parts(text, lang, roles, place_id):
    parts = split_message(text, lang, PLACES, PHRASES)
    assert [p.role for p in parts.parts] == roles
    assert (parts.place.place.id if parts.place else None) == place_id


def test_plain_japanese_and_the_place_are_both_taken_from_one_message():
    parts = split_message("I live in Osaka. Please answer in plain Japanese.", "en", PLACES, PHRASES)
    assert parts.asks_plain and parts.place.place.id == "osaka" and parts.questions == []


JOINERS = load_joiners(TRANSLATIONS_DIR)


@pytest.mark.parametrize(
    ("text", "lang", "count"),
    [
        ("How do I renew my visa and also where do I pay resident tax?", "en", 2),
        ("国民健康保険に入りたいです。それから、年金の手続きも知りたいです", "ja", 2),
        ("Tôi muốn hỏi về bảo hiểm y tế và cả lương hưu nữa", "vi", 2),
        ("Where is the immigration office and what are its hours?", "en", 1),  # one question, no joiner
    ],
)
def test_two_questions_in_one_sentence_are_two_parts(text, lang, count):
    parts = split_message(text, lang, PLACES, PHRASES, joiners=JOINERS)
    assert len(parts.questions) == count


@pytest.mark.parametrize("lang", LANGS)
def test_every_language_has_its_joiners(lang):
    assert JOINERS.of(lang)
