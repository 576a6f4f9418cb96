"""Why the routing report's items fail, as counts only (never a message text): per language and per office kind.

    .venv/bin/python bench/routing_causes.py [--set tests/data/heldout/routing.yaml]

For "I live in <place>, where do I …?" items that are not met, the first cause that applies:

- ``place``    the place is not understood as where the resident lives;
- ``unsure``   no topic answered (the message went to "not sure", a handoff or only "place set");
- ``no-card``  a topic answered but no reply carries an office;
- ``kind``     the answered topic sends to another office kind than the item's;
- ``office``   right kind, another office (jurisdiction, or the municipality's own office not named);
- ``section``  the municipal office, but the counter of another topic;
- ``phone``    the right office without its phone.

For multi-part items not fully answered: ``split<n`` (the message was cut into fewer question parts than it
has), ``emergency`` (the number asked is not in the first reply), ``part`` (a part's topic not answered),
and the step that ended the turn. The held-out set is for measuring: this prints no text of it.
"""

from __future__ import annotations

import argparse
import sys
from collections import Counter, defaultdict
import tempfile
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(REPO))
sys.path.insert(0, str(REPO / "bench"))

from routing import EMERGENCY_NUMBERS, Expectation, batch_items, place_understood, run_dialogue  # noqa: E402

from bot.dialogue.residence import load_residence_phrases  # noqa: E402
from bot.dialogue.steps import Step  # noqa: E402
from knowledge.paths import TRANSLATIONS_DIR  # noqa: E402
from knowledge.routing import load_router  # noqa: E402
from knowledge.yamlfile import load_yaml  # noqa: E402


_SERVICES: list = []


def _unsure_detail(item: dict, desk) -> str:
    """How many question parts the message had and how close the best topic of the question came."""
    from bot.speech import Speech  # noqa: PLC0415

    parts = desk.parts(item["text"], item["lang"])
    if not _SERVICES or not parts.questions:
        return f":questions={len(parts.questions)}"
    assistant = _SERVICES[0].dialogue.assistant
    found = assistant.find(" ".join(parts.questions), Speech.parse(item["lang"])).topics
    top = found[0].dense if found else 0.0
    kind = "same-kind" if found and desk.office_kind(found[0].topic_id) == item["office"] else "other-kind"
    return f":questions={len(parts.questions)}:top={top:.2f}:{kind}"


def place_cause(item: dict, replies, expected: Expectation, desk, places, phrases) -> str:
    if not place_understood(item, places, phrases):
        found = places.find(item["text"])
        if not found:
            return "place:none-found"
        if all(p.prefecture != item["prefecture"] for p in found):
            return "place:other-prefecture"
        return "place:not-a-residence"
    answered = [s.id for r in replies for s in r.sources]
    if not answered:
        return "unsure" + _unsure_detail(item, desk)
    cards = [r.office for r in replies if getattr(r, "office", None) is not None]
    if not cards:
        return "no-card"
    if all(desk.office_kind(topic) != item["office"] for topic in answered):
        return "kind"
    office = expected.office
    if office is None:
        return "no-office-in-data"
    if office.kind == "municipal":
        if any(c.kind == "municipal" and c.section_ja != expected.section for c in cards):
            return "section"
        named = [c.name_ja for c in cards if c.kind == "municipal"]
        if named and all(n == office.name_ja for n in named):
            return "office:city-not-known"
        return "office:other-city" if named else "office:no-municipal-card"
    if not any(c.id == office.id for c in cards):
        return "office"
    return "phone"


def _unsplit(text: str, lang: str, desk) -> str:
    """Why a sentence holding two questions stayed whole: no boundary word, or a side without a word that asks."""
    from bot.dialogue.clauses import _has_any  # noqa: PLC0415
    from bot.dialogue.parts import split_sentences  # noqa: PLC0415

    words = desk.joiners.words(lang)
    seen = "no-boundary"
    for sentence in split_sentences(text):
        for b in words.boundaries + words.conjunctions + words.ends + words.question_ends:
            at = sentence.casefold().find(b)
            if at <= 0:
                continue
            left = _has_any(sentence[:at], words.asks, words.spaced)
            right = _has_any(sentence[at + len(b) :], words.asks, words.spaced)
            seen = {(True, False): "right-no-ask", (False, True): "left-no-ask"}.get((left, right), "no-ask")
            if (left, right) == (True, True):
                return "refers-back-or-short"
    return seen


