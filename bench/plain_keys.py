"""Questions typed without diacritics, leave-one-out over the project's OWN example questions (issue 12).

Every example question of ``knowledge/questions/<lang>.yaml`` in a Latin-script language that carries marks
("Çöp atma günü ne zaman?") is stripped of them ("Cop atma gunu ne zaman?", ``knowledge.marks.fold``), written
as ``Retriever.search`` writes it, embedded and searched with its own row, the same text and its translations
left out (as ``bench/topic_confusions.py`` does). Prints per language the top-1 rate (own topic first) and the
answered rate (own topic first with a dense score at or above the answer threshold: the bot answers it), then
the same for the examples as written, with their marks, for comparison. Never the held-out sets.

    .venv/bin/python bench/plain_keys.py [--data var/plain-keys] [--langs tr,pt,es,vi] [--show 10]
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

import numpy as np

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "bench"))

from connectors.services import build_services  # noqa: E402
from connectors.settings import Settings  # noqa: E402
from left_out import left_out_rows  # noqa: E402
from topic_confusions import ranked  # noqa: E402
from knowledge.marks import fold  # noqa: E402

LANGS = "tr pt es vi fil id en".split()
BATCH = 256


def run(retriever, langs: list[str], strip: bool, threshold: float):
    """Per example with marks: (lang, own topic, topic found first, its dense score, answered, text searched)."""
    chunks = retriever.chunks
    left_out = left_out_rows(chunks)
    rows = [
        i
        for i, c in enumerate(chunks)
        if c.kind == "question" and c.lang in langs and not c.topic_id.startswith("status:") and fold(c.text) != c.text
    ]
    results = []
    for start in range(0, len(rows), BATCH):
        part = rows[start : start + BATCH]
        typed = [fold(chunks[i].text) if strip else chunks[i].text for i in part]
        searched = [_written(retriever, text, chunks, i, left_out[i]) for i, text in zip(part, typed)]
        vectors = np.array(retriever._matrix[part], dtype=np.float32)
        redo = [j for j, (i, text) in enumerate(zip(part, searched)) if text != chunks[i].text]
        if redo:
            vectors[redo] = retriever.embedder.embed_queries([searched[j] for j in redo])
        products = vectors @ retriever._matrix.T
        for j, i in enumerate(part):
            chunk = chunks[i]
            order = ranked(retriever, products[j], searched[j], chunk.lang, left_out[i])
            found = retriever.topic_ids[order[0]]
            dense = _dense(retriever, products[j], left_out[i], order[0])
            results.append(
                (chunk.lang, chunk.topic_id, found, dense, found == chunk.topic_id and dense >= threshold, searched[j])
            )
    return results


def _written(retriever, text: str, chunks, row: int, left_out: np.ndarray) -> str:
    """``Retriever.written``, its mark vocabulary counted without the left-out examples (no example lends
    its own written words to its stripped self)."""
    lang = chunks[row].lang
    if lang not in retriever._folded or fold(text) != text:
        return retriever.written(text, lang)
    return retriever._marks(lang).restore(text, [chunks[r].text for r in left_out if chunks[r].lang == lang])


def _dense(retriever, scores: np.ndarray, left_out: np.ndarray, topic: int) -> float:
    """The dense score of ``topic`` as ``Retriever.search`` computes it, without the ``left_out`` rows."""
    r = retriever
    keep = np.ones(len(scores), dtype=bool)
    keep[left_out] = False
    passage, _ = r._best(scores, r._passage)
    examples = r._top_mean(scores, r._question & keep, 3)
    return float((passage[topic] + examples[topic]) / 2 if r._has_questions[topic] else passage[topic])


def report(title: str, results, langs: list[str]) -> None:
    print(title)
    total = [0, 0, 0]
    for lang in langs:
        mine = [r for r in results if r[0] == lang]
        if not mine:
            continue
        top1, answered = sum(r[1] == r[2] for r in mine), sum(r[4] for r in mine)
        total = [total[0] + top1, total[1] + answered, total[2] + len(mine)]
        print(
            f"  {lang:4s} top-1 {top1:4d}/{len(mine):4d} = {top1 / len(mine):.3f}   answered {answered / len(mine):.3f}"
        )
    if total[2]:
        print(
            f"  all  top-1 {total[0]:4d}/{total[2]:4d} = {total[0] / total[2]:.3f}   answered {total[1] / total[2]:.3f}"
        )


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--data", type=Path, default=ROOT / "var" / "plain-keys")
    parser.add_argument("--langs", default=",".join(LANGS))
    parser.add_argument("--show", type=int, default=0, help="misses printed per language (stripped run)")
    args = parser.parse_args()
    settings = Settings(data_dir=args.data, reindex_check_seconds=0, _env_file=None)
    retriever = build_services(settings).assistant.retriever()
    langs = args.langs.split(",")
    stripped = run(retriever, langs, True, settings.answer_threshold)
    report(
        f"Examples with their marks stripped (answered: own topic first, dense ≥ {settings.answer_threshold})",
        stripped,
        langs,
    )
    report("The same examples as written", run(retriever, langs, False, settings.answer_threshold), langs)
    for lang in langs:
        misses = [r for r in stripped if r[0] == lang and r[1] != r[2]][: args.show]
        for _, own, found, dense, _, text in misses:
            print(f"  {lang:4s} {own} → {found} ({dense:.3f}): {text}")


if __name__ == "__main__":
    main()
