"""The LINE tests' app: the fake services with LINE settings pointing at a fake LINE API on 127.0.0.1."""

from __future__ import annotations

import dataclasses

import pytest
from fastapi.testclient import TestClient

from connectors.app import create_app
from connectors.services import get_services
from tests.conftest import fake_settings
from tests.fakes.line_api import FakeLineApi
from tests.fakes.line_events import SECRET, TOKEN


@pytest.fixture(scope="module")
def line_api():
    with FakeLineApi() as api:
        yield api


@pytest.fixture
def services(fake_services, line_api, tmp_path):
    line_api.clear()
    settings = fake_settings(
        tmp_path, line_channel_secret=SECRET, line_channel_access_token=TOKEN, line_api_base=line_api.url
    )
    return dataclasses.replace(fake_services, settings=settings)


@pytest.fixture
def client(services):
    app = create_app()
    app.dependency_overrides[get_services] = lambda: services
    with TestClient(app) as test_client:  # background tasks run before the call returns
        yield test_client
