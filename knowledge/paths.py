"""Where the packaged knowledge lives (inside the installed package, never ../shared)."""
from __future__ import annotations

from pathlib import Path

__all__ = ["PACKAGE_DIR", "GUIDEBOOK_DIR", "DATA_DIR", "PREBUILT_DIR", "QUESTIONS_DIR", "REPO_DIR", "INTENTS_DIR", "TRANSLATIONS_DIR",
           "SITUATIONS_DIR"]

PACKAGE_DIR = Path(__file__).resolve().parent
GUIDEBOOK_DIR = PACKAGE_DIR / "guidebook"
DATA_DIR = PACKAGE_DIR / "data"
PREBUILT_DIR = PACKAGE_DIR / "prebuilt"
QUESTIONS_DIR = PACKAGE_DIR / "questions"
# Top-level data folders of the repository (an editable install, as the README's `make run` does).
REPO_DIR = PACKAGE_DIR.parent
INTENTS_DIR = REPO_DIR / "training_data" / "data" / "nlu"
TRANSLATIONS_DIR = REPO_DIR / "translations"
# Examples of serious situations (issue 13), Rasa NLU format, indexed with the intents (bot/safety)
SITUATIONS_DIR = REPO_DIR / "training_data" / "situations"
