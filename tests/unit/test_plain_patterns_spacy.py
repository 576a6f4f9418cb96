"""spaCy's ``Matcher`` is the reference for the rule files' token patterns: the hand matcher of
``bot.plain.patterns`` (which the rewriter uses, so that it runs without spaCy) must find exactly the
``(rule, start, end)`` that spaCy finds, for every rule pattern, on the same Sudachi tokens.

Texts: the inputs of every rule's examples and every line of the guidebook's Japanese edition; 400 SNOW T15
originals from the ids the project may tune on (skipped when ``../shared`` is absent); the rewriter's output
for each of them (what the later stages see); and the rule examples with random edits (near misses).
spaCy comes with the test extra (``make install-test``); the product does not install it.
"""

from __future__ import annotations

import random
from collections import Counter
from pathlib import Path

import pytest

from spacy.matcher import Matcher
from spacy.tokens import Doc as SpacyDoc
from spacy.tokens import Token as SpacyToken
from spacy.vocab import Vocab

from bench.shared_data import read_snow_pairs, shared_dir
from bot.plain import rewrite
from bot.plain.doc import Doc, Token
from bot.plain.patterns import TokenMatcher
from bot.plain.rules import load_rules
from bot.plain.tokens import LOCK, tokenize

ROOT = Path(__file__).resolve().parents[2]
GUIDEBOOK = ROOT / "knowledge" / "guidebook" / "ja"
SNOW_IDS, SNOW_SENTENCES = (1, 20000), 400  # ids the lexicon was derived from, never the held-out 20001-25000
EXTENSIONS = ("plain_form", "plain_type")  # the conjugation form and type, as the patterns name them

for name in EXTENSIONS:
    if not SpacyToken.has_extension(name):
        SpacyToken.set_extension(name, default="")

STAGES = [rule_file for rule_file in load_rules() if any(rule.pattern for rule in rule_file.rules)]
VOCAB = Vocab()


def spacy_doc(doc) -> SpacyDoc:
    """The same tokens as a spaCy ``Doc``: surface, its space, tag, lemma, norm, VERB/AUX and the inflection."""
    tokens = list(doc)
    built = SpacyDoc(
        VOCAB,
        words=[t.text for t in tokens],
        spaces=[bool(t.whitespace_) for t in tokens],
        tags=[t.tag_ for t in tokens],
        pos=[t.pos_ or "X" for t in tokens],  # the patterns ask only for VERB and AUX
        lemmas=[t.lemma_ for t in tokens],
    )
    for ours, theirs in zip(tokens, built, strict=True):
        theirs.norm_ = ours.norm_
        theirs._.plain_type, theirs._.plain_form = ours.inflection
    return built


def matchers() -> list[tuple[TokenMatcher, Matcher]]:
    pairs = []
    for rule_file in STAGES:
        ours, reference = TokenMatcher(), Matcher(VOCAB, validate=True)
        for rule in rule_file.rules:
            if rule.pattern:
                ours.add(rule.id, rule.pattern)
                reference.add(rule.id, [list(rule.pattern)])
        pairs.append((ours, reference))
    return pairs


def guidebook_texts() -> list[str]:
    found = [example for f in STAGES for rule in f.rules if rule.pattern for example, _ in rule.examples]
    for path in sorted(GUIDEBOOK.glob("*.md")):
        found.extend(line.strip() for line in path.read_text(encoding="utf-8").splitlines() if line.strip())
    return found


def snow_texts() -> list[str]:
    shared = shared_dir()
    if shared is None or not (shared / "data" / "snow_t15" / "dev.tsv").is_file():
        pytest.skip("../shared/data/snow_t15 is not present")
    pairs = read_snow_pairs(shared / "data" / "snow_t15" / "dev.tsv", SNOW_IDS)
    return [pair.original for pair in pairs[:: len(pairs) // SNOW_SENTENCES]][:SNOW_SENTENCES]


def disagreements(pairs, doc, counts: Counter) -> list[tuple[str, list, list]]:
    """(text, found only by the hand matcher, found only by spaCy) for each stage where they differ."""
    reference_doc, found = spacy_doc(doc), []
    for ours, reference in pairs:
        got = set(ours.find(doc))
        want = {(VOCAB.strings[key], start, end) for key, start, end in reference(reference_doc)}
        counts.update(key for key, _, _ in want)
        if got != want:
            found.append((doc.text, sorted(got - want), sorted(want - got)))
    return found


@pytest.mark.slow
@pytest.mark.parametrize("source", [guidebook_texts, snow_texts], ids=["examples+guidebook", "snow"])
def test_the_hand_matcher_finds_what_spacys_matcher_finds(source):
    pairs, counts, found, checked = matchers(), Counter(), [], 0
    for text in source():
        for variant in dict.fromkeys((text, rewrite(text).text)):
            with LOCK:
                doc = tokenize(variant)
            found.extend(disagreements(pairs, doc, counts))
            checked += 1
    assert found == [], f"{len(found)} of {checked} texts: {found[:5]}"
    if source is guidebook_texts:  # every pattern was compared on at least one text where it matches
        assert [rule.id for f in STAGES for rule in f.rules if rule.pattern and not counts[rule.id]] == []
    else:
        assert checked > SNOW_SENTENCES and sum(counts.values()) > 500


def _edited(tokens: list, pool: list, generator: random.Random) -> Doc:
    """``tokens`` with one to three random edits (drop, repeat or swap a token, or put in one from ``pool``)."""
    words = list(tokens)
    for _ in range(generator.randint(1, 3)):
        at = generator.randrange(len(words) + 1)
        edit = generator.choice(("drop", "repeat", "swap", "insert"))
        if edit == "insert" or len(words) < 2:
            words.insert(at, generator.choice(pool))
        elif edit == "drop":
            del words[min(at, len(words) - 1)]
        elif edit == "repeat":
            words.insert(at, words[min(at, len(words) - 1)])
        else:
            at = min(at, len(words) - 2)
            words[at], words[at + 1] = words[at + 1], words[at]
    copies, offset = [], 0
    for i, t in enumerate(words):
        copies.append(Token(i, t.text, offset, (t.tag_, t.lemma_, t.norm_, t.reading, t.inflection, t.pos_)))
        offset += len(t.text)
    return Doc("".join(t.text for t in words), copies)


def test_the_matchers_agree_on_edited_examples():
    """Near misses: each rule example's tokens with random edits (seeded) — optional and repeated tokens
    taken away or doubled, neighbours swapped, other examples' tokens put in, anchors at a text's ends."""
    with LOCK:
        examples = [list(tokenize(e)) for f in STAGES for rule in f.rules if rule.pattern for e, _ in rule.examples]
    pool = [token for tokens in examples for token in tokens]
    pairs, counts, found, generator = matchers(), Counter(), [], random.Random(17)
    for _ in range(20):
        for tokens in examples:
            found.extend(disagreements(pairs, _edited(tokens, pool, generator), counts))
    assert found == [], f"{len(found)} of {20 * len(examples)} edited examples: {found[:5]}"
    assert len(counts) > 50  # most patterns matched somewhere
