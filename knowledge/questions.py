"""Example questions per topic (``knowledge/questions/<lang>.yaml``): how residents ask about each topic.

They are indexed beside the passages and embedded as queries, so a resident's question is compared with
questions (like with like) as well as with the guidebook text. They are never shown as answers.
"""
from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path
from knowledge.yamlfile import load_yaml


__all__ = ["ExampleQuestion", "load_questions"]


@dataclass(frozen=True)
class ExampleQuestion:
    topic_id: str
    lang: str
    text: str


def load_questions(root: Path, langs: list[str] | None = None) -> list[ExampleQuestion]:
    if not root.is_dir():
        return []
    questions: list[ExampleQuestion] = []
    for path in sorted(root.glob("*.yaml")):
        if langs is not None and path.stem not in langs:
            continue
        data = load_yaml(path) or {}
        if not isinstance(data, dict):
            raise ValueError(f"{path}: expected a mapping of topic id -> list of questions")
        for topic_id, items in data.items():
            if not isinstance(items, list) or not all(isinstance(q, str) and q.strip() for q in items):
                raise ValueError(f"{path}: {topic_id} must list non-empty strings")
            questions.extend(ExampleQuestion(topic_id, path.stem, q.strip()) for q in items)
    return questions
