"""Routing report (issue 12 item 5): is the resident sent to the right office, per language?

Reads the held-out set ``tests/data/heldout/routing.yaml`` (written by another helper, apart from the example
questions; never tune on it) and prints, per language (16 + plain Japanese):

- place: the message's place is understood as where the resident lives (gazetteer + residence phrases);
- office: end to end through the real dialogue (bundled embedder and index), a reply names the office with
  jurisdiction for the held-out topic's office kind and place — its Japanese name and its phone (or, for the
  municipal office, its counter for the topic and, when a city is given, the city's own office);
- multi: every part of a multi-part message is answered (the emergency number first);
- passing / follow / place+plain (one line each, whole set): a place named in passing does not become the
  resident's address; "what about Kobe?" moves the office of the same topic; "I'm in Osaka, reply in easy
  Japanese" sets both the place and plain Japanese;
- staff: the staff console's office kind for every topic × 5 prefectures (whole set, one line).

    .venv/bin/python bench/routing.py [--set tests/data/heldout/routing.yaml] [--components] [--batches]

``--components`` skips the dialogue (no model): place understanding and routing from the gold office kind.
``--batches`` (a dev set) also reads its later batches (``places2``, ``multipart2``, ``multipart3`` …).
"""

from __future__ import annotations

import argparse
import re
import sys
import tempfile
import time
from collections import defaultdict
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(REPO))

from bot.dialogue.residence import load_residence_phrases  # noqa: E402
from knowledge.offices import load_offices  # noqa: E402
from knowledge.paths import TRANSLATIONS_DIR  # noqa: E402
from knowledge.place_loading import load_places  # noqa: E402
from knowledge.routing import load_router, municipal_office_name  # noqa: E402
from knowledge.topics import load_topics  # noqa: E402
from knowledge.yamlfile import load_yaml  # noqa: E402

LANGS = "ja ja-plain en zh ko es pt vi ne th id my km fil mn tr uk".split()
EMERGENCY_NUMBERS = {"police": "110", "fire_ambulance": "119", "coast_guard": "118"}
STAFF_PREFECTURES = ("hokkaido", "tokyo", "aichi", "osaka", "okinawa")


class Expectation:
    """What a correct reply names for one held-out item (from the office data, not from the dialogue)."""

    def __init__(self, item: dict, offices, places, router) -> None:
        self.item = item
        city = places.places.get(item.get("city_id") or "")
        route = router.route(item["office"], item["prefecture"], city.id if city else "", item["topic"])
        self.office = route.main
        self.section = route.section.name_ja if route.section else ""
        self.town = municipal_office_name(city) if city else ""

    def met_by(self, replies) -> bool:
        if self.office is None:
            return False
        for reply in replies:
            card = getattr(reply, "office", None)
            if card is not None:
                if self._card_ok(card):
                    return True
            elif self._text_ok(reply.text):
                return True
        return False

    def _card_ok(self, card) -> bool:
        if self.office.kind == "municipal":
            return (
                card.kind == "municipal"
                and card.section_ja == self.section
                and (not self.town or card.name_ja == self.town)
            )
        return card.id == self.office.id and (not self.office.phones or self.office.main_phone in card.phone)

    def _text_ok(self, text: str) -> bool:
        if self.office.kind == "municipal":
            return bool(self.section) and self.section in text and (not self.town or self.town in text)
        return self.office.name_ja in text and (not self.office.phones or self.office.main_phone in text)


def batch_items(data: dict, key: str, batches: bool) -> list[dict]:
    """The set's ``key`` items; with ``batches`` also those of ``key2``, ``key3`` … (a dev set's later batches)."""
    items = list(data.get(key) or [])
    if batches:
        for name in sorted(k for k in data if re.fullmatch(rf"{key}\d+", k)):
            items += data[name] or []
    return items


