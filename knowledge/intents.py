"""Intent examples from Rasa 3.x NLU files (``training_data/data/nlu/<lang>.yml``).

They are indexed like example questions under the id ``intent:<name>``, so one nearest-neighbour search
finds both the closest topic and the closest intent. The same files train a Rasa assistant unchanged.
"""
from __future__ import annotations

from pathlib import Path


from knowledge.questions import ExampleQuestion
from knowledge.chunker import INTENT_PREFIX
from knowledge.yamlfile import load_yaml

__all__ = ["INTENT_PREFIX", "load_intent_examples"]



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
            examples.extend(ExampleQuestion(INTENT_PREFIX + item["intent"], path.stem, text)
                            for text in _examples(item["examples"]))
    return examples
