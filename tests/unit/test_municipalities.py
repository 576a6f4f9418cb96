"""Every municipality of Japan is understood: kanji, kana, romaji and postal codes (Japan Post data)."""

from __future__ import annotations

import pytest

from knowledge.municipalities import load_municipalities
from knowledge.place_loading import load_places

PLACES = load_places()


def test_all_municipalities_of_all_47_prefectures_are_known():
    rows = load_municipalities()
    municipalities = [m for m in rows if not m.parent]  # wards of designated cities come on top
    assert len(municipalities) >= 1700
    assert len({m.prefecture for m in rows}) == 47
    assert len({m.code for m in rows}) == len(rows)


@pytest.mark.parametrize(
    ("text", "place_id", "prefecture"),
    [
        ("豊田市に住んでいます", "toyota", "aichi"),
        ("I live in Toyota City", "toyota", "aichi"),
        ("とよたし", "toyota", "aichi"),
        ("当別町に住んでいます", "jis-01303", "hokkaido"),
        ("I live in Tobetsu-cho, Hokkaido", "jis-01303", "hokkaido"),
        ("榛東村", "jis-10344", "gunma"),
        ("北海道伊達市です", "jis-01233", "hokkaido"),
        ("伊達市 福島県", "jis-07213", "fukushima"),
        ("名古屋市中区に住んでいます", "jis-23106", "aichi"),
        ("〒460-0001", "jis-23106", "aichi"),
        ("〒４６０－０００１です", "jis-23106", "aichi"),
        ("my address is 460-0001", "jis-23106", "aichi"),
        ("Tôi sống ở Nagoya", "nagoya", "aichi"),
        ("多久に住んでいます", "jis-41204", "saga"),
        ("Kamiamakusa City", "jis-43212", "kumamoto"),
    ],
)
def test_a_municipality_named_in_any_form_is_found_with_its_prefecture(text, place_id, prefecture):
    found = [p for p in PLACES.find(text) if p.kind == "city"]
    assert found and found[0].id == place_id and found[0].prefecture == prefecture


@pytest.mark.parametrize(
    "text",
    [
        "伊達市に住んでいます",  # two cities named 伊達市: the prefecture decides
        "I live in Date",  # "date" is an English word: only Date City / Date-shi count
        "上野に行きました",  # 上野村 needs its 村
        "Please call 052-961-1111",  # a phone number is not a postal code
        "〒000-0000",  # not a postal code Japan Post lists
        "kami tinggal di Jakarta",  # Indonesian "kami" (we) is not Kami City
        "退租要提前多久通知房东",  # Chinese 多久 (how long) is not 多久市
        "在留カードを紛失しました",  # しまし inside しました is not 志摩市
    ],
)
def test_no_municipality_is_guessed(text):
    assert [p for p in PLACES.find(text) if p.kind == "city"] == []


def test_the_residents_prefecture_settles_a_shared_name():
    assert PLACES.find("伊達市", prefecture="fukushima")[0].id == "jis-07213"


def test_a_ward_knows_its_city():
    ward = PLACES.find("名古屋市中区")[0]
    assert PLACES.places[ward.parent].id == "nagoya"
