"""Benchmark of the plain-Japanese rewriter (issue 5) against the SNOW T15 development pairs.

    PYTHONPATH=$PWD .venv/bin/python bench/plain_sari.py [--dev PATH] [--ids 20001-25000] [--limit N] [--json]

Prints, for the identity baseline (output = original) and for ``bot.plain.rewrite``:
  * corpus SARI = mean of sentence SARI (Xu et al. 2016; one reference; 1–4-grams of Sudachi split-mode-A
    surface tokens after NFKC), with its keep / delete / add parts, and the rewriter's gain over identity;
  * jreadability (higher = easier), mean of per-sentence scores, for originals, rewrites and references;
  * jreadability of a long official-style passage (a guidebook chapter, rewritten paragraph by paragraph);
  * sentences per second of ``rewrite``, by wall clock and per CPU second of this process (the latter is
    steadier on a shared machine; the first call, which loads data, is timed separately);
  * numbers lost: sentences whose Arabic-digit numbers are not all in the output (also for the references).
When ``bot.plain`` does not exist yet it says so and prints the identity baseline. Progress goes to stderr.
"""

from __future__ import annotations

import argparse
import json
import re
import sys
import time
import unicodedata
from collections.abc import Callable
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
if str(ROOT) not in sys.path:
    sys.path.insert(0, str(ROOT))

from bench.sari import SariScore, corpus_sari, sari_tokens  # noqa: E402
from bench.shared_data import default_dev_path, parse_id_range, read_snow_pairs  # noqa: E402
from bench.sudachi_tokens import SPLIT_MODE, sudachi_tokenizer  # noqa: E402

__all__ = ["main", "run", "report", "numbers_of", "lost_numbers", "passage_paragraphs", "timed_rewrites"]

DEFAULT_PASSAGE = ROOT / "knowledge" / "guidebook" / "ja" / "01-residence.md"
_NUMBER = re.compile(r"[0-9]+(?:[,.][0-9]+)*")


def progress(message: str) -> None:
    print(message, file=sys.stderr, flush=True)


def load_rewriter() -> Callable[[str], str] | None:
    try:
        from bot.plain import rewrite
    except ImportError as error:
        progress(f"bot.plain.rewrite is not available yet ({error}); printing the identity baseline only")
        return None
    return lambda text: rewrite(text).text


def numbers_of(text: str) -> set[str]:
    return {n.replace(",", "") for n in _NUMBER.findall(unicodedata.normalize("NFKC", text))}


def lost_numbers(sources: list[str], outputs: list[str]) -> int:
    """How many outputs miss at least one Arabic-digit number of their source."""
    return sum(1 for s, o in zip(sources, outputs) if not numbers_of(s) <= numbers_of(o))


def passage_paragraphs(path: Path) -> list[str]:
    """Body paragraphs of a guidebook Markdown file (headings dropped, list markers stripped)."""
    paragraphs = []
    for line in path.read_text(encoding="utf-8").splitlines():
        line = line.strip()
        if not line or line.startswith("#"):
            continue
        paragraphs.append(re.sub(r"^(?:[-*]|\d+\.)\s+", "", line))
    return paragraphs


def timed_rewrites(rewrite: Callable[[str], str], texts: list[str]) -> tuple[list[str], dict[str, float]]:
    """Outputs and timings: the first call (loads data) apart, then sentences/s over the rest by wall
    clock and per second of this process's CPU time (steadier on a shared machine)."""
    start = time.perf_counter()
    outputs = [rewrite(texts[0])] if texts else []
    first = time.perf_counter() - start
    start, cpu_start = time.perf_counter(), time.process_time()
    for i, text in enumerate(texts[1:], 2):
        outputs.append(rewrite(text))
        if i % 5000 == 0:
            progress(f"  rewrote {i}/{len(texts)}")
    wall, cpu = time.perf_counter() - start, time.process_time() - cpu_start
    count = len(texts) - 1
    return outputs, {
        "sentences_per_s": round(count / wall, 1) if wall > 0 else float("inf"),
        "sentences_per_cpu_s": round(count / cpu, 1) if cpu > 0 else float("inf"),
        "first_call_s": round(first, 3),
    }


def score_all(tokenize, src_tokens: list[list[str]], outputs: list[str], ref_tokens: list[list[str]]) -> SariScore:
    scores = [sari_tokens(s, tokenize(o), [r]) for s, o, r in zip(src_tokens, outputs, ref_tokens)]
    return corpus_sari(scores)


def mean_readability(texts: list[str]) -> float:
    from fugashi import Tagger
    from jreadability import compute_readability

    tagger = Tagger()
    scores = [compute_readability(t, tagger) for t in texts if t.strip()]
    return sum(scores) / len(scores) if scores else float("nan")


def _sari_dict(score: SariScore) -> dict[str, float]:
    return {k: round(v, 2) for k, v in vars(score).items()}


