"""Which language (and which Japanese register) a message is written in.

Order: Zawgyi → Unicode conversion (below); script rules and distinctive letters from
``bot/data/language_rules.yaml``; then cld3's ranked guesses restricted to the supported languages;
pycld2 to tell Traditional from Simplified Chinese. Plain Japanese is recognised as mostly kana, or
phrases separated by spaces.
"""

from __future__ import annotations

import functools
import threading
import unicodedata
from collections import Counter, defaultdict
from collections.abc import Collection
from dataclasses import dataclass
from pathlib import Path

from knowledge.yamlfile import load_yaml

__all__ = [
    "Detection",
    "LanguageRules",
    "LanguageIdentifier",
    "load_rules",
    "zawgyi_probability",
    "to_unicode_if_zawgyi",
]

RULES_FILE = Path(__file__).with_name("data") / "language_rules.yaml"


@dataclass(frozen=True)
class Detection:
    lang: str  # a supported code, e.g. "ja", "fil"
    register: str  # "standard" or "plain" (Japanese only)
    confidence: float  # 0..1
    text: str  # the text to use downstream (Zawgyi converted to Unicode)
    method: str  # "script", "letters", "cld3", "default"
    variant: str = ""  # e.g. "zh-Hant"
    zawgyi: bool = False


@dataclass(frozen=True)
class LanguageRules:
    ranges: tuple[tuple[int, int, str], ...]
    script_languages: dict[str, str]
    letters: dict[str, str]
    aliases: dict[str, str]
    cue_words: dict[str, frozenset[str]]

    def script_of(self, char: str) -> str | None:
        code = ord(char)
        for low, high, script in self.ranges:
            if low <= code <= high:
                return script
        return None


def load_rules(path: Path = RULES_FILE) -> LanguageRules:
    data = load_yaml(path)
    ranges = []
    for script, spans in data["scripts"].items():
        for low, high in spans:
            if low > high:
                raise ValueError(f"{path}: range {low:#x}-{high:#x} of {script} is reversed")
            ranges.append((int(low), int(high), script))
    unknown = set(data["script_languages"]) - set(data["scripts"])
    if unknown:
        raise ValueError(f"{path}: script_languages names unknown scripts {sorted(unknown)}")
    cues = {lang: frozenset(words) for lang, words in (data.get("cue_words") or {}).items()}
    return LanguageRules(
        tuple(ranges), dict(data["script_languages"]), dict(data["letters"]), dict(data["aliases"]), cues
    )


# -- Burmese typed with the Zawgyi font encoding: detected (Google's myanmartools model) and converted
# to Unicode (python-myanmar's rule tables) before anything else
_MYANMAR = range(0x1000, 0x10A0)


@functools.lru_cache(maxsize=1)
def _detector():
    from myanmartools import ZawgyiDetector

    return ZawgyiDetector()


def zawgyi_probability(text: str) -> float:
    if not any(ord(c) in _MYANMAR for c in text):
        return 0.0
    return float(_detector().get_zawgyi_probability(text))


def to_unicode_if_zawgyi(text: str, threshold: float = 0.5) -> tuple[str, bool]:
    """Return ``(text in Unicode, whether it was converted)``."""
    if zawgyi_probability(text) < threshold:
        return text, False
    from myanmar import converter

    return converter.convert(text, "zawgyi", "unicode"), True


_local = threading.local()


def _cld3():
    """One cld3 identifier per thread: the service detects languages on several threads at once."""
    identifier = getattr(_local, "cld3", None)
    if identifier is None:
        import gcld3

        identifier = _local.cld3 = gcld3.NNetLanguageIdentifier(min_num_bytes=0, max_num_bytes=2000)
    return identifier


def is_plain_japanese(text: str, counts: Counter) -> bool:
    """Mostly kana, or short phrases separated by spaces (分かち書き)."""
    kana = counts["hiragana"] + counts["katakana"]
    japanese = kana + counts["han"]
    if not japanese:
        return False
    if kana / japanese >= 0.85:
        return True
    phrases = [p for p in text.split() if p]
    return len(phrases) >= 3 and sum(len(p) for p in phrases) / len(phrases) <= 8


class LanguageIdentifier:
    def __init__(self, supported: Collection[str], rules: LanguageRules | None = None, default: str = "en") -> None:
        self.supported = set(supported)
        self.rules = rules or load_rules()
        self.default = default if default in self.supported else sorted(self.supported)[0]

    def _pick(self, code: str) -> str | None:
        code = self.rules.aliases.get(code, code)
        return code if code in self.supported else None

    def detect(self, raw: str) -> Detection:
        """Detect (cached: a turn asks about the same text more than once)."""
        return self._detect_cached(raw)

    @functools.lru_cache(maxsize=4096)  # noqa: B019 - one identifier per process, bounded cache
    def _detect_cached(self, raw: str) -> Detection:
        text, zawgyi = to_unicode_if_zawgyi(raw)
        normalised = unicodedata.normalize("NFKC", text)
        counts = Counter(s for s in map(self.rules.script_of, normalised) if s)
        letters = sum(counts.values())

        def found(lang: str, confidence: float, method: str, register: str = "standard", variant: str = ""):
            return Detection(lang, register, confidence, text, method, variant, zawgyi)

        if not letters:
            return found(self.default, 0.0, "default")
        kana = counts["hiragana"] + counts["katakana"]
        if kana and "ja" in self.supported:
            plain = is_plain_japanese(normalised, counts)
            return found("ja", 1.0, "script", "plain" if plain else "standard")
        script, top = counts.most_common(1)[0]
        if script in self.rules.script_languages and top / letters >= 0.5:
            lang = self._pick(self.rules.script_languages[script])
            if lang:
                return found(lang, 1.0, "script")
        if script == "han":
            if "zh" in self.supported:
                return found("zh", 0.9, "script", variant=self._chinese_variant(normalised))
            if "ja" in self.supported:
                return found("ja", 0.6, "script")
        for lang, chars in self.rules.letters.items():
            if lang in self.supported and any(c in chars for c in normalised):
                return found(lang, 0.9, "letters")
        return self._statistical(normalised, found)

    def _statistical(self, text: str, found) -> Detection:
        """Votes: one per cue word, plus pycld2's and cld3's best supported guesses."""
        import pycld2

        votes: defaultdict[str, float] = defaultdict(float)  # fractional votes, so not a Counter (int counts)
        words = [w.strip("?!.,;:¿¡()\"'").lower() for w in text.split()]
        for lang, cues in self.rules.cue_words.items():
            if lang in self.supported:
                votes[lang] += sum(1 for w in words if w in cues)
        try:
            _, _, details = pycld2.detect(text, bestEffort=True)
            for _name, code, percent, _score in details[:1]:
                picked = self._pick(code)
                if picked:
                    votes[picked] += 1.5 * percent / 100
        except pycld2.error:
            pass
        guess = _cld3().FindLanguage(text=text)
        picked = self._pick(guess.language)
        if picked:
            votes[picked] += float(guess.probability)
        if not votes or max(votes.values()) <= 0:
            return found(self.default, 0.0, "default")
        # the first language with the most votes, as Counter.most_common(1) picks it
        lang, score = max(votes.items(), key=lambda item: item[1])
        total = sum(votes.values())
        return found(lang, round(score / total, 3), "statistical")

    @staticmethod
    def _chinese_variant(text: str) -> str:
        import pycld2

        try:
            _, _, details = pycld2.detect(text)
        except pycld2.error:
            return "zh-Hans"
        code = details[0][1]
        return "zh-Hant" if code == "zh-Hant" else "zh-Hans"
