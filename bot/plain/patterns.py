"""Token patterns of the rule files, compiled, and a matcher that finds them in a ``Doc``.

The syntax is spaCy's Matcher syntax (the rule files were written for it), for the part the rules use; spaCy's
``Matcher`` is the reference this matcher must agree with (tests/unit/test_plain_patterns_spacy.py), but the
rewriter never imports spaCy (with its ``Doc`` and ``Matcher`` it was 4–6 times slower):

* a pattern is a list of token specs; a spec maps attributes to values: ``ORTH`` / ``TEXT`` (surface),
  ``LEMMA`` (dictionary form), ``NORM`` (Sudachi normalised form), ``TAG`` (Sudachi part of speech),
  ``POS`` (``VERB`` or ``AUX``, see ``bot.plain.doc``), ``_: {plain_form: ..., plain_type: ...}``
  (conjugation form and type);
* a value is a string (equal), or a mapping of ``IN`` / ``NOT_IN`` (lists) and ``REGEX`` (``re.search``);
* ``OP`` is ``"?"`` (zero or one), ``"*"`` (zero or more) or ``"+"`` (one or more).

Like spaCy's Matcher, ``find`` reports every ``(rule id, start, end)`` that matches, all lengths of an
optional part included; the caller picks among overlaps. A pattern is anchored on one of its tokens before
any repeated one — a literal surface or dictionary form if it has one, else a tag or a tag REGEX — so only
the places where such a token occurs are tried (the doc indexes its tokens by surface, dictionary form and
tag once, for every stage).
"""

from __future__ import annotations

import re
from collections.abc import Callable, Sequence
from operator import attrgetter
from typing import Any

__all__ = ["PatternError", "TokenMatcher", "compile_pattern"]

Predicate = Callable[[Any], object]  # truthy when the token (or value) passes
_ATTRIBUTES = {
    "ORTH": attrgetter("text"),
    "TEXT": attrgetter("text"),
    "LEMMA": attrgetter("lemma_"),
    "NORM": attrgetter("norm_"),
    "TAG": attrgetter("tag_"),
    "POS": attrgetter("pos_"),
}
_EXTENSIONS = {"plain_form": lambda t: t.inflection[1], "plain_type": lambda t: t.inflection[0]}
_POS_VALUES = {"VERB", "AUX"}
_OPS = ("?", "*", "+")
_INDEXES = {"ORTH": "text", "TEXT": "text", "LEMMA": "lemma", "TAG": "tag"}  # spec key → doc index
Anchor = tuple[int, str, object]  # (rank: lower is more selective, doc index, frozenset of values | regex)


class PatternError(ValueError):
    """A token pattern that cannot be compiled; the message says what is wrong."""


def _not_in(members: frozenset[str]) -> Predicate:
    def test(value: str) -> bool:
        return value not in members

    return test


def _test(key: str, value: object) -> tuple[Predicate, Anchor | None]:
    """A test on one attribute value, and the anchor it gives (when ``key`` is indexed)."""
    index = _INDEXES.get(key)
    rank = 1 if index == "tag" else 0
    if isinstance(value, str):
        if key == "POS" and value not in _POS_VALUES:
            raise PatternError(f"POS can be {sorted(_POS_VALUES)}, not {value!r}")
        return value.__eq__, (rank, index, frozenset([value])) if index else None
    if not isinstance(value, dict) or not value:
        raise PatternError(f"{key}: a value is a string or a mapping of IN / NOT_IN / REGEX, not {value!r}")
    tests: list[Predicate] = []
    anchor: Anchor | None = None
    for op, argument in value.items():
        if op in ("IN", "NOT_IN"):
            if not isinstance(argument, list) or not all(isinstance(a, str) for a in argument):
                raise PatternError(f"{key}: {op} needs a list of strings")
            if key == "POS" and set(argument) - _POS_VALUES:
                raise PatternError(f"POS can be {sorted(_POS_VALUES)}, not {argument!r}")
            members = frozenset(argument)
            if op == "IN":
                tests.append(members.__contains__)
            else:
                tests.append(_not_in(members))
            if op == "IN" and index:
                anchor = (rank, index, members)
        elif op == "REGEX":
            try:
                regex = re.compile(str(argument))
            except re.error as error:
                raise PatternError(f"{key}: bad REGEX {argument!r} ({error})") from None
            tests.append(regex.search)
            if index == "tag" and anchor is None:
                anchor = (2, index, regex)
        else:
            raise PatternError(f"{key}: unknown operator {op!r} (IN, NOT_IN, REGEX)")
    if len(tests) == 1:
        return tests[0], anchor
    return (lambda v: all(test(v) for test in tests)), anchor


