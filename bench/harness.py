"""Small helpers the service benchmarks share: percentiles, a free local port and the served process's
environment."""

from __future__ import annotations

import os
import socket
from pathlib import Path

__all__ = ["free_port", "pct", "server_env"]

ROOT = Path(__file__).resolve().parents[1]


def pct(values: list[float], q: float) -> float:
    """The ``q`` quantile (0–1) by nearest rank."""
    values = sorted(values)
    return values[min(len(values) - 1, int(round(q * (len(values) - 1))))]


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def server_env(data: str, port: int, cache_size: int) -> dict[str, str]:
    """The environment of a measured ``tsunagu serve``: this checkout's code (not whatever copy the venv's
    ``tsunagu`` script imports), a fresh data folder, no reindex checks, the given answer-cache size."""
    return {
        **os.environ,
        "PYTHONPATH": os.pathsep.join(filter(None, [str(ROOT), os.environ.get("PYTHONPATH", "")])),
        "TSUNAGU_DATA_DIR": data,
        "TSUNAGU_PORT": str(port),
        "TSUNAGU_REINDEX_CHECK_SECONDS": "0",
        "TSUNAGU_CACHE_SIZE": str(cache_size),
    }
