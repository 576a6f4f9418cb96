"""Tsunagu's own /api/chat against the same assistant behind Rasa (REST channel + action server).

    BENCH=1 make test-rasa            (starts everything, runs the Rasa check, then this)
    .venv/bin/python bench/rasa_compare.py --rasa http://127.0.0.1:5005 [--clients 4] [--rounds 1]

The Rasa server and Tsunagu's action server must already run (scripts/test-rasa.sh starts them, with the
answer cache off); this script starts ``tsunagu serve`` itself in a fresh data folder on a free port, with
the same embedder and the cache off, so both doors do the same work per question on the same machine in
the same run. The questions are tests/data/questions (all languages), each in a new conversation.
For each door: one client in sequence (p50/p95 latency), then ``--clients`` concurrent clients
(answered messages per second, p95); then the ratios (throughput Tsunagu/Rasa, latency Rasa/Tsunagu). A request
that times out (120 s) or fails is counted as failed — printed per door — and never stops the benchmark;
the service it started is always stopped (killed if it does not stop within 30 s).
"""

from __future__ import annotations

import argparse
import os
import statistics
import subprocess
import sys
import tempfile
import time
import uuid
from collections.abc import Callable
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass
from pathlib import Path

import httpx
import yaml
from harness import free_port, pct

ROOT = Path(__file__).resolve().parents[1]
BIN = Path(sys.executable).parent

__all__ = ["main"]


@dataclass(frozen=True)
class Figures:
    door: str
    p50_ms: float
    p95_ms: float
    per_second: float
    concurrent_p95_ms: float
    concurrent_max_ms: float  # the longest wait with concurrent clients
    failed: int  # requests that timed out or failed (their time counts as the timeout in the latencies)
    asked: int
    errors: tuple[str, ...] = ()  # what the first few failures were


TIMEOUT_S = 120.0


def questions() -> list[str]:
    items = []
    for path in sorted((ROOT / "tests" / "data" / "questions").glob("*.yaml")):
        items += [q["q"] for q in yaml.safe_load(path.read_text(encoding="utf-8"))]
    return items


def api_door(url: str) -> Callable[[httpx.Client, str], None]:
    def ask(client: httpx.Client, text: str) -> None:
        answer = client.post(f"{url}/api/chat", json={"session_id": uuid.uuid4().hex, "text": text})
        answer.raise_for_status()
        assert answer.json()["text"]

    return ask


def rasa_door(url: str) -> Callable[[httpx.Client, str], None]:
    def ask(client: httpx.Client, text: str) -> None:
        answer = client.post(f"{url}/webhooks/rest/webhook", json={"sender": uuid.uuid4().hex, "message": text})
        answer.raise_for_status()
        assert any(m.get("text") for m in answer.json()), answer.text[:200]

    return ask


def _timed(ask: Callable[[httpx.Client, str], None], client: httpx.Client, text: str) -> tuple[float, str]:
    """(milliseconds, "" or what went wrong): a timeout or a failed request is counted, never a crash of the
    benchmark."""
    started = time.perf_counter()
    try:
        ask(client, text)
        error = ""
    except (httpx.HTTPError, AssertionError) as failure:
        error = f"{type(failure).__name__} {str(failure)[:100]!r} for {text[:40]!r}"
    return (time.perf_counter() - started) * 1000, error


def measure(
    door: str, ask: Callable[[httpx.Client, str], None], texts: list[str], clients: int, rounds: int
) -> Figures:
    with httpx.Client(timeout=TIMEOUT_S) as client:
        for text in texts[:5]:  # warm-up
            _timed(ask, client, text)
        single = [_timed(ask, client, text) for _ in range(rounds) for text in texts]

    def own_client(text: str) -> tuple[float, str]:
        with httpx.Client(timeout=TIMEOUT_S) as own:
            return _timed(ask, own, text)

    work = texts * rounds
    started = time.perf_counter()
    with ThreadPoolExecutor(clients) as pool:
        concurrent = list(pool.map(own_client, work))
    elapsed = time.perf_counter() - started
    answered = sum(not error for _, error in concurrent)
    errors = [error for _, error in single + concurrent if error]
    return Figures(
        door,
        statistics.median(ms for ms, _ in single),
        pct([ms for ms, _ in single], 0.95),
        answered / elapsed,
        pct([ms for ms, _ in concurrent], 0.95),
        max(ms for ms, _ in concurrent),
        failed=len(errors),
        asked=len(single) + len(concurrent),
        errors=tuple(errors[:3]),
    )


