"""How well training scores rank trainee replies the way a person grades them (issue 15 item 4).

Scores every graded reply in a set (default: the held-out ``tests/data/heldout/training_grades.yaml``;
``--set tests/data/training_dev.yaml`` for the examples the scorer is tuned on) with the training coach,
then prints the Spearman rank correlation between the scores and the grades (``grade_rank`` of the file),
the mean score per grade, and, with ``--show``, each reply's score.

    .venv/bin/python bench/training_scores.py [--set PATH] [--show]
"""

from __future__ import annotations

import argparse
import statistics
from collections import defaultdict
from pathlib import Path

import yaml

from bot.plain import check
from bot.training import TrainingCoach
from knowledge.offices import load_offices
from knowledge.place_loading import load_places
from knowledge.training_cases import load_training_book

ROOT = Path(__file__).resolve().parents[1]
HELDOUT = ROOT / "tests" / "data" / "heldout" / "training_grades.yaml"


def ranks(values: list[float]) -> list[float]:
    """1-based ranks, ties sharing their average rank."""
    order = sorted(range(len(values)), key=lambda i: values[i])
    result = [0.0] * len(values)
    i = 0
    while i < len(order):
        j = i
        while j + 1 < len(order) and values[order[j + 1]] == values[order[i]]:
            j += 1
        for k in range(i, j + 1):
            result[order[k]] = (i + j) / 2 + 1
        i = j + 1
    return result


def spearman(xs: list[float], ys: list[float]) -> float:
    """Pearson correlation of the ranks (correct with ties)."""
    rx, ry = ranks(xs), ranks(ys)
    mx, my = statistics.fmean(rx), statistics.fmean(ry)
    cov = sum((a - mx) * (b - my) for a, b in zip(rx, ry))
    var = (sum((a - mx) ** 2 for a in rx) * sum((b - my) ** 2 for b in ry)) ** 0.5
    return cov / var if var else 0.0


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--set", type=Path, default=HELDOUT, help="graded replies (YAML)")
    parser.add_argument("--show", action="store_true", help="print each reply's score")
    args = parser.parse_args()
    data = yaml.safe_load(args.set.read_text(encoding="utf-8"))
    book = load_training_book()
    coach = TrainingCoach(book, load_offices(), load_places(), check)
    scores, grades, per_grade = [], [], defaultdict(list)
    for item in data["replies"]:
        case = book.case(item["case"])
        if case is None:
            raise SystemExit(f"{args.set}: unknown case {item['case']!r}")
        score = coach.score(case, item["reply"])
        scores.append(score.points)
        grades.append(data["grade_rank"][item["grade"]])
        per_grade[item["grade"]].append(score.points)
        if args.show:
            print(f"{score.points:3d} {item['grade']:12s} {case.id:24s} {item['reply'][:60]}")
    print(
        f"graded replies: {len(scores)} ({args.set.relative_to(ROOT) if args.set.is_relative_to(ROOT) else args.set})"
    )
    for grade, points in sorted(per_grade.items(), key=lambda kv: -data["grade_rank"][kv[0]]):
        print(f"  {grade:12s} n={len(points):3d} mean score {statistics.fmean(points):5.1f}")
    print(f"Spearman rank correlation (score vs grade): {spearman(scores, grades):.3f}")


if __name__ == "__main__":
    main()
