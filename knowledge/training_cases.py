"""Practice cases for training mode, from ``knowledge/data/training_cases.yaml`` (schema in its header).

The loader refuses a case whose topic, place, office or referral is unknown, and a key fact that the
topic's plain-Japanese text does not contain: the facts a trainee is scored on always come from the
guidebook content, so the model answer (built from that text) covers every one of them.
"""

from __future__ import annotations

import unicodedata
from dataclasses import dataclass
from pathlib import Path

from knowledge.content import load_guidebook
from knowledge.offices import OfficeDirectory, load_offices
from knowledge.paths import DATA_DIR, GUIDEBOOK_DIR
from knowledge.places import Gazetteer
from knowledge.place_loading import load_places
from knowledge.tokenizers import reading_of
from knowledge.training_meaning import Meaning, load_meaning
from knowledge.topics import load_topics
from knowledge.yamlfile import load_yaml

__all__ = ["Profile", "TrainingCase", "TrainingBook", "Scoring", "load_training_book", "Phrase", "CASES_FILE"]

CASES_FILE = DATA_DIR / "training_cases.yaml"
PLAIN = "ja-plain"
SPECIAL_REFERRALS = {"jurisdiction", "municipal"}


def _squeeze(text: str) -> str:
    return "".join(unicodedata.normalize("NFKC", text).casefold().split())


@dataclass(frozen=True)
class Phrase:
    """A text prepared for looking phrases up in it: by spelling (spaces ignored) or by kana reading."""

    spelled: str
    reading: str

    @classmethod
    def of(cls, text: str) -> Phrase:
        return cls(_squeeze(text), reading_of(text))

    def mentions(self, phrase: str) -> bool:
        wanted = Phrase.of(phrase)
        return bool(wanted.spelled) and (
            wanted.spelled in self.spelled or bool(wanted.reading) and wanted.reading in self.reading
        )


@dataclass(frozen=True)
class Profile:
    nationality: str
    status: str
    prefecture: str


@dataclass(frozen=True)
class TrainingCase:
    id: str
    topic: str
    lang: str
    profile: Profile
    question: str
    question_ja: str
    facts: tuple[tuple[str, ...], ...]  # each fact: its accepted phrasings
    referral: str  # "jurisdiction", "municipal" or an office id
    model: str = ""  # the model answer's sentences (plain Japanese), before the referral


@dataclass(frozen=True)
class Scoring:
    facts: int
    referral: int
    plain: int
    breach_penalty: int


@dataclass(frozen=True)
class TrainingBook:
    cases: tuple[TrainingCase, ...]
    scoring: Scoring
    municipal_office_words: tuple[str, ...]
    referral_sentences: dict[str, str]
    texts: dict[str, str]  # topic id -> its plain-Japanese text (title line first) the facts come from
    meaning: Meaning  # paraphrases, office words, why each fact matters (training_meaning.yaml)

    def case(self, case_id: str) -> TrainingCase | None:
        return next((c for c in self.cases if c.id == case_id), None)


def _case(raw: dict) -> TrainingCase:
    facts = tuple(tuple(str(p) for p in (fact if isinstance(fact, list) else [fact])) for fact in raw["facts"])
    profile = raw["profile"]
    return TrainingCase(
        id=raw["id"],
        topic=raw["topic"],
        lang=raw["lang"],
        profile=Profile(profile["nationality"], profile["status"], profile["prefecture"]),
        question=raw["question"].strip(),
        question_ja=raw["question_ja"].strip(),
        facts=facts,
        referral=raw["referral"],
        model=str(raw.get("model") or "").strip(),
    )


def _check(
    case: TrainingCase,
    plain_texts: dict[str, str],
    known_langs: set[str],
    places: Gazetteer,
    offices: OfficeDirectory,
    where: str,
) -> None:
    problem = None
    if case.topic not in plain_texts:
        problem = f"topic {case.topic!r} has no plain-Japanese text (or is not a topic)"
    elif case.lang not in known_langs:
        problem = f"unknown language {case.lang!r}"
    elif case.profile.prefecture not in places.places or places.places[case.profile.prefecture].kind != "prefecture":
        problem = f"unknown prefecture {case.profile.prefecture!r}"
    elif case.referral not in SPECIAL_REFERRALS and case.referral not in offices.offices:
        problem = f"referral {case.referral!r} is neither {sorted(SPECIAL_REFERRALS)} nor an office id"
    elif not case.facts:
        problem = "no facts"
    elif not case.model:
        problem = "no model answer (model:)"
    else:
        content = Phrase.of(plain_texts[case.topic])
        missing = [p for fact in case.facts for p in fact if not content.mentions(p)]
        if missing:
            problem = f"facts not in the plain-Japanese text of {case.topic}: {missing}"
    if problem:
        raise ValueError(f"{where}: case {case.id}: {problem}")


def load_training_book(path: Path = CASES_FILE, guidebook: Path = GUIDEBOOK_DIR) -> TrainingBook:
    data = load_yaml(path)
    topics = load_topics()
    plain_texts = {
        s.topic_id: f"{s.title}\n{s.body}" for s in load_guidebook(guidebook, [PLAIN]) if s.topic_id in topics
    }
    known_langs = {p.name for p in guidebook.iterdir() if p.is_dir()}
    places, offices = load_places(), load_offices()
    cases = tuple(_case(raw) for raw in data["cases"])
    ids = [c.id for c in cases]
    if len(set(ids)) != len(ids):
        raise ValueError(f"{path}: duplicate case id")
    for case in cases:
        _check(case, plain_texts, known_langs, places, offices, str(path))
    sentences = dict(data["referral_sentences"])
    unsaid = sorted({c.referral for c in cases} - set(sentences))
    if unsaid:
        raise ValueError(f"{path}: referral_sentences has no line for {unsaid}")
    return TrainingBook(
        cases,
        Scoring(**data["scoring"]),
        tuple(data["municipal_office_words"]),
        sentences,
        {c.topic: plain_texts[c.topic] for c in cases},
        load_meaning(),
    )
