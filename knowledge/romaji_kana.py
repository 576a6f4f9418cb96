"""Japanese typed in Latin letters (romaji) back to hiragana, as learners type it: Hepburn (shi, chi, tsu, fu,
ja), the keyboard spellings (si, ti, tu, hu, zi, sya, tya, zya, jya), doubled consonants (kitte, matcha), n
before a consonant or at a word's end (konnichiwa, shinbun, hon), long vowels typed out (kyuuryou, oo) or with a
macron (ō, ū), and the particles wa / o / e written apart (は, を, へ).

``romaji_to_kana`` also says how much of the text read as romaji: English, Spanish or Filipino words mostly do
not ("help", "trabajo"), so a caller can tell a romaji message from one in another Latin-script language. Words
that do not read as romaji are kept as they are.
"""

from __future__ import annotations

import re
import unicodedata

__all__ = ["romaji_to_kana"]

_VOWELS = "aiueo"
_ROWS = {
    "": "あいうえお",
    "k": "かきくけこ",
    "g": "がぎぐげご",
    "s": "さしすせそ",
    "z": "ざじずぜぞ",
    "t": "たちつてと",
    "d": "だぢづでど",
    "n": "なにぬねの",
    "h": "はひふへほ",
    "b": "ばびぶべぼ",
    "p": "ぱぴぷぺぽ",
    "m": "まみむめも",
    "r": "らりるれろ",
    "y": "や\0ゆ\0よ",
    "w": "わ\0\0\0を",
}
_SPECIAL = {
    "shi": "し",
    "chi": "ち",
    "tsu": "つ",
    "fu": "ふ",
    "ji": "じ",
    "si": "し",
    "ti": "ち",
    "tu": "つ",
    "hu": "ふ",
    "zi": "じ",
    "di": "ぢ",
    "du": "づ",
    "ja": "じゃ",
    "ju": "じゅ",
    "jo": "じょ",
    "je": "じぇ",
    "she": "しぇ",
    "che": "ちぇ",
    "fa": "ふぁ",
    "fi": "ふぃ",
    "fe": "ふぇ",
    "fo": "ふぉ",
    "va": "ば",
    "vi": "び",
    "vu": "ぶ",
    "ve": "べ",
    "vo": "ぼ",
}
_YOON = {"a": "ゃ", "u": "ゅ", "o": "ょ"}
_YOON_HEADS = {  # kya → き + ゃ; sha, sya → し + ゃ; cha, tya, cya → ち + ゃ; jya, zya → じ + ゃ
    **{c + "y": _ROWS[c][1] for c in "kgnhbpmr"},
    "sh": "し",
    "sy": "し",
    "ch": "ち",
    "ty": "ち",
    "cy": "ち",
    "jy": "じ",
    "zy": "じ",
    "dy": "ぢ",
}
_PARTICLES = {"wa": "は", "o": "を", "e": "へ"}
_MACRONS = str.maketrans({"ā": "aa", "ī": "ii", "ū": "uu", "ē": "ee", "ō": "ou", "â": "aa", "û": "uu", "ô": "ou"})


def _syllables() -> dict[str, str]:
    table = {}
    for head, kana in _ROWS.items():
        for vowel, char in zip(_VOWELS, kana):
            if char != "\0":
                table[head + vowel] = char
    table.update(_SPECIAL)
    for head, char in _YOON_HEADS.items():
        for vowel, small in _YOON.items():
            table[head + vowel] = char + small
    return table


_TABLE = _syllables()
_LONGEST = max(map(len, _TABLE))


def _word(word: str) -> tuple[str, int]:
    """One word as hiragana, and how many of its letters read as romaji (0 when the word does not)."""
    out, i = [], 0
    while i < len(word):
        rest = word[i:]
        if len(rest) >= 2 and rest[0] == rest[1] and rest[0] not in _VOWELS + "n":
            out.append("っ")  # kitte, zasshi
            i += 1
            continue
        if rest.startswith("tch"):
            out.append("っ")  # matcha
            i += 1
            continue
        for size in range(min(_LONGEST, len(rest)), 0, -1):
            kana = _TABLE.get(rest[:size])
            if kana:
                out.append(kana)
                i += size
                break
        else:
            if rest[0] in "nm" and (len(rest) == 1 or rest[1] not in _VOWELS + "y"):
                out.append("ん")  # hon, shinbun, konnichiwa; m before b/p (shimbun)
                i += 1 + (rest[1:2] == "'")
                continue
            return word, 0
    return "".join(out), len(word)


def romaji_to_kana(text: str) -> tuple[str, float]:
    """The text in hiragana (words that are not romaji kept as typed) and the share of its letters that
    read as romaji (0.0 – 1.0)."""
    folded = unicodedata.normalize("NFC", text).casefold().translate(_MACRONS)
    pieces, read, letters = [], 0, 0
    for token in re.split(r"(\s+|[^\w']+)", folded):
        if not token or not re.search(r"[a-z]", token):
            pieces.append(token)
            continue
        word = re.sub(r"[^a-z']", "", token)
        letters += len(word)
        if word in _PARTICLES:
            pieces.append(_PARTICLES[word])
            read += len(word)
            continue
        kana, count = _word(word)
        pieces.append(kana if count else token)
        read += count
    return "".join(pieces), (read / letters if letters else 0.0)
