"""Safety first (issue 13): recognising crises, violence and serious situations in a resident's message, and
the words of the reply that sends them to the right line and office.

- ``texts``: per-language steps, line names and cue phrases (``translations/<lang>/situations.yaml``);
- ``scripts``: which writing system a text is in (evidence is compared within one script);
- ``recognise``: which catalogued situations a message is about, with the evidence for each;
- ``compose``: the reply texts (what to do now, the lines, then the office).
"""

from bot.safety.compose import SafetyComposer
from bot.safety.recognise import Found, Recognition, SafetyRecogniser
from bot.safety.scripts import script_of
from bot.safety.texts import SafetyTexts, load_safety_texts

__all__ = [
    "Found",
    "Recognition",
    "SafetyRecogniser",
    "SafetyComposer",
    "SafetyTexts",
    "load_safety_texts",
    "script_of",
]
