"""Which topics are taken for which, leave-one-out over the project's OWN example questions (issue 12).

Every example question of ``knowledge/questions/<lang>.yaml`` is searched as a resident's question with its own
row left out of the index, and every row of the same text and the example's translations (the examples at the
same place in the topic's list in the other languages; ``--keep-translations`` keeps them): the dense part from
the stored vectors (a kana-only Japanese question is embedded again as ``Retriever.search`` writes it), the
lexical part (BM25) with the left-out rows zeroed before each part is scaled, fused as ``Retriever.search`` does. Prints per language the
top-1 rate (the question's own topic first among the topics) and the most frequent confusions (own topic →
topic found first), then the confusable pairs over all languages (both directions summed). Never the held-out
sets: these are the examples the retriever is built from.

    .venv/bin/python bench/topic_confusions.py [--data var/dev] [--top 8] [--pairs 30] [--show TOPIC,TOPIC]
        [--save FILE] [--compare FILE]

``--save`` writes each example's result (JSON); ``--compare`` a saved run: the figures again on the examples that
run had (so examples added since do not count), with the saved run's figures beside them.

``--show A,B`` prints the examples of A found as B and of B found as A (to see what the examples lack).
"""

from __future__ import annotations

import argparse
import json
import sys
from collections import Counter, defaultdict
from pathlib import Path

import numpy as np

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from connectors.services import build_services  # noqa: E402
from left_out import left_out_rows  # noqa: E402
from connectors.settings import Settings  # noqa: E402
from knowledge.lexical import _unit  # noqa: E402
from knowledge.tokenizers import reading_ngrams, tokenizer_for  # noqa: E402

LANGS = "ja ja-plain en zh ko es pt vi ne th id my km fil mn tr uk".split()
BATCH = 256


def lexical_without(lexical, query: str, lang: str, left_out: np.ndarray) -> np.ndarray:
    """``LexicalIndex.scores`` with the rows ``left_out`` zeroed before each part is scaled to [0, 1]."""
    langs = lexical.japanese if lang in lexical.japanese else (lang,)
    total = np.zeros(lexical.size, dtype=np.float32)
    parts = [(lexical._parts.get(name), tokenizer_for(name, lexical.writings)(query)) for name in langs]
    if lang in lexical.japanese:
        parts.append((lexical._kana, reading_ngrams(query)))
    for part, tokens in parts:
        scores = lexical._scores(part, tokens)
        scores[left_out] = 0.0
        total = np.maximum(total, _unit(scores))
    return total


def ranked(retriever, scores: np.ndarray, query: str, lang: str, left_out: np.ndarray) -> np.ndarray:
    """Topic indices (intents left out) best first, as ``Retriever.search`` ranks them without ``left_out``."""
    r = retriever
    keep = np.ones(len(scores), dtype=bool)
    keep[left_out] = False
    passage, _ = r._best(scores, r._passage)
    question, _ = r._best(scores, r._question & keep)
    examples = r._top_mean(scores, r._question & keep, 3)
    dense = np.where(r._is_intent, question, np.where(r._has_questions, (passage + examples) / 2, passage))
    lexical = np.zeros(len(r.topic_ids), dtype=np.float32)
    if r.lexical_weight:
        rows = lexical_without(r.lexical, query, lang, left_out)
        from_questions = np.maximum(r._best(rows, r._question & keep & (rows > 0))[0], 0.0)
        from_passages = np.maximum(r._best(rows, r._passage & (rows > 0))[0], 0.0)
        lexical = np.where(r._has_questions, from_questions, from_passages)
    fused = dense + r.lexical_weight * lexical
    order = np.argsort(-fused, kind="stable")
    return order[~r._is_intent[order]]


