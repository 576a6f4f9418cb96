"""Serve an app object with uvicorn in a thread on 127.0.0.1 (a free port), for tests that need a real
HTTP server in this process — e.g. with the fake-embedder services or a patched dialogue."""

from __future__ import annotations

import threading
import time
from collections.abc import Iterator
from contextlib import contextmanager

import httpx
import uvicorn

from tests.server import free_port

__all__ = ["serving"]


@contextmanager
def serving(app, timeout: float = 30) -> Iterator[str]:
    port = free_port()
    server = uvicorn.Server(uvicorn.Config(app, host="127.0.0.1", port=port, log_level="warning", lifespan="on"))
    thread = threading.Thread(target=server.run, name="live-server", daemon=True)
    thread.start()
    url = f"http://127.0.0.1:{port}"
    deadline = time.monotonic() + timeout
    while not server.started:
        if time.monotonic() > deadline or not thread.is_alive():
            raise RuntimeError("the live server did not start")
        time.sleep(0.02)
    try:
        httpx.get(f"{url}/healthz", timeout=5).raise_for_status()
        yield url
    finally:
        server.should_exit = True
        thread.join(10)
