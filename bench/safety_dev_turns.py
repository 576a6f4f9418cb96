"""Our own safety dev messages (bench/data/safety_dev.yaml) through the real dialogue turn, checked the way
bench/safety.py checks the held-out sets (never reads them): one situation → the right line first (immediate)
or the right referral; several → each named and a danger's line first; ordinary → no situation, no danger
reply. Prints every miss with its text (these are our own messages).

    .venv/bin/python bench/safety_dev_turns.py [--data var/bench] [--file bench/data/safety_dev.yaml]
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

import yaml

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from bench.safety import Bench, _titles_named, pct  # noqa: E402


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--data", type=Path, default=ROOT / "var" / "bench")
    parser.add_argument("--file", type=Path, default=ROOT / "bench" / "data" / "safety_dev.yaml")
    args = parser.parse_args()
    bench = Bench(args.data)
    data = yaml.safe_load(args.file.read_text(encoding="utf-8"))
    one, several, ordinary = [0, 0], [0, 0], [0, 0]
    for m in data.get("situation_messages") or []:
        wanted, lang = m["situations"], m["lang"]
        replies = bench.turn(m["text"], lang)
        got = sorted(bench.situations_of(replies) | {s for r in replies for s in _titles_named(bench, r, lang)})
        first = bench.first_line(replies)
        immediate = [s for s in wanted if bench.catalogue[s].immediate]
        danger_first = not immediate or first in {bench.catalogue.lines_for(s)[0].id for s in immediate}
        if len(wanted) == 1:
            s = wanted[0]
            ok = (first == bench.catalogue.lines_for(s)[0].id) if immediate else bench.referral_ok(replies, s)
            tally = one
        else:
            ok = set(wanted) <= set(got) and danger_first
            tally = several
        tally[0] += ok
        tally[1] += 1
        if not ok:
            print(f"MISS {lang:8s} want {wanted} got {got} first {first!r}: {m['text']}")
    for m in data.get("ordinary_messages") or []:
        replies = bench.turn(m["text"], m["lang"])
        bad = bench.serious_reply(replies) or bench.danger_reply(replies)
        ordinary[0] += bad
        ordinary[1] += 1
        if bad:
            print(f"ALARM {m['lang']:8s} {sorted(bench.situations_of(replies))}: {m['text']}")
    print(f"\none situation → right line / referral: {pct(*one)}")
    print(f"several problems → each named, danger first: {pct(*several)}")
    print(f"ordinary → serious or danger reply: {pct(*ordinary)}")


if __name__ == "__main__":
    main()
