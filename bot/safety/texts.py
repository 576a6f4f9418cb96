"""Per-language wording of the safety replies and the cue phrases: ``translations/<lang>/situations.yaml``.

Sections: ``ui`` (short sentences of the reply), ``lines`` (each line's name and hours), ``situations``
(title and "what to do now" steps), ``cues`` (phrases that are evidence of a situation; "夫…殴" means
both parts, in this order, anything between) and ``not_cues`` (phrases that show a sentence is *not* the
situation, whatever its nearest example: a visa that "expires next month" has not run out yet — the model
hardly tells "expires" from "expired") and ``now_cues`` (phrases that say a situation is happening now or
someone is hurt: its ``now_lines`` come first — a crime happening now gets 110 first, one that is over the
police consultation line) and ``avoid_cues`` (a list: phrases that make a message a question about avoiding
something — "how do I avoid being scammed?" —, in which a cue of a serious situation that is not an
immediate danger does not stand by itself) and ``employer_cues`` (a list: the writer asks from the other
side — "I am HR, what papers to dismiss a foreign employee" —: no serious situation but a danger is read) and
``figure_cues`` (phrases that make a situation's cue words a figure of speech — "the tax deadline will kill me"
—: there that situation's cue does not stand by itself) and ``mistaken_cues`` (phrases saying a serious situation
was only feared, or asking how to check for it — "I thought my visa had expired, false alarm", "where is the
expiry date on the card" —: there the situation is ruled out, by cue and by example) and ``clause_words`` / ``clause_ends`` (required, a list each
language: the words that join two clauses of a message, where it is cut for reading clause by clause,
``bot/safety/clauses.py``). A language without a sentence falls back to English, so adding a language is
adding a file.
"""

from __future__ import annotations

import unicodedata
from dataclasses import dataclass, field
from pathlib import Path

from bot.safety.clauses import ClauseSplit, check_clause_word, clause_split
from bot.safety.hurt import WhoIsHurt, load_who_is_hurt
from bot.safety.phrases import Phrases, compile_phrases, squeeze
from bot.safety.scripts import spelling
from knowledge.lru import LRU
from knowledge.paths import TRANSLATIONS_DIR
from knowledge.yamlfile import load_yaml

__all__ = ["SafetyTexts", "load_safety_texts", "fold"]

FALLBACK = "en"
_AVOID = "avoid"


_LATIN_BARE = str.maketrans({"đ": "d", "ı": "i", "ø": "o", "ł": "l"})


def fold(text: str) -> str:
    """Case, width and Khmer spelling folded, and the Latin letters' accents dropped: residents often type
    Vietnamese, Turkish or Spanish without them ("chong danh em", "kocam beni dovuyor"), and a cue written
    with them must still match (the accents of other scripts, Devanagari's vowel signs, stay)."""
    text = unicodedata.normalize("NFKC", text).casefold().translate(_LATIN_BARE)
    if text.isascii():
        return text
    kept, base = [], ""
    for c in unicodedata.normalize("NFD", text):
        if not unicodedata.combining(c):
            base = c
        elif base.isascii() and base.isalpha():
            continue  # an accent of a Latin letter ("ồ" is o and two of them)
        kept.append(c)
    return spelling(unicodedata.normalize("NFC", "".join(kept)))