def _part_ranks(item: dict, questions: list[str], services) -> list[str]:
    """Where each unanswered topic stood in its part's search: rank and whether above the threshold."""
    dialogue = services.dialogue
    speech = __import__("bot.speech", fromlist=["Speech"]).Speech.parse(item["lang"])
    found = dialogue.assistant.search_many(questions, speech, k=dialogue.policy.search_k)
    out = []
    for part in item["parts"]:
        if isinstance(part, dict):
            continue
        best = "absent"
        for hits in found:
            for rank, hit in enumerate(hits):
                if hit.topic_id == part:
                    above = hit.dense >= dialogue.policy.answer_threshold
                    label = f"rank{rank + 1}-{'above' if above else 'below'}"
                    best = min(best, label) if best != "absent" else label
        out.append(best)
    return out


def _declined(item: dict, services) -> list[str]:
    """Why the several-questions step may have declined a message cut into parts (counts only)."""
    from bot.dialogue.several import weak_sure as _weak_sure  # noqa: PLC0415
    from bot.dialogue.turn import substantial as _substantial  # noqa: PLC0415
    from bot.speech import Speech  # noqa: PLC0415

    dialogue = services.dialogue
    parts = dialogue.router.desk.parts(item["text"], item["lang"])
    policy = dialogue.policy
    questions = [q for q in parts.questions if _substantial(q, policy.sentence_min_chars)]
    out = [f"parts:{len(parts.questions)}-substantial:{len(questions)}"]
    found = dialogue.assistant.search_many(questions, Speech.parse(item["lang"]), k=policy.search_k)

    class _Turn:  # what _weak_sure reads
        pass

    turn = _Turn()
    turn.policy = policy  # type: ignore[attr-defined]
    for question, topics in zip(questions, found):
        if question in parts.weak_questions:
            gold = "gold" if topics and topics[0].topic_id in item["parts"] else "other"
            lead = topics[0].dense - topics[1].dense if len(topics) > 1 else 1.0
            bucket = next(f"<{b}" for b in (0.005, 0.01, 0.02, 0.03, 0.05, 1.1) if lead < b)
            whole = dialogue.assistant.find(item["text"], Speech.parse(item["lang"])).topics
            near = {h.topic_id for h in whole[: policy.weak_part_near]}
            sure = topics and _weak_sure(turn, topics, near)
            out.append(("weak-ok" if sure else "weak-vague") + f":{gold}:lead{bucket}")
        elif not topics or topics[0].dense < policy.answer_threshold:
            out.append("below-threshold")
    return out


def multi_causes(item: dict, replies, desk, services=None) -> list[str]:
    causes = []
    questions = desk.parts(item["text"], item["lang"]).questions
    if len(questions) < len(item["parts"]):
        causes.append(f"split{len(questions)}<{len(item['parts'])}:{_unsplit(item['text'], item['lang'], desk)}")
    topics = [s.id for r in replies for s in r.sources]
    first = replies[0].text if replies else ""
    for part in item["parts"]:
        if isinstance(part, dict):
            if EMERGENCY_NUMBERS[part["emergency"]] not in first:
                causes.append("emergency")
        elif part not in topics:
            causes.append("part")
    if services is not None and "part" in causes and len(questions) >= 2:
        causes += _declined(item, services)
        answered = set(topics)
        missing = {
            "lang": item["lang"],
            "parts": [p for p in item["parts"] if isinstance(p, dict) or p not in answered],
        }
        causes += [f"missing:{r}" for r in _part_ranks(missing, questions, services)]
    return causes


