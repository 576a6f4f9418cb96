"""Safety first (issue 13), measured on the held-out sets (tests/data/heldout/safety.yaml, ordinary.yaml),
through the real dialogue turn with the bundled model. Prints per language and per situation:

  immediate danger → the right line first (the first reply's first tappable line — a line or the
      emergency card — is the situation's first line, in the message's language)   target 100 %
  urgent / serious → the right referral (the situation recognised: its first line or its office)  ≥ 95 %
  several problems at once (``multi``) → every problem named, FRESC or the bureau, a danger line first
  ordinary questions mistaken for a serious situation                                ≤ 2 %
  emergency or danger replies to ordinary questions, on the kanji, kana-only and romaji forms   ≤ 0.5 %

    .venv/bin/python bench/safety.py [--data var/bench] [--limit N]

The held-out sets are read here and nowhere else (never to tune). The first run builds the index in
``--data`` (reusing the prebuilt vectors; only new texts are embedded).
"""

from __future__ import annotations

import argparse
import sys
import time
import uuid
from collections import defaultdict
from pathlib import Path

import yaml

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from bot.dialogue import IncomingMessage  # noqa: E402
from bot.safety.step import SITUATION_REASON  # noqa: E402
from connectors.services import build_services  # noqa: E402
from connectors.settings import Settings  # noqa: E402

HELDOUT = ROOT / "tests" / "data" / "heldout"
DANGER_NUMBERS = {"110", "119", "118"}
INFO_TOPICS = {"emergency-numbers", "calling-ambulance"}  # an emergency card is right there (README)
EMERGENCY_KINDS = ("fire", "ambulance", "police", "sea", "disaster")


class Bench:
    def __init__(self, data: Path) -> None:
        self.services = build_services(Settings(data_dir=data, _env_file=None))
        self.safety = self.services.dialogue.safety
        self.catalogue = self.safety.catalogue
        self.count = 0
        self.run = uuid.uuid4().hex[:8]  # a fresh conversation per message, never one left by an earlier run
        emergencies = set()
        for lang in self.services.catalogs.languages:
            emergencies |= {self.services.catalogs.text(lang, f"emergency_{k}") for k in EMERGENCY_KINDS}
        self.emergency_texts = emergencies

    def turn(self, text: str, lang: str):
        self.count += 1
        return self.services.dialogue.handle(IncomingMessage(f"bench-safety-{self.run}-{self.count}", text, lang=lang))

    # -- what a reply is --------------------------------------------------------------------------
    def first_line(self, replies) -> str:
        """The first reply's first tappable line: its first ``calls`` link, or its emergency card's number
        (as the catalogue's line with that number: 110 is ``police-110``)."""
        first = replies[0] if replies else None
        if first is None:
            return ""
        if first.calls:
            return first.calls[0].id
        card = first.emergency
        return next((line.id for line in self.catalogue.lines.values() if card and line.number == card.number), "")

    def situations_of(self, replies) -> set[str]:
        reasons = {r.handoff.reason for r in replies if r.handoff}
        return {r.removeprefix(SITUATION_REASON) for r in reasons if r.startswith(SITUATION_REASON)}

    def referral_ok(self, replies, expected: str) -> bool:
        """The reply sends to the situation's referral: its first line among the lines, or its office."""
        lines = {c.id for r in replies for c in (r.calls or ())}
        wanted = self.catalogue.lines_for(expected)
        if wanted and wanted[0].id in lines:
            return True
        office = self.catalogue[expected].office
        offices = {r.handoff.office.id for r in replies if r.handoff}
        directory = self.services.offices
        if office == "immigration":
            return any(
                o in directory.offices and directory[o].kind in {"regional-bureau", "district-office"} for o in offices
            ) or any(
                r.handoff and r.handoff.reason.startswith(SITUATION_REASON) and expected in r.handoff.reason
                for r in replies
            )
        kind = {"fresc": "fresc", "legal-help": "legal-help"}.get(office)
        return kind is not None and any(o in directory.offices and directory[o].kind == kind for o in offices)

    def danger_reply(self, replies) -> bool:
        return any(
            r.text in self.emergency_texts
            or r.text.split("\n\n")[0] in self.emergency_texts
            or any(c.number in DANGER_NUMBERS for c in (r.calls or ()))
            for r in replies
        )

    def serious_reply(self, replies) -> bool:
        return bool(self.situations_of(replies)) or any(r.calls for r in replies)


def pct(n: int, d: int) -> str:
    return f"{100 * n / d:5.1f} % ({n}/{d})" if d else "   –"


