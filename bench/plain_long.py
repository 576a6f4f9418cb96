"""Plain-Japanese rewriter on long official text (issue 17 item 6): the guidebook's standard edition against
its hand-written plain edition, and long municipal-notice sentences.

    PYTHONPATH=$PWD .venv/bin/python bench/plain_long.py [--json]

Prints:
  * guidebook: each section of knowledge/guidebook/ja rewritten and compared with the same section
    (same {#id}) of knowledge/guidebook/ja-plain — SARI (identity and rewriter, the plain edition as the
    one reference) and mean jReadability of the standard text, the rewrite and the plain edition;
  * long sentences: bench/data/plain_long_official.yaml (official-style sentences with the notice each is
    modelled on) — mean jReadability before and after on the sentences over 60 characters, how many
    sentences lost an Arabic-digit number or a proper noun (Sudachi 固有名詞), and sentences per CPU
    second of one process (one core) over the whole set, repeated.
"""

from __future__ import annotations

import argparse
import json
import re
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
if str(ROOT) not in sys.path:
    sys.path.insert(0, str(ROOT))

from bench.plain_sari import mean_readability, numbers_of, score_all  # noqa: E402
from bench.sari import SariScore  # noqa: E402
from bench.sudachi_tokens import SPLIT_MODE, sudachi_tokenizer  # noqa: E402

__all__ = ["guidebook_comparison", "long_sentences", "lost_names", "main"]

STANDARD = ROOT / "knowledge" / "guidebook" / "ja"
PLAIN = ROOT / "knowledge" / "guidebook" / "ja-plain"
LONG = ROOT / "bench" / "data" / "plain_long_official.yaml"
_HEADING = re.compile(r"^#+\s.*\{#([\w-]+)\}")


def _sections(path: Path) -> dict[str, str]:
    out: dict[str, list[str]] = {}
    key = None
    for line in path.read_text(encoding="utf-8").splitlines():
        heading = _HEADING.match(line)
        if heading:
            key = f"{path.name}#{heading.group(1)}"
            out[key] = []
        elif key and line.strip() and not line.startswith("#"):
            out[key].append(re.sub(r"^(?:[-*]|\d+\.)\s+", "", line.strip()))
    return {k: "\n".join(v) for k, v in out.items() if v}


def _round(score: SariScore) -> dict[str, float]:
    return {k: round(v, 2) for k, v in vars(score).items()}


def guidebook_comparison(rewrite) -> dict:
    standard, plain = {}, {}
    for path in sorted(STANDARD.glob("*.md")):
        standard.update(_sections(path))
        if (PLAIN / path.name).is_file():
            plain.update(_sections(PLAIN / path.name))
    keys = [k for k in standard if k in plain]
    sources = [standard[k] for k in keys]
    references = [re.sub(r"[ \u3000]+", "", plain[k]) for k in keys]  # 分かち書き spaces are layout
    outputs = ["\n".join(rewrite(p) for p in text.split("\n")) for text in sources]
    tokenize = sudachi_tokenizer(SPLIT_MODE)
    src, ref = [tokenize(s) for s in sources], [tokenize(r) for r in references]
    identity, system = score_all(tokenize, src, sources, ref), score_all(tokenize, src, outputs, ref)
    return {
        "sections": len(keys),
        "sari_identity": _round(identity),
        "sari_rewriter": _round(system),
        "gain": round(system.sari - identity.sari, 2),
        "readability": {
            "standard": round(mean_readability(sources), 3),
            "rewriter": round(mean_readability(outputs), 3),
            "plain_edition": round(mean_readability([plain[k] for k in keys]), 3),
        },
        "numbers_lost": lost_numbers(sources, outputs),
    }


_ERA_YEAR = re.compile(r"(令和|平成|昭和|大正|明治)([0-9]+|元)年")
_CLOCK = re.compile(r"(?<![0-9])([0-9]{1,2})(?::([0-9]{2})|時(?!間))")