@dataclass(frozen=True)
class SafetyTexts:
    ui: dict[str, dict[str, str]]  # lang -> key -> sentence
    lines: dict[str, dict[str, dict[str, str]]]  # lang -> line id -> {name, hours}
    situations: dict[str, dict[str, dict]]  # lang -> situation id -> {title, steps}
    cues: dict[str, tuple[str, ...]] = field(default_factory=dict)  # situation id -> folded phrases (all languages)
    not_cues: dict[str, tuple[str, ...]] = field(default_factory=dict)  # situation id -> phrases ruling it out
    now_cues: dict[str, tuple[str, ...]] = field(default_factory=dict)  # situation id -> "it is happening now"
    avoid_cues: tuple[str, ...] = ()  # "how do I avoid …": a question about preventing a situation
    employer_cues: tuple[str, ...] = ()  # "I am HR, how do I dismiss …": asked from the other side
    clause_words: tuple[str, ...] = ()  # " and ", けど (all languages): a message is cut there into clauses
    clause_ends: tuple[str, ...] = ()  # "て ": a clause's end, the cut after it
    who_is_hurt: WhoIsHurt | None = None  # violence at home or a child in danger: who the hitting is done to
    # situation id -> phrases making its cue words a figure of speech ("this deadline will kill me")
    figure_cues: dict[str, tuple[str, ...]] = field(default_factory=dict)
    # situation id -> phrases saying it was only feared or is only checked for ("false alarm", "expiry date on")
    mistaken_cues: dict[str, tuple[str, ...]] = field(default_factory=dict)
    _cue_words: Phrases = field(init=False, repr=False, compare=False)
    _not_cue_words: Phrases = field(init=False, repr=False, compare=False)
    _now_cue_words: Phrases = field(init=False, repr=False, compare=False)
    _avoid_words: Phrases = field(init=False, repr=False, compare=False)
    _employer_words: Phrases = field(init=False, repr=False, compare=False)
    _figure_words: Phrases = field(init=False, repr=False, compare=False)
    _mistaken_words: Phrases = field(init=False, repr=False, compare=False)
    _clauses: ClauseSplit = field(init=False, repr=False, compare=False)

    def __post_init__(self) -> None:
        object.__setattr__(self, "_cue_words", compile_phrases(self.cues))
        object.__setattr__(self, "_not_cue_words", compile_phrases(self.not_cues))
        object.__setattr__(self, "_now_cue_words", compile_phrases(self.now_cues))
        object.__setattr__(self, "_avoid_words", compile_phrases({_AVOID: self.avoid_cues}))
        object.__setattr__(self, "_employer_words", compile_phrases({_AVOID: self.employer_cues}))
        object.__setattr__(self, "_figure_words", compile_phrases(self.figure_cues))
        object.__setattr__(self, "_mistaken_words", compile_phrases(self.mistaken_cues))
        object.__setattr__(self, "_clauses", clause_split(self.clause_words, self.clause_ends))

    def text(self, lang: str, key: str, **values: object) -> str:
        template = self.ui.get(lang, {}).get(key) or self.ui[FALLBACK][key]
        return template.format(**values) if values else template

    def line(self, lang: str, line_id: str) -> dict[str, str]:
        return self.lines.get(lang, {}).get(line_id) or self.lines[FALLBACK].get(line_id) or {"name": line_id}

    def situation(self, lang: str, situation_id: str) -> dict:
        return self.situations.get(lang, {}).get(situation_id) or self.situations[FALLBACK][situation_id]

    def has_steps(self, lang: str, situation_id: str) -> bool:
        return bool(self.situations.get(lang, {}).get(situation_id, {}).get("steps"))

    def cue_hits(self, text: str) -> list[str]:
        """Situations whose cue phrases occur in ``text`` (Latin-script cues only at a word start: "rape" is
        not in "grape"; Japanese also matched with the learner's spaces removed). A situation found only by
        phrases that lie inside a longer phrase of another situation is not found: Thai ไล่ออก (fired) is
        part of ไล่ออกจากห้อง (put out of the room), an eviction, and Khmer "បណ្តេញខ្ញុំចេញ" (drove me out,
        a dismissal) part of "…ចេញពីបន្ទប់" (out of the room)."""
        return _hits(self.cues, self._cue_words, text, shadow=True)

    def ruled_out(self, text: str) -> list[str]:
        """Situations a ``not_cues`` phrase in ``text`` rules out as a reading of its examples ("my visa
        expires next month" is not an overstay), and those a ``mistaken_cues`` phrase says were only feared
        ("is my visa expired? no, false alarm"); matched like the cues."""
        return _hits(self.not_cues, self._not_cue_words, text) + self.mistaken(text)

    def mistaken(self, text: str) -> list[str]:
        """Situations a ``mistaken_cues`` phrase in ``text`` says were only feared or are only checked for
        ("I thought my visa had expired — no, it runs till May", "where do I check the expiry date"): neither
        their cue nor their examples stand there (``figurative`` and ``ruled_out`` both name them). Only
        serious situations have such phrases (``tests/unit/test_safety_mistaken.py``)."""
        return _hits(self.mistaken_cues, self._mistaken_words, text)

    def figurative(self, text: str) -> list[str]:
        """Situations whose cue words a ``figure_cues`` phrase in ``text`` makes a figure of speech: "the tax
        deadline will kill me" carries a cue of someone in danger now, but a deadline kills no one. There the
        situation's cue does not stand by itself (its examples still may); matched like the cues. A situation
        only feared (``mistaken``) is named too: its cue does not stand either."""
        return _hits(self.figure_cues, self._figure_words, text) + self.mistaken(text)

    def asks_to_avoid(self, text: str) -> bool:
        """Does ``text`` ask how to avoid or prevent something ("làm sao để không bị lừa đảo")? Then it is a
        question about the situation its cues name, not a report of it."""
        return bool(_hits({_AVOID: self.avoid_cues}, self._avoid_words, text))

    def asks_from_the_other_side(self, text: str) -> bool:
        """Does ``text`` ask as the employer, HR or the landlord ("I am HR, what papers to dismiss a foreign
        employee")? Then no serious situation of the writer's own is read from it (a danger still is)."""
        return bool(_hits({_AVOID: self.employer_cues}, self._employer_words, text))

    def clauses(self, text: str) -> list[str]:
        """The sentences and clauses of ``text`` (cut at punctuation and every language's clause words)."""
        return self._clauses.clauses(text)

    def victim(self, text: str) -> str:
        """Who the message's hitting is done to: ``hurt.ADULT`` (the writer, a partner), ``hurt.CHILD``, or ""
        (both, neither, or no words for its language) — ``bot/safety/hurt.py``."""
        return self.who_is_hurt.victim(text, fold) if self.who_is_hurt is not None else ""

    def without_clauses(self, text: str, dropped: list[str]) -> str:
        """``text`` without the clauses ``dropped`` and the words that join them (``ClauseSplit.without``)."""
        return self._clauses.without(text, dropped)

    def says_now(self, text: str) -> list[str]:
        """Situations a ``now_cues`` phrase in ``text`` says are happening now or hurt someone ("right now",
        "I am bleeding"); matched like the cues."""
        return _hits(self.now_cues, self._now_cue_words, text)


