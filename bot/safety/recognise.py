"""Which catalogued situations a message is about, and on what evidence.

Evidence is either a cue phrase (``translations/<lang>/situations.yaml``) or the situation's examples
(``training_data/situations/<lang>.yml``, indexed with the intents), weighed *in the query's own script*:
the situation's closest example must be close (``min_score``), and the mean of its ``top_k`` closest
examples at least ``margin`` closer than the mean of the ``top_k`` closest ordinary examples (topic questions
and other intents). Immediate-danger situations need a larger margin by example, since a false "call 110"
is harm too (issue 13, item 4). The same test (closest example only) gates the emergency intents
(``emergency_evidence``): kana-only and romaji questions otherwise land on whichever emergency example
happens to share their script. In a Japanese conversation a message in romaji is read as kana first.

Messages of several sentences are also read sentence by sentence (one batched embedding call), so "my
employer took my passport. and no salary for 3 months" finds both problems. A ``not_cues`` phrase in the
message rules its situation out as a reading by example of any of its clauses ("my visa expires next month" is
near "my visa expired last month", but no overstay); a cue phrase still counts.
"""

from __future__ import annotations

import threading
from collections.abc import Callable, Sequence

import numpy as np

from bot.safety.clauses import MIN_CLAUSE_CONTENT, clause_content
from bot.safety.dangers import beside_a_danger, who_is_hurt
from bot.safety.example_table import ExampleTable, Scores, example_table
from bot.safety.found import Found, Recognition, Thresholds
from bot.safety.harmless import Harmless, only_lost
from bot.safety.scripts import script_of, spelling
from bot.safety.texts import SafetyTexts
from bot.safety.weighing import ExampleWeighing
from knowledge.lru import LRU
from knowledge.retriever import Retriever
from knowledge.romaji_kana import romaji_to_kana
from knowledge.situations import SituationCatalogue

__all__ = ["Found", "Recognition", "SafetyRecogniser", "Thresholds"]

DEFAULT_THRESHOLDS = Thresholds()
NO_HARMLESS = Harmless()  # no phrase said harmlessly (the service loads translations/<lang>/harmless.yaml)
ROMAJI_SHARE = 0.8  # a Latin-script message in a Japanese conversation is romaji when this share reads as romaji
PlaceOnly = Callable[[str, str], bool]  # (clause, language): does the clause only say where the resident lives?


def _no_place(text: str, lang: str) -> bool:
    return False


def learner_kana(text: str) -> str:
    """A message in romaji read as kana ("mou shinitai" → "もう しにたい"), or "" when it is not romaji."""
    if script_of(text) != "latin":
        return ""
    kana, share = romaji_to_kana(text)
    return kana if share >= ROMAJI_SHARE else ""


