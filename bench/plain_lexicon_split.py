"""How much the lexicon alone is worth: bare word substitution, scored by SARI on two id ranges of SNOW dev.

    PYTHONPATH=$PWD .venv/bin/python bench/plain_lexicon_split.py [--lexicon PATH] [--splits 1-20000,20001-25000]
        [--worst N]

The lexicon's SNOW entries are derived from ids 1–20000 (scripts/derive_plain_lexicon.py), so 20001–25000
is unseen: the gap between the two gains shows overfitting. Substitution here is deliberately bare — each
lexicon word (matched on Sudachi mode-C dictionary forms, longest first) becomes its easy form inflected
like the word it replaces (bot.plain.conjugate; a voiced て/た after it follows), keep-entries are left
as they are (no brackets) and nothing else changes — so it measures the data, not the engine's rules.
``--worst N`` lists the N entries applied most often on the last split whose easy form the reference
did not use: candidates for removal.
"""

from __future__ import annotations

import argparse
import sys
from collections import Counter
from pathlib import Path

import yaml

ROOT = Path(__file__).resolve().parents[1]
if str(ROOT) not in sys.path:
    sys.path.insert(0, str(ROOT))

from bench.sari import corpus_sari, sari_tokens  # noqa: E402
from bench.shared_data import default_dev_path, parse_id_range, read_snow_pairs  # noqa: E402
from bench.sudachi_tokens import sudachi_tokenizer  # noqa: E402
from scripts.snow_alignment import Token, Tokenizer  # noqa: E402

__all__ = ["Substituter", "evaluate", "main"]

LEXICON = ROOT / "bot" / "data" / "plain" / "lexicon.yaml"
_VOICED = {"て": "で", "た": "だ", "たり": "だり", "たら": "だら"}
_PLAIN = {voiced: plain for plain, voiced in _VOICED.items()}


class Substituter:
    """Bare lexicon substitution over Sudachi tokens; records which entries fired."""

    def __init__(self, entries: list[dict], tokenize: Tokenizer) -> None:
        from bot.plain.conjugate import conjugate, te_voicing

        self._conjugate, self._te_voicing, self.tokenize = conjugate, te_voicing, tokenize
        self.index: dict[str, list[tuple[tuple[str, ...], dict, Token]]] = {}
        # what to look for in a reference: the easy form without an inflecting last kana (出す → 出)
        self.easy = {
            e["word"]: e["easy"][:-1] if e.get("pos") in ("verb", "adjective") and len(e["easy"]) > 1 else e["easy"]
            for e in entries
            if "easy" in e
        }
        for entry in entries:
            if "easy" not in entry:
                continue
            lemmas = tuple(t.lemma for t in tokenize(entry["word"]))
            easy_last = tokenize(entry["easy"])[-1]
            self.index.setdefault(lemmas[0], []).append((lemmas, entry, easy_last))
        for options in self.index.values():
            options.sort(key=lambda item: -len(item[0]))

    def _inflect(self, entry: dict, easy_last: Token, last: Token) -> str | None:
        form = last.pos[5] if last.pos[5] != "*" else ""
        if not form or last.surface == last.lemma:
            return entry["easy"]
        inflected = self._conjugate(easy_last.lemma, easy_last.pos[4], form)
        return None if inflected is None else entry["easy"][: len(entry["easy"]) - len(easy_last.lemma)] + inflected

    def rewrite(self, text: str, fired: Counter) -> str:
        tokens, out, i = self.tokenize(text), [], 0
        while i < len(tokens):
            for lemmas, entry, easy_last in self.index.get(tokens[i].lemma, ()):
                n = len(lemmas)
                if tuple(t.lemma for t in tokens[i : i + n]) != lemmas:
                    continue
                replacement = self._inflect(entry, easy_last, tokens[i + n - 1])
                if replacement is None:
                    continue
                out.append(replacement)
                fired[entry["word"]] += 1
                i += n
                if i < len(tokens) and tokens[i].pos[0] in ("助動詞", "助詞"):
                    after = tokens[i].surface
                    plain = _PLAIN.get(after, after)
                    if plain in _VOICED:
                        out.append(_VOICED[plain] if self._te_voicing(replacement, after in _PLAIN) else plain)
                        i += 1
                break
            else:
                out.append(tokens[i].surface)
                i += 1
        return "".join(out)


def evaluate(pairs, substituter: Substituter, sari_tokenize) -> dict:
    fired, wrong = Counter(), Counter()
    identity, system = [], []
    for pair in pairs:
        src, ref = sari_tokenize(pair.original), sari_tokenize(pair.simplified)
        here = Counter()
        output = substituter.rewrite(pair.original, here)
        fired.update(here)
        wrong.update(word for word in here if substituter.easy[word] not in pair.simplified)
        identity.append(sari_tokens(src, src, [ref]))
        system.append(sari_tokens(src, sari_tokenize(output), [ref]))
    ident, sys_score = corpus_sari(identity), corpus_sari(system)
    return {
        "pairs": len(pairs),
        "identity": round(ident.sari, 2),
        "lexicon": round(sys_score.sari, 2),
        "gain": round(sys_score.sari - ident.sari, 2),
        "substitutions": sum(fired.values()),
        "fired": fired,
        "wrong": wrong,
    }


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--lexicon", type=Path, default=LEXICON)
    parser.add_argument("--dev", type=Path, default=default_dev_path())
    parser.add_argument("--splits", default="1-20000,20001-25000")
    parser.add_argument("--worst", type=int, default=0)
    args = parser.parse_args(argv)
    if not args.dev.is_file():
        print(f"no SNOW T15 file at {args.dev} (pass --dev)", file=sys.stderr)
        return 2
    entries = yaml.safe_load(args.lexicon.read_text(encoding="utf-8"))["entries"]
    tokenize = Tokenizer()
    substituter, sari_tokenize = Substituter(entries, tokenize), sudachi_tokenizer()
    result = None
    for split in args.splits.split(","):
        result = evaluate(read_snow_pairs(args.dev, parse_id_range(split)), substituter, sari_tokenize)
        print(
            f"ids {split}: {result['pairs']} pairs; SARI identity {result['identity']:.2f}, lexicon only "
            f"{result['lexicon']:.2f} ({result['gain']:+.2f}); {result['substitutions']} substitutions"
        )
    if args.worst and result:
        print("entries most often applied where the reference does not use the easy form (last split):")
        for word, count in result["wrong"].most_common(args.worst):
            print(f"  {word}: {count} of {result['fired'][word]}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
