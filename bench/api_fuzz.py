"""Schemathesis over the running service's /openapi.json: generated requests, valid and invalid, to every
documented operation; prints how many got a server error (5xx). Exits 1 on any.

    .venv/bin/python bench/api_fuzz.py [--examples 60]

Starts ``tsunagu serve`` (fake embedder, SQLite, a temporary data folder) on a free port, runs
``schemathesis run`` with the ``not_a_server_error`` check, and stops the service.
"""

from __future__ import annotations

import argparse
import os
import re
import subprocess
import sys
import tempfile
from pathlib import Path

import httpx
from harness import free_port
from serve_latency import wait_ready

BIN = Path(sys.executable).parent


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--examples", type=int, default=60, help="generated requests per operation (at most)")
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as data:
        port = free_port()
        env = {
            **os.environ,
            "TSUNAGU_DATA_DIR": data,
            "TSUNAGU_PORT": str(port),
            "TSUNAGU_EMBEDDER": "fake",
            "TSUNAGU_REINDEX_CHECK_SECONDS": "0",
            "TSUNAGU_LINE_CHANNEL_SECRET": "fuzz-secret",
            "TSUNAGU_LINE_CHANNEL_ACCESS_TOKEN": "fuzz-token",
            "TSUNAGU_LINE_API_BASE": "http://127.0.0.1:9",
        }
        server = subprocess.Popen(
            [str(BIN / "tsunagu"), "serve", "--quiet"], env=env, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL
        )
        try:
            with httpx.Client(base_url=f"http://127.0.0.1:{port}", timeout=30) as client:
                wait_ready(client, server)
            run = subprocess.run(
                [
                    str(BIN / "schemathesis"),
                    "run",
                    f"http://127.0.0.1:{port}/openapi.json",
                    "--checks",
                    "not_a_server_error",
                    "--max-examples",
                    str(args.examples),
                    "--seed",
                    "20261206",
                    "--no-color",
                ],
                capture_output=True,
                text=True,
                env={**os.environ, "SCHEMATHESIS_TELEMETRY": "false"},
            )
        finally:
            server.terminate()
            server.wait(15)
    output = run.stdout + run.stderr
    summary = [line for line in output.splitlines() if re.search(r"passed|failed|errors?|Operations|cases", line, re.I)]
    print("\n".join(summary[-12:]))
    server_errors = len(re.findall(r"Server error", output))
    print(f"server errors (5xx): {server_errors}; schemathesis exit code {run.returncode}")
    if run.returncode != 0:
        print(output[-4000:])
    return 0 if run.returncode == 0 and server_errors == 0 else 1


if __name__ == "__main__":
    raise SystemExit(main())