class SafetyRecogniser:
    def __init__(
        self,
        catalogue: SituationCatalogue,
        texts: SafetyTexts,
        retriever: Callable[[], Retriever],
        thresholds: Thresholds = DEFAULT_THRESHOLDS,
        cache_size: int = 0,
        place_only: PlaceOnly = _no_place,
        harmless: Harmless = NO_HARMLESS,
    ) -> None:
        self.catalogue = catalogue
        # "this deadline is going to kill me", 「死ぬほど忙しい」: danger words said harmlessly are no evidence
        # (``bot/safety/harmless.py``): not as cues, and the pieces are weighed without them
        self.harmless = harmless
        # "I live in Aichi": said beside a problem, it is no situation of its own and no part of the problem's
        # reading (the dialogue's place statement, handed in: bot/safety does not read the dialogue)
        self.place_only = place_only
        self.texts = texts
        self._retriever = retriever
        self.weigh = ExampleWeighing(catalogue, thresholds)
        self._cached: tuple[int, ExampleTable] | None = None
        self._building = threading.Lock()
        # the last ``cache_size`` recognitions (the answer cache's size): the same message in the same language
        # is read the same way, and a long one costs a few milliseconds per clause to weigh
        self._recent: LRU[Recognition] = LRU(cache_size)

    @property
    def thresholds(self) -> Thresholds:
        return self.weigh.thresholds

    @thresholds.setter
    def thresholds(self, thresholds: Thresholds) -> None:
        self.weigh.thresholds = thresholds

    def table(self) -> tuple[Retriever, ExampleTable]:
        retriever = self._retriever()
        cached = self._cached
        if cached is None or cached[0] != id(retriever):
            with self._building:  # a turn arriving while start-up builds it waits for that build, not a second
                cached = self._cached
                if cached is None or cached[0] != id(retriever):
                    cached = (id(retriever), example_table(retriever))
                    self._cached = cached
        return retriever, cached[1]

    # -- the answers ------------------------------------------------------------------------------
    def recognise(self, text: str, lang: str = "", also: Callable[[], Sequence[str]] | None = None) -> Recognition:
        """``lang``: the conversation's language; Japanese typed in romaji is read as the kana a learner
        would type (``learner_kana``), since the examples and the ordinary questions have kana forms and
        no romaji ones. ``also``: the other texts the message will be embedded as (its searches,
        ``Turn.search_texts``), embedded in the same engine call when the message is read anew."""
        if not text.strip():
            return Recognition()
        retriever, table = self.table()
        key = (text, lang, id(retriever))
        known = self._recent.get(key)
        if known is None:
            known = self._recognise(text, lang, retriever, table, also)
            self._recent.put(key, known)
        return known

    def pieces(self, text: str, kana: str = "", lang: str = "") -> list[str]:
        """The texts a message is read as: the whole, then its clauses (without their final punctuation,
        ``knowledge.retriever.bare``); ``kana``: the reading of a romaji message, read instead. A clause that
        only says where the resident lives is left out of both (``without_place``)."""
        read = kana or spelling(text)  # Khmer typed ឲ្យ / ណ្ដ is read as our examples write it
        whole, clauses = self.without_place(read, self.texts.clauses(read), lang)
        whole_text = whole.strip().rstrip(".!?。！？")
        return [whole] + [s for s in clauses if s != whole_text][: self.thresholds.clauses]

    def without_place(self, read: str, clauses: list[str], lang: str) -> tuple[str, list[str]]:
        """The message and its clauses without those that only say where the resident lives ("Meu marido me
        bate e tenho medo. Moro em Gunma."): the place is no situation, and beside a short message it moved
        the whole message's reading (its closeness to the ordinary questions) enough to let the clause
        "tenho medo" (I am scared) stand for thoughts of suicide. A message that is only a place stays whole."""
        places = [c for c in clauses if self.place_only(c, lang)]
        if not places or len(places) == len(clauses):
            return read, clauses
        return self.texts.without_clauses(read, places), [c for c in clauses if c not in places]

    def _recognise(
        self, text: str, lang: str, retriever: Retriever, table: ExampleTable, also: Callable[[], Sequence[str]] | None
    ) -> Recognition:
        kana = learner_kana(text) if lang == "ja" else ""
        if not len(table.situation_rows):
            return self.decide(text, [], table, kana)
        pieces = self.pieces(text, kana, lang)
        left = self.harmless.weighed(pieces)  # without harmless phrases ("I'm dying to know when …")
        texts = list(dict.fromkeys([*pieces, *left, *(also() if also is not None else ())]))
        vectors = dict(zip(texts, retriever.embedder.embed_queries(texts)))
        retriever.score_many(np.vstack(list(vectors.values())))  # the searches' scores too, in one product
        scored = [(piece, retriever.scores(vectors[piece])) for piece in pieces]
        found = self.decide(text, scored, table, kana)
        if left == pieces:
            return found
        # a harmless phrase is negative evidence only: the message weighed without it may lose a reading by
        # example ("dying to know" is no crisis), never gain one ("I was on fire at the job interview today"
        # without the phrase is nearer a dismissal than the message is); cue phrases count as before
        without = self.decide(text, [(piece, retriever.scores(vectors[piece])) for piece in left], table, kana)
        return only_lost(found, without)

    def decide(
        self, text: str, scored: list[tuple[str, np.ndarray]], table: ExampleTable, kana: str = ""
    ) -> Recognition:
        """The situations of ``text`` from each piece's similarities to every row (the whole message first,
        then its clauses) and the cue phrases (also of ``kana``, the reading of a romaji message).
        ``bench/safety_dev.py`` calls this with one row left out."""
        found: dict[str, Found] = {}
        whole: Scores | None = None
        clauses: list[tuple[Found, str]] = []  # a clause's own reading, and the danger nearer it ("" for none)
        held: dict[str, Found] = {}  # dangers only a clause that says little reads (``_says_little``)
        # "my visa expires next month": no overstay, in any clause of the message ("how do I extend my stay?
        # it expires soon" read clause by clause found an overstay in the first clause)
        ruled_out = set(self.texts.ruled_out(text)) | (set(self.texts.ruled_out(kana)) if kana else set())
        # "I am HR, what papers to dismiss a foreign employee": asked from the other side, no serious situation of
        # the writer's own by example or by cue (a danger still counts)
        other_side = self.texts.asks_from_the_other_side(text) or bool(
            kana and self.texts.asks_from_the_other_side(kana)
        )
        if other_side:
            ruled_out |= {s for s in table.names if s in self.catalogue.situations and not self.catalogue[s].immediate}
        dangers_of_a_clause: list[str] = []  # immediate dangers read from one clause's examples alone
        for piece, scores in scored:
            mine = self.weigh.scores(scores, script_of(piece), table)
            whole = whole or mine
            # a clause must also beat the whole message's best topics: "I lost my job, can I get unemployment
            # benefits?" is a question about benefits (measured on our own questions of several clauses,
            # bench/safety_dev.py --clauses: weighing a clause against its own topics alone took 3 % of them
            # for an immediate danger); a danger beside a question is found by its cue phrases
            hits = self.weigh.found(mine, max(mine.other, whole.other), table)
            if len(scored) > 1 and hits:
                # a message of several clauses: each piece (the whole, each clause) stands for its closest
                # reading only; another problem is one another clause or a cue names ("おっとが まいにち たたきます。こわいです。" read as a
                # whole was also near stalking and a spouse's death, each within ``second_gap``) — and its closest
                # is a danger short of the danger's stricter margin, that piece names nothing of its own: the
                # whole "おっとが まいにち わたしを たたきます。こわいです。" is nearest violence at home by 0.019 (0.02
                # needed) and stalking by less; its clause names violence at home
                best = max(hits, key=lambda h: h.score)
                hits = [] if self.weigh.nearer_danger(mine, max(mine.other, whole.other), table, best.score) else [best]
            for hit in hits:
                if hit.situation in ruled_out:
                    continue
                if self._says_little(piece, hit, mine is whole):
                    held.setdefault(hit.situation, hit)
                elif hit.situation not in found:
                    found[hit.situation] = hit
                    if mine is not whole and hit.immediate:
                        dangers_of_a_clause.append(hit.situation)
            if mine is not whole and clause_content(piece) >= MIN_CLAUSE_CONTENT:
                # a clause nearer its own situation than its own topics (see below); one that says little
                # ("こわいです", "tenho medo") names no problem of its own beside the message's reading either
                own = self.weigh.found(mine, mine.other, table)  # its closest reading, when not a danger
                # … nor one nearer a danger the message is found to be about (below): "my husband says he will
                # throw me out and hits me if I refuse" — the clause "hits me if I refuse" is nearest violence at
                # home (+0.018, short of its 0.02), then a dismissal (+0.013); it is part of telling the violence
                clauses += [
                    (h, self.weigh.nearest_danger(mine, mine.other, table, h.score))
                    for h in sorted(own, key=lambda h: -h.score)[:1]
                    if not h.immediate
                ]
        masked = self.harmless.mask  # a cue inside a harmless phrase does not count ("deadline is going to kill me")
        cues = self.texts.cue_hits(masked(text)) + (self.texts.cue_hits(masked(kana)) if kana else [])
        questions = []
        # "how do I avoid being scammed?": a question about a situation, not a report of one — its cue
        # ("scammed") does not stand by itself there (a danger's cue still does; its examples still may)
        avoiding = other_side or self.texts.asks_to_avoid(text) or bool(kana and self.texts.asks_to_avoid(kana))
        # "the tax deadline will kill me": a figure of speech, no one in danger — the cue does not stand by itself
        figures = set(self.texts.figurative(text)) | (set(self.texts.figurative(kana)) if kana else set())
        for situation_id in dict.fromkeys(cues):
            situation = self.catalogue.situations.get(situation_id)
            if situation is None or situation_id in found or (avoiding and not situation.immediate):
                continue
            if situation_id in figures:
                continue
            if not situation.immediate and whole is not None and situation_id in table.names:
                # an ordinary question that names a hard word stays a question
                if whole.other - whole.near(table.names.index(situation_id)) > self.thresholds.cue_slack:
                    questions.append(situation)
                    continue
            found[situation_id] = Found(situation_id, situation.urgency, 1.0, "cue")
        if not found and whole is not None:  # "男の人が どなって、物を 投げて います。こわい です": the only reading
            found.update({s: h for s, h in held.items() if self.weigh.whole_leans(h, whole, table)})
        if found:  # a message already about a serious situation is no ordinary question: its other cues count
            # ("the company has not paid me for two months and fired me": the unpaid wages' topic is closest),
            # and so does a clause nearer another serious situation than its own topics (not a danger)
            for situation in questions:
                found[situation.id] = Found(situation.id, situation.urgency, 1.0, "cue")
            for hit, danger in clauses:
                if hit.situation not in ruled_out and danger not in found:
                    found.setdefault(hit.situation, hit)
        alone = [s for s in dangers_of_a_clause if s not in cues]
        found = beside_a_danger(found, alone, whole, table, self.thresholds.clause_danger_gap)
        found, behind = who_is_hurt(self, text, found, whole, table, kana)
        # immediate danger first, then the situation whose examples are closest to the whole message, however
        # it was found: "my husband hits our son" names the husband (a cue of violence at home) but its
        # examples are those of a child in danger, whose line (189) comes first. A danger its cue phrases
        # name comes before one read from examples alone that is hardly closer (``cue_first_gap``): "my
        # husband beats me every day" in Burmese has a cue of violence at home, and its examples are 0.003
        # less close than a child's (own dev messages, bench/data/safety_dev_danger.yaml)
        closeness = {f.situation: self.weigh.closeness(f, whole, table) for f in found.values()}
        nearest = max((closeness[f.situation] for f in found.values() if f.immediate), default=0.0)
        cued = {s for s in cues if closeness.get(s, -1.0) >= nearest - self.thresholds.cue_first_gap}
        ranked = sorted(
            found.values(),
            key=lambda f: (
                0 if f.immediate else 1,
                f.situation == behind,
                0 if f.immediate and f.situation in cued else 1,
                -closeness[f.situation],
            ),
        )
        return Recognition(tuple(ranked))

    @staticmethod
    def _says_little(piece: str, hit: Found, whole: bool) -> bool:
        """Is ``hit`` a danger read by example from a clause that says too little to stand beside the message's
        other readings? "tenho medo" (I am scared) is nearest an example of thoughts of suicide, and "Meu chefe
        grita comigo e tenho medo" is workplace harassment, not also a crisis: such a clause's danger counts
        only when nothing else is read in the message (its cue phrases, the whole message's or a longer
        clause's reading still find a danger: "Perdi meu emprego e quero morrer" by its cue)."""
        return not whole and hit.immediate and clause_content(piece) < MIN_CLAUSE_CONTENT

    def emergency_evidence(self, text: str, kind: str, vector: np.ndarray | None = None) -> bool:
        """May an emergency intent (``emergency_<kind>``) stand for this message? Only when its example in
        the message's own script is close and clearly closer than any topic example in that script."""
        retriever, table = self.table()
        if not len(table.emergency_rows) or kind not in table.emergency_names:
            return False
        left = self.harmless.without(text)  # "fire drill at my kid's school": weighed without "fire drill" too
        if not left:
            return False
        if left != text and not self.emergency_evidence(left, kind):  # negative evidence only: both must pass
            return False
        vector = retriever.embedder.embed_queries([text])[0] if vector is None else vector
        scores = retriever.scores(vector)
        mask = table.scripts == script_of(text)
        mine = table.emergency_rows[table.emergency_of == table.emergency_names.index(kind)]
        best = self.weigh.best(scores, mine, mask)
        other = self.weigh.best(scores, table.other_rows, mask)
        return best >= self.thresholds.emergency_min and best - other >= self.thresholds.emergency_margin