def run(retriever, langs: list[str], translations: bool = True):
    """Per example row: (lang, own topic, topic found first, text). With ``translations`` the rows of the same
    place in the topic's list in every language (the example's translations) are left out too."""
    chunks = retriever.chunks
    left = left_out_rows(chunks, translations)
    rows = [
        i
        for i, c in enumerate(chunks)
        if c.kind == "question" and c.lang in langs and not c.topic_id.startswith("status:")
    ]
    matrix = retriever._matrix
    results = []
    for start in range(0, len(rows), BATCH):
        part = rows[start : start + BATCH]
        searched = [retriever.written(chunks[i].text, chunks[i].lang.split("-")[0]) for i in part]
        vectors = np.array(matrix[part], dtype=np.float32)
        redo = [j for j, (i, text) in enumerate(zip(part, searched)) if text != chunks[i].text]
        if redo:
            vectors[redo] = retriever.embedder.embed_queries([searched[j] for j in redo])
        products = vectors @ matrix.T
        for j, i in enumerate(part):
            chunk = chunks[i]
            lang = chunk.lang.split("-")[0]
            order = ranked(retriever, products[j], searched[j], lang, left[i])
            results.append((chunk.lang, chunk.topic_id, retriever.topic_ids[order[0]], chunk.text))
    return results


def report(results, top: int, pairs: int, before: dict | None = None) -> None:
    by_lang: dict[str, list[int]] = defaultdict(lambda: [0, 0])
    confused: dict[str, Counter] = defaultdict(Counter)
    both: Counter = Counter()
    for lang, own, found, _ in results:
        by_lang[lang][0] += own == found
        by_lang[lang][1] += 1
        if own != found:
            confused[lang][(own, found)] += 1
            both[tuple(sorted((own, found)))] += 1
    right = sum(v[0] for v in by_lang.values())
    total = sum(v[1] for v in by_lang.values())
    old = _by_lang(before or {})
    print(f"Leave-one-out top-1 over own example questions: {right}/{total} = {right / max(total, 1):.4f}")
    for lang in [x for x in LANGS if x in by_lang]:
        ok, n = by_lang[lang]
        worst = ", ".join(f"{a}→{b} {k}" for (a, b), k in confused[lang].most_common(top))
        was = f" (was {old[lang][0]}/{old[lang][1]} = {old[lang][0] / old[lang][1]:.3f})" if lang in old else ""
        print(f"  {lang:8s} {ok:4d}/{n:4d} = {ok / n:.3f}{was}  misses {n - ok:3d}: {worst}")
    print(f"\nConfusable pairs, all languages (both directions; {sum(both.values())} misses)")
    for (a, b), k in both.most_common(pairs):
        ab = sum(c[(a, b)] for c in confused.values())
        ba = sum(c[(b, a)] for c in confused.values())
        print(f"  {k:3d}  {a} ↔ {b}  ({a}→{b} {ab}, {b}→{a} {ba})")


def _by_lang(saved: dict) -> dict[str, list[int]]:
    counts: dict[str, list[int]] = defaultdict(lambda: [0, 0])
    for lang, own, found, _ in saved.values():
        counts[lang][0] += own == found
        counts[lang][1] += 1
    return counts


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--data", type=Path, default=ROOT / "var" / "dev")
    parser.add_argument("--langs", default=",".join(LANGS))
    parser.add_argument("--top", type=int, default=8, help="confusions printed per language")
    parser.add_argument("--pairs", type=int, default=30, help="pairs printed over all languages")
    parser.add_argument("--show", default="", help="TOPIC,TOPIC: print those pairs' misses")
    parser.add_argument("--save", type=Path, help="write each example's result here (JSON)")
    parser.add_argument("--compare", type=Path, help="a saved run: figures on its examples only")
    parser.add_argument(
        "--keep-translations", action="store_true", help="leave out the same text only, not its translations"
    )
    args = parser.parse_args()
    services = build_services(Settings(data_dir=args.data, reindex_check_seconds=0, _env_file=None))
    retriever = services.assistant.retriever()
    results = run(retriever, args.langs.split(","), not args.keep_translations)
    if args.save:
        args.save.write_text(json.dumps({f"{r[0]}|{r[1]}|{r[3]}": r for r in results}, ensure_ascii=False))
    before = json.loads(args.compare.read_text(encoding="utf-8")) if args.compare else None
    if before is not None:
        print(f"All examples now: {sum(r[1] == r[2] for r in results)}/{len(results)}; below, those of the saved run")
        results = [r for r in results if f"{r[0]}|{r[1]}|{r[3]}" in before]
    report(results, args.top, args.pairs, before)
    if args.show:
        pair = set(args.show.split(","))
        print(f"\nMisses within {sorted(pair)}")
        for lang, own, found, text in results:
            if own != found and (own in pair and (found in pair or len(pair) == 1)):
                print(f"  {lang:8s} {own} → {found}: {text}")


if __name__ == "__main__":
    main()
