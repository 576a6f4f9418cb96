"""The held-out test sets (tests/data/heldout/) are well formed, so the benches that read them measure something.

Each set names topics, places and situations by id; a typo there would silently turn a right answer into a
"miss" (or hide a false alarm). These tests check the schema, that every id exists in the project's data, and
that each set still meets the size the issues ask for. They do not evaluate the bot.
"""

from __future__ import annotations

import re
from collections import Counter
from functools import cache
from pathlib import Path

import yaml

ROOT = Path(__file__).resolve().parents[2]
HELDOUT = ROOT / "tests" / "data" / "heldout"

EDITIONS = ("ja", "ja-plain", "en", "zh", "ko", "es", "pt", "vi", "ne", "th", "id", "my", "km", "fil", "mn", "tr", "uk")
IMMEDIATE = ("suicide_selfharm", "domestic_violence", "sexual_violence", "child_abuse", "danger_now")
SITUATIONS = IMMEDIATE + (
    "stalking",
    "trafficking_forced_labour",
    "documents_kept_by_employer",
    "unpaid_wages",
    "dismissal",
    "work_injury",
    "workplace_harassment",
    "trainee_ssw_trouble",
    "renewal_refused",
    "overstay",
    "deportation_detention",
    "arrest",
    "family_status_change",
    "refugee_application",
    "debt_fraud_consumer",
    "eviction",
    "crime_victim",
)
EMERGENCIES = ("police", "fire_ambulance", "coast_guard")
KANA_ONLY = re.compile(r"^[\u3040-\u30ff\u30fc\s、。？！?!・ー〜～0-9０-９a-zA-Zａ-ｚＡ-Ｚ#＃%％()（）「」/-]+$")
KANJI = re.compile(r"[\u4e00-\u9fff]")


@cache
def load(name: str) -> dict:
    return yaml.safe_load((HELDOUT / name).read_text(encoding="utf-8"))


@cache
def topics() -> dict:
    return yaml.safe_load((ROOT / "knowledge" / "data" / "topics.yaml").read_text(encoding="utf-8"))


@cache
def prefecture_ids() -> frozenset[str]:
    places = yaml.safe_load((ROOT / "knowledge" / "data" / "places.yaml").read_text(encoding="utf-8"))
    return frozenset(p["id"] for p in places["prefectures"])


@cache
def city_ids() -> dict[str, str]:
    places = yaml.safe_load((ROOT / "knowledge" / "data" / "places.yaml").read_text(encoding="utf-8"))
    return {c["id"]: c["prefecture"] for c in places["cities"]}


def office_kinds() -> frozenset[str]:
    return frozenset(t["office"] for t in topics().values())


def has_text(item: dict) -> bool:
    return isinstance(item.get("text"), str) and bool(item["text"].strip())


def assert_japanese_forms(item: dict) -> None:
    """Japanese items carry the kana-only and romaji forms a learner would type; other languages do not."""
    if item["lang"] in ("ja", "ja-plain"):
        assert KANA_ONLY.match(item["kana"]) and not KANJI.search(item["kana"]), item
        assert item["romaji"].isascii() and re.search(r"[a-z]", item["romaji"]), item
    else:
        assert "kana" not in item and "romaji" not in item, item


# --- safety.yaml ---------------------------------------------------------------------------------------------


def test_safety_messages_name_a_known_situation_edition_and_the_situations_urgency():
    data = load("safety.yaml")
    assert set(data["urgency"]) == set(SITUATIONS)
    assert {s for s, u in data["urgency"].items() if u == "immediate"} == set(IMMEDIATE)
    assert set(data["urgency"].values()) <= {"immediate", "urgent", "serious"}
    for item in data["messages"]:
        assert set(item) - {"kana", "romaji", "also_topic"} == {"situation", "urgency", "lang", "text"}, item
        assert item.get("also_topic", "garbage") in topics(), item
        assert_japanese_forms(item)
        assert item["situation"] in SITUATIONS, item
        assert item["lang"] in EDITIONS, item
        assert item["urgency"] == data["urgency"][item["situation"]], item
        assert has_text(item), item


