"""How residents say where they live, in every language (tests/data/residence_phrasings.yaml): the place the
dialogue's place step takes as the address, and places named as where the resident works, studies or travels
that it must not take."""

from __future__ import annotations

from pathlib import Path

import pytest

from bot.dialogue.parts import load_joiners, split_message
from bot.dialogue.residence import load_residence_phrases
from knowledge.paths import TRANSLATIONS_DIR
from knowledge.place_loading import load_places
from knowledge.yamlfile import load_yaml

PLACES = load_places()
PHRASES = load_residence_phrases(TRANSLATIONS_DIR)
JOINERS = load_joiners(TRANSLATIONS_DIR)
TABLE = load_yaml(Path(__file__).resolve().parents[1] / "data" / "residence_phrasings.yaml")
LANGS = "ja ja-plain en zh ko es pt vi ne th id my km fil mn tr uk".split()


def home(text: str, lang: str):
    """The address the place step (bot/dialogue/steps.py) takes from the message (the whole, else a sentence of
    it), or None."""
    found = PLACES.find(text)
    said = PHRASES.statement(text, lang, found) if found else None
    said = said or split_message(text, lang, PLACES, PHRASES, joiners=JOINERS).place
    return PHRASES.home(said, text, lang, found) if said else None


def test_the_table_covers_every_language():
    assert {item["lang"] for item in TABLE["lives"]} == set(LANGS)


@pytest.mark.parametrize("item", TABLE["lives"], ids=lambda item: f"{item['lang']}:{item['text'][:30]}")
def test_where_the_resident_lives(item):
    found = home(item["text"], item["lang"])
    assert found is not None and found.id == item["place"]


@pytest.mark.parametrize("item", TABLE["not_home"], ids=lambda item: f"{item['lang']}:{item['text'][:30]}")
def test_a_place_of_work_study_or_travel_is_not_the_home(item):
    found = home(item["text"], item["lang"])
    assert found is None or found.id != item["place"]


def test_of_two_names_as_long_the_first_written_wins():
    # 東京都府中市 holds 京都府 across its two names: Tokyo's Fuchu, not Kyoto
    assert [p.id for p in PLACES.find("東京都府中市に住んでいます")] == ["tokyo", "jis-13206"]
    assert [p.id for p in PLACES.find("我住东京都府中市")] == ["tokyo", "jis-13206"]
    assert [p.id for p in PLACES.find("京都府に住んでいます")] == ["kyoto"]


@pytest.mark.parametrize(
    "text",
    [
        "Та нарт баярлалаа",
        "Эцэг эх нарт мэдэгдэх үү",
        "з нагоди свята",
        "Де залишити кота?",
        "Я біженка з України",
        "Necesito toda la información",
        "Tama po ba?",
        "Saku saya hilang",
        "音楽の音を小さくし、パーティーは避け",
        "留学生能去柏青哥店吗",
        "Цалингаас шакай хокен суутгадаггүй",
    ],
)
def test_ordinary_words_are_not_places(text):
    # нарт (to you, pl.) is not Nara, нагоди (occasions) not Nagoya, кота (a cat) not Kochi; біженка (a refugee)
    # is not Bizen: a generated municipality name has no case forms; toda (all), tama (right), saku (pocket) are
    # not Toda, Tama, Saku; さくし after a kanji (小さくし) is not Saku, nor 柏 inside 柏青哥 (pachinko) Kashiwa;
    # шакай хокен (shakai hoken) is not Sakai
    assert PLACES.find(text) == []


def test_the_places_those_words_looked_like_are_still_found():
    for text, place in [("Я живу в Нагої", "nagoya"), ("Я живу в Нарі", "nara"), ("Я живу в Коті", "kochi")]:
        assert [p.id for p in PLACES.find(text)] == [place]


def test_elsewhere_phrases_are_validated(tmp_path):
    folder = tmp_path / "xx"
    folder.mkdir()
    base = "lives: ['{place}']\nupdate: []\nonly: []\nplain: []\n"
    (folder / "residence.yaml").write_text(base + "elsewhere: ['work in']\n", encoding="utf-8")
    with pytest.raises(ValueError, match="place"):
        load_residence_phrases(tmp_path)
    (folder / "residence.yaml").write_text(base + "elsewhere: work in {place}\n", encoding="utf-8")
    with pytest.raises(ValueError, match="elsewhere"):
        load_residence_phrases(tmp_path)


@pytest.mark.parametrize(
    ("text", "lang", "prefecture", "city"),
    [
        ("Saya tinggal di Bandung, tapi kerja di Saitama", "id", "", ""),  # Bandung is not in Japan's gazetteer
        ("I work in Tokyo but live in Saitama", "en", "saitama", ""),
        ("名古屋で働いていて、豊田市に住んでいます", "ja", "aichi", "toyota"),
        ("東京都府中市に住んでいます", "ja", "tokyo", "jis-13206"),
        ("愛知県に住んでいます。豊田市から岡崎市に引っ越しました", "ja", "aichi", "okazaki"),
        ("Moro em Toyota", "pt", "aichi", "toyota"),
        ("ma Tokyo ma baschu", "ne", "tokyo", ""),
        ("大阪です。ビザの更新はどこ？", "ja", "osaka", ""),
        ("埼玉県川口市です。児童手当はどこで申請しますか", "ja", "saitama", "kawaguchi"),
    ],
)
def test_the_dialogue_remembers_where_the_resident_lives(fake_services, text, lang, prefecture, city):
    from bot.dialogue import IncomingMessage

    conversation = f"phrasing-{abs(hash(text))}"
    fake_services.dialogue.handle(IncomingMessage(conversation, text, lang=lang))
    saved = fake_services.store.state(conversation)
    assert (saved.get("prefecture", ""), saved.get("city", "")) == (prefecture, city)


@pytest.mark.parametrize(
    ("text", "lang", "place", "question"),
    [
        (
            "ma gunma ma basxu, visa renew garna kaha jane ho?",
            "ne",
            "ma gunma ma basxu",
            "visa renew garna kaha jane ho?",
        ),
        ("म टोकियोमा बस्छु।भिसा कहाँ नवीकरण गर्ने?", "ne", "म टोकियोमा बस्छु।", "भिसा कहाँ नवीकरण गर्ने?"),
        (
            "Би Токиод ажиллаж амьдардаг, визээ хаана сунгах вэ",
            "mn",
            "Би Токиод ажиллаж амьдардаг",
            "визээ хаана сунгах вэ",
        ),
    ],
)
def test_the_place_clause_ends_at_the_end_of_a_word(text, lang, place, question):
    # a phrase may end inside a word ("ma {place} ma bas" of basxu): the question after it starts at the next word
    parts = split_message(text, lang, PLACES, PHRASES, joiners=JOINERS).parts
    assert [(p.role, p.text) for p in parts] == [("place", place), ("question", question)]
