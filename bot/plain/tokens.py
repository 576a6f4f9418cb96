"""Sudachi tokens (split mode A) as the light ``Doc`` of ``bot.plain.doc``, built straight from the morphemes.

The rules match on Sudachi's surface, dictionary form, normalised form, part-of-speech tag and inflection.
A Sudachi tokenizer is not safe to share between threads, so every analysis happens under ``LOCK``
(tokenising a long sentence takes about a tenth of a millisecond).
"""

from __future__ import annotations

import re
import threading
from functools import lru_cache

from bot.plain.doc import Doc, Token
from knowledge.tokenizers import sudachi_dictionary

__all__ = [
    "LOCK",
    "conjugation_type",
    "inflection",
    "lemma_tokens",
    "reading",
    "short_units",
    "tokenize",
]

LOCK = threading.RLock()
_TOKENIZERS: dict[str, object] = {}
_SPACE_TAG = "空白"
_POS: dict[int, tuple[str, tuple[str, str]]] = {}  # Sudachi part-of-speech id → (tag, (type, form))
_MORPHS: dict = {}  # Sudachi word id (an unknown word: surface and part of speech) → _morph() of the word
_MORPHS_MAX = 200_000
_NUMERAL = "名詞-数詞"
_OOV = 0xF0000000  # word ids from here on are unknown words (is_oov()), whose forms depend on the surface
_READING_MARKS = re.compile("[=|]")
# coarse classes: the words that conjugate like a verb (VERB) or attach to one as an auxiliary (AUX)
_AUX_TAGS = frozenset({"動詞-非自立可能", "助動詞", "接尾辞-形容詞的", "名詞-助動詞語幹", "形状詞-助動詞語幹"})
_SURU_NOUNS = ("名詞-普通名詞-サ変可能", "名詞-普通名詞-サ変形状詞可能")
_CONTEXT_TAGS = frozenset({"動詞-非自立可能", "助詞-終助詞", "形状詞-助動詞語幹"})
_DEMONSTRATIVES = frozenset("あの かの この その どの 彼の 此の 其の ある こんな そんな どんな あらゆる".split())


def _tokenizer(mode: str):
    tokenizer = _TOKENIZERS.get(mode)
    if tokenizer is None:
        from sudachipy import SplitMode

        tokenizer = _TOKENIZERS[mode] = sudachi_dictionary().tokenizer(mode=getattr(SplitMode, mode))
    return tokenizer


def _morph(morpheme) -> tuple[str, str, str, str, tuple[str, str], str]:
    """(tag, dictionary form, normalised form, reading, (conjugation type, form), coarse class) of a word; the
    same for every occurrence of the word, so it is built once per word (``_MORPHS``)."""
    pos_id = morpheme.part_of_speech_id()
    found = _POS.get(pos_id)
    if found is None:
        parts = morpheme.part_of_speech()
        kind, _, form = ";".join(p for p in parts[4:] if p != "*").partition(";")
        found = _POS[pos_id] = ("-".join(p for p in parts[:4] if p != "*"), (kind, form))
    read = morpheme.reading_form()
    tag, inflected = found
    # spaCy's morphology split a reading at "," (1,000 → イチ): kept so that readings stay as they were
    reading = _READING_MARKS.sub("_", read).split(",")[0] if read else ""
    pos = "VERB" if tag == "動詞-一般" else "AUX" if tag in _AUX_TAGS else ""
    return tag, morpheme.dictionary_form() or morpheme.surface(), morpheme.normalized_form(), reading, inflected, pos


def _in_context(tokens: list) -> None:
    """``pos_`` (VERB for a 動詞-一般 verb, AUX for the verbs that can be auxiliaries — する, いる, 出す of
    動詞-非自立可能 — and auxiliaries) as the last token of ``tokens`` and the one before change it: a サ変
    noun before する is a verb (勉強|し), 〜ない before a final particle an auxiliary, and a 形状詞 stem after a
    case particle or an adnominal a noun (の|よう, 同じ|よう)."""
    token, before = tokens[-1], tokens[-2]
    tag = token.tag_
    if tag == "動詞-非自立可能" and before.tag_ in _SURU_NOUNS:
        before.pos_ = "VERB"
    elif tag == "助詞-終助詞" and before.tag_ == "形容詞-非自立可能":
        before.pos_ = "AUX"
    elif tag == "形状詞-助動詞語幹" and (
        before.tag_ == "助詞-格助詞" or (before.tag_ == "連体詞" and before.text not in _DEMONSTRATIVES)
    ):
        token.pos_ = ""


def _space(tokens: list, text: str, start: int, end: int) -> None:
    gap = text[start:end]
    tokens.append(Token(len(tokens), gap, start, (_SPACE_TAG, gap, gap, "", ("", ""), "")))


