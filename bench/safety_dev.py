"""Safety recognition on the project's OWN examples, leave-one-out (a dev check; never the held-out sets).

Every situation example of ``training_data/situations`` is recognised as if it were a message, with its own
row (and any row of the same text) left out of the index; so is every ordinary example question (topic
questions and their kana forms, the other intents). Nothing is embedded again: the rows' stored vectors are
the messages. Prints, per language and per situation:

  situation examples → that situation first (immediate ones: that line first)
  ordinary examples → taken for a serious situation / for an immediate danger (false alarms)

    .venv/bin/python bench/safety_dev.py [--data var/dev] [--by-example]

``--by-example`` leaves the cue phrases out (what the examples alone recognise). Used to check the
recogniser's thresholds and to see which situations and languages need more examples of their own.
"""

from __future__ import annotations

import argparse
import sys
from collections import defaultdict
from dataclasses import replace
from pathlib import Path

import numpy as np
import yaml

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from bot.safety.harmless import only_lost  # noqa: E402
from bot.safety.scripts import script_of  # noqa: E402
from connectors.services import build_services  # noqa: E402
from connectors.settings import Settings  # noqa: E402

BATCH = 256
# topics whose example questions describe a catalogued situation themselves ("my company has not paid me"):
# a situation reply is right there, so they are left out of the "clean" false-alarm figures
ABOUT_A_SITUATION = {
    "unpaid-wages",
    "child-abuse",
    "crime-victims",
    "work-injury",
    "consumer-trouble",
    "phone-scams",
    "marriage-divorce",
    "death-in-family",
    "legal-consultation",
    "consultation-fresc",
    "emergency-numbers",
    "calling-ambulance",
}


