"""Two questions in one sentence: where a sentence is cut into its questions.

"国民健康保険に入りたいのと、あと年金も知りたい" is cut at a joiner ("and also"); "How do I renew my visa and where
do I pay resident tax?" at a boundary with a question on each side; "My bicycle was stolen and what is the
police number?" at a conjunction with a statement on one side and a question on the other; "ビザの更新は
どこですか住民税は…" after a question's end. The words are language data, ``translations/<lang>/parts.yaml``:

- ``joiners``: always a cut between two long enough sides;
- ``boundaries`` (", ", a space in Thai): a cut when both sides ask something (hold a word of ``asks``);
- ``conjunctions`` (" and "): a cut when one side asks and the other is long enough to say something;
- ``ends`` (ました, ですか, တယ်): a statement's or question's end inside a sentence (no punctuation): a cut
  after it as at a conjunction (not before hiragana: ましたが goes on);
- ``question_ends`` (どこ, 在哪里, "요 "): where a question may end inside a run-on sentence of two questions
  ("入管はどこ住民税はいつ", "주민세는 어디서 내요 연금은 언제 받아요"): a cut after it only when both sides ask
  (not before hiragana either);
- ``refers_back`` ("its", "there"): the right side is about the same thing as the left: no cut;
- ``pairs`` (" and ", と, 和) joining two things asked about in one frame, ``about_before`` ("about", "sobre")
  and ``about_after`` (について, 에 대해, hakkında): "tell me about health insurance and the pension" is two
  questions, "tell me about health insurance" and "tell me about the pension" (``split_pair``);
- ``fillers`` (我, 应该, 办; "do", "go"): words that name no matter of their own — a question of words that
  ask and fillers only ("我应该怎么办", "what should I do?") is vague;
- ``wants`` ("I want to", mau, ចង់, อยาก): a side that says what the resident wants done asks for it, as a
  side with a word of ``asks`` does, where a sentence is cut (not elsewhere: "I want to …, what should I do?"
  still has one question of its own);
- ``compares`` ("difference", 차이, khác nhau): a question about two things compared, each answered;
- ``spaced``: whether ``asks`` are whole words (a script with spaces between words) or found inside words.
"""

from __future__ import annotations

import re
import unicodedata

from bot.dialogue.part_words import PartWords, fold

__all__ = [
    "split_clauses",
    "split_asking",
    "split_marked",
    "split_pair",
    "asks",
    "compares",
    "requests",
    "vague",
]

_CLAUSE_MIN_CHARS = 6  # each side of a cut must be at least this long to count as a question
_SAYS_MIN_CHARS = 12  # a side that does not ask must be this long to say something (half in kana, kanji, hangul)
_VAGUE_WORDS = (
    3  # a question with no more (short) words than this besides its words that ask is vague ("what should I do")
)
_VAGUE_CHARS = 6  # the same in scripts without spaces, in kana, kanji or hangul
_IDEOGRAPH = re.compile(r"[\u3400-\u9fff]")  # a kanji/hanzi names a thing: 工伤 (work injury) is a word
_KATAKANA = re.compile(r"[\u30a0-\u30ff]")
_HANGUL = re.compile(r"[\uac00-\ud7af]")
_IDEOGRAPH_WEIGHT, _KATAKANA_WEIGHT = 3, 2  # ... counted as this many kana (すればいい is 5, 垃圾扔 is 9)
# a hangul syllable, once a language's fillers (해요, 해야, 제가) are dropped, as a kanji: a Sino-Korean noun is
# one syllable per kanji (귀화 帰化, 연금 年金, 주민세 住民税), so "귀화는 어떻게 해요?" names something
_VAGUE_CHARS_OTHER = 8
_VAGUE_LEFT_CHARS = 3  # with the language's fillers dropped, a word this short left over names nothing ("ok")  # ... and in Thai, Burmese, Khmer letters (ធ្វើយ៉ាងម៉េច is vague, ប៉ូលិសលេខប៉ុន្មាន is not)
_SEPARATORS = re.compile(r"[\s,.;:!?¿¡\"'()\[\]、。，？！]+")
_STRIP = " ,、，;"
_HIRAGANA = re.compile(r"[\u3041-\u309f]")
_DENSE = re.compile(r"[\u3040-\u30ff\u3400-\u9fff\uac00-\ud7af]")  # kana, kanji, hangul: a word in 1-3 chars
_PAIR_MIN_CHARS = 2  # each thing of a pair is at least this long (年金, 税) ...
_PAIR_MAX_CHARS = 40  # ... and the second at most this long: a thing, not a sentence


