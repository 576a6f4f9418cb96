"""Scoring a trainee's Japanese reply to a practice case, and the model answer to compare it with.

Three parts, weighted by the ``scoring`` block of the cases file: the case's key facts the reply covers
(by spelling or by kana reading, so 警察 and けいさつ both count), the right referral (the office's name
or phone from the office data, or the city office for municipal matters), and plain-Japanese guideline
breaches found by ``bot.plain.check``.
"""
from __future__ import annotations

import re
from collections.abc import Callable, Sequence
from dataclasses import dataclass

from bot.plain import Breach
from knowledge.offices import Office, OfficeDirectory
from knowledge.places import Gazetteer
from knowledge.training_cases import Phrase, TrainingBook, TrainingCase

__all__ = ["TrainingCoach", "TrainingScore", "FactCheck", "Referral"]


@dataclass(frozen=True)
class FactCheck:
    phrasings: tuple[str, ...]
    covered: bool


@dataclass(frozen=True)
class Referral:
    label: str                   # what the model answer names, e.g. 名古屋出入国在留管理局
    phone: str                   # "" for the city office
    accepted: tuple[str, ...]    # any of these in a reply counts as the right referral


@dataclass(frozen=True)
class TrainingScore:
    case_id: str
    facts: tuple[FactCheck, ...]
    referral: Referral
    referral_ok: bool
    breaches: tuple[Breach, ...]
    fact_points: int
    referral_points: int
    plain_points: int
    max_points: int
    model_answer: str

    @property
    def points(self) -> int:
        return self.fact_points + self.referral_points + self.plain_points


def _office_names(office: Office) -> tuple[str, ...]:
    """外国人在留支援センター（FRESC） is also written 外国人在留支援センター or FRESC."""
    names = [office.name_ja, office.name_en]
    inner = re.match(r"^(.+?)[（(](.+?)[）)]$", office.name_ja)
    if inner:
        names += [inner[1], inner[2]]
    return tuple(dict.fromkeys(n for n in names if n)) + tuple(p.number for p in office.phones)


class TrainingCoach:
    def __init__(self, book: TrainingBook, offices: OfficeDirectory, places: Gazetteer,
                 check: Callable[[str], Sequence[Breach]]) -> None:
        self.book = book
        self.offices = offices
        self.places = places
        self.check = check

    def referral(self, case: TrainingCase) -> Referral:
        if case.referral == "municipal":
            place = self.places.places[case.profile.prefecture].name("ja")
            return Referral(f"{place}の市区町村役場", "", self.book.municipal_office_words)
        office = (self.offices.for_prefecture(case.profile.prefecture) if case.referral == "jurisdiction"
                  else self.offices[case.referral])
        if office is None:
            raise ValueError(f"training case {case.id}: no office for {case.referral!r}")
        return Referral(office.name_ja, office.main_phone, _office_names(office))

    def model_answer(self, case: TrainingCase) -> str:
        """The lines of the topic's plain-Japanese text that state a key fact, then the referral."""
        lines = [line.strip() for line in self.book.texts[case.topic].splitlines()[1:] if line.strip()]
        facts = [p for fact in case.facts for p in fact]
        chosen = [line for line in lines if any(Phrase.of(line).mentions(p) for p in facts)] or lines
        referral = self.referral(case)
        if case.referral == "municipal":
            closing = self.book.referral_sentences["municipal"].format(
                place=self.places.places[case.profile.prefecture].name("ja"))
        else:
            closing = self.book.referral_sentences["office"].format(name=referral.label, phone=referral.phone)
        return "\n".join([line.removeprefix("- ") for line in chosen] + [closing])

    def score(self, case: TrainingCase, reply: str) -> TrainingScore:
        written = Phrase.of(reply)
        facts = tuple(FactCheck(f, any(written.mentions(p) for p in f)) for f in case.facts)
        referral = self.referral(case)
        referral_ok = any(written.mentions(name) for name in referral.accepted)
        breaches = tuple(self.check(reply)) if reply.strip() else ()
        weights = self.book.scoring
        covered = sum(f.covered for f in facts)
        fact_points = round(weights.facts * covered / len(facts))
        plain_points = max(0, weights.plain - weights.breach_penalty * len(breaches)) if reply.strip() else 0
        return TrainingScore(
            case_id=case.id, facts=facts, referral=referral, referral_ok=referral_ok, breaches=breaches,
            fact_points=fact_points, referral_points=weights.referral if referral_ok else 0,
            plain_points=plain_points, max_points=weights.facts + weights.referral + weights.plain,
            model_answer=self.model_answer(case))
