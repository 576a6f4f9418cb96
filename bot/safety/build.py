"""Building the safety steps' parts from the packaged data (one call for the services)."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

from bot.safety.compose import SafetyComposer
from bot.safety.harmless import load_harmless
from bot.safety.recognise import PlaceOnly, SafetyRecogniser, _no_place
from bot.safety.step import Safety
from bot.safety.texts import load_safety_texts
from knowledge.offices import OfficeDirectory
from knowledge.retriever import Retriever
from knowledge.situations import load_situations

__all__ = ["build_safety"]


def build_safety(
    translations: Path,
    offices: OfficeDirectory,
    retriever: Callable[[], Retriever],
    cache_size: int = 0,
    place_only: PlaceOnly = _no_place,
) -> Safety:
    """``cache_size``: recognitions kept for repeated messages (the service passes its answer cache's size);
    ``place_only``: does a clause only say where the resident lives (the dialogue's place statement)?"""
    catalogue, texts = load_situations(), load_safety_texts(translations)
    recogniser = SafetyRecogniser(
        catalogue, texts, retriever, cache_size=cache_size, place_only=place_only, harmless=load_harmless(translations)
    )
    return Safety(catalogue, recogniser, SafetyComposer(catalogue, texts), offices)
