"""The words of a safety reply, in the resident's language: what to do now, then each line (name, number,
hours, the "IP phone / from abroad" note), all from data. Office cards and the dialogue turn are the
dialogue manager's; this only writes text."""

from __future__ import annotations

from dataclasses import dataclass

from bot.safety.texts import SafetyTexts
from knowledge.situations import Line, SituationCatalogue

__all__ = ["SafetyComposer", "LineCall"]


@dataclass(frozen=True)
class LineCall:
    """A line as the reply shows it (channels make ``tel`` tappable)."""

    id: str
    label: str
    number: str
    tel: str


class SafetyComposer:
    def __init__(self, catalogue: SituationCatalogue, texts: SafetyTexts) -> None:
        self.catalogue = catalogue
        self.texts = texts

    def line_text(self, line: Line, lang: str) -> str:
        words = self.texts.line(lang, line.id)
        text = self.texts.text(lang, "call", name=words.get("name", line.id), number=line.number)
        notes = [words["hours"]] if words.get("hours") else []
        if line.ip_note and not line.alt:
            notes.append(self.texts.text(lang, "ip_note"))
        if line.alt:
            notes.append(self.texts.text(lang, "alt", number=line.alt))
        return f"☎ {text}" + (f" ({'; '.join(notes)})" if notes else "")

    def calls(self, situation_id: str, lang: str, now: bool = False) -> list[LineCall]:
        return [
            LineCall(line.id, self.texts.line(lang, line.id).get("name", line.id), line.number, line.tel)
            for line in self.catalogue.lines_for(situation_id, now=now)
        ]

    def steps(self, situation_id: str, lang: str, with_title: bool = False, now: bool = False) -> str:
        """Title (optional), "What to do now:", the numbered steps, then the lines (``now``: it is happening
        now or someone is hurt, and the situation's lines for that come first)."""
        words = self.texts.situation(lang, situation_id)
        parts = [words["title"]] if with_title else []
        parts.append(self.texts.text(lang, "now"))
        parts += [f"{n}. {step}" for n, step in enumerate(words.get("steps") or [], 1)]
        parts += [self.line_text(line, lang) for line in self.catalogue.lines_for(situation_id, now=now)]
        return "\n".join(parts)

    def several(self, situation_ids: list[str], lang: str, now: bool = False) -> str:
        """Several problems in one message: each one's steps under its title."""
        blocks = [self.texts.text(lang, "several")]
        blocks += [self.steps(s, lang, with_title=True, now=now) for s in situation_ids]
        return "\n\n".join(blocks)

    def keep_talking(self, lang: str) -> str:
        return self.texts.text(lang, "keep_talking")
