"""The application every route calls: built once per app, and its settings are every route's settings."""

import dataclasses

from fastapi.testclient import TestClient

from connectors.app import create_app
from connectors.services import get_services
from tests.conftest import fake_settings


def test_the_services_are_built_once_for_every_route(fake_services):
    built = []
    app = create_app()
    app.dependency_overrides[get_services] = lambda: built.append(1) or fake_services
    with TestClient(app) as client:
        assert client.post("/api/chat", json={"session_id": "app-1", "text": "hello"}).status_code == 200
        assert client.get("/healthz").json()["status"] == "ok"
        assert client.get("/").status_code == 200
        assert client.get("/login").status_code in (200, 503)
        assert client.post("/api/plain", json={"text": "在留カード"}).status_code == 200
    assert built == [1]


def test_every_route_reads_the_settings_the_application_was_built_with(fake_services, tmp_path):
    settings = fake_settings(tmp_path, max_message_chars=10, staff_username="desk", staff_password="pw-12345678")
    app = create_app()
    app.dependency_overrides[get_services] = lambda: dataclasses.replace(fake_services, settings=settings)
    with TestClient(app) as client:
        too_long = "x" * 11
        assert client.post("/api/chat", json={"session_id": "app-2", "text": too_long}).status_code == 413
        assert client.post("/api/plain", json={"text": too_long}).status_code == 413
        assert 'data-max-chars="10"' in client.get("/").text  # the page counts and warns before it
        login = client.post("/login", data={"username": "desk", "password": "pw-12345678"}, follow_redirects=False)
        assert login.status_code == 303 and client.get("/staff", follow_redirects=False).status_code == 200
