"""Where the packaged data lives: inside the installed package, never ../shared.

``translations/`` and ``training_data/`` are top-level folders of the repository (translators and Rasa
users find them there). A wheel carries them inside this package (``knowledge/translations``,
``knowledge/training_data``: see ``setup.py``); a checkout or an editable install reads them from the
repository root.
"""

from __future__ import annotations

from pathlib import Path

__all__ = [
    "PACKAGE_DIR",
    "GUIDEBOOK_DIR",
    "DATA_DIR",
    "PREBUILT_DIR",
    "QUESTIONS_DIR",
    "REPO_DIR",
    "TRAINING_DATA_DIR",
    "INTENTS_DIR",
    "TRANSLATIONS_DIR",
    "SITUATIONS_DIR",
    "shipped_folder",
]

PACKAGE_DIR = Path(__file__).resolve().parent
GUIDEBOOK_DIR = PACKAGE_DIR / "guidebook"
DATA_DIR = PACKAGE_DIR / "data"
PREBUILT_DIR = PACKAGE_DIR / "prebuilt"
QUESTIONS_DIR = PACKAGE_DIR / "questions"
REPO_DIR = PACKAGE_DIR.parent  # the repository root when running from a checkout


def shipped_folder(name: str, package_dir: Path = PACKAGE_DIR) -> Path:
    """A top-level data folder of the repository: the copy inside the installed package when there is
    one (a wheel), else the repository's own folder (a checkout)."""
    inside = package_dir / name
    return inside if inside.is_dir() else package_dir.parent / name


TRAINING_DATA_DIR = shipped_folder("training_data")
INTENTS_DIR = TRAINING_DATA_DIR / "data" / "nlu"
TRANSLATIONS_DIR = shipped_folder("translations")
# Examples of serious situations (issue 13), Rasa NLU format, indexed with the intents (bot/safety)
SITUATIONS_DIR = TRAINING_DATA_DIR / "situations"