def _spec(spec: object) -> tuple[Predicate, str | None, Anchor | None]:
    """(predicate, OP, the most selective anchor the spec gives)."""
    if not isinstance(spec, dict):
        raise PatternError(f"a token spec is a mapping, not {spec!r}")
    op = spec.get("OP")
    if op is not None and op not in _OPS:
        raise PatternError(f"OP can be {list(_OPS)}, not {op!r}")
    checks: list[tuple[Callable, Predicate]] = []
    anchors: list[Anchor] = []
    for key, value in spec.items():
        if key == "OP":
            continue
        if key == "_":
            if not isinstance(value, dict) or not value or set(value) - set(_EXTENSIONS):
                raise PatternError(f"_ takes {sorted(_EXTENSIONS)}, not {value!r}")
            checks.extend((_EXTENSIONS[name], _test(name, v)[0]) for name, v in value.items())
        elif key in _ATTRIBUTES:
            test, anchor = _test(key, value)
            checks.append((_ATTRIBUTES[key], test))
            if anchor is not None:
                anchors.append(anchor)
        else:
            raise PatternError(f"unknown attribute {key!r} ({sorted(_ATTRIBUTES)}, _, OP)")
    best = min(anchors, key=lambda a: a[0]) if anchors else None
    if not checks:
        return (lambda token: True), op, None
    if len(checks) == 1:
        get, test = checks[0]
        return (lambda token: test(get(token))), op, best
    if len(checks) == 2:
        (get1, test1), (get2, test2) = checks
        return (lambda token: test1(get1(token)) and test2(get2(token))), op, best
    return (lambda token: all(test(get(token)) for get, test in checks)), op, best


def compile_pattern(pattern: object) -> tuple[tuple[Predicate, str | None], ...]:
    """A pattern as (predicate, OP) per token spec; ``PatternError`` when it is malformed."""
    if not isinstance(pattern, (list, tuple)) or not pattern:
        raise PatternError("a pattern is a non-empty list of token specs")
    return tuple(_spec(spec)[:2] for spec in pattern)


def _ends(specs, tokens, j: int, p: int, out: set[int]) -> None:
    """Every end position of a match of ``specs[j:]`` starting at token ``p``."""
    if j == len(specs):
        out.add(p)
        return
    predicate, op = specs[j]
    if op is None:  # the common case: exactly one token
        if p < len(tokens) and predicate(tokens[p]):
            _ends(specs, tokens, j + 1, p + 1, out)
        return
    if op != "+":
        _ends(specs, tokens, j + 1, p, out)
    q, n = p, len(tokens)
    while q < n and predicate(tokens[q]):
        q += 1
        _ends(specs, tokens, j + 1, q, out)
        if op == "?":
            break


class _Pattern:
    """A compiled pattern: its specs, the words and tags it cannot match without (``required``: doc index and
    values, one of which must occur), and the anchor it is tried from: (doc index, values or a tag regex,
    offsets of the anchor token from the start of a match), or None to try it everywhere."""

    __slots__ = ("key", "specs", "fixed", "required", "anchor")

    def __init__(self, key: str, specs: tuple, required: list, anchor: tuple | None) -> None:
        self.key, self.specs, self.required, self.anchor = key, specs, required, anchor
        self.fixed = all(op is None for _, op in specs)  # one token per spec: no backtracking

    def match(self, tokens, start: int, found: set) -> None:
        if self.fixed:
            end = start + len(self.specs)
            if end > len(tokens):
                return
            position = start
            for predicate, _ in self.specs:
                if not predicate(tokens[position]):
                    return
                position += 1
            found.add((self.key, start, end))
            return
        ends: set[int] = set()
        _ends(self.specs, tokens, 0, start, ends)
        found.update((self.key, start, end) for end in ends if end > start)


