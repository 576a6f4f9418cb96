"""The topic index: per topic its chapter, official source, date checked, office kind and handoff kind."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from pathlib import Path


from knowledge.paths import DATA_DIR
from knowledge.yamlfile import load_yaml

__all__ = ["TopicInfo", "load_topics", "OFFICE_KINDS", "HANDOFF_KINDS"]

OFFICE_KINDS = {
    "immigration",
    "municipal",
    "hello-work",
    "labour-standards",
    "pension-office",
    "tax-office",
    "police",
    "fire",
    "health-insurance",
    "school",
    "fresc",
    "legal",
    "none",
}
HANDOFF_KINDS = {"none", "immigration", "fresc", "legal", "labour"}


@dataclass(frozen=True)
class TopicInfo:
    id: str
    chapter: str
    source_title: str
    source_url: str
    checked: dt.date | None  # when the text was last compared with source_url; None: not yet
    office: str
    handoff: str


def _topic(topic_id: str, raw: dict) -> TopicInfo:
    if raw["office"] not in OFFICE_KINDS:
        raise ValueError(f"topic {topic_id}: unknown office kind {raw['office']!r}")
    if raw["handoff"] not in HANDOFF_KINDS:
        raise ValueError(f"topic {topic_id}: unknown handoff kind {raw['handoff']!r}")
    checked = raw.get("checked")
    if isinstance(checked, str):
        checked = dt.date.fromisoformat(checked)
    return TopicInfo(
        topic_id, raw["chapter"], raw["source"]["title"], raw["source"]["url"], checked, raw["office"], raw["handoff"]
    )


def load_topics(path: Path = DATA_DIR / "topics.yaml") -> dict[str, TopicInfo]:
    data = load_yaml(path) or {}
    return {topic_id: _topic(topic_id, raw) for topic_id, raw in data.items()}
