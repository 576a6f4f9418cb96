"""Small helpers the service benchmarks share: percentiles and a free local port."""

from __future__ import annotations

import socket

__all__ = ["free_port", "pct"]


def pct(values: list[float], q: float) -> float:
    """The ``q`` quantile (0–1) by nearest rank."""
    values = sorted(values)
    return values[min(len(values) - 1, int(round(q * (len(values) - 1))))]


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]