def pct(n: int, d: int) -> str:
    return f"{100 * n / d:5.1f} % ({n}/{d})" if d else "   –"


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--data", type=Path, default=ROOT / "var" / "dev")
    parser.add_argument("--by-example", action="store_true", help="without the cue phrases")
    parser.add_argument("--show", type=int, default=0, help="print up to N of the own examples missed")
    parser.add_argument(
        "--messages", type=Path, nargs="*", default=[], help="also recognise the messages of dev files of our own"
    )
    parser.add_argument("--messages-only", action="store_true", help="only the --messages files (no leave-one-out)")
    parser.add_argument("--clauses", type=int, default=0, help="also N ordinary questions of several clauses, whole")
    parser.add_argument("--alarms", action="store_true", help="print every own ordinary example taken for a situation")
    parser.add_argument("--set", nargs="*", default=[], help="thresholds to try, e.g. min_score=0.83 margin=0.01")
    args = parser.parse_args()
    services = build_services(Settings(data_dir=args.data, reindex_check_seconds=0, _env_file=None))
    recogniser = services.dialogue.safety.recogniser
    thresholds = replace(recogniser.thresholds, **{k: float(v) for k, v in (a.split("=") for a in args.set)})
    texts = replace(recogniser.texts, cues={}) if args.by_example else recogniser.texts
    recogniser = type(recogniser)(
        recogniser.catalogue,
        texts,
        recogniser._retriever,
        thresholds,
        place_only=recogniser.place_only,
        harmless=recogniser.harmless,
    )
    catalogue = recogniser.catalogue
    for path in args.messages:
        print(f"== {path.name}")
        own_messages(recogniser, yaml.safe_load(path.read_text(encoding="utf-8")))
    if args.messages_only:
        return
    retriever, table = recogniser.table()
    chunks = retriever.chunks
    matrix = table.matrix
    same_text: dict[str, list[int]] = defaultdict(list)
    for row, chunk in enumerate(chunks):
        same_text[chunk.text].append(row)

    situation_rows = list(zip(table.situation_rows.tolist(), table.situation_of.tolist()))
    ordinary_rows = [int(r) for r in table.other_rows]
    by_lang: dict[str, list[int]] = defaultdict(lambda: [0, 0])
    by_situation: dict[str, list[int]] = defaultdict(lambda: [0, 0])
    confused: dict[tuple[str, str], int] = defaultdict(int)
    false_serious: dict[str, list[int]] = defaultdict(lambda: [0, 0])
    false_immediate: dict[str, list[int]] = defaultdict(lambda: [0, 0])
    alarms: dict[str, int] = defaultdict(int)
    by_topic: dict[str, int] = defaultdict(int)
    clean_alarms = [0, 0, 0]  # serious, immediate, questions (topics not about a situation)
    shown: list[tuple[str, str, str, list[str]]] = []

    def recognised(rows: list[int]):
        scores = matrix[rows] @ matrix.T
        for i, row in enumerate(rows):
            s = scores[i].copy()
            s[same_text[chunks[row].text]] = -2.0  # the message itself is not in the index
            found = recogniser.decide(chunks[row].text, [(chunks[row].text, s)], table)
            yield row, without_harmless(recogniser, table, chunks[row].text, found, same_text[chunks[row].text])

    if args.clauses:
        clause_alarms(recogniser, retriever, table, ordinary_rows, args.clauses)

    for start in range(0, len(situation_rows), BATCH):
        part = situation_rows[start : start + BATCH]
        for (row, owner), found in zip(part, (f for _, f in recognised([r for r, _ in part]))):
            name = table.names[owner]
            chunk = chunks[row]
            key = chunk.lang + ("" if script_of(chunk.text) != "kana" or chunk.lang == "ja-plain" else "/kana")
            if catalogue[name].immediate:
                ok = found.immediate is not None and found.immediate.situation == name
            else:
                ok = bool(found.ids) and found.ids[0] == name
            for table_, k in ((by_lang, key), (by_situation, name)):
                table_[k][0] += ok
                table_[k][1] += 1
            if not ok:
                confused[(name, found.ids[0] if found.ids else "-")] += 1
                if len(shown) < args.show:
                    shown.append((key, name, chunk.text, found.ids))

    for start in range(0, len(ordinary_rows), BATCH):
        for row, found in recognised(ordinary_rows[start : start + BATCH]):
            chunk = chunks[row]
            key = f"{chunk.lang}/{script_of(chunk.text)}"
            false_serious[key][0] += bool(found)
            false_serious[key][1] += 1
            false_immediate[key][0] += found.immediate is not None
            false_immediate[key][1] += 1
            clean = chunk.topic_id not in ABOUT_A_SITUATION
            clean_alarms[0] += clean and bool(found)
            clean_alarms[1] += clean and found.immediate is not None
            clean_alarms[2] += clean
            for f in found.found:
                alarms[f.situation] += 1
            if found:
                by_topic[chunk.topic_id] += 1
                if args.alarms:
                    print(f"  alarm {chunk.lang} {chunk.topic_id} {found.ids}: {chunk.text}")

    print("Own situation examples → recognised first, leave-one-out, by language")
    for key in sorted(by_lang):
        print(f"  {key:14s} {pct(*by_lang[key])}")
    print("\n… by situation")
    for key in sorted(by_situation):
        print(f"  {key:28s} {pct(*by_situation[key])}")
    print("\nMost frequent confusions (expected → recognised first)")
    for (name, got), n in sorted(confused.items(), key=lambda kv: -kv[1])[:40]:
        print(f"  {name:28s} → {got:28s} {n}")
    print("\nOwn ordinary examples → a serious situation / an immediate danger, by language and script")
    for key in sorted(false_serious):
        print(f"  {key:18s} {pct(*false_serious[key])}   immediate {pct(*false_immediate[key])}")
    total = [sum(v[0] for v in false_serious.values()), sum(v[1] for v in false_serious.values())]
    total_i = [sum(v[0] for v in false_immediate.values()), sum(v[1] for v in false_immediate.values())]
    ok = [sum(v[0] for v in by_situation.values()), sum(v[1] for v in by_situation.values())]
    print(f"\nSummary: examples recognised {pct(*ok)}; ordinary → serious {pct(*total)}, → immediate {pct(*total_i)}")
    n = clean_alarms[2]
    print(
        f"  clean (topics not about a situation): → serious {pct(clean_alarms[0], n)}, → immediate {pct(clean_alarms[1], n)}"
    )
    print(
        "  false alarms by situation: "
        + ", ".join(f"{k} {v}" for k, v in sorted(alarms.items(), key=lambda kv: -kv[1]))
    )
    print("  … by topic: " + ", ".join(f"{k} {v}" for k, v in sorted(by_topic.items(), key=lambda kv: -kv[1])[:20]))
    for item in shown:
        print("  miss:", item)


