"""Rewrite rules as data: the YAML files of ``bot/data/plain/rules/``, loaded and validated here.

A rule file has a ``source:`` header, a ``stage:`` (files run in stage order; every stage sees the text
the previous one produced) and ``rules:``. Each rule has an ``id``, the ``guideline`` it implements, a
Japanese ``message`` for the checker, ``examples`` ([input, expected output] pairs) and either

* ``pattern:`` — token patterns in spaCy's Matcher syntax, as ``bot.plain.patterns`` implements it (``LEMMA``,
  ``ORTH``, ``TAG``, ``POS``, ``_: {plain_form: ...}``)
  with ``replace:`` — a string (replaces the whole match), a list with one item per pattern token
  (a template where ``{}`` is the token's text, or ``{inflect: LEMMA|"="|{LEMMA: LEMMA}, form: FORM|て形,
  like: N}``),
  or ``{transform: NAME}`` (a named function of ``bot.plain.transforms``); or ``replace`` left out for a
  check-only rule;
* ``detect: NAME`` — a check-only detector of ``bot.plain.detectors`` (long sentences, kanji density);
* ``lexicon: easy`` / ``lexicon: keep`` — the lexicon pass: replace difficult words by easy ones, or keep a
  needed word and explain it in brackets once (``{word}``, ``{easy}`` in the message name the words).

``scope: official`` makes a rule fire only on official-style text (several sentences or a long one).
``numbers: reformat`` lets a rule write a number differently (14時 → 午後2時); every other edit must keep
each Arabic number of the text it replaces. ``proper_nouns: true`` lets a rule touch Sudachi proper nouns.
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

import yaml

from knowledge.yamlfile import load_yaml

__all__ = ["RULES_DIR", "Inflect", "Rule", "RuleError", "RuleFile", "Transform", "load_rule_file", "load_rules"]

RULES_DIR = Path(__file__).resolve().parents[1] / "data" / "plain" / "rules"
SCOPES = ("always", "official")
_RULE_KEYS = {
    "id",
    "guideline",
    "message",
    "pattern",
    "replace",
    "detect",
    "lexicon",
    "examples",
    "scope",
    "numbers",
    "proper_nouns",
}
LEXICON_KINDS = ("easy", "keep")
_INFLECT_KEYS = {"inflect", "form", "like", "suffix"}


class RuleError(ValueError):
    """A rule file that cannot be used; the message names the file and the rule."""


@dataclass(frozen=True)
class Inflect:
    """Replace a token by ``lemma`` ("=" for the token's own; a mapping: by the token's dictionary form)
    in the conjugation form ``form`` (default: the form of token ``like``, or of the token itself)."""

    lemma: str | tuple[tuple[str, str], ...]
    form: str | None = None
    like: int | None = None
    suffix: str = ""


@dataclass(frozen=True)
class Transform:
    """Replace the match by what the function ``bot.plain.transforms.TRANSFORMS[name]`` returns."""

    name: str


@dataclass(frozen=True)
class Rule:
    id: str
    guideline: str
    message: str
    examples: tuple[tuple[str, str | None], ...]  # (input, expected rewrite) — None: a check-only example
    pattern: tuple[dict, ...] = ()
    replace: str | tuple[str | Inflect, ...] | Transform | None = None  # None: check-only (or lexicon)
    detect: str | None = None
    lexicon: str | None = None
    scope: str = "always"
    reformats_numbers: bool = False
    proper_nouns: bool = False

    @property
    def rewrites(self) -> bool:
        return self.replace is not None or self.lexicon is not None


@dataclass(frozen=True)
class RuleFile:
    path: Path
    source: str
    stage: int
    rules: tuple[Rule, ...]


def _fail(path: Path, rule: object, message: str) -> RuleError:
    return RuleError(f"{path.name}: rule {rule!r}: {message}")


def _replace(
    path: Path, rule_id: str, value: object, pattern: tuple[dict, ...]
) -> str | tuple[str | Inflect, ...] | Transform | None:
    from bot.plain.transforms import TRANSFORMS

    if value is None or isinstance(value, str):
        return value
    if isinstance(value, dict):
        name = value.get("transform")
        if set(value) != {"transform"} or name not in TRANSFORMS:
            raise _fail(path, rule_id, f"replace must name a transform, one of {sorted(TRANSFORMS)}")
        return Transform(name)
    if not isinstance(value, list):
        raise _fail(path, rule_id, "replace must be a string, a list or {transform: NAME}")
    if len(value) != len(pattern) or any("OP" in token for token in pattern):
        raise _fail(path, rule_id, "a replace list needs one item per pattern token and no OP in the pattern")
    items: list[str | Inflect] = []
    for item in value:
        if isinstance(item, str):
            items.append(item)
        elif isinstance(item, dict) and "inflect" in item and set(item) <= _INFLECT_KEYS:
            like = item.get("like")
            if like is not None and not (isinstance(like, int) and 0 <= like < len(pattern)):
                raise _fail(path, rule_id, f"like: {like!r} is not a token index of the pattern")
            lemma = item["inflect"]
            if isinstance(lemma, dict):
                if not lemma or not all(isinstance(k, str) and isinstance(v, str) for k, v in lemma.items()):
                    raise _fail(path, rule_id, "an inflect mapping must map dictionary forms to dictionary forms")
                lemma = tuple(sorted(lemma.items()))
            elif not isinstance(lemma, str) or not lemma:
                raise _fail(path, rule_id, 'inflect must name a dictionary form, "=" or a mapping')
            items.append(Inflect(lemma, item.get("form"), like, str(item.get("suffix", ""))))
        else:
            raise _fail(path, rule_id, f"bad replace item {item!r}")
    return tuple(items)


def _examples(path: Path, rule_id: str, value: object, rewrites: bool) -> tuple[tuple[str, str | None], ...]:
    if not isinstance(value, list) or not value:
        raise _fail(path, rule_id, "needs at least one example")
    examples = []
    for example in value:
        if rewrites and isinstance(example, list) and len(example) == 2 and all(isinstance(x, str) for x in example):
            examples.append((example[0], example[1]))
        elif not rewrites and isinstance(example, str):
            examples.append((example, None))
        else:
            want = "[input, expected]" if rewrites else "an input text that breaches the rule"
            raise _fail(path, rule_id, f"each example must be {want}, not {example!r}")
    return tuple(examples)


def _rule(path: Path, raw: object) -> Rule:
    from bot.plain.detectors import DETECTORS

    if not isinstance(raw, dict):
        raise _fail(path, raw, "a rule must be a mapping")
    rule_id = raw.get("id")
    if not isinstance(rule_id, str) or not rule_id:
        raise _fail(path, rule_id, "id must be a non-empty string")
    unknown = set(raw) - _RULE_KEYS
    if unknown:
        raise _fail(path, rule_id, f"unknown key(s) {sorted(unknown)}")
    for key in ("guideline", "message"):
        if not isinstance(raw.get(key), str) or not raw[key].strip():
            raise _fail(path, rule_id, f"{key} must be a non-empty string")
    scope = raw.get("scope", "always")
    if scope not in SCOPES:
        raise _fail(path, rule_id, f"scope must be one of {SCOPES}")
    detect, pattern, lexicon = raw.get("detect"), raw.get("pattern"), raw.get("lexicon")
    if sum(x is not None for x in (detect, pattern, lexicon)) != 1:
        raise _fail(path, rule_id, "give exactly one of pattern, detect or lexicon")
    pattern_tuple: tuple[dict, ...] = ()
    if lexicon is not None:
        if lexicon not in LEXICON_KINDS or "replace" in raw:
            raise _fail(path, rule_id, f"lexicon must be one of {LEXICON_KINDS}, without replace")
    elif detect is not None:
        if detect not in DETECTORS or "replace" in raw:
            raise _fail(path, rule_id, f"detect must be one of {sorted(DETECTORS)}, without replace")
    else:
        if not isinstance(pattern, list) or not pattern or not all(isinstance(t, dict) for t in pattern):
            raise _fail(path, rule_id, "pattern must be a non-empty list of token mappings")
        pattern_tuple = tuple(pattern)
    replace = _replace(path, rule_id, raw.get("replace"), pattern_tuple) if pattern is not None else None
    numbers = raw.get("numbers", "keep")
    if numbers not in ("keep", "reformat"):
        raise _fail(path, rule_id, "numbers must be keep or reformat")
    return Rule(
        rule_id,
        raw["guideline"].strip(),
        raw["message"].strip(),
        _examples(path, rule_id, raw.get("examples"), replace is not None or lexicon is not None),
        pattern_tuple,
        replace,
        detect,
        lexicon,
        scope,
        numbers == "reformat",
        bool(raw.get("proper_nouns", False)),
    )


def load_rule_file(path: Path) -> RuleFile:
    try:
        data = load_yaml(path)
    except yaml.YAMLError as error:
        raise RuleError(f"{path.name}: not valid YAML ({error})") from None
    if not isinstance(data, dict) or not isinstance(data.get("source"), str) or not data["source"].strip():
        raise RuleError(f"{path.name}: needs a source: header naming where the rules come from")
    if not isinstance(data.get("stage"), int):
        raise RuleError(f"{path.name}: needs stage: (an integer; files run in stage order)")
    if not isinstance(data.get("rules"), list) or not data["rules"]:
        raise RuleError(f"{path.name}: needs a non-empty rules: list")
    rules = tuple(_rule(path, raw) for raw in data["rules"])
    _check_patterns(path, rules)
    return RuleFile(path, data["source"].strip(), data["stage"], rules)


def _check_patterns(path: Path, rules: tuple[Rule, ...]) -> None:
    from bot.plain.patterns import PatternError, compile_pattern

    for rule in rules:
        if rule.pattern:
            try:
                compile_pattern(rule.pattern)
            except PatternError as error:
                raise _fail(path, rule.id, f"bad token pattern ({error})") from None


@lru_cache(maxsize=4)
def load_rules(directory: Path = RULES_DIR) -> tuple[RuleFile, ...]:
    """All rule files, in stage order; rule ids must be unique across files."""
    files = sorted(
        (load_rule_file(path) for path in sorted(directory.glob("*.yaml"))), key=lambda f: (f.stage, f.path.name)
    )
    seen: dict[str, Path] = {}
    for rule_file in files:
        for rule in rule_file.rules:
            if rule.id in seen:
                raise RuleError(f"{rule_file.path.name}: rule id {rule.id!r} is also used in {seen[rule.id].name}")
            seen[rule.id] = rule_file.path
    return tuple(files)
