"""Inflect a dictionary-form word into a Sudachi conjugation form (the form of the word it replaces).

Covers what the rewriter needs: 五段 verbs of every row, 一段 verbs, サ変 (する, 〜する), カ変 (来る) and
い-adjectives. Anything else returns None, and the rule that asked is skipped — the engine never guesses.
"""

from __future__ import annotations

__all__ = ["IRREGULAR_I", "conjugate", "source_form", "te_form", "te_voicing"]

_ROWS = {  # 五段 ending → (未然, 連用, 仮定/命令, 意志)
    "う": ("わ", "い", "え", "お"),
    "く": ("か", "き", "け", "こ"),
    "ぐ": ("が", "ぎ", "げ", "ご"),
    "す": ("さ", "し", "せ", "そ"),
    "つ": ("た", "ち", "て", "と"),
    "ぬ": ("な", "に", "ね", "の"),
    "ぶ": ("ば", "び", "べ", "ぼ"),
    "む": ("ま", "み", "め", "も"),
    "る": ("ら", "り", "れ", "ろ"),
}
_ONBIN = {"う": "っ", "つ": "っ", "る": "っ", "く": "い", "ぐ": "い", "ぬ": "ん", "ぶ": "ん", "む": "ん", "す": "し"}
_SURU = {
    "未然形-サ": "さ",
    "未然形-セ": "せ",
    "未然形-一般": "し",
    "連用形-一般": "し",
    "終止形-一般": "する",
    "連体形-一般": "する",
    "仮定形-一般": "すれ",
    "命令形": "しろ",
    "意志推量形": "しよう",
}
_KURU = {
    "未然形-一般": "来",
    "連用形-一般": "来",
    "終止形-一般": "来る",
    "連体形-一般": "来る",
    "仮定形-一般": "来れ",
    "命令形": "来い",
    "意志推量形": "来よう",
}
_ADJ = {
    "語幹-一般": "",
    "連用形-一般": "く",
    "連用形-促音便": "かっ",
    "連用形-ウ音便": "う",
    "終止形-一般": "い",
    "連体形-一般": "い",
    "仮定形-一般": "けれ",
    "未然形-一般": "かろ",
}


def _godan(lemma: str, form: str) -> str | None:
    stem, last = lemma[:-1], lemma[-1]
    if last not in _ROWS:
        return None
    mizen, renyo, katei, ishi = _ROWS[last]
    if form in ("終止形-一般", "連体形-一般"):
        return lemma
    if form == "未然形-一般":
        return stem + mizen
    if form == "連用形-一般":
        return stem + renyo
    if form in ("仮定形-一般", "命令形"):
        return stem + katei
    if form == "意志推量形":
        return stem + ishi + "う"  # Sudachi keeps the う in the token: 行こう
    if form == "連用形-イ音便" and last not in "くぐ":  # ござい(ます), いらっしゃい(ます): the polite stem
        return stem + renyo
    if form.startswith("連用形-") and form.endswith("便"):  # the て/た form's sound change
        return stem + ("っ" if lemma.endswith(("行く", "いく")) else _ONBIN[last])
    return None


def _ichidan(lemma: str, form: str) -> str | None:
    stem = lemma[:-1]
    if form.startswith("連用形"):
        return stem
    table = {
        "未然形-一般": stem,
        "終止形-一般": lemma,
        "連体形-一般": lemma,
        "仮定形-一般": stem + "れ",
        "命令形": stem + "ろ",
        "意志推量形": stem + "よう",
    }
    return table.get(form)


# Honorific verbs whose polite stem and imperative end in い (ください, なさい, いらっしゃいます, ございます).
IRREGULAR_I = ("くださる", "下さる", "なさる", "為さる", "いらっしゃる", "おっしゃる", "仰る", "ござる")


def source_form(lemma: str, form: str) -> str:
    """The form to copy from a token: ござい(ます), ください(ます) count as the plain 連用形."""
    return "連用形-一般" if form == "連用形-イ音便" and lemma.endswith(IRREGULAR_I) else form


def conjugate(lemma: str, kind: str, form: str) -> str | None:
    """``lemma`` (of conjugation type ``kind``) in Sudachi form ``form``; e.g. ('出す', '五段-サ行', '連用形-一般') → '出し'."""
    if not form:
        return lemma
    if lemma.endswith(IRREGULAR_I) and form in ("連用形-一般", "連用形-イ音便", "命令形"):
        return lemma[:-1] + "い"
    if form in ("未然形-サ", "未然形-セ") and not kind.startswith("サ行変格"):
        # the stem a 〜する verb takes before れる, せる (提出さ|れる) and ず (提出せ|ず): a 五段 verb's 未然形 (出さ|れる);
        # a 一段 verb would need られる after it (見せ|られる), which the following token does not say
        if kind.startswith(("上一段", "下一段")) and form == "未然形-サ":
            return None
        form = "未然形-一般"
    if kind.startswith("五段"):
        return _godan(lemma, form)
    if kind.startswith(("上一段", "下一段")):
        return _ichidan(lemma, form)
    if form.startswith("連用形") and kind.startswith(("サ行変格", "カ行変格")):
        form = "連用形-一般"
    if kind.startswith("サ行変格") and lemma.endswith("する"):
        ending = _SURU.get(form.replace("-撥音便", "-一般"))
        return None if ending is None else lemma[:-2] + ending
    if kind.startswith("カ行変格") and lemma.endswith(("来る", "くる")):
        ending = _KURU.get(form)
        return None if ending is None else lemma[:-2] + ending
    if kind.startswith("形容詞") and lemma.endswith("い"):
        ending = _ADJ.get(form)
        return None if ending is None else lemma[:-1] + ending
    return None


def te_voicing(inflected: str, was_voiced: bool) -> bool:
    """Whether a following て/た is voiced (で/だ) after ``inflected``: after ん yes; after an イ音便 it
    depends on the verb (泳いで, 書いて), so the old voicing is kept; otherwise no."""
    if inflected.endswith("ん"):
        return True
    return was_voiced if inflected.endswith("い") else False


def te_form(lemma: str, kind: str) -> str | None:
    """The て-form: 待つ → 待って, 読む → 読んで, 見る → 見て, 泳ぐ → 泳いで, 記入する → 記入して."""
    if kind.startswith("五段"):
        stem = _godan(lemma, "連用形-促音便")
        if stem is None:
            return None
        return stem + ("で" if lemma.endswith(("ぐ", "ぬ", "ぶ", "む")) else "て")
    stem = conjugate(lemma, kind, "連用形-一般")
    return None if stem is None else stem + "て"
