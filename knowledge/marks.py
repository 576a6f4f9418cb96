"""Questions typed without diacritics ("isencao do nenkin", "cop atma gunu", "gia han visa o dau").

Residents on a phone keyboard often leave the marks out of Portuguese, Spanish, Turkish or Vietnamese. The
embedding model reads such words as other words (or none), so the question's dense score falls below the
answer threshold and its topic is lost (issue 12). Two remedies, for the languages whose
``translations/<code>/language.yaml`` says ``fold_marks: true``:

- ``fold``: the accent-free form of a text (NFD, combining marks dropped, and the few letters that are not a
  base letter plus a mark: Turkish ı, Vietnamese đ). The lexical index and the query are both folded, so a
  word typed plainly meets its written form.
- ``MarkVocabulary.restore``: the question written with its marks put back, for the embedding. Each plain run
  of words is looked up, longest first (three words, then two, then one: Vietnamese syllables are told apart
  by their neighbours), among the accent-free forms of the content in that language (passages, example
  questions, intent examples); the form written there is used when it is clearly the usual one. Only a question written wholly without marks is
  restored: one with marks shows a keyboard that writes them (restoring its plain words lowered the examples
  as written, bench/plain_keys.py).

Measured with bench/plain_keys.py (leave-one-out over our own tr/pt/es/vi example questions with marks, 1,857,
stripped of them; the left-out example's own words taken out of the vocabulary): top-1 0.478 → 0.668, answered
(own topic first, dense ≥ 0.86) 0.412 → 0.620 (vi 0.209 → 0.716, tr 0.516 → 0.632, pt 0.619 → 0.651, es 0.639 →
0.664); the examples as written 0.686 → 0.688.
"""

from __future__ import annotations

import functools
import re
import unicodedata
from collections import Counter, defaultdict
from collections.abc import Iterable, Iterator

__all__ = ["fold", "has_marks", "MarkVocabulary"]

# letters that are not a base letter plus a combining mark, so NFD leaves them as they are
_LETTERS = str.maketrans({"ı": "i", "đ": "d", "Đ": "D", "ł": "l", "Ł": "L", "ø": "o", "Ø": "O"})
_WORD = re.compile(r"[^\W\d_]+")
_LONGEST = 3  # words per looked-up run
_SHARE = 0.6  # the written form a plain run takes must be at least this share of the run's occurrences
_SEEN = 2  # ... and have been seen at least this often


def fold(text: str) -> str:
    """``text`` without diacritics: "isenção" → "isencao", "çöp" → "cop", "Gia hạn ở đâu" → "Gia han o dau"."""
    decomposed = unicodedata.normalize("NFD", text.translate(_LETTERS))
    return unicodedata.normalize("NFC", "".join(c for c in decomposed if not unicodedata.combining(c)))


def has_marks(word: str) -> bool:
    return fold(word) != word


class MarkVocabulary:
    """Accent-free runs of one to three words → the written run most often seen (``restore``)."""

    def __init__(self, texts: Iterable[str]) -> None:
        seen: dict[tuple[str, ...], Counter[tuple[str, ...]]] = defaultdict(Counter)
        for text in texts:
            for plain, run in _runs(text):
                seen[plain][run] += 1
        # runs seen once can never be the usual form (``_SEEN``): dropped, most of the memory
        self._seen = {plain: dict(forms) for plain, forms in seen.items() if forms.total() >= _SEEN}

    def __len__(self) -> int:
        return len(self._seen)

    def _form(self, plain: tuple[str, ...], left_out: Counter[tuple[str, ...]]) -> tuple[str, ...] | None:
        """The usual written form of a plain run, counting without ``left_out`` (a bench's left-out text)."""
        forms = self._seen.get(plain)
        if forms is None:
            return None
        counts = {form: count - left_out[form] for form, count in forms.items()}
        form = max(counts, key=counts.__getitem__)
        if counts[form] >= _SEEN and counts[form] >= _SHARE * sum(counts.values()):
            return form  # plain-written runs too: they keep their words plain
        return None

    def restore(self, text: str, left_out: Iterable[str] = ()) -> str:
        """``text`` with the usual marks on its plain words ("gia han visa o dau" → "gia hạn visa ở đâu");
        words written with marks, and words the content has no clear written form for, are left as typed.
        ``left_out``: texts counted as if absent from the vocabulary (a bench leaves an example out)."""
        absent = Counter(run for t in left_out for _, run in _runs(t))
        matches = list(_WORD.finditer(text))
        out, last, i = [], 0, 0
        while i < len(matches):
            for n in range(min(_LONGEST, len(matches) - i), 0, -1):
                run = matches[i : i + n]
                if any(has_marks(m.group()) for m in run) or not _adjacent(text, run):
                    continue
                form = self._form(tuple(_fold_word(m.group().lower()) for m in run), absent)
                if form is None:
                    continue
                for match, word in zip(run, form):
                    out.append(text[last : match.start()] + _cased(word, match.group()))
                    last = match.end()
                i += n
                break
            else:
                i += 1
        return "".join(out) + text[last:]


def _runs(text: str) -> Iterator[tuple[tuple[str, ...], tuple[str, ...]]]:
    """Each run of one to ``_LONGEST`` words of ``text`` (lower-cased), accent-free and as written."""
    words = [w.lower() for w in _WORD.findall(unicodedata.normalize("NFC", text))]
    plain = [_fold_word(w) for w in words]
    for n in range(1, _LONGEST + 1):
        for i in range(len(words) - n + 1):
            yield tuple(plain[i : i + n]), tuple(words[i : i + n])


@functools.lru_cache(maxsize=65536)
def _fold_word(word: str) -> str:
    return fold(word)


def _adjacent(text: str, run: list[re.Match[str]]) -> bool:
    """The words follow each other with only spaces between (no punctuation)."""
    return all(not text[a.end() : b.start()].strip() for a, b in zip(run, run[1:]))


def _cased(word: str, typed: str) -> str:
    if typed.isupper() and len(typed) > 1:
        return word.upper()
    return word[0].upper() + word[1:] if typed[:1].isupper() else word