def test_safety_has_twelve_messages_per_situation_and_every_situation_in_every_edition():
    messages = load("safety.yaml")["messages"]
    per_situation = Counter(m["situation"] for m in messages)
    assert {s: n for s, n in per_situation.items() if n < 12} == {}
    assert set(per_situation) == set(SITUATIONS)
    pairs = Counter((m["situation"], m["lang"]) for m in messages)
    assert [(s, lang) for s in SITUATIONS for lang in EDITIONS if not pairs[(s, lang)]] == []
    # immediate danger is what must never be missed: two differently written messages per edition
    assert [(s, lang) for s in IMMEDIATE for lang in EDITIONS if pairs[(s, lang)] < 2] == []
    # a serious problem told after an ordinary question, in every edition
    assert {m["lang"] for m in messages if "also_topic" in m} == set(EDITIONS)


def test_messages_with_several_serious_problems_list_each_one_and_the_most_urgent_level():
    data = load("safety.yaml")
    order = ("immediate", "urgent", "serious")
    for item in data["multi"]:
        assert set(item) - {"kana", "romaji"} == {"situations", "urgency", "lang", "text"}, item
        assert_japanese_forms(item)
        assert len(item["situations"]) >= 2 and set(item["situations"]) <= set(SITUATIONS), item
        assert item["lang"] in EDITIONS and has_text(item), item
        assert item["urgency"] == min((data["urgency"][s] for s in item["situations"]), key=order.index), item
    assert {m["lang"] for m in data["multi"]} == set(EDITIONS)


def all_texts() -> list[str]:
    safety, routing = load("safety.yaml"), load("routing.yaml")
    texts = [m["text"] for m in safety["messages"] + safety["multi"]]
    texts += [q["text"] for q in load("ordinary.yaml")["questions"] + load("kana.yaml")["questions"]]
    texts += [m["text"] for m in routing["places"] + routing["multipart"] + routing["place_in_passing"]]
    texts += [t["text"] for f in routing["follow_up"] for t in f["turns"]]
    return texts


def test_no_message_is_written_twice_across_the_sets():
    assert [t for t, n in Counter(all_texts()).items() if n > 1] == []


# --- ordinary.yaml -------------------------------------------------------------------------------------------


def test_ordinary_questions_name_a_known_topic_and_japanese_ones_have_kana_and_romaji_forms():
    questions = load("ordinary.yaml")["questions"]
    for q in questions:
        assert q["lang"] in EDITIONS, q
        assert q["topic"] in topics(), q
        assert has_text(q), q
        assert q.get("near_miss", True) is True, q
        if q["lang"] in ("ja", "ja-plain"):
            assert set(q) - {"near_miss"} == {"lang", "topic", "text", "kana", "romaji"}, q
            assert KANA_ONLY.match(q["kana"]) and not KANJI.search(q["kana"]), q
            assert q["romaji"].isascii() and re.search(r"[a-z]", q["romaji"]), q
        else:
            assert set(q) - {"near_miss"} == {"lang", "topic", "text"}, q


def test_ordinary_has_250_questions_25_in_every_edition_over_most_topics():
    questions = load("ordinary.yaml")["questions"]
    assert len(questions) >= 250
    per_lang = Counter(q["lang"] for q in questions)
    assert set(per_lang) == set(EDITIONS) and min(per_lang.values()) >= 25
    assert len({q["topic"] for q in questions}) >= 60
    near_miss = [q for q in questions if q.get("near_miss")]
    assert len(near_miss) >= 30 and {q["lang"] for q in near_miss} == set(EDITIONS)


# --- routing.yaml --------------------------------------------------------------------------------------------


def test_routing_messages_name_a_known_topic_its_office_kind_and_a_known_place():
    for item in load("routing.yaml")["places"]:
        assert item["lang"] in EDITIONS and has_text(item), item
        assert item["topic"] in topics(), item
        assert item["office"] == topics()[item["topic"]]["office"], item
        assert item["office"] in office_kinds() and item["office"] != "none", item
        assert item["prefecture"] in prefecture_ids(), item
        if "city" in item:
            assert isinstance(item["city"], str) and item["city"].strip(), item
            if item["city_id"] is not None:
                assert city_ids().get(item["city_id"]) == item["prefecture"], item


def test_routing_covers_all_47_prefectures_and_30_cities_over_every_edition():
    places = load("routing.yaml")["places"]
    assert {p["prefecture"] for p in places if "city" not in p} == prefecture_ids()
    assert len(prefecture_ids()) == 47
    assert sum("city" in p for p in places) >= 30
    assert {p["lang"] for p in places} == set(EDITIONS)
    assert len({p["topic"] for p in places}) >= 8