def place_understood(item: dict, places, phrases) -> bool:
    found = places.find(item["text"])
    said = phrases.statement(item["text"], item["lang"], found) if found else None
    if said is None:
        from bot.dialogue.parts import split_sentences  # noqa: PLC0415

        for sentence in split_sentences(item["text"]):
            sub = places.find(sentence)
            said = phrases.statement(sentence, item["lang"], sub) if sub else None
            if said:
                break
    return said is not None and said.place.prefecture == item["prefecture"]


def run_dialogue(services, text: str, lang: str, session: str):
    from bot.dialogue import IncomingMessage  # noqa: PLC0415

    return services.dialogue.handle(IncomingMessage(session, text, lang=lang))


def multipart_ok(item: dict, replies) -> bool:
    topics = [s.id for r in replies for s in r.sources]
    first_text = replies[0].text if replies else ""
    for part in item["parts"]:
        if isinstance(part, dict):
            number = EMERGENCY_NUMBERS[part["emergency"]]
            if number not in first_text:
                return False
        elif part not in topics:
            return False
    return True


def staff_kinds(offices, places) -> tuple[int, int]:
    """Staff console: for every topic with an office and 5 prefectures, the office the console shows
    (``StaffDesk.office_of``) is the one for the topic's office kind there (immigration: the bureau with
    jurisdiction; municipal: the municipal office; labour: the prefecture's labour offices; lines)."""
    from bot.catalog import load_catalogs  # noqa: PLC0415
    from bot.dialogue.handoff import HandoffRouter  # noqa: PLC0415
    from bot.staff_view import StaffDesk  # noqa: PLC0415

    topics = load_topics()
    handoff = HandoffRouter(offices, places, load_catalogs(TRANSLATIONS_DIR))
    staff = StaffDesk(None, handoff, places, topics)
    expected_kind = {
        "immigration": {"regional-bureau", "district-office", "branch-office"},
        "municipal": {"municipal"},
        "health-insurance": {"municipal"},
        "school": {"municipal"},
        "hello-work": {"labour-bureau"},
        "labour-standards": {"labour-standards"},
        "pension-office": {"pension-line"},
        "tax-office": {"tax-office"},
        "police": {"police-consultation"},
        "fire": {"emergency"},
        "fresc": {"fresc"},
        "legal": {"legal-help"},
    }
    good = total = 0
    for topic_id, info in topics.items():
        if info.office == "none":
            continue
        for prefecture in STAFF_PREFECTURES:
            total += 1
            card = staff.office_of(topic_id, places.places[prefecture])
            office = offices.get(card.id) if card else None
            right_place = info.office != "immigration" or office == offices.for_prefecture(prefecture)
            good += int(office is not None and office.kind in expected_kind[info.office] and right_place)
    return good, total