def run(args: argparse.Namespace) -> dict:
    pairs = read_snow_pairs(Path(args.dev), parse_id_range(args.ids), args.limit)
    progress(f"{len(pairs)} pairs from {args.dev}")
    sources = [p.original for p in pairs]
    references = [p.simplified for p in pairs]
    tokenize = sudachi_tokenizer(SPLIT_MODE)
    src_tokens = [tokenize(s) for s in sources]
    ref_tokens = [tokenize(r) for r in references]
    result: dict = {
        "pairs": len(pairs),
        "ids": args.ids or "all",
        "tokens": f"sudachi mode {SPLIT_MODE} surface, NFKC",
        "corpus": "mean of sentence SARI",
        "identity": _sari_dict(score_all(tokenize, src_tokens, sources, ref_tokens)),
        "numbers_lost": {"reference": lost_numbers(sources, references)},
        "readability": {
            "original": round(mean_readability(sources), 3),
            "reference": round(mean_readability(references), 3),
        },
    }
    progress("identity baseline done")
    rewrite = load_rewriter()
    if rewrite is None:
        result["rewriter"] = None
        return result
    outputs, speed = timed_rewrites(rewrite, sources)
    system = score_all(tokenize, src_tokens, outputs, ref_tokens)
    result["rewriter"] = _sari_dict(system)
    result["gain"] = round(system.sari - result["identity"]["sari"], 2)
    result["numbers_lost"]["rewriter"] = lost_numbers(sources, outputs)
    result["readability"]["rewriter"] = round(mean_readability(outputs), 3)
    result["speed"] = speed
    paragraphs = passage_paragraphs(Path(args.passage))
    rewritten = [rewrite(p) for p in paragraphs]
    result["passage"] = {
        "file": str(Path(args.passage).relative_to(ROOT)) if Path(args.passage).is_relative_to(ROOT) else args.passage,
        "chars": sum(map(len, paragraphs)),
        "readability_before": round(mean_readability(["\n".join(paragraphs)]), 3),
        "readability_after": round(mean_readability(["\n".join(rewritten)]), 3),
        "numbers_lost": lost_numbers(paragraphs, rewritten),
    }
    return result


def report(result: dict) -> str:
    ident = result["identity"]
    lines = [
        f"SNOW T15 pairs: {result['pairs']} (ids {result['ids']}); tokens: {result['tokens']}; "
        f"corpus score = {result['corpus']}",
        f"SARI identity : {ident['sari']:6.2f}  (keep {ident['keep']:.2f}  delete {ident['delete']:.2f}  "
        f"add {ident['add']:.2f})",
    ]
    system = result.get("rewriter")
    if system is None:
        lines.append("SARI rewriter : bot.plain.rewrite not available yet")
    else:
        lines += [
            f"SARI rewriter : {system['sari']:6.2f}  (keep {system['keep']:.2f}  delete {system['delete']:.2f}  "
            f"add {system['add']:.2f})",
            f"SARI gain     : {result['gain']:+6.2f} points over identity",
            f"speed         : {result['speed']['sentences_per_s']:.0f} sentences/s wall clock, "
            f"{result['speed']['sentences_per_cpu_s']:.0f} per CPU second "
            f"(first call {result['speed']['first_call_s']:.2f} s, not counted)",
        ]
    read = result["readability"]
    lines.append(
        "jreadability  : originals {original:.3f}  references {reference:.3f}".format(**read)
        + (f"  rewrites {read['rewriter']:.3f}" if "rewriter" in read else "")
        + "  (higher = easier)"
    )
    lost = result["numbers_lost"]
    lines.append(
        f"numbers lost  : references {lost['reference']}"
        + (f"  rewriter {lost['rewriter']}" if "rewriter" in lost else "")
        + f" of {result['pairs']}"
    )
    if "passage" in result:
        p = result["passage"]
        lines.append(
            f"long text     : {p['file']} ({p['chars']} chars) jreadability {p['readability_before']:.3f}"
            f" → {p['readability_after']:.3f}; numbers lost in {p['numbers_lost']} paragraphs"
        )
    return "\n".join(lines)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--dev", default=str(default_dev_path()), help="SNOW T15 TSV (default ../shared/…/dev.tsv)")
    parser.add_argument("--ids", help="only ids in this range, e.g. 20001-25000 (held-out slice of dev)")
    parser.add_argument("--limit", type=int, help="at most N pairs")
    parser.add_argument("--passage", default=str(DEFAULT_PASSAGE), help="long official-style Markdown text")
    parser.add_argument("--json", action="store_true", help="print one JSON object instead of the table")
    parser.add_argument(
        "--long",
        action="store_true",
        help="also the long-text benchmark (bench/plain_long.py): guidebook ja → ja-plain, long notices",
    )
    args = parser.parse_args(argv)
    if not Path(args.dev).is_file():
        print(f"no SNOW T15 file at {args.dev} (pass --dev)", file=sys.stderr)
        return 2
    result = run(args)
    if args.long:
        from bench.plain_long import report as long_report
        from bench.plain_long import run as long_run

        result["long_text"] = long_run()
    if args.json:
        print(json.dumps(result, ensure_ascii=False, indent=2))
    else:
        print(report(result) + ("\n" + long_report(result["long_text"]) if args.long else ""))
    return 0


if __name__ == "__main__":
    sys.exit(main())
