"""The FastAPI application factory."""

from __future__ import annotations

import threading
from contextlib import asynccontextmanager

from fastapi import FastAPI

from connectors import api, error_pages, metrics, plain_api, unavailable
from connectors.line import webhook as line
from connectors.staff import analytics, auth, training
from connectors.staff import console as staff
from connectors.web import chat_api as webchat_api
from connectors.web import chat_page as webchat
from connectors.pages import mount_static
from connectors.application import Tsunagu
from connectors.services import Services, get_services

__all__ = ["create_app"]


def create_app(services: Services | None = None) -> FastAPI:
    """The service's app; ``services``, when given, are the ones it serves (``tsunagu serve`` builds them
    before uvicorn starts). Given here rather than as a dependency override: while any override is set,
    FastAPI builds each route's dependencies anew on every request."""

    @asynccontextmanager
    async def lifespan(app: FastAPI):
        # the services are built once, here; every route reaches them through get_tsunagu
        app.state.tsunagu = Tsunagu(services or app.dependency_overrides.get(get_services, get_services)())
        stop = app.state.tsunagu.start_background()
        threading.Thread(target=webchat.prepare, name="reply-json-prepare", daemon=True).start()
        stop_outbox = line.start_outbox_worker(app.state.tsunagu)  # LINE answers a crashed process left owed
        yield
        stop.set()
        stop_outbox.set()

    app = FastAPI(title="Tsunagu", version="0.1.0", lifespan=lifespan)
    app.include_router(api.router)
    app.include_router(plain_api.router)
    app.include_router(webchat.router)
    app.include_router(webchat_api.router)
    app.include_router(line.router)
    app.include_router(auth.router)
    app.include_router(staff.router)
    app.include_router(training.router)
    app.include_router(analytics.router)
    mount_static(app)
    unavailable.install(app)
    error_pages.install(app)
    app.include_router(metrics.router)
    app.add_middleware(metrics.RequestMetrics)
    return app