def table(title: str, rows: dict[str, list[int]]) -> None:
    print(f"\n{title}")
    for key in sorted(rows):
        ok, total = rows[key]
        print(f"  {key:28s} {pct(ok, total)}")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--data", type=Path, default=ROOT / "var" / "bench")
    parser.add_argument("--limit", type=int, default=0, help="only the first N messages of each set (a quick look)")
    parser.add_argument("--multi-only", action="store_true", help="only the messages of several problems")
    args = parser.parse_args()
    started = time.perf_counter()
    bench = Bench(args.data)
    safety = yaml.safe_load((HELDOUT / "safety.yaml").read_text(encoding="utf-8"))
    ordinary = yaml.safe_load((HELDOUT / "ordinary.yaml").read_text(encoding="utf-8"))["questions"]
    messages = [] if args.multi_only else safety["messages"][: args.limit or None]
    if args.multi_only:
        ordinary = []

    by_lang: dict[str, list[int]] = defaultdict(lambda: [0, 0])
    by_situation: dict[str, list[int]] = defaultdict(lambda: [0, 0])
    imm, ser = [0, 0], [0, 0]
    misses = []
    for m in messages:
        forms = [("text", m["text"])] + [(f, m[f]) for f in ("kana", "romaji") if m.get(f)]
        for form, text in forms:
            replies = bench.turn(text, m["lang"])
            situation = m["situation"]
            if bench.catalogue[situation].immediate:
                wanted = bench.catalogue.lines_for(situation)[0].id
                ok = bench.first_line(replies) == wanted and replies[0].speech.key in {m["lang"], "ja"}
                imm[0] += ok
                imm[1] += 1
            else:
                ok = bench.referral_ok(replies, situation)
                ser[0] += ok
                ser[1] += 1
            key = m["lang"] + ("" if form == "text" else f"/{form}")
            by_lang[key][0] += ok
            by_lang[key][1] += 1
            by_situation[situation][0] += ok
            by_situation[situation][1] += 1
            if not ok:
                misses.append(
                    (situation, m["lang"], form, sorted(bench.situations_of(replies)), bench.first_line(replies))
                )

    multi = [0, 0]
    multi_misses = []
    for m in safety.get("multi") or []:
        replies = bench.turn(m["text"], m["lang"])
        named = bench.situations_of(replies) | {s for r in replies for s in _titles_named(bench, r, m["lang"])}
        danger_first = not any(bench.catalogue[s].immediate for s in m["situations"]) or (
            bench.first_line(replies)
            in {bench.catalogue.lines_for(s)[0].id for s in m["situations"] if bench.catalogue[s].immediate}
        )
        ok = set(m["situations"]) <= named and danger_first
        multi[0] += ok
        multi[1] += 1
        if not ok:
            multi_misses.append((m["lang"], sorted(m["situations"]), sorted(named), bench.first_line(replies)))

    false_serious = [0, 0]
    danger = {"text": [0, 0], "kana": [0, 0], "romaji": [0, 0]}
    ordinary_misses = []
    for q in ordinary[: args.limit or None]:
        for form in ("text", "kana", "romaji"):
            text = q.get(form)
            if not text or (form != "text" and text == q["text"]):
                continue
            replies = bench.turn(text, q["lang"])
            is_danger = bench.danger_reply(replies) and q["topic"] not in INFO_TOPICS
            danger[form][0] += is_danger
            danger[form][1] += 1
            if form == "text":
                is_serious = bench.serious_reply(replies) and q["topic"] not in INFO_TOPICS
                false_serious[0] += is_serious
                false_serious[1] += 1
                if is_serious:
                    ordinary_misses.append((q["lang"], q["topic"], sorted(bench.situations_of(replies))))
            if is_danger:
                ordinary_misses.append((q["lang"], form, q["topic"], "danger"))

    table("Right line first / right referral, by language (held-out safety.yaml; /kana, /romaji forms)", by_lang)
    table("… by situation", by_situation)
    print("\nSummary")
    print(f"  immediate danger → right line first (target 100 %):      {pct(*imm)}")
    print(f"  urgent/serious → right referral (target ≥ 95 %):         {pct(*ser)}")
    print(f"  several problems → each named, danger line first:         {pct(*multi)}")
    print(f"  ordinary questions taken for serious (target ≤ 2 %):     {pct(*false_serious)}")
    for form, (n, d) in danger.items():
        print(f"  emergency/danger replies to ordinary, {form:6s} (≤ 0.5 %): {pct(n, d)}")
    print(f"\n  {bench.count} turns in {time.perf_counter() - started:.0f} s")
    if misses:
        print("\nMisses (situation, lang, form, recognised, first line):")
        for miss in misses[:60]:
            print("  ", miss)
    if multi_misses:
        print("\nSeveral problems missed (lang, situations, named, first line):")
        for miss in multi_misses:
            print("  ", miss)
    if ordinary_misses:
        print("\nOrdinary questions answered as serious or danger (lang, topic / form, …):")
        for miss in ordinary_misses[:40]:
            print("  ", miss)


def _titles_named(bench: Bench, reply, lang: str) -> set[str]:
    """Situations whose title (in the reply's language) the reply text names (several-problem replies)."""
    texts = bench.safety.composer.texts
    key = reply.speech.key
    return {s for s in bench.catalogue.ids if texts.situation(key, s)["title"] in reply.text}


if __name__ == "__main__":
    main()
