"""The dev sets (bench/data/routing_dev*.yaml, bench/data/safety_dev*.yaml) name only known ids, so the benches
that read them (bench/routing.py --set, bench/safety_dev.py --messages) measure the product, not a typo.

Only ids are checked (topics, office kinds, places, situations, languages, emergency numbers), never texts."""

from __future__ import annotations

from pathlib import Path

import pytest
import yaml

from knowledge.place_loading import load_places
from knowledge.situations import load_situations
from knowledge.topics import load_topics

BENCH_DATA = Path(__file__).resolve().parents[2] / "bench" / "data"
LANGS = frozenset("ja ja-plain en zh ko es pt vi ne th id my km fil mn tr uk".split())
EMERGENCIES = frozenset({"police", "fire_ambulance", "coast_guard"})
ROUTING_SETS = sorted(BENCH_DATA.glob("routing_dev*.yaml"))
SAFETY_SETS = sorted(BENCH_DATA.glob("safety_dev*.yaml"))


def _load(path: Path) -> dict:
    return yaml.safe_load(path.read_text(encoding="utf-8")) or {}


def _batches(data: dict, key: str) -> list[dict]:
    """The items of ``key`` and of its later batches (``places2``, ``multipart3`` …)."""
    return [item for name, items in data.items() if name.rstrip("0123456789") == key for item in items or []]


@pytest.fixture(scope="module")
def topics():
    return load_topics()


@pytest.fixture(scope="module")
def places():
    return load_places().places


@pytest.fixture(scope="module")
def situations():
    return load_situations().situations


@pytest.mark.parametrize("path", ROUTING_SETS, ids=lambda p: p.name)
def test_routing_dev_places_name_a_known_topic_its_office_kind_and_a_known_place(path, topics, places):
    wrong = []
    for item in _batches(_load(path), "places"):
        topic = topics.get(item["topic"])
        city = places.get(item.get("city_id") or "")
        if (
            item["lang"] not in LANGS
            or topic is None
            or topic.office != item["office"]
            or getattr(places.get(item["prefecture"]), "kind", "") != "prefecture"
            or (item.get("city_id") and (city is None or city.prefecture != item["prefecture"]))
        ):
            wrong.append((item["lang"], item["topic"], item["office"], item["prefecture"], item.get("city_id")))
    assert wrong == []


@pytest.mark.parametrize("path", ROUTING_SETS, ids=lambda p: p.name)
def test_routing_dev_multipart_lists_known_topics_or_emergency_numbers(path, topics):
    wrong = []
    for item in _batches(_load(path), "multipart"):
        for part in item["parts"]:
            known = part.get("emergency") in EMERGENCIES if isinstance(part, dict) else part in topics
            if not known or item["lang"] not in LANGS:
                wrong.append((item["lang"], part))
    assert wrong == []


@pytest.mark.parametrize("path", SAFETY_SETS, ids=lambda p: p.name)
def test_safety_dev_messages_name_known_situations(path, situations):
    data = _load(path)
    wrong = [
        (item["lang"], sid)
        for item in data.get("situation_messages") or []
        for sid in item["situations"]
        if sid not in situations or item["lang"] not in LANGS
    ]
    wrong += [(item["lang"], "") for item in data.get("ordinary_messages") or [] if item["lang"] not in LANGS]
    assert wrong == []