def clause_alarms(recogniser, retriever, table, rows: list[int], limit: int) -> None:
    """Ordinary example questions of several clauses, recognised whole and clause by clause as ``recognise``
    does (their own row left out): the clause rule must not turn a question into a danger."""
    clauses = recogniser.texts.clauses
    chunks = retriever.chunks
    chosen = [r for r in rows if chunks[r].kind == "question" and len(clauses(chunks[r].text)) >= 2]
    chosen = chosen[:: max(1, len(chosen) // limit)][:limit]
    serious = immediate = 0
    for row in chosen:
        text = chunks[row].text
        pieces = [text] + [p for p in clauses(text) if p != text.strip()][:4]
        vectors = retriever.embedder.embed_queries(pieces)
        scored = []
        for piece, vector in zip(pieces, vectors):
            scores = table.matrix @ np.asarray(vector, dtype=np.float32)
            scores[row] = -2.0
            scored.append((piece, scores))
        found = recogniser.decide(text, scored, table)
        left = recogniser.harmless.weighed(pieces)
        if left != pieces:  # as ``recognise`` does: weighed without its harmless phrases too, negative only
            vectors = retriever.embedder.embed_queries(left) if left else []
            unsaid = [(p, scores_without(table, v, [row])) for p, v in zip(left, vectors)]
            found = only_lost(found, recogniser.decide(text, unsaid, table))
        serious += bool(found)
        immediate += found.immediate is not None
        if found.immediate is not None:
            print(f"  clause alarm {chunks[row].lang} {chunks[row].topic_id} {found.ids}: {text}")
    n = len(chosen)
    print(f"Ordinary questions of several clauses: → serious {pct(serious, n)}, → immediate {pct(immediate, n)}\n")


def scores_without(table, vector, rows: list[int]) -> np.ndarray:
    scores = table.matrix @ np.asarray(vector, dtype=np.float32)
    scores[rows] = -2.0
    return scores


def without_harmless(recogniser, table, text: str, found, rows: list[int]):
    """``found`` (the reading of an own example ``text``) as ``recognise`` gives it when the text holds a harmless
    phrase ("Tem pronto-socorro noturno perto?"): also weighed without the phrase, a reading only lost."""
    left = recogniser.harmless.without(text)
    if left == text:
        return found
    unsaid = [(left, scores_without(table, recogniser._retriever().embedder.embed_queries([left])[0], rows))]
    return only_lost(found, recogniser.decide(text, unsaid if left else [], table))


def own_messages(recogniser, data: dict) -> None:
    """Our own dev messages (bench/data/safety_dev.yaml), whole, through ``recognise`` as the turn calls it."""
    right = [0, 0]
    by_lang: dict[str, list[int]] = defaultdict(lambda: [0, 0])
    for item in data.get("situation_messages") or []:
        found = recogniser.recognise(item["text"], item["lang"].split("-")[0])
        wanted = item["situations"]
        immediate = [s for s in wanted if recogniser.catalogue[s].immediate]
        ok = set(wanted) <= set(found.ids) and (not immediate or found.ids[0] in immediate)
        right[0] += ok
        right[1] += 1
        by_lang[item["lang"]][0] += ok
        by_lang[item["lang"]][1] += 1
        print(f"  {'ok  ' if ok else 'MISS'} {item['lang']:8s} {wanted} → {found.ids}  {item['text']}")
    quiet = [0, 0]
    for item in data.get("ordinary_messages") or []:
        found = recogniser.recognise(item["text"], item["lang"].split("-")[0])
        quiet[0] += not found
        quiet[1] += 1
        if found:
            print(f"  ALARM {item['lang']:8s} {found.ids}  {item['text']}")
    print("  by language: " + ", ".join(f"{k} {v[0]}/{v[1]}" for k, v in sorted(by_lang.items())))
    print(f"Own dev messages: situations {pct(*right)}; ordinary left alone {pct(*quiet)}\n")


if __name__ == "__main__":
    main()