def main() -> None:
    parser = argparse.ArgumentParser(description="Routing report per language (issue 12).")
    parser.add_argument("--set", type=Path, default=REPO / "tests" / "data" / "heldout" / "routing.yaml")
    parser.add_argument("--components", action="store_true", help="no dialogue: place and routing only")
    parser.add_argument("--batches", action="store_true", help="also a dev set's later batches (places2 …)")
    args = parser.parse_args()
    data = load_yaml(args.set)
    offices, places = load_offices(), load_places()
    router, phrases = load_router(offices, places), load_residence_phrases(TRANSLATIONS_DIR)
    services = None
    if not args.components:
        from connectors.services import build_services  # noqa: PLC0415
        from connectors.settings import Settings  # noqa: PLC0415

        # a new data folder per run: a conversation of an earlier run (its place, its topic) never carries over
        services = build_services(Settings(data_dir=Path(tempfile.mkdtemp()), reindex_check_seconds=0, _env_file=None))
    rows: dict[str, dict[str, list[int]]] = defaultdict(lambda: defaultdict(list))
    timings: list[float] = []
    for n, item in enumerate(batch_items(data, "places", args.batches)):
        row = rows[item["lang"]]
        row["place"].append(int(place_understood(item, places, phrases)))
        expected = Expectation(item, offices, places, router)
        if services is not None:
            started = time.perf_counter()
            replies = run_dialogue(services, item["text"], item["lang"], f"bench-routing-{n}")
            timings.append(time.perf_counter() - started)
            row["office"].append(int(expected.met_by(replies)))
        else:
            row["office"].append(int(expected.office is not None))
    for n, item in enumerate(batch_items(data, "multipart", args.batches)):
        if services is not None:
            replies = run_dialogue(services, item["text"], item["lang"], f"bench-multi-{n}")
            rows[item["lang"]]["multi"].append(int(multipart_ok(item, replies)))
    extras = _extras(services, data, offices) if services is not None else {}
    print(f"{'lang':9} {'n':>3} {'place %':>8} {'office %':>9} {'multi n':>8} {'multi %':>8}")
    totals: dict[str, list[int]] = defaultdict(list)
    for lang in LANGS + sorted(set(rows) - set(LANGS)):
        row = rows.get(lang)
        if not row:
            continue
        for key in ("place", "office", "multi"):
            totals[key] += row[key]
        multi = row["multi"]
        print(
            f"{lang:9} {len(row['place']):>3} {_pct(row['place']):>8} {_pct(row['office']):>9} "
            f"{len(multi):>8} {_pct(multi) if multi else '-':>8}"
        )
    print(
        f"{'all':9} {len(totals['place']):>3} {_pct(totals['place']):>8} {_pct(totals['office']):>9} "
        f"{len(totals['multi']):>8} {_pct(totals['multi']) if totals['multi'] else '-':>8}"
    )
    for name, (good, total) in extras.items():
        print(f"{name}: {good}/{total}")
    good, total = staff_kinds(offices, places)
    print(f"staff console: office for topic x {len(STAFF_PREFECTURES)} prefectures: {good}/{total}")
    if timings:
        timings.sort()
        print(
            f"dialogue per message: median {timings[len(timings) // 2] * 1000:.0f} ms, "
            f"p95 {timings[int(len(timings) * 0.95)] * 1000:.0f} ms ({len(timings)} messages)"
        )
    print("mode:", "components (no dialogue)" if services is None else "end to end (dialogue)")


def _extras(services, data: dict, offices) -> dict[str, tuple[int, int]]:
    results: dict[str, tuple[int, int]] = {}
    items = data.get("place_in_passing") or []
    good = 0
    for n, item in enumerate(items):
        session = f"bench-passing-{n}"
        replies = run_dialogue(services, item["text"], item["lang"], session)
        named_office = offices.for_prefecture(item["named_prefecture"])
        state = services.store.state(session)
        gave_named = any(
            getattr(r, "office", None) is not None and named_office is not None and r.office.id == named_office.id
            for r in replies
        )
        good += int(state.get("prefecture", "") != item["named_prefecture"] and not gave_named)
    results["place in passing not taken as the address"] = (good, len(items))
    items = data.get("follow_up") or []
    good = 0
    for n, item in enumerate(items):
        session, ok = f"bench-follow-{n}", True
        for turn in item["turns"]:
            replies = run_dialogue(services, turn["text"], item["lang"], session)
            expected = Expectation(
                {"office": item["office"], "prefecture": turn["prefecture"], "topic": item["topic"]},
                offices,
                services.places,
                services.dialogue.router.desk.router,
            )
            ok = ok and expected.met_by(replies)
        good += int(ok)
    results["place change follows the office (2 turns)"] = (good, len(items))
    items = data.get("place_and_register") or []
    good = 0
    for n, item in enumerate(items):
        session = f"bench-placereg-{n}"
        run_dialogue(services, item["text"], item["lang"], session)
        state = services.store.state(session)
        plain = state.get("register") == "plain" and state.get("lang") == "ja"
        good += int(state.get("prefecture") == item["prefecture"] and plain == (item.get("register") == "ja-plain"))
    results["place and plain Japanese set by one message"] = (good, len(items))
    return results


def _pct(values: list[int]) -> str:
    return f"{100 * sum(values) / len(values):.1f}" if values else "-"


if __name__ == "__main__":
    main()
