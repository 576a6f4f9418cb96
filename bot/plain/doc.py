"""A tokenised text: Sudachi morphemes as light ``Token`` objects in a ``Doc``, sliced into ``Span``s.

The rules read a token's surface (``text``), dictionary form (``lemma_``), normalised form (``norm_``),
part of speech (``tag_``, e.g. 名詞-普通名詞-サ変可能), its coarse class (``pos_``: ``VERB`` or ``AUX``
for the words that conjugate like a verb, else ``""``), reading and inflection, and where it sits
(``idx``: its first character in ``doc.text``; ``i``: its index). A single ASCII space after a word is that
word's ``whitespace_``; other runs of spaces and line breaks are tokens of their own, tagged 空白.
Building these objects costs a fraction of what spaCy's ``Doc`` costs, which is why the rewriter keeps its
own (every stage that changes the text tokenises it again).
"""

from __future__ import annotations

from collections.abc import Iterator

__all__ = ["SENTENCE_END", "Doc", "Span", "Token"]

SENTENCE_END = ("。", "！", "？", "!", "?")


class Token:
    __slots__ = ("i", "text", "idx", "whitespace_", "tag_", "pos_", "lemma_", "norm_", "reading", "inflection")

    def __init__(self, i: int, text: str, idx: int, morph: tuple) -> None:
        self.i, self.text, self.idx = i, text, idx
        self.whitespace_ = ""
        self.tag_, self.lemma_, self.norm_, self.reading, self.inflection, self.pos_ = morph

    @property
    def text_with_ws(self) -> str:
        return self.text + self.whitespace_

    @property
    def is_space(self) -> bool:
        return self.text.isspace()

    @property
    def like_num(self) -> bool:
        """A number written in digits (1,000, 3.5, １２, 1/2)."""
        text = self.text.lstrip("+-±~").replace(",", "").replace(".", "")
        if text.isdigit():
            return True
        top, slash, bottom = text.partition("/")
        return bool(slash) and top.isdigit() and bottom.isdigit()

    def __len__(self) -> int:
        return len(self.text)

    def __repr__(self) -> str:
        return self.text


class _Tokens:
    """What ``Doc`` and ``Span`` share: a run of tokens ``start:end`` of a doc."""

    __slots__ = ()
    doc: Doc
    start: int
    end: int

    def __len__(self) -> int:
        return self.end - self.start

    def __iter__(self) -> Iterator[Token]:
        return iter(self.doc.tokens[self.start : self.end])

    def __getitem__(self, key):
        if isinstance(key, slice):
            first, last, step = key.indices(len(self))
            if step != 1:
                raise ValueError("a span is sliced without a step")
            return Span(self.doc, self.start + first, self.start + max(first, last))
        if key < 0:
            key += len(self)
        if not 0 <= key < len(self):
            raise IndexError(key)
        return self.doc.tokens[self.start + key]

    @property
    def start_char(self) -> int:
        tokens = self.doc.tokens
        return tokens[self.start].idx if self.start < len(tokens) else len(self.doc.text)

    @property
    def end_char(self) -> int:
        if self.end <= self.start:
            return self.start_char
        last = self.doc.tokens[self.end - 1]
        return last.idx + len(last.text)


class Span(_Tokens):
    __slots__ = ("doc", "start", "end")

    def __init__(self, doc: Doc, start: int, end: int) -> None:
        self.doc, self.start, self.end = doc, start, end

    @property
    def text(self) -> str:
        return self.doc.text[self.start_char : self.end_char]

    def __repr__(self) -> str:
        return self.text


class _Positions(dict):
    """The doc's indexes by surface and dictionary form, and (built on first use) by tag and normalised form."""

    def __init__(self, doc: Doc, texts: dict[str, list[int]], lemmas: dict[str, list[int]]) -> None:
        super().__init__(text=texts, lemma=lemmas)
        self.doc = doc

    def __missing__(self, kind: str) -> dict[str, list[int]]:
        found: dict[str, list[int]] = {}
        if kind == "tag":
            for i, token in enumerate(self.doc):
                found.setdefault(token.tag_, []).append(i)
        elif kind == "norm":
            for i, token in enumerate(self.doc):
                if token.norm_ != token.lemma_:
                    found.setdefault(token.norm_, []).append(i)
        else:
            raise KeyError(kind)
        self[kind] = found
        return found


class Doc(list):
    """The tokens of ``text``: a list (indexing, ``len`` and iteration at C speed, which the rules do most);
    ``span(start, end)`` gives a ``Span`` with its text (a slice ``doc[a:b]`` is a plain list of tokens)."""

    __slots__ = ("text", "tokens", "memo", "_positions", "_sentences")

    def __init__(self, text: str, tokens: list[Token] | None = None) -> None:
        super().__init__(tokens or ())
        self.text = text
        self.tokens = self  # the token list itself (Span and the matcher read ``doc.tokens``)
        self.memo: dict[str, object] = {}  # facts about the whole text that rules compute once per doc
        self._positions: dict[str, dict[str, list[int]]] | None = None
        self._sentences: list[tuple[int, int]] | None = None

    @property
    def doc(self) -> Doc:
        return self

    def span(self, start: int | None, end: int | None) -> Span:
        """Tokens ``start:end`` (slice semantics: negative and out-of-range bounds allowed) as a ``Span``."""
        first, last, _ = slice(start, end).indices(len(self))
        return Span(self, first, max(first, last))

    def positions(self) -> dict[str, dict[str, list[int]]]:
        """Where each surface ("text"), dictionary form ("lemma"), tag ("tag") and normalised form that is
        not the dictionary form ("norm": 為る of する) occurs; the last two are built when first asked for."""
        if self._positions is None:
            texts: dict[str, list[int]] = {}
            lemmas: dict[str, list[int]] = {}
            for i, token in enumerate(self):
                texts.setdefault(token.text, []).append(i)
                lemmas.setdefault(token.lemma_, []).append(i)
            self._positions = _Positions(self, texts, lemmas)
        return self._positions

    def sentence_of(self, index: int) -> tuple[int, int]:
        """Token range of the sentence around token ``index``: a sentence ends with its 。！？ or with the
        token that holds a line break (both included)."""
        if self._sentences is None:
            self._sentences = bounds = []
            start = 0
            for i, token in enumerate(self.tokens):
                if token.text in SENTENCE_END or "\n" in token.text:
                    bounds.extend([(start, i + 1)] * (i + 1 - start))
                    start = i + 1
            bounds.extend([(start, len(self.tokens))] * (len(self.tokens) - start))
        return self._sentences[index] if index < len(self._sentences) else (index, index)

    def __repr__(self) -> str:
        return self.text
