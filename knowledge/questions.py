"""Example questions per topic (``knowledge/questions/<lang>.yaml``): how residents ask about each topic;
and intent examples from Rasa 3.x NLU files (``training_data/data/nlu/<lang>.yml``).

They are indexed beside the passages and embedded as queries, so a resident's question is compared with
questions (like with like) as well as with the guidebook text. They are never shown as answers. Intent
examples are indexed the same way under the id ``intent:<name>``, so one nearest-neighbour search finds
both the closest topic and the closest intent; the same files train a Rasa assistant unchanged.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from knowledge.yamlfile import load_yaml

__all__ = ["ExampleQuestion", "load_questions", "INTENT_PREFIX", "load_intent_examples"]

INTENT_PREFIX = "intent:"  # topic ids of intent examples (training_data/data/nlu), indexed with the topics


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


def _examples(block: str) -> list[str]:
    lines = [line.strip() for line in block.splitlines()]
    return [line[2:].strip() for line in lines if line.startswith("- ") and line[2:].strip()]


def load_intent_examples(root: Path) -> list[ExampleQuestion]:
    if not root.is_dir():
        return []
    examples: list[ExampleQuestion] = []
    for path in sorted(root.glob("*.yml")):
        data = load_yaml(path) or {}
        for item in data.get("nlu") or []:
            if "intent" not in item:
                continue
            if not isinstance(item.get("examples"), str):
                raise ValueError(f"{path}: intent {item['intent']} needs an 'examples: |' block")
            examples.extend(
                ExampleQuestion(INTENT_PREFIX + item["intent"], path.stem, text) for text in _examples(item["examples"])
            )
    return examples