def _has_any(text: str, words: tuple[str, ...], spaced: bool) -> bool:
    folded = fold(text)
    if not spaced:
        return any(w in folded for w in words)
    padded = " " + " ".join(_SEPARATORS.split(folded)) + " "
    return any(f" {w.strip()} " in padded for w in words if w.strip())


def asks(text: str, words: PartWords) -> bool:
    """Whether a piece of a sentence asks something (holds one of the language's words that ask)."""
    return _has_any(text, words.asks, words.spaced)


def requests(text: str, words: PartWords) -> bool:
    """Whether a piece asks something or says what the resident wants done ("Saya mau daftar asuransi",
    "보육원에 보내고 싶어요"): a statement of need asks for what it names."""
    return asks(text, words) or _has_any(text, words.wants, words.spaced)


def compares(text: str, words: PartWords) -> bool:
    """Whether a piece compares two things ("what is the difference between resident tax and income tax?",
    "주민세랑 소득세 차이가 뭐예요?", ``compares`` in ``parts.yaml``): it asks about each of them."""
    return _has_any(text, words.compares, words.spaced)


def split_clauses(sentence: str, joiners: tuple[str, ...], spaced: bool = False) -> list[str]:
    """'国民健康保険に入りたいのと、あと年金も知りたい' -> two questions, at the first joiner that leaves two
    long enough sides. In a script with spaces a joiner is a whole word (Mongolian мөн "also" is not the
    мөн of мөнгө "money")."""
    folded = sentence.casefold()
    for joiner in sorted(joiners, key=len, reverse=True):
        for at in _joiner_at(folded, joiner, spaced):
            left = sentence[:at].strip(_STRIP)
            right = sentence[at + len(joiner) :].strip(_STRIP)
            if _clause(left, spaced) and _clause(right, spaced):
                return [left] + split_clauses(right, joiners, spaced)
            break
    return [sentence]


def _clause(side: str, spaced: bool) -> bool:
    """Long enough to be a question of its own (half as long in kana, kanji or hangul: "想续签签证，还有…" wants a
    renewal in five characters); in a script with spaces also two words or more (Mongolian "Паспортоо бас
    гээсэн": "my passport too, lost" is one statement, not "Паспортоо" and "гээсэн")."""
    return _long_enough(side) and (not spaced or len(side.split()) >= 2)


def _joiner_at(folded: str, joiner: str, spaced: bool) -> list[int]:
    """Where a joiner stands in the sentence (the first place only; whole words in scripts with spaces)."""
    if not spaced or not joiner[:1].isalnum() and not joiner[-1:].isalnum():
        at = folded.find(joiner)
        return [at] if at >= 0 else []
    for m in re.finditer(re.escape(joiner), folded):
        before = folded[m.start() - 1] if m.start() > 0 else " "
        after = folded[m.end()] if m.end() < len(folded) else " "
        if not (joiner[:1].isalnum() and before.isalnum()) and not (joiner[-1:].isalnum() and after.isalnum()):
            return [m.start()]
    return []


