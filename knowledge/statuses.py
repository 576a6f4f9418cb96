"""Statuses of residence (``knowledge/data/statuses.yaml``, from the ISA brochure's appendix).

Each status becomes a searchable topic ``status:<id>`` in every language the data has, so "how long can
I stay as a skilled worker?" finds the status with its periods of stay. The words around the data
("Periods of stay", the note that only the bureau decides) are data too (``labels``).
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from pathlib import Path


from knowledge.content import Section
from knowledge.languages import base_language, fallback_chain
from knowledge.paths import DATA_DIR
from knowledge.questions import ExampleQuestion
from knowledge.yamlfile import load_yaml

__all__ = ["Status", "load_statuses", "status_sections", "status_questions", "STATUS_PREFIX"]

STATUS_PREFIX = "status:"
CHAPTER = "01-residence"


@dataclass(frozen=True)
class Status:
    id: str
    names: dict[str, str]
    activities: dict[str, str]
    periods: dict[str, list[str]]
    work: str
    note: dict[str, str] | None = None  # per language; may carry {until DATE} lines (knowledge.dated)


def load_statuses(path: Path = DATA_DIR / "statuses.yaml") -> tuple[list[Status], dict[str, dict[str, str]]]:
    data = load_yaml(path)
    statuses = [
        Status(
            s["id"],
            s["name"],
            s.get("activities") or {},
            s.get("periods") or {},
            s.get("work", ""),
            s.get("note") or None,
        )
        for s in data["statuses"]
    ]
    return statuses, data.get("labels") or {}


def status_sections(
    statuses: list[Status], labels: dict[str, dict[str, str]], chapter_titles: dict[str, str]
) -> list[Section]:
    """One section per status per language that has its name, activities, periods and labels."""
    sections = []
    for status in statuses:
        for lang, activities in status.activities.items():
            periods = status.periods.get(lang)
            name = status.names.get(lang) or status.names.get(base_language(lang))
            if not (periods and name and all(lang in labels.get(k, {}) for k in ("activities", "periods", "note"))):
                continue
            extra = (status.note or {}).get(lang)
            body = (
                f"{labels['activities'][lang]}: {activities}\n\n"
                f"{labels['periods'][lang]}: {', '.join(periods)}\n\n"
                + (f"{extra}\n\n" if extra else "")
                + labels["note"][lang]
            )
            sections.append(Section(STATUS_PREFIX + status.id, lang, CHAPTER, chapter_titles.get(lang, ""), name, body))
    return sections


_GRADE = re.compile(r"\s*(\((?:i{1,3}|[0-9])\)|(?:số|No\.?|#)?\s*[0-9]+\s*(?:号|호)?)$")


def _without_grade(name: str) -> str:
    """A status name without its grade: "Specified Skilled Worker (i)" → "Specified Skilled Worker"."""
    return _GRADE.sub("", name).strip() or name


def status_questions(statuses: list[Status], labels: dict[str, dict] | None = None) -> list[ExampleQuestion]:
    """How people ask about a status: its name, and the question templates of ``labels.questions``
    (``{name}`` filled with the status's name in that language)."""
    templates = (labels or {}).get("questions") or {}
    questions = []
    for status in statuses:
        for lang, name in status.names.items():
            questions.append(ExampleQuestion(STATUS_PREFIX + status.id, lang, name))
            short = _without_grade(name)
            if short != name:  # people say 特定技能, not 特定技能1号
                questions.append(ExampleQuestion(STATUS_PREFIX + status.id, lang, short))
        for lang, forms in templates.items():
            label = next((status.names[k] for k in fallback_chain(lang) if status.names.get(k)), status.id)
            questions.extend(
                ExampleQuestion(STATUS_PREFIX + status.id, lang, form.replace("{name}", label)) for form in forms
            )
    return questions
