"""Package layout that pyproject.toml cannot say: the repository's top-level data folders ship in the wheel.

``translations/`` (bot sentences and cue phrases) and ``training_data/`` (intent examples, the Rasa
project) stay where translators and Rasa users look for them, at the top of the repository; the wheel
carries them as ``knowledge/translations`` and ``knowledge/training_data`` (``knowledge.paths`` finds
either place). Which files they hold is the package-data globs in pyproject.toml, so new data files are
picked up without touching this file.
"""

from setuptools import find_packages, setup

SHIPPED_FOLDERS = {"knowledge.translations": "translations", "knowledge.training_data": "training_data"}

setup(
    packages=find_packages(include=["bot", "bot.*", "knowledge", "knowledge.*", "connectors", "connectors.*"])
    + list(SHIPPED_FOLDERS),
    package_dir=SHIPPED_FOLDERS,
)
