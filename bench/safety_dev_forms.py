"""Emergency or danger replies to our OWN ordinary Japanese questions in the three forms residents type them
(issue 13, item 4): as written (kanji), as a learner types kana (spaces after particles) and in romaji —
through the real dialogue turn, the way bench/safety.py counts them on the held-out sets (never read here).

    .venv/bin/python bench/safety_dev_forms.py [--data var/dev] [--limit 300]

The questions are the example questions of knowledge/questions/ja.yaml and ja-plain.yaml (every n-th, up to
``--limit`` per file), so a question is also in the index as an example: the figure is optimistic for the
kanji form; the kana and romaji forms are not in the index as written here.
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from bench.safety import INFO_TOPICS, Bench, pct  # noqa: E402
from knowledge.paths import QUESTIONS_DIR  # noqa: E402
from knowledge.questions import load_questions  # noqa: E402
from scripts.learner_forms import romaji, spaced_reading  # noqa: E402


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--data", type=Path, default=ROOT / "var" / "dev")
    parser.add_argument("--limit", type=int, default=300)
    args = parser.parse_args()
    bench = Bench(args.data)
    tally: dict[str, list[int]] = {}
    for lang in ("ja", "ja-plain"):
        questions = [q for q in load_questions(QUESTIONS_DIR, [lang]) if q.topic_id not in INFO_TOPICS]
        for q in questions[:: max(1, len(questions) // args.limit)][: args.limit]:
            kana = spaced_reading(q.text)
            for form, text in (("kanji", q.text), ("kana", kana), ("romaji", romaji(kana))):
                replies = bench.turn(text, "ja")
                bad = bench.danger_reply(replies)
                counts = tally.setdefault(f"{lang}/{form}", [0, 0])
                counts[0] += bad
                counts[1] += 1
                if bad:
                    print(f"  DANGER {lang}/{form} {q.topic_id}: {text}")
    for key, (bad, n) in tally.items():
        print(f"{key:16s} emergency/danger replies {pct(bad, n)}")


if __name__ == "__main__":
    main()
