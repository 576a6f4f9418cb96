"""How training mode reads the meaning of a reply, as data: ``knowledge/data/training_meaning.yaml``
(paraphrase groups, words for each office kind, why each key fact matters). Schema in the file's header."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from knowledge.paths import DATA_DIR
from knowledge.yamlfile import load_yaml

__all__ = ["Meaning", "load_meaning", "MEANING_FILE", "MUNICIPAL"]

MEANING_FILE = DATA_DIR / "training_meaning.yaml"
MUNICIPAL = "municipal"


@dataclass(frozen=True)
class Meaning:
    groups: tuple[tuple[str, ...], ...]
    office_words: dict[str, tuple[str, ...]]  # office kind (or "municipal") -> words a reply may use
    why: dict[str, str]  # a key fact's first phrasing -> why it matters

    def equivalents(self, phrase: str) -> tuple[str, ...]:
        """The phrase and every word of its paraphrase group (itself alone when it has none)."""
        for group in self.groups:
            if phrase in group:
                return (phrase,) + tuple(word for word in group if word != phrase)
        return (phrase,)


def _strings(value, where: str) -> tuple[str, ...]:
    if not isinstance(value, list) or not value or not all(isinstance(v, str) and v.strip() for v in value):
        raise ValueError(f"{where}: expected a non-empty list of words")
    return tuple(v.strip() for v in value)


def load_meaning(path: Path = MEANING_FILE) -> Meaning:
    data = load_yaml(path)
    groups = tuple(_strings(group, f"{path}: paraphrases[{i}]") for i, group in enumerate(data["paraphrases"]))
    seen: dict[str, int] = {}
    for index, group in enumerate(groups):
        for word in group:
            if word in seen:
                raise ValueError(f"{path}: {word!r} is in paraphrase groups {seen[word]} and {index}")
            seen[word] = index
    offices = {
        str(kind): _strings(words, f"{path}: office_words.{kind}") for kind, words in data["office_words"].items()
    }
    if MUNICIPAL not in offices:
        raise ValueError(f"{path}: office_words needs {MUNICIPAL!r}")
    why = {str(fact): str(text).strip() for fact, text in data.get("why", {}).items()}
    return Meaning(groups, offices, why)
