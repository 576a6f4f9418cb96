"""Per-language wording of the safety replies and the cue phrases: ``translations/<lang>/situations.yaml``.

Sections: ``ui`` (short sentences of the reply), ``lines`` (each line's name and hours), ``situations``
(title and "what to do now" steps) and ``cues`` (phrases that are evidence of a situation; "夫…殴" means
both parts, in this order, anything between). A language
without a sentence falls back to English, so adding a language is adding a file.
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass, field
from functools import cached_property
from pathlib import Path

from knowledge.paths import TRANSLATIONS_DIR
from knowledge.yamlfile import load_yaml

__all__ = ["SafetyTexts", "load_safety_texts", "fold"]

FALLBACK = "en"
_SPACELESS = re.compile(r"[\u3040-\u30ff\u3400-\u9fff\u0e00-\u0e7f\u1000-\u109f\u1780-\u17ff]")


def fold(text: str) -> str:
    return unicodedata.normalize("NFKC", text).casefold()


@dataclass(frozen=True)
class SafetyTexts:
    ui: dict[str, dict[str, str]]  # lang -> key -> sentence
    lines: dict[str, dict[str, dict[str, str]]]  # lang -> line id -> {name, hours}
    situations: dict[str, dict[str, dict]]  # lang -> situation id -> {title, steps}
    cues: dict[str, tuple[str, ...]] = field(default_factory=dict)  # situation id -> folded phrases (all languages)

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
        not in "grape"; Japanese also matched with the learner's spaces removed)."""
        folded = fold(text)
        squeezed = re.sub(r"\s+", "", folded)
        hits = []
        for situation, (word_start, spaceless, ordered) in self._matchers.items():
            if (
                (word_start is not None and word_start.search(folded))
                or any(phrase in folded or phrase.replace(" ", "") in squeezed for phrase in spaceless)
                or any(_in_order(parts, squeezed if spaced else folded) for parts, spaced in ordered)
            ):
                hits.append(situation)
        return hits

    @cached_property
    def _matchers(
        self,
    ) -> dict[str, tuple[re.Pattern[str] | None, tuple[str, ...], tuple[tuple[list[str], bool], ...]]]:
        """Per situation, compiled once: one pattern for the word-start cues, the spaceless-script phrases, and
        the "夫…殴" cues (parts in order; matched without spaces when the cue is in a spaceless script)."""
        matchers = {}
        for situation, phrases in self.cues.items():
            words = [p for p in phrases if "..." not in p and not _SPACELESS.search(p)]
            pattern = re.compile(r"(?<!\w)(?:" + "|".join(map(re.escape, words)) + ")") if words else None
            spaceless = tuple(p for p in phrases if "..." not in p and _SPACELESS.search(p))
            ordered = tuple((p.split("..."), bool(_SPACELESS.search(p))) for p in phrases if "..." in p)
            matchers[situation] = (pattern, spaceless, ordered)
        return matchers


def _in_order(parts: list[str], text: str) -> bool:
    at = 0
    for part in (p.strip() for p in parts):
        at = text.find(part.replace(" ", "") if " " not in text else part, at)
        if at < 0:
            return False
        at += len(part)
    return True


def load_safety_texts(root: Path = TRANSLATIONS_DIR) -> SafetyTexts:
    ui: dict[str, dict[str, str]] = {}
    lines: dict[str, dict] = {}
    situations: dict[str, dict] = {}
    cues: dict[str, set[str]] = {}
    for path in sorted(root.glob("*/situations.yaml")):
        lang = path.parent.name
        data = load_yaml(path) or {}
        ui[lang] = {k: str(v) for k, v in (data.get("ui") or {}).items()}
        lines[lang] = data.get("lines") or {}
        situations[lang] = data.get("situations") or {}
        for situation, phrases in (data.get("cues") or {}).items():
            cues.setdefault(situation, set()).update(fold(p) for p in phrases or [] if str(p).strip())
    if FALLBACK not in ui:
        raise ValueError("translations/en/situations.yaml is required (the fallback)")
    return SafetyTexts(ui, lines, situations, {k: tuple(sorted(v)) for k, v in cues.items()})
