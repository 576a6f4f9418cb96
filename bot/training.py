"""Scoring a trainee's Japanese reply to a practice case by what it means, and the model answer.

Three parts, weighted by the ``scoring`` block of the cases file:
- key facts: each fact of the case said in a sentence, in any of its accepted wordings — the case's
  phrasings, their paraphrases (``knowledge/data/training_meaning.yaml``), their kana reading, or the same
  quantity written another way (2週間 = 14日以内; ``bot.training_meaning``). A deadline or amount the
  guidebook text does not state (3か月以内 for a 14-day deadline) costs one fact's share.
- the referral, judged against the case's right office: its name or phone, or a word for its kind of office
  with its city or the resident's prefecture (名古屋の入管), counts in full; the kind word alone in part;
  naming only another office (入管 for a city-office matter, another bureau) scores nothing.
- plain Japanese: guideline breaches found by ``bot.plain.check`` cost points; a reply with no sentence
  (a keyword list) gets none, and what a keyword list names does not count as said.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Sequence
from dataclasses import dataclass

from bot.plain import Breach
from bot.training_meaning import Prose, canonical, limits, prose_of, quantities, quantity_of
from knowledge.offices import Office, OfficeDirectory
from knowledge.places import Gazetteer
from knowledge.training_cases import Phrase, TrainingBook, TrainingCase
from knowledge.training_meaning import MUNICIPAL

__all__ = ["TrainingCoach", "TrainingScore", "FactCheck", "Referral", "RIGHT", "KIND_ONLY", "WRONG", "MISSING"]

RIGHT, KIND_ONLY, WRONG, MISSING = "right", "kind-only", "wrong", "missing"


@dataclass(frozen=True)
class FactCheck:
    phrasings: tuple[str, ...]
    covered: bool
    why: str = ""  # why the fact matters to the resident (training_meaning.yaml)


@dataclass(frozen=True)
class Referral:
    label: str  # what the model answer names, e.g. 名古屋出入国在留管理局
    phone: str  # "" for the city office
    accepted: tuple[str, ...]  # any of these in a reply counts as the right referral
    kind_words: tuple[str, ...] = ()  # 入管: right kind; counts in full with one of ``places``
    places: tuple[str, ...] = ()  # 名古屋, 愛知
    other_kinds: tuple[str, ...] = ()  # words for other kinds of office (入管 for a city-office matter)
    other_offices: tuple[str, ...] = ()  # names of every other office (another bureau)


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
    referral_verdict: str = RIGHT
    wrong_numbers: tuple[str, ...] = ()  # quantities said that the guidebook text does not state
    listed_only: bool = False  # the reply has no sentence: a keyword list
    max_facts: int = 0
    max_referral: int = 0
    max_plain: int = 0

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


def _says(text: Phrase, words: Sequence[str]) -> bool:
    return any(text.mentions(canonical(word)) for word in words)


class TrainingCoach:
    def __init__(
        self, book: TrainingBook, offices: OfficeDirectory, places: Gazetteer, check: Callable[[str], Sequence[Breach]]
    ) -> None:
        self.book = book
        self.offices = offices
        self.places = places
        self.check = check

    def _place_words(self, prefecture: str, office: Office | None) -> tuple[str, ...]:
        """Where a regional office is (名古屋, 愛知県, 愛知); none for the city office or a national one,
        whose kind word alone names it."""
        if office is None or not office.jurisdiction:
            return ()
        name = self.places.places[prefecture].name("ja")
        words = [name, re.sub(r"[都道府県]$", "", name), re.split(r"出入国|入国", office.name_ja)[0]]
        words += [w for w in office.name_ja.split() if w != office.name_ja]
        return tuple(dict.fromkeys(w for w in words if w))

    def referral(self, case: TrainingCase) -> Referral:
        meaning = self.book.meaning
        if case.referral == "municipal":
            place = self.places.places[case.profile.prefecture].name("ja")
            kind, office = MUNICIPAL, None
            label, phone, accepted = f"{place}の市区町村役場", "", self.book.municipal_office_words
        else:
            office = (
                self.offices.for_prefecture(case.profile.prefecture)
                if case.referral == "jurisdiction"
                else self.offices[case.referral]
            )
            if office is None:
                raise ValueError(f"training case {case.id}: no office for {case.referral!r}")
            kind, label, phone, accepted = office.kind, office.name_ja, office.main_phone, _office_names(office)
        kind_words = meaning.office_words.get(kind, ())
        other_kinds = {w for k, words in meaning.office_words.items() for w in words if k != kind} - set(kind_words)
        other_offices = {
            o.name_ja
            for o in self.offices.offices.values()
            if office is None or (o.id != office.id and o.name_ja not in office.name_ja)
        }
        return Referral(
            label,
            phone,
            accepted,
            kind_words,
            self._place_words(case.profile.prefecture, office),
            tuple(sorted(other_kinds)),
            tuple(sorted(other_offices)),
        )

    def judge_referral(self, referral: Referral, said: Phrase) -> str:
        if _says(said, referral.accepted):
            return RIGHT
        if _says(said, referral.other_offices):
            return WRONG
        right_kind = _says(said, referral.kind_words)
        if right_kind and (not referral.places or _says(said, referral.places)):
            return RIGHT
        if not right_kind and _says(said, referral.other_kinds):
            return WRONG
        return KIND_ONLY if right_kind else MISSING

    def model_answer(self, case: TrainingCase) -> str:
        """The case's model sentences, then where to go, with the phone number from the office data."""
        place = re.sub(r"[都府県]$", "", self.places.places[case.profile.prefecture].name("ja"))
        phone = "" if case.referral == "municipal" else self.referral(case).phone
        closing = self.book.referral_sentences[case.referral].format(place=place, phone=phone)
        return f"{case.model}\n{closing}"

    def _covered(self, fact: tuple[str, ...], said: Phrase, amounts: set[tuple[int, str]]) -> bool:
        wanted = [word for phrasing in fact for word in self.book.meaning.equivalents(phrasing)]
        numbers = [q for q in map(quantity_of, wanted) if q]
        return any(q in amounts for q in numbers) or _says(said, wanted)

    def _wrong_numbers(self, case: TrainingCase, prose: Prose) -> tuple[str, ...]:
        stated = quantities(self.book.texts[case.topic]) | quantities(case.question_ja)
        stated |= {q for fact in case.facts for p in fact if (q := quantity_of(p))}
        return tuple(f"{n}{unit}" for n, unit in sorted(limits(prose.text)) if (n, unit) not in stated)

    def score(self, case: TrainingCase, reply: str) -> TrainingScore:
        prose = prose_of(reply)
        said = Phrase.of(canonical(prose.text))
        amounts = quantities(prose.text)
        why = self.book.meaning.why
        facts = tuple(FactCheck(f, self._covered(f, said, amounts), why.get(f[0], "")) for f in case.facts)
        referral = self.referral(case)
        verdict = self.judge_referral(referral, said)
        breaches = tuple(self.check(reply)) if reply.strip() else ()
        weights = self.book.scoring
        share = weights.facts / len(facts)
        wrong = self._wrong_numbers(case, prose)
        fact_points = max(0, round(share * (sum(f.covered for f in facts) - len(wrong))))
        referral_points = {RIGHT: weights.referral, KIND_ONLY: round(weights.referral * 2 / 3)}.get(verdict, 0)
        plain_points = max(0, weights.plain - weights.breach_penalty * len(breaches)) if prose.sentences else 0
        return TrainingScore(
            case_id=case.id,
            facts=facts,
            referral=referral,
            referral_ok=verdict == RIGHT,
            breaches=breaches,
            fact_points=fact_points,
            referral_points=referral_points,
            plain_points=plain_points,
            max_points=weights.facts + weights.referral + weights.plain,
            model_answer=self.model_answer(case),
            referral_verdict=verdict,
            wrong_numbers=wrong,
            listed_only=bool(reply.strip()) and not prose.sentences,
            max_facts=weights.facts,
            max_referral=weights.referral,
            max_plain=weights.plain,
        )
