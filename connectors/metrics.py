"""Prometheus metrics at ``GET /metrics`` and one structured log line per request.

With ``tsunagu serve --workers N`` the workers count into files in one folder (prometheus_client's
multiprocess mode: ``serve`` sets ``PROMETHEUS_MULTIPROC_DIR`` before any worker starts), and a scrape of
any worker adds up all of them. Separate instances are scraped separately (docs/deploy.md).
"""

from __future__ import annotations

import logging
import os
import time

from fastapi import APIRouter
from fastapi.responses import Response
from prometheus_client import CONTENT_TYPE_LATEST, REGISTRY, CollectorRegistry, Counter, Histogram, generate_latest
from prometheus_client import multiprocess

from bot.store.outcome import TurnOutcome

__all__ = ["router", "RequestMetrics", "record_turn", "REQUESTS", "LATENCY", "QUESTIONS", "HANDOFFS", "ANSWERS"]

router = APIRouter()
access_log = logging.getLogger("tsunagu.access")

REQUESTS = Counter(
    "tsunagu_http_requests_total", "HTTP requests by route template, method and status", ["route", "method", "status"]
)
LATENCY = Histogram(
    "tsunagu_http_request_duration_seconds",
    "Time to the last byte of the response, by route",
    ["route"],
    buckets=(0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10),
)
QUESTIONS = Counter("tsunagu_questions_total", "Questions by what became of them", ["outcome"])
HANDOFFS = Counter("tsunagu_handoffs_total", "Referrals to an office, by reason", ["reason"])
ANSWERS = Counter("tsunagu_answers_total", "Questions answered from the guidebook, by reply language", ["lang"])


def record_turn(outcome: TurnOutcome) -> None:
    """The dialogue manager's ``on_turn`` hook: count what became of one question."""
    QUESTIONS.labels(outcome.outcome).inc()
    if outcome.outcome == "handoff":
        HANDOFFS.labels(outcome.handoff_reason).inc()
    elif outcome.outcome == "answered":
        ANSWERS.labels(outcome.lang).inc()


def _route_of(scope: dict, root_path: str) -> str:
    """The route template (``/api/chat``, ``/static/{path}`` for a mounted app), never the raw path:
    unknown paths must not grow the label set. ``root_path`` is the scope's before routing."""
    route = scope.get("route")
    if route is not None and getattr(route, "path", None):
        return route.path
    mounted = scope.get("root_path", "")
    if mounted != root_path and mounted.startswith(root_path):  # a Mount matched and extended root_path
        return mounted[len(root_path) :] + "/{path}"
    return "unmatched"


class RequestMetrics:
    """ASGI middleware: counts and times every HTTP request, and logs it (method, route, status, ms).

    The time is taken when the last body chunk is sent, so work done after the response (LINE replies
    in the background) is not counted as latency.
    """

    def __init__(self, app) -> None:
        self.app = app

    async def __call__(self, scope, receive, send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        started = time.perf_counter()
        root_path = scope.get("root_path", "")
        status = 500
        done = False

        def finish() -> None:
            nonlocal done
            if done:
                return
            done = True
            elapsed = time.perf_counter() - started
            route = _route_of(scope, root_path)
            REQUESTS.labels(route, scope["method"], str(status)).inc()
            LATENCY.labels(route).observe(elapsed)
            access_log.info(
                "%s %s %s",
                scope["method"],
                route,
                status,
                extra={
                    "method": scope["method"],
                    "route": route,
                    "status": status,
                    "duration_ms": round(elapsed * 1000, 1),
                },
            )

        async def observed_send(message) -> None:
            nonlocal status
            if message["type"] == "http.response.start":
                status = message["status"]
            await send(message)
            if message["type"] == "http.response.body" and not message.get("more_body", False):
                finish()

        try:
            await self.app(scope, receive, observed_send)
        finally:
            finish()  # an exception before the response: counted as 500


def _registry():
    """This process's registry, or — when the workers share a metrics folder — all of them summed."""
    if not os.environ.get("PROMETHEUS_MULTIPROC_DIR"):
        return REGISTRY
    registry = CollectorRegistry()
    multiprocess.MultiProcessCollector(registry)
    return registry


@router.get("/metrics", include_in_schema=False)
def metrics() -> Response:
    return Response(generate_latest(_registry()), media_type=CONTENT_TYPE_LATEST)
