"""Run the real service in a subprocess for tests that need a process to die or a second process."""

from __future__ import annotations

import os
import signal
import socket
import subprocess
import sys
import time
from contextlib import contextmanager
from pathlib import Path

import httpx

BIN = Path(sys.executable).parent


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


class Server:
    def __init__(
        self,
        data_dir: Path,
        database_url: str = "",
        embedder: str = "fake",
        port: int | None = None,
        env: dict[str, str] | None = None,
        workers: int = 1,
    ):
        self.port = port or free_port()
        self.env = {
            **os.environ,
            "TSUNAGU_DATA_DIR": str(data_dir),
            "TSUNAGU_PORT": str(self.port),
            "TSUNAGU_EMBEDDER": embedder,
            "TSUNAGU_REINDEX_CHECK_SECONDS": "0",
            "TSUNAGU_ANSWER_THRESHOLD": "0.0",
        }
        if database_url:
            self.env["TSUNAGU_DATABASE_URL"] = database_url
        self.env.update(env or {})
        self.workers = workers
        self.process: subprocess.Popen | None = None
        self.url = f"http://127.0.0.1:{self.port}"

    def start(self, timeout: float = 300) -> Server:
        self.process = subprocess.Popen(
            [str(BIN / "tsunagu"), "serve", "--quiet", "--workers", str(self.workers)],
            env=self.env,
            stdout=subprocess.DEVNULL,
            stderr=subprocess.PIPE,
        )
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            if self.process.poll() is not None:
                raise RuntimeError(f"server exited: {self.process.stderr.read().decode()[-2000:]}")
            try:
                if httpx.get(f"{self.url}/healthz", timeout=1).json().get("status") == "ok":
                    return self
            except httpx.HTTPError:
                time.sleep(0.05)
        self.kill()  # never leave a half-started server behind
        raise TimeoutError("server did not start")

    def chat(self, session: str, text: str, **extra) -> dict:
        response = httpx.post(f"{self.url}/api/chat", json={"session_id": session, "text": text, **extra}, timeout=60)
        response.raise_for_status()
        return response.json()

    def kill(self) -> None:
        """SIGKILL: no shutdown handler runs, as in a crash."""
        if self.process and self.process.poll() is None:
            self.process.send_signal(signal.SIGKILL)
            self.process.wait(10)

    def stop(self) -> None:
        if self.process and self.process.poll() is None:
            self.process.terminate()
            try:
                self.process.wait(15)
            except subprocess.TimeoutExpired:
                self.kill()


@contextmanager
def running(data_dir: Path, **options):
    server = Server(data_dir, **options).start()
    try:
        yield server
    finally:
        server.stop()
