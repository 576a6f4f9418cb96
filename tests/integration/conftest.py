"""Fixtures for the integration tests: a throw-away PostgreSQL database per test module."""

from __future__ import annotations

import os
import uuid

import pytest
from sqlalchemy import create_engine, text

URL = os.environ.get("TSUNAGU_TEST_DATABASE_URL", "")


@pytest.fixture(scope="module")
def database_url():
    if not URL:
        if os.environ.get("CI"):
            pytest.fail("CI must start PostgreSQL (scripts/test-postgres.sh) and set TSUNAGU_TEST_DATABASE_URL")
        pytest.skip('TSUNAGU_TEST_DATABASE_URL is not set (run: eval "$(scripts/test-postgres.sh start)")')
    name = f"tsunagu_{uuid.uuid4().hex[:8]}"
    admin = create_engine(URL, isolation_level="AUTOCOMMIT")
    with admin.connect() as connection:
        connection.execute(text(f'CREATE DATABASE "{name}"'))
    yield URL.rsplit("/", 1)[0] + f"/{name}"
    with admin.connect() as connection:
        connection.execute(text(f'DROP DATABASE "{name}" WITH (FORCE)'))