def _recording(steps: tuple[Step, ...], ended: list[str]) -> tuple[Step, ...]:
    def wrap(step: Step) -> Step:
        def run(turn):
            replies = step.run(turn)
            if replies is not None:
                ended.append(step.name)
            return replies

        return Step(step.name, run)

    return tuple(wrap(s) for s in steps)


def _show(item: dict, cause: str, replies, ended: list[str]) -> None:
    """One failing item of a dev set: its text, the cause, the step that ended the turn, what was answered."""
    answered = [s.id for r in replies for s in r.sources]
    cards = [f"{r.office.kind}:{r.office.name_ja}" for r in replies if getattr(r, "office", None) is not None]
    print(f"- [{item['lang']}] {item['text']}\n    {cause} | step {ended[-1] if ended else '-'} | topics {answered}")
    print(f"    cards {cards} | first {replies[0].text[:90]!r}" if replies else "    no reply")


def main() -> None:
    parser = argparse.ArgumentParser(description="Failure causes of the routing report, as counts.")
    parser.add_argument("--set", type=Path, default=REPO / "tests" / "data" / "heldout" / "routing.yaml")
    parser.add_argument("--batches", action="store_true", help="also a dev set's later batches (places2 …)")
    parser.add_argument("--show", action="store_true", help="print each failing item (own dev sets only)")
    args = parser.parse_args()
    if args.show and "heldout" in args.set.resolve().parts:
        parser.error("--show prints message texts: not for a held-out set")
    data = load_yaml(args.set)
    from connectors.services import build_services  # noqa: PLC0415
    from connectors.settings import Settings  # noqa: PLC0415

    # a new data folder per run: a conversation of an earlier run (its place, its topic) never carries over
    services = build_services(Settings(data_dir=Path(tempfile.mkdtemp()), reindex_check_seconds=0, _env_file=None))
    _SERVICES.append(services)
    dialogue = services.dialogue
    ended: list[str] = []
    dialogue.steps = _recording(dialogue.steps, ended)
    desk = dialogue.router.desk
    places, phrases = services.places, load_residence_phrases(TRANSLATIONS_DIR)
    router = load_router(desk.offices, places)
    by_lang: dict[str, Counter] = defaultdict(Counter)
    by_kind: dict[str, Counter] = defaultdict(Counter)
    for n, item in enumerate(batch_items(data, "places", args.batches)):
        ended.clear()
        expected = Expectation(item, desk.offices, places, router)
        replies = run_dialogue(services, item["text"], item["lang"], f"causes-place-{n}")
        if expected.met_by(replies):
            continue
        cause = place_cause(item, replies, expected, desk, places, phrases)
        if args.show:
            _show(item, cause, replies, ended)
        by_lang[item["lang"]][cause] += 1
        by_kind[item["office"]][cause] += 1
    multi_lang: dict[str, Counter] = defaultdict(Counter)
    multi_step: Counter = Counter()
    for n, item in enumerate(batch_items(data, "multipart", args.batches)):
        ended.clear()
        replies = run_dialogue(services, item["text"], item["lang"], f"causes-multi-{n}")
        causes = multi_causes(item, replies, desk, services)
        if args.show and causes:
            _show(item, ", ".join(causes), replies, ended)
        for cause in causes:
            multi_lang[item["lang"]][cause] += 1
        if causes:
            multi_step[(ended[-1] if ended else "-", len(item["parts"]))] += 1
    print("places: causes per language")
    for lang, counts in sorted(by_lang.items()):
        print(f"  {lang:9} " + ", ".join(f"{c} {k}" for c, k in sorted(counts.items())))
    print("places: causes per office kind")
    for kind, counts in sorted(by_kind.items()):
        print(f"  {kind:17} " + ", ".join(f"{c} {k}" for c, k in sorted(counts.items())))
    print("multi: causes per language")
    for lang, counts in sorted(multi_lang.items()):
        print(f"  {lang:9} " + ", ".join(f"{c} {k}" for c, k in sorted(counts.items())))
    print("multi: failing items by the step that ended the turn and the number of parts")
    for (step, parts), count in sorted(multi_step.items()):
        print(f"  {step:20} parts={parts}: {count}")


if __name__ == "__main__":
    main()