def _where(positions: dict[str, list[int]], values) -> Sequence[int]:
    """Token positions (of ``positions``: value → places) whose value is in ``values`` or matches the regex."""
    if isinstance(values, frozenset):
        if len(values) == 1:
            return positions.get(next(iter(values)), ())
        return [i for value in values for i in positions.get(value, ())]
    return [i for value, where in positions.items() if values.search(value) for i in where]


class TokenMatcher:
    """The patterns of one rule file: ``add(key, pattern)``, then ``find(doc)``.

    A pattern that needs a word or tag the doc does not have is not tried at all (the doc's words and the
    patterns' required words meet in one set intersection per index); the others are tried only at the
    places of their most selective anchor."""

    def __init__(self) -> None:
        self._gated: dict[str, dict[str, list[_Pattern]]] = {}  # doc index → required value → patterns
        self._ungated: list[_Pattern] = []
        self._count = 0

    def __bool__(self) -> bool:
        return self._count > 0

    def add(self, key: str, pattern: object) -> None:
        if not isinstance(pattern, (list, tuple)) or not pattern:
            raise PatternError("a pattern is a non-empty list of token specs")
        compiled = [_spec(spec) for spec in pattern]
        specs = tuple((predicate, op) for predicate, op, _ in compiled)
        least: int = 0  # how many tokens the specs before this one take: least … most
        most: int | None = 0
        anchors = []
        for _, op, anchor in compiled:
            if op is None and anchor is not None:
                offsets = tuple(range(least, most + 1)) if most is not None else None
                anchors.append((anchor, offsets))
            if op in ("*", "+") or most is None:
                most = None  # past a repeated token the anchor's offset is unbounded
            else:
                least, most = least + (op is None), most + 1
        # most selective first: a word before a tag, one word before a choice of several
        anchors.sort(key=lambda a: (a[0][0], len(a[0][2]) if isinstance(a[0][2], frozenset) else 0))
        required = [(index, values) for (_, index, values), _ in anchors if isinstance(values, frozenset)]
        tried = [(index, values, offsets) for (_, index, values), offsets in anchors if offsets is not None]
        compiled_pattern = _Pattern(key, specs, required[1:], tried[0] if tried else None)
        if required:
            index, values = required[0]
            table = self._gated.setdefault(index, {})
            for value in values:
                table.setdefault(value, []).append(compiled_pattern)
        else:
            self._ungated.append(compiled_pattern)
        self._count += 1

    def find(self, doc) -> list[tuple[str, int, int]]:
        """Every (key, start, end) where a pattern matches, in order of start, then end."""
        tokens, index_of = doc.tokens, doc.positions()
        candidates: dict[_Pattern, None] = {}
        for index, table in self._gated.items():
            for value in table.keys() & index_of[index].keys():
                for pattern in table[value]:
                    candidates[pattern] = None
        found: set[tuple[str, int, int]] = set()
        for pattern in [*candidates, *self._ungated]:
            for index, values in pattern.required:
                if index_of[index].keys().isdisjoint(values):
                    break  # a word or tag the pattern needs does not occur
            else:
                if pattern.anchor is None:
                    places: Sequence[int] = range(len(tokens))
                    starts: tuple[int, ...] = (0,)
                else:
                    index, values, starts = pattern.anchor
                    places = _where(index_of[index], values)
                for i in places:
                    for offset in starts:
                        if i >= offset:
                            pattern.match(tokens, i - offset, found)
        return sorted(found, key=lambda match: (match[1], match[2]))
