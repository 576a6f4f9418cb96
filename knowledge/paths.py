"""Where the packaged knowledge lives (inside the installed package, never ../shared)."""
from __future__ import annotations

from pathlib import Path

__all__ = ["PACKAGE_DIR", "GUIDEBOOK_DIR", "DATA_DIR", "PREBUILT_DIR"]

PACKAGE_DIR = Path(__file__).resolve().parent
GUIDEBOOK_DIR = PACKAGE_DIR / "guidebook"
DATA_DIR = PACKAGE_DIR / "data"
PREBUILT_DIR = PACKAGE_DIR / "prebuilt"