def tokenize(text: str, mode: str = "A") -> Doc:
    """The ``Doc`` of ``text`` (callers hold ``LOCK`` while they tokenise). A word's forms are read from the
    dictionary at its first occurrence and kept (``_MORPHS``)."""
    doc = Doc(text)
    tokens, morphs = doc.tokens, _MORPHS
    cursor, space_after = 0, False
    for morpheme in _tokenizer(mode).tokenize(text):
        begin, end = morpheme.begin(), morpheme.end()
        if begin == end:
            continue
        surface = text[begin:end]
        if surface.isspace():
            if space_after and surface == " ":  # the one space right after a word is the word's
                tokens[-1].whitespace_ = " "
                cursor += 1
            space_after = False
            continue
        if begin > cursor:  # other spaces and line breaks: a token of their own
            _space(tokens, text, cursor, begin)
        word = morpheme.word_id()
        key = (surface, morpheme.part_of_speech_id()) if word >= _OOV else word  # an unknown word: its surface
        morph = morphs.get(key)
        if morph is None or morph[0] == _NUMERAL:  # a numeral's reading depends on what it joins (三時間)
            morph = _morph(morpheme)
            if morph[0] != _NUMERAL:
                if len(morphs) >= _MORPHS_MAX:
                    morphs.clear()
                morphs[key] = morph
        tokens.append(Token(len(tokens), surface, begin, morph))
        if len(tokens) > 1 and morph[0] in _CONTEXT_TAGS:
            _in_context(tokens)
        cursor, space_after = end, True
    if cursor < len(text):
        _space(tokens, text, cursor, len(text))
    return doc


def reading(token) -> str:
    """Sudachi's reading (katakana) of a token, or ''."""
    return token.reading


def inflection(token) -> tuple[str, str]:
    """(conjugation type, conjugation form) such as ('五段-ラ行', '連用形-一般'), or ('', '')."""
    return token.inflection


@lru_cache(maxsize=4096)
def conjugation_type(lemma: str) -> str:
    """The conjugation type of a dictionary-form word (its last token's), e.g. 出す → '五段-サ行'."""
    with LOCK:
        doc = tokenize(lemma)
        return inflection(doc[-1])[0] if len(doc) else ""


@lru_cache(maxsize=8192)
def lemma_tokens(text: str) -> tuple[str, ...]:
    """The dictionary forms of the tokens of ``text`` (used to match multi-token lexicon words)."""
    with LOCK:
        return tuple(token.lemma_ for token in tokenize(text) if not token.is_space)


def short_units(text: str) -> list[tuple[str, str]]:
    """(surface, katakana reading) of Sudachi's short units (split mode A) of ``text``: 資格確認書 →
    資格, 確認, 書. Used to put ruby on the words of a long compound rather than over all of it."""
    with LOCK:
        return [(m.surface(), m.reading_form()) for m in _tokenizer("A").tokenize(text)]


_CLAUSE_ENDS = ("、", "。")


def _pieces(doc: Doc, changed: list[tuple[int, int, int]]) -> list[tuple[int | None, int | None, int]]:
    """The clauses to tokenise again, as (left mark, right mark, change in length): token indices of the 、/。
    before and after each change (None: the text's start or end), changes between the same marks merged."""
    marks = [t.i for t in doc if t.text in _CLAUSE_ENDS]
    pieces: list[list] = []
    for start, end, after in changed:
        left = right = None
        for mark in marks:
            token = doc[mark]
            if token.idx + len(token.text) <= start:
                left = mark
            elif token.idx >= end:
                right = mark
                break
        delta = after - (end - start)
        if pieces and (pieces[-1][1] is None or left is None or pieces[-1][1] >= left):
            pieces[-1][1] = right  # touches the piece before (its right mark is this one's left): one piece
            pieces[-1][2] += delta
        else:
            pieces.append([left, right, delta])
    return [(left, right, delta) for left, right, delta in pieces]


def retokenize(doc: Doc, text: str, changed: list[tuple[int, int, int]]) -> Doc:
    """The ``Doc`` of ``text``, which is ``doc.text`` with the character ranges ``changed`` (in ``doc.text``,
    in order, each with the length of its replacement) rewritten: only the clauses around the changes are
    tokenised again.

    Every analysis passes through a 、 or 。 that no dictionary word spans, so the words on either side of
    one do not depend on the other side: each clause that changed is tokenised from the mark before it to
    the mark after it, with those marks as its ends, and the tokens between the changed clauses are kept
    (moved by the changes in length before them). Tested against tokenising the whole text."""
    out = Doc(text)
    copied, shift = 0, 0  # old tokens up to ``copied`` are in ``out``; old offsets from there move by ``shift``
    for left, right, delta in _pieces(doc, changed):
        start = doc[left].idx if left is not None else 0
        end = doc[right].idx + 1 if right is not None else len(doc.text)
        piece = tokenize(text[start + shift : end + shift + delta])
        if (left is not None and piece[0].text != doc[left].text) or (
            right is not None and piece[-1].text != doc[right].text
        ):
            return tokenize(text)
        for token in doc[copied:left] if left is not None else ():
            token.i, token.idx = len(out), token.idx + shift
            out.append(token)
        for token in piece if right is None else piece[:-1]:  # the right mark is kept from ``doc``: its space too
            token.i, token.idx = len(out), token.idx + start + shift
            out.append(token)
        copied, shift = (right if right is not None else len(doc)), shift + delta
    for token in doc[copied:]:
        token.i, token.idx = len(out), token.idx + shift
        out.append(token)
    return out