def start_service(data_dir: str) -> tuple[subprocess.Popen, str]:
    """``tsunagu serve`` on a free port; its log goes to a file: a pipe nobody reads fills up (one access log
    line per request) and then blocks the server in the middle of a request, which looked like a hang."""
    port = free_port()
    env = {
        **os.environ,
        "TSUNAGU_DATA_DIR": data_dir,
        "TSUNAGU_PORT": str(port),
        "TSUNAGU_CACHE_SIZE": "0",
        "TSUNAGU_REINDEX_CHECK_SECONDS": "0",
    }
    log = Path(data_dir) / "serve.log"
    with log.open("wb") as stderr:
        server = subprocess.Popen(
            [str(BIN / "tsunagu"), "serve", "--quiet"], env=env, stdout=subprocess.DEVNULL, stderr=stderr
        )
    url = f"http://127.0.0.1:{port}"
    deadline = time.monotonic() + 600
    while time.monotonic() < deadline:
        if server.poll() is not None:
            raise RuntimeError(log.read_text(encoding="utf-8", errors="replace")[-2000:])
        try:
            if httpx.get(f"{url}/healthz", timeout=2).status_code == 200:
                return server, url
        except httpx.HTTPError:
            time.sleep(0.2)
    server.kill()
    raise TimeoutError("tsunagu serve did not start")


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--rasa", default="http://127.0.0.1:5005", help="the running Rasa server")
    parser.add_argument("--clients", type=int, default=4, help="concurrent clients for the throughput pass")
    parser.add_argument("--rounds", type=int, default=1, help="times each question is asked per pass")
    args = parser.parse_args(argv)
    texts = questions()
    with tempfile.TemporaryDirectory(prefix="tsunagu-bench-") as data_dir:
        server, url = start_service(data_dir)
        try:
            results = [
                measure("Tsunagu /api/chat", api_door(url), texts, args.clients, args.rounds),
                measure("Rasa REST + actions", rasa_door(args.rasa), texts, args.clients, args.rounds),
            ]
        finally:
            server.terminate()
            try:
                server.wait(timeout=30)
            except subprocess.TimeoutExpired:  # always stop what was started
                server.kill()
                server.wait()
    print(
        f"{len(texts)} questions in {len({p.stem for p in (ROOT / 'tests/data/questions').glob('*.yaml')})} "
        f"languages, new conversation each; {args.clients} concurrent clients; answer caches off"
    )
    print(
        f"{'door':22} {'p50 ms':>8} {'p95 ms':>8} {'msg/s':>7} {'p95 ms @' + str(args.clients):>11} "
        f"{'max ms @' + str(args.clients):>11} "
        f"{'failed (timeout ' + str(int(TIMEOUT_S)) + ' s)':>22}"
    )
    for f in results:
        print(
            f"{f.door:22} {f.p50_ms:8.0f} {f.p95_ms:8.0f} {f.per_second:7.1f} {f.concurrent_p95_ms:11.0f} "
            f"{f.concurrent_max_ms:11.0f} "
            f"{f'{f.failed} of {f.asked}':>22}"
        )
    for f in results:
        for error in f.errors:
            print(f"  failed ({f.door}): {error}")
    api, rasa = results
    print(
        f"ratios: throughput Tsunagu/Rasa x{api.per_second / rasa.per_second:.2f}; "
        f"p95 latency Rasa/Tsunagu x{rasa.p95_ms / api.p95_ms:.2f} (one client), "
        f"x{rasa.concurrent_p95_ms / api.concurrent_p95_ms:.2f} ({args.clients} clients)"
    )
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
