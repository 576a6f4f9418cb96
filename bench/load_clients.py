"""Paced HTTP clients for the load benchmarks: what each phase's clients saw (``Tally``), the clients
themselves (``load``) and the phase's one-line summary.

A 503 during a phase that allows it (the database is down) counts as clean only when its body is a JSON
error without a traceback; anything else that is not a 200 breaks the phase's rule.
"""

from __future__ import annotations

import json
import threading
import time
from collections import Counter, defaultdict
from dataclasses import dataclass, field

import httpx
from harness import pct

__all__ = ["Tally", "load", "summary"]


@dataclass
class Tally:
    """What the clients saw in one phase."""

    latencies: list[float] = field(default_factory=list)
    statuses: Counter = field(default_factory=Counter)
    bad: list[str] = field(default_factory=list)  # failures that break the phase's rule
    acknowledged: dict[str, int] = field(default_factory=lambda: defaultdict(int))
    lock: threading.Lock = field(default_factory=threading.Lock)


def load(
    base: str,
    texts: list[str],
    clients: int,
    rate: float,
    seconds: float,
    tally: Tally,
    allow_503: threading.Event | None = None,
    tag: str = "",
) -> float:
    """``clients`` threads, each sending every ``clients / rate`` s; returns the elapsed time."""
    interval = clients / rate
    stop_at = time.perf_counter() + seconds

    def client(number: int) -> None:
        with httpx.Client(base_url=base, timeout=30) as http:
            sent, next_at = 0, time.perf_counter() + number * interval / clients
            while next_at < stop_at and time.perf_counter() < stop_at:  # no overrun when slow
                time.sleep(max(0.0, next_at - time.perf_counter()))
                next_at += interval
                session = f"{tag}load-{number}-{sent // 5}"  # five turns per conversation
                text = texts[(number * 7919 + sent) % len(texts)]
                sent += 1
                started = time.perf_counter()
                try:
                    response = http.post("/api/chat", json={"session_id": session, "text": text})
                    status, body = response.status_code, response.text
                except httpx.HTTPError as failed:
                    status, body = 0, repr(failed)
                elapsed = time.perf_counter() - started
                with tally.lock:
                    tally.statuses[status] += 1
                    if status == 200:
                        tally.latencies.append(elapsed)
                        tally.acknowledged[session] += 1
                    elif status == 503 and allow_503 is not None and _clean_json_error(body):
                        pass
                    else:
                        tally.bad.append(f"{status}: {body[:200]}")

    started = time.perf_counter()
    threads = [threading.Thread(target=client, args=(n,)) for n in range(clients)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    return time.perf_counter() - started


def _clean_json_error(body: str) -> bool:
    try:
        data = json.loads(body)
    except ValueError:
        return False
    return isinstance(data.get("error"), str) and "Traceback" not in body


def summary(name: str, tally: Tally, elapsed: float) -> None:
    done = sum(tally.statuses.values())
    lat = tally.latencies or [float("nan")]
    print(
        f"{name}: {done} requests in {elapsed:.1f} s = {done / elapsed:.1f} msg/s; statuses "
        f"{dict(sorted(tally.statuses.items()))}; p50 {pct(lat, 0.5) * 1000:.0f} ms, p95 "
        f"{pct(lat, 0.95) * 1000:.0f} ms; failures {len(tally.bad)}",
        flush=True,
    )
    for failure in tally.bad[:5]:
        print(f"    {failure}")