def _as_written(text: str) -> str:
    """The source's era years and 24-hour times as the rewriter writes them (平成24年 → 2012年, 17:15 → 5時15分):
    written differently, same value — the one documented way a number may change."""
    from bot.plain.numerals import western_year

    text = _ERA_YEAR.sub(lambda m: (western_year(m.group(1), m.group(2)) or m.group(0)) + "年", text)

    def clock(m: re.Match) -> str:
        hour = int(m.group(1))
        twelve = str(hour - 12) if 12 < hour < 24 else m.group(1)
        minute = m.group(2)
        return f"{twelve}時" + (f"{int(minute)}分" if minute and minute != "00" else "")

    return _CLOCK.sub(clock, text)


def lost_numbers(sources: list[str], outputs: list[str]) -> int:
    """How many outputs miss an Arabic-digit number of their source (era years and clock times compared in
    the form the rewriter writes them)."""
    return sum(1 for s, o in zip(sources, outputs) if not numbers_of(_as_written(s)) <= numbers_of(o))


def _names(text: str) -> set[str]:
    from bot.plain.numerals import ERAS
    from bot.plain.tokens import LOCK, tokenize

    with LOCK:
        return {t.text for t in tokenize(text) if t.tag_.startswith("名詞-固有名詞") and t.text not in ERAS}


def lost_names(sources: list[str], outputs: list[str]) -> int:
    """How many outputs miss a proper noun (Sudachi 固有名詞, by its surface) of their source; an era name
    (平成) is rewritten into a Western year on purpose and is not counted."""
    return sum(1 for s, o in zip(sources, outputs) if any(name not in o for name in _names(s)))


def long_sentences(rewrite, path: Path = LONG, repeat: int = 25) -> dict:
    import yaml

    items = yaml.safe_load(path.read_text(encoding="utf-8"))["sentences"]
    texts = [item["text"] for item in items]
    long = [t for t in texts if len(t) > 60]
    outputs = [rewrite(t) for t in long]
    before = [mean_readability([t]) for t in long]
    after = [mean_readability([o]) for o in outputs]
    cpu = time.process_time()
    for _ in range(repeat):
        for text in texts:
            rewrite(text)
    cpu = time.process_time() - cpu
    return {
        "sentences": len(texts),
        "over_60_chars": len(long),
        "readability_before": round(sum(before) / len(before), 3),
        "readability_after": round(sum(after) / len(after), 3),
        "gain": round((sum(after) - sum(before)) / len(long), 3),
        "numbers_lost": lost_numbers(long, outputs),
        "names_lost": lost_names(long, outputs),
        "sentences_per_cpu_s": round(repeat * len(texts) / cpu, 1) if cpu > 0 else float("inf"),
        "examples": [[s, o] for s, o in list(zip(long, outputs))[:3]],
    }


def report(result: dict) -> str:
    g, s = result["guidebook"], result["long"]
    r = g["readability"]
    return "\n".join(
        [
            f"guidebook ja → ja-plain: {g['sections']} sections; SARI identity {g['sari_identity']['sari']:.2f}, "
            f"rewriter {g['sari_rewriter']['sari']:.2f} ({g['gain']:+.2f}); jreadability standard {r['standard']:.3f}"
            f" → rewriter {r['rewriter']:.3f} (plain edition {r['plain_edition']:.3f}); numbers lost in "
            f"{g['numbers_lost']} sections",
            f"long official sentences: {s['over_60_chars']} of {s['sentences']} over 60 chars; jreadability "
            f"{s['readability_before']:.3f} → {s['readability_after']:.3f} ({s['gain']:+.3f}); numbers lost in "
            f"{s['numbers_lost']}, proper nouns lost in {s['names_lost']}; {s['sentences_per_cpu_s']:.0f} sentences "
            f"per CPU second (one core)",
        ]
    )


def run() -> dict:
    from bot.plain import rewrite

    def text_of(text: str) -> str:
        return rewrite(text).text

    text_of("準備します。")  # loads the rules, the lexicon and Sudachi before anything is timed
    return {"guidebook": guidebook_comparison(text_of), "long": long_sentences(text_of)}


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--json", action="store_true", help="print one JSON object instead of the table")
    args = parser.parse_args(argv)
    result = run()
    print(json.dumps(result, ensure_ascii=False, indent=2) if args.json else report(result))
    return 0


if __name__ == "__main__":
    sys.exit(main())