def _says(text: str) -> bool:
    return len(text) >= (_SAYS_MIN_CHARS // 2 if _DENSE.search(text[:20]) else _SAYS_MIN_CHARS)


def _cuts(sentence: str, words: PartWords) -> list[tuple[int, int, str]]:
    """(start, end, kind) of every place the sentence could be cut, in order."""
    found = []
    kinds = (
        ("boundary", words.boundaries),
        ("conjunction", words.conjunctions),
        ("end", words.ends),
        ("question_end", words.question_ends),
    )
    for kind, items in kinds:
        after = kind in ("end", "question_end")
        for item in set(items):
            for m in re.finditer(re.escape(item), sentence, re.IGNORECASE):
                if after and not item[-1:].isspace() and _HIRAGANA.match(sentence, m.end()):
                    continue  # ましたが、… goes on: not an end (a space written after it is the end)
                if kind == "question_end" and item[-1:].isspace() and _asking_word(sentence[: m.end()], words):
                    continue  # "ねんきんは どう しますか": the question goes on after its word that asks
                found.append((m.end() if after else m.start(), m.end(), kind))
    return sorted(set(found))


def _score(left: str, right: str, kind: str, words: PartWords) -> int:
    """How surely a cut separates two questions: 2 when both sides ask, 1 when one asks and the other says
    something (only at a conjunction), 0 for no cut."""
    if kind == "question_end":  # 入管はどこ|住民税はいつ: kanji, kana and hangul say much in few characters
        if not (_long_enough(left) and _long_enough(right)):
            return 0
    elif len(left) < _CLAUSE_MIN_CHARS or len(right) < _CLAUSE_MIN_CHARS:
        return 0
    if _has_any(right, words.refers_back, words.spaced):
        return 0
    left_asks, right_asks = _requests(left, right, words), _requests(right, left, words)
    if left_asks and right_asks:
        return 2
    if kind == "question_end":
        return 0  # a run-on sentence is cut only between two questions
    if kind != "boundary" and ((left_asks and _says(right)) or (right_asks and _says(left))):
        return 1
    # at a comma, a statement and a question of its own ("My bicycle was stolen, what is the police number?"),
    # but not a question that only asks about the statement ("I lost my card, what should I do?")
    if kind == "boundary" and right_asks and _says(left) and not vague(right, words):
        return 1
    return 0


def _asking_word(text: str, words: PartWords) -> bool:
    """Whether the last word of ``text`` is a word that asks (どう, いつ)."""
    last = text.split()[-1:] or [""]
    return fold(last[0]) in words.asks


def _long_enough(side: str) -> bool:
    """A side of a run-on cut long enough to be a question: half as long in kana, kanji or hangul."""
    return len(side) >= (_CLAUSE_MIN_CHARS // 2 if _DENSE.search(side) else _CLAUSE_MIN_CHARS)


def _requests(text: str, other: str, words: PartWords) -> bool:
    """A side of a cut that asks, or says what the resident wants done ("Saya mau daftar asuransi") beside a
    question of its own (beside "what should I do?" the want is what that question is about)."""
    if asks(text, words):
        return True
    return _has_any(text, words.wants, words.spaced) and not vague(other, words)


def _names_a_thing(folded: str, words: PartWords) -> bool:
    """A word of its own before a particle written apart ("ごみ は いつ だしますか", "ひなんじょ は どこ"): plain
    Japanese names the thing it asks about there. Kana words are short and hold the words that ask (ひ*なん*じょ),
    so counting the letters left over cannot tell ごみ from すれば; a word that asks or refers back names nothing
    ("なに を すれば", "それ は どこ")."""
    tokens = [t.strip(_STRIP) for t in _SEPARATORS.split(folded)]
    nothing = set(words.asks) | set(words.refers_back) | set(words.fillers)
    return any(
        len(word) >= 2 and word not in nothing and after in words.names_before
        for word, after in zip(tokens, tokens[1:])
    )


def vague(text: str, words: PartWords) -> bool:
    """A question made of words that ask and little else ("what should I do?", "どうすればいいですか", "怎么办"):
    it asks about what was said before it, not about something of its own."""
    folded = fold(text)
    if words.names_before and _names_a_thing(folded, words):
        return False
    if words.spaced:
        padded = " " + " ".join(_SEPARATORS.split(folded)) + " "
        dropped = words.asks + (words.fillers + words.refers_back if words.fillers else ())
        for word in sorted((w.strip() for w in dropped if w.strip()), key=len, reverse=True):
            while f" {word} " in padded:
                padded = padded.replace(f" {word} ", " ")
        others = padded.split()
        if words.fillers:  # nothing named but words that ask and fillers ("Хог яаж хаях вэ?" names garbage)
            return not others or (len(others) == 1 and len(others[0]) <= _VAGUE_LEFT_CHARS)
        return len(others) <= _VAGUE_WORDS and len(" ".join(others)) < _SAYS_MIN_CHARS
    for word in sorted(words.asks + words.fillers, key=len, reverse=True):
        folded = folded.replace(word, "")
    rest = _SEPARATORS.sub("", folded)
    if words.fillers and not _DENSE.search(rest):  # Thai: letters, not vowel or tone marks (ทิ้งขยะ is 5)
        return sum(1 for c in rest if unicodedata.category(c) != "Mn") <= _VAGUE_LEFT_CHARS
    if _DENSE.search(rest) or not rest:
        # 儿童津贴怎么申请 asks about something of its own; 怎么办, どうすればいいですか do not
        weight = len(rest) + (_IDEOGRAPH_WEIGHT - 1) * len(_IDEOGRAPH.findall(rest))
        weight += (_KATAKANA_WEIGHT - 1) * len(_KATAKANA.findall(rest))
        if words.fillers:
            weight += (_IDEOGRAPH_WEIGHT - 1) * len(_HANGUL.findall(rest))
        return weight <= _VAGUE_CHARS
    return len(rest) <= _VAGUE_CHARS_OTHER


def _sure_cut(sentence: str, words: PartWords) -> bool:
    """Whether the sentence has a cut with a question of its own on each side (both sides ask)."""
    return any(
        _score(sentence[:start].strip(_STRIP), sentence[end:].strip(_STRIP), kind, words) == 2
        for start, end, kind in _cuts(sentence, words)
    )


def split_asking(sentence: str, words: PartWords) -> list[str]:
    """'How do I renew my visa and where do I pay resident tax?' -> two questions. The surest cut wins (both
    sides ask), the first of equally sure ones; "Where is the office and what are its hours?" stays whole."""
    return [piece for piece, _weak in split_marked(sentence, words)]


def split_marked(sentence: str, words: PartWords, weak: bool = False) -> list[tuple[str, bool]]:
    """``split_asking`` with each piece marked weak when a cut beside it had a question on one side only
    ("I lost my card, what should I do?" may be one question: the dialogue answers such a piece only with a
    topic the whole message is about too)."""
    best: tuple[int, int, int] | None = None
    for start, end, kind in _cuts(sentence, words):
        left, right = sentence[:start].strip(_STRIP), sentence[end:].strip(_STRIP)
        score = _score(left, right, kind, words)
        # the surest cut, the first of equally sure ones; of two run-on question ends the later ("ごみ は いつ
        # だす|ねんきん は どう する": a verb follows the word that asks)
        later = best is not None and kind == "question_end" and score == best[0] == 2
        if score and (best is None or score > best[0] or later):
            best = (score, start, end)
    if best is None:
        return [(sentence, weak)]
    score, start, end = best
    weak = weak or score < 2
    return split_marked(sentence[:start].strip(_STRIP), words, weak) + split_marked(
        sentence[end:].strip(_STRIP), words, weak
    )


def split_pair(sentence: str, words: PartWords) -> list[str]:
    """Two things asked about in one frame: "Can you tell me about health insurance and the pension?" ->
    "Can you tell me about health insurance", "Can you tell me about the pension?"; "国民年金と国民健康保険
    について教えてください" -> "国民年金について教えてください", "国民健康保険について教えてください". The frame is
    a word of ``about_before`` before the pair word or of ``about_after`` after it; the second thing is short
    and asks nothing (in Japanese: no kana, a noun of kanji or katakana: 日本人と結婚した場合は stays whole)."""
    if _sure_cut(sentence, words):
        return [sentence]  # "월급을 못 받았는데 어디에 상담하고 산재는 어떻게 신청해요?": two questions, cut there
    folded = fold(sentence)
    for pair in sorted(words.pairs, key=len, reverse=True):
        for at in _joiner_at(folded, pair, words.spaced):
            x, rest = sentence[:at], sentence[at + len(pair) :]
            pieces = _pair_pieces(sentence, x, rest, at, words)
            if pieces:
                return pieces
    return [sentence]


def _pair_pieces(sentence: str, x: str, rest: str, at: int, words: PartWords) -> list[str] | None:
    if len(x.strip(_STRIP)) < _PAIR_MIN_CHARS:
        return None
    if _HIRAGANA.match(x[-1:]) and not rest[:1].isspace():
        return None  # Japanese: a thing ends in kanji or katakana (国民年金と) or a space follows (ねんきんと ぜいきん)
    folded_rest = fold(rest)
    after = [(folded_rest.find(w), w) for w in words.about_after if folded_rest.find(w) >= _PAIR_MIN_CHARS]
    own_frame = any(w in fold(x) for w in words.about_after)  # "X는 어디서 하고 Y는 …": two questions, each
    # with its own frame (cut at a boundary), not a pair of things in one
    if after and not own_frame:  # 国民年金と|国民健康保険|について教えてください
        start = min(after)[0]
        if _thing(rest[:start], sentence, words):
            return [x.strip(_STRIP) + rest[start:], rest.strip(_STRIP)]
    ends = [_word_end(fold(x), w, words.spaced) for w in words.about_before]
    end = max(ends, default=-1)
    if end > 0 and len(x[end:].strip(_STRIP)) >= _PAIR_MIN_CHARS and _thing(rest, sentence, words):
        # Tell me about health insurance| and |the pension?
        return [x.strip(_STRIP), (x[:end].rstrip() + " " + rest.strip(_STRIP)).strip()]
    return None


def _word_end(folded: str, word: str, spaced: bool) -> int:
    """Where the last whole-word ``word`` in ``folded`` ends (-1: not there)."""
    end = -1
    for m in re.finditer(re.escape(word), folded):
        before = folded[m.start() - 1] if m.start() > 0 else " "
        after = folded[m.end()] if m.end() < len(folded) else " "
        if not spaced or not (word[:1].isalnum() and before.isalnum() or word[-1:].isalnum() and after.isalnum()):
            end = m.end()
    return end


def _thing(text: str, sentence: str, words: PartWords) -> bool:
    """A thing named, not a clause: short and asks nothing; in Japanese written with kanji, a noun without
    kana (印鑑登録, not 結婚した場合)."""
    core = text.strip(_STRIP + "?？!！.。")
    if not (_PAIR_MIN_CHARS <= len(core) <= _PAIR_MAX_CHARS) or asks(core, words):
        return False
    return not (_HIRAGANA.search(core) and _IDEOGRAPH.search(sentence))
