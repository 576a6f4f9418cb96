"""Keep a rewritten verb grammatical with what follows it: the stem before て/た, and て/で, た/だ voicing."""

from __future__ import annotations

from bot.plain.conjugate import te_voicing

__all__ = ["TE", "fix_te", "form_before"]

TE = {"て", "で", "た", "だ", "たり", "だり", "ても", "でも"}


def form_before(doc, end: int, form: str) -> str:
    """Before て/た a 五段 verb takes its sound-changed stem (持っ+て, not 持ち+て)."""
    if form.startswith("連用形") and end < len(doc) and doc[end].text in TE:
        return "連用形-促音便"
    return form


def fix_te(doc, end: int, after: str) -> tuple[int, str]:
    """After a replaced verb, make a following て/た agree: 読ん+で → 見+て, 眠っ+て → 休ん+で.

    Returns the (possibly extended) end token and the replacement text."""
    if end >= len(doc) or end == 0 or not after:
        return end, after
    last, following = doc[end - 1], doc[end]
    if following.text not in TE or not last.tag_.startswith("動詞"):
        return end, after  # after べき, だ is the copula: nothing to agree with
    was_voiced = following.text[0] in "でだ"
    voiced = te_voicing(after, was_voiced)
    if voiced == was_voiced:
        return end, after
    first = {"て": "で", "た": "だ", "で": "て", "だ": "た"}[following.text[0]]
    return end + 1, after + first + following.text[1:]
