"""The glossary (``knowledge/data/glossary.yaml``): one rendering per term per language, and the variants a
review found, which the content checks report in guidebook editions and bot catalogs."""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path

from knowledge.paths import DATA_DIR
from knowledge.yamlfile import load_yaml

__all__ = ["Term", "load_glossary", "glossary_problems"]


@dataclass(frozen=True)
class Term:
    id: str
    ja: str
    names: dict[str, str]
    variants: dict[str, tuple[re.Pattern, ...]]


def load_glossary(path: Path = DATA_DIR / "glossary.yaml") -> list[Term]:
    data = load_yaml(path) or {}
    terms = []
    for term_id, raw in (data.get("terms") or {}).items():
        if not raw.get("ja") or not raw.get("names", {}).get("en"):
            raise ValueError(f"glossary term {term_id}: needs ja and names.en")
        variants = {
            lang: tuple(re.compile(p) for p in patterns) for lang, patterns in (raw.get("variants") or {}).items()
        }
        terms.append(Term(term_id, raw["ja"], dict(raw["names"]), variants))
    return terms


def _outside_brackets(text: str, start: int) -> bool:
    """True unless ``start`` lies inside (...) or （...）: a bracketed gloss is allowed."""
    depth = 0
    for char in text[:start]:
        if char in "(（":
            depth += 1
        elif char in ")）" and depth:
            depth -= 1
    return depth == 0


def glossary_problems(texts: Iterable[tuple[str, str, str]], terms: list[Term]) -> list[str]:
    """``(lang, where, text)`` triples naming a glossary term another way than the glossary's rendering."""
    problems = []
    for lang, where, text in texts:
        for term in terms:
            for pattern in term.variants.get(lang, ()):
                for match in pattern.finditer(text):
                    if _outside_brackets(text, match.start()):
                        problems.append(
                            f'{lang}/{where}: names {term.id} "{match.group()}"; the glossary says '
                            f'"{term.names.get(lang, term.names["en"])}"'
                        )
    return problems