_FOLDED: LRU[tuple[str, str]] = LRU(256)  # a message is matched against the cues, not-cues, now-cues and avoid
# phrases in one turn, each folding it again (fold is a pure function of the text)


def _hits(table: dict[str, tuple[str, ...]], phrases: Phrases, text: str, shadow: bool = False) -> list[str]:
    """The situations of ``table`` whose phrases occur in ``text``; with ``shadow``, not one found only by
    phrases lying inside a longer phrase of another situation found (a "…" phrase is never set aside)."""
    folded, squeezed = _FOLDED.get_or_make(text, lambda: _fold_both(text))
    found = phrases.found(folded, squeezed)
    hits = [situation for situation in table if situation in found]
    if not shadow or len(hits) < 2:
        return hits
    cues = phrases.by_situation
    ordered = {s for s in hits if cues[s].matches_in_order(folded, squeezed)}
    spans = {s: cues[s].spans(folded, squeezed) for s in hits}
    return [s for s in hits if s in ordered or not _shadowed(spans[s], [v for k, v in spans.items() if k != s])]


def _shadowed(mine: list[tuple[int, int]], others: list[list[tuple[int, int]]]) -> bool:
    """Does each of ``mine`` lie inside a longer phrase of another situation?"""
    longer = [span for spans in others for span in spans]
    return bool(mine) and all(
        any(a <= start and end <= b and b - a > end - start for a, b in longer) for start, end in mine
    )


def _fold_both(text: str) -> tuple[str, str]:
    folded = fold(text)
    return folded, squeeze(folded)


def load_safety_texts(root: Path = TRANSLATIONS_DIR) -> SafetyTexts:
    ui: dict[str, dict[str, str]] = {}
    lines: dict[str, dict] = {}
    situations: dict[str, dict] = {}
    cues: dict[str, set[str]] = {}
    not_cues: dict[str, set[str]] = {}
    now_cues: dict[str, set[str]] = {}
    figure_cues: dict[str, set[str]] = {}
    mistaken_cues: dict[str, set[str]] = {}
    avoid: set[str] = set()
    employer: set[str] = set()
    clause_words: set[str] = set()
    clause_ends: set[str] = set()
    for path in sorted(root.glob("*/situations.yaml")):
        lang = path.parent.name
        data = load_yaml(path) or {}
        ui[lang] = {k: str(v) for k, v in (data.get("ui") or {}).items()}
        lines[lang] = data.get("lines") or {}
        situations[lang] = data.get("situations") or {}
        for section, table in (
            ("cues", cues),
            ("not_cues", not_cues),
            ("now_cues", now_cues),
            ("figure_cues", figure_cues),
            ("mistaken_cues", mistaken_cues),
        ):
            for situation, phrases in (data.get(section) or {}).items():
                table.setdefault(situation, set()).update(fold(p) for p in phrases or [] if str(p).strip())
        avoid.update(fold(p) for p in data.get("avoid_cues") or [] if str(p).strip())
        employer.update(fold(p) for p in data.get("employer_cues") or [] if str(p).strip())
        if not isinstance(data.get("clause_words"), list):
            raise ValueError(f"{path}: clause_words (a list, maybe empty) is required")
        for section, words in (("clause_words", clause_words), ("clause_ends", clause_ends)):
            if not isinstance(data.get(section) or [], list):
                raise ValueError(f"{path}: {section} must be a list")
            words.update(check_clause_word(w, f"{path}: {section}") for w in data.get(section) or [])
    if FALLBACK not in ui:
        raise ValueError("translations/en/situations.yaml is required (the fallback)")
    return SafetyTexts(
        ui,
        lines,
        situations,
        {k: tuple(sorted(v)) for k, v in cues.items()},
        {k: tuple(sorted(v)) for k, v in not_cues.items()},
        {k: tuple(sorted(v)) for k, v in now_cues.items()},
        tuple(sorted(avoid)),
        tuple(sorted(employer)),
        tuple(sorted(clause_words)),
        tuple(sorted(clause_ends)),
        load_who_is_hurt(fold, root),
        {k: tuple(sorted(v)) for k, v in figure_cues.items()},
        {k: tuple(sorted(v)) for k, v in mistaken_cues.items()},
    )