def test_multipart_messages_list_known_parts_and_every_edition_has_five():
    multipart = load("routing.yaml")["multipart"]
    for item in multipart:
        assert item["lang"] in EDITIONS and has_text(item), item
        assert item.get("prefecture", "tokyo") in prefecture_ids(), item
        assert item["parts"], item
        for part in item["parts"]:
            if isinstance(part, dict):
                assert set(part) == {"emergency"} and part["emergency"] in EMERGENCIES, item
            else:
                assert part in topics(), item
        assert len(item["parts"]) >= 2 or "prefecture" in item, item
    per_lang = Counter(m["lang"] for m in multipart)
    assert set(per_lang) == set(EDITIONS) and min(per_lang.values()) >= 5
    assert {p["emergency"] for m in multipart for p in m["parts"] if isinstance(p, dict)} == set(EMERGENCIES)


# --- kana.yaml -----------------------------------------------------------------------------------------------


def test_kana_questions_have_a_kanji_form_a_kana_only_form_and_a_known_topic():
    questions = load("kana.yaml")["questions"]
    for q in questions:
        assert set(q) <= {"topic", "text", "kana", "romaji", "mixed"} and {"topic", "text", "kana"} <= set(q), q
        assert q["topic"] in topics(), q
        assert KANJI.search(q["text"]), q
        assert KANA_ONLY.match(q["kana"]) and not KANJI.search(q["kana"]) and " " in q["kana"], q
        if "mixed" in q:
            assert KANJI.search(q["mixed"]) and re.search(r"[\u3041-\u3096]{2}", q["mixed"]), q
            assert q["mixed"] != q["text"], q
    assert len(questions) >= 80
    assert sum("mixed" in q for q in questions) >= 20
    assert len({q["topic"] for q in questions}) >= 50


def test_kana_set_is_apart_from_the_ordinary_set():
    kana_texts = {q["text"] for q in load("kana.yaml")["questions"]}
    ordinary = {q["text"] for q in load("ordinary.yaml")["questions"]}
    assert kana_texts & ordinary == set()


# --- training_grades.yaml ------------------------------------------------------------------------------------

GRADES = ("good", "partial", "wrong", "keyword-dump")


def test_graded_replies_name_a_practice_case_and_cover_every_grade_for_every_case():
    data = load("training_grades.yaml")
    cases = yaml.safe_load((ROOT / "knowledge" / "data" / "training_cases.yaml").read_text(encoding="utf-8"))
    case_ids = {c["id"] for c in cases["cases"]}
    assert set(data["grade_rank"]) == set(GRADES)
    assert data["grade_rank"]["good"] > data["grade_rank"]["partial"] > data["grade_rank"]["wrong"]
    replies = data["replies"]
    for r in replies:
        assert set(r) == {"case", "grade", "reply", "why"}, r
        assert r["case"] in case_ids and r["grade"] in GRADES and r["reply"].strip(), r
        # a keyword dump is a list, not sentences; every other reply is written in sentences
        assert ("。" in r["reply"]) == (r["grade"] != "keyword-dump"), r
    assert len(replies) >= 60
    assert {(r["case"], r["grade"]) for r in replies} == {(c, g) for c in case_ids for g in GRADES}


def test_places_named_in_passing_and_place_changes_are_well_formed():
    data = load("routing.yaml")
    for item in data["place_in_passing"]:
        assert set(item) == {"lang", "text", "topic", "place_named", "named_prefecture"}, item
        assert item["lang"] in EDITIONS and has_text(item) and item["topic"] in topics(), item
        assert item["named_prefecture"] in prefecture_ids() and item["place_named"] in item["text"], item
    for item in data["follow_up"]:
        assert item["lang"] in EDITIONS and item["topic"] in topics(), item
        assert item["office"] == topics()[item["topic"]]["office"], item
        first, second = item["turns"]
        assert first["prefecture"] in prefecture_ids() and second["prefecture"] in prefecture_ids(), item
        assert first["prefecture"] != second["prefecture"] and first["text"].strip() and second["text"].strip()
    for section in ("place_in_passing", "follow_up"):
        assert {i["lang"] for i in data[section]} == set(EDITIONS), section


def test_messages_setting_place_and_plain_japanese_name_a_known_prefecture():
    items = load("routing.yaml")["place_and_register"]
    assert len(items) >= 8
    for item in items:
        assert set(item) == {"lang", "text", "prefecture", "register"} and item["register"] == "ja-plain", item
        assert item["lang"] in EDITIONS and has_text(item) and item["prefecture"] in prefecture_ids(), item
