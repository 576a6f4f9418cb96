"""Retrieval accuracy of the packaged index with the real model, and the index's size on disk.

Prints top-1 accuracy per language on tests/data/questions/<lang>.yaml (the set the retrieval-accuracy test
checks at ≥ 90 %), on tests/data/status_questions.yaml, the mean dense score of the first topic (moves when
the stored vectors lose precision, before accuracy does), and the size of ``knowledge/prebuilt/``.

    .venv/bin/python bench/retrieval_accuracy.py

It serves from the prebuilt index when that matches the content (else it builds one: minutes).
"""

from __future__ import annotations

import sys
import tempfile
from pathlib import Path

import yaml

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from connectors.services import build_services  # noqa: E402
from connectors.settings import Settings  # noqa: E402
from knowledge.paths import PREBUILT_DIR  # noqa: E402

QUESTIONS = ROOT / "tests" / "data" / "questions"
STATUS_QUESTIONS = ROOT / "tests" / "data" / "status_questions.yaml"
STATUS_PREFIX = "status:"


def wanted(item: dict) -> list[str]:
    if "status" in item:
        return [STATUS_PREFIX + s for s in item["status"]]
    return item["topic"] if isinstance(item["topic"], list) else [item["topic"]]


def score(services, items: list[dict]) -> tuple[int, list[float]]:
    right, tops = 0, []
    for item in items:
        topics = services.assistant.find(item["q"]).topics
        right += bool(topics) and topics[0].topic_id in wanted(item)
        tops.append(topics[0].dense if topics else 0.0)
    return right, tops


def main() -> int:
    files = sorted(p for p in PREBUILT_DIR.iterdir() if p.is_file())
    print(
        "prebuilt index: "
        + ", ".join(f"{p.name} {p.stat().st_size / 1e6:.2f} MB" for p in files)
        + f"; total {sum(p.stat().st_size for p in files) / 1e6:.2f} MB"
    )
    with tempfile.TemporaryDirectory() as tmp:
        services = build_services(Settings(data_dir=Path(tmp), reindex_check_seconds=0, _env_file=None))
        total_right = total = 0
        all_tops: list[float] = []
        for path in sorted(QUESTIONS.glob("*.yaml")):
            items = yaml.safe_load(path.read_text(encoding="utf-8"))
            right, tops = score(services, items)
            total_right, total, all_tops = total_right + right, total + len(items), all_tops + tops
            print(f"{path.stem:9} top-1 {right:3}/{len(items):3} = {right / len(items):.3f}")
        print(
            f"{'all':9} top-1 {total_right:3}/{total:3} = {total_right / total:.4f}; "
            f"mean first dense score {sum(all_tops) / len(all_tops):.5f}"
        )
        statuses = yaml.safe_load(STATUS_QUESTIONS.read_text(encoding="utf-8"))
        right, tops = score(services, statuses)
        print(
            f"{'statuses':9} top-1 {right:3}/{len(statuses):3} = {right / len(statuses):.3f}; "
            f"mean first dense score {sum(tops) / len(tops):.5f}"
        )
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
