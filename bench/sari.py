"""SARI (Xu et al. 2016, "Optimizing Statistical Machine Translation for Text Simplification", TACL 4).

For each n = 1..4 SARI compares the n-grams of the source S, the system output C and the references R:

* keep — F1 of the n-grams kept from the source (precision over what C kept, recall over what R kept);
  counts are clipped and weighted as in the paper (a kept n-gram counts in proportion to how many of
  its copies the references keep);
* delete — precision only, of the n-grams C removed from the source that the references removed too;
* add — F1 of the n-grams C added (not in S) that the references add too (sets, not counts).

The three are averaged over n and then with equal weight; the sentence score is in 0..100. An empty
set scores 0 (the original definition, as in Xu's released SARI.py / Joshua's SARI; some later
re-implementations such as EASSE score 0/0 as 1). Consequence worth knowing: an output identical to
its source deletes and adds nothing, so it scores at most 100/3 — even when the reference is identical
too. With several references their counts are pooled and the source and output counts are multiplied
by the number of references, as in the original.

The tokenizer is injected (``Tokenize``); the bench uses Sudachi, tests use whitespace.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Callable, Sequence
from dataclasses import dataclass

__all__ = ["SariScore", "Tokenize", "sari", "sari_tokens", "ngrams", "corpus_sari"]

Tokenize = Callable[[str], Sequence[str]]
MAX_N = 4


@dataclass(frozen=True)
class SariScore:
    """One SARI value (0..100) with its three components (each 0..100, averaged over n)."""

    sari: float
    keep: float
    delete: float
    add: float


def ngrams(tokens: Sequence[str], n: int) -> Counter[tuple[str, ...]]:
    return Counter(tuple(tokens[i : i + n]) for i in range(len(tokens) - n + 1))


def _f1(precision: float, recall: float) -> float:
    return 2 * precision * recall / (precision + recall) if precision + recall > 0 else 0.0


def _scale(counter: Counter, factor: int) -> Counter:
    return Counter({gram: count * factor for gram, count in counter.items()})


def _ngram_scores(source: Counter, output: Counter, refs: Counter, numref: int) -> tuple[float, float, float]:
    source_rep, output_rep = _scale(source, numref), _scale(output, numref)

    kept = source_rep & output_rep
    kept_good = kept & refs
    kept_by_refs = source_rep & refs
    keep_p = sum(kept_good[g] / kept[g] for g in kept_good) / len(kept) if kept else 0.0
    keep_r = sum(kept_good[g] / kept_by_refs[g] for g in kept_good) / len(kept_by_refs) if kept_by_refs else 0.0

    deleted = source_rep - output_rep
    deleted_good = deleted - refs
    delete_p = sum(deleted_good[g] / deleted[g] for g in deleted_good) / len(deleted) if deleted else 0.0

    added = set(output) - set(source)
    added_by_refs = set(refs) - set(source)
    added_good = added & added_by_refs
    add_p = len(added_good) / len(added) if added else 0.0
    add_r = len(added_good) / len(added_by_refs) if added_by_refs else 0.0

    return _f1(keep_p, keep_r), delete_p, _f1(add_p, add_r)


def sari_tokens(source: Sequence[str], output: Sequence[str], references: Sequence[Sequence[str]]) -> SariScore:
    """SARI of one output given already tokenised source, output and references."""
    if not references:
        raise ValueError("SARI needs at least one reference")
    keep = delete = add = 0.0
    for n in range(1, MAX_N + 1):
        refs: Counter = Counter()
        for reference in references:
            refs += ngrams(reference, n)
        k, d, a = _ngram_scores(ngrams(source, n), ngrams(output, n), refs, len(references))
        keep, delete, add = keep + k, delete + d, add + a
    keep, delete, add = (100 * value / MAX_N for value in (keep, delete, add))
    return SariScore(sari=(keep + delete + add) / 3, keep=keep, delete=delete, add=add)


def sari(source: str, output: str, references: Sequence[str], tokenize: Tokenize = str.split) -> SariScore:
    """SARI of one output sentence (0..100)."""
    return sari_tokens(tokenize(source), tokenize(output), [tokenize(r) for r in references])


def corpus_sari(scores: Sequence[SariScore]) -> SariScore:
    """Corpus SARI as the mean of sentence scores (the convention of Xu et al.'s released scripts)."""
    if not scores:
        return SariScore(0.0, 0.0, 0.0, 0.0)
    count = len(scores)
    return SariScore(
        sari=sum(s.sari for s in scores) / count,
        keep=sum(s.keep for s in scores) / count,
        delete=sum(s.delete for s in scores) / count,
        add=sum(s.add for s in scores) / count,
    )
