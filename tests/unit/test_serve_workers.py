"""``tsunagu serve --workers N``: several processes need the shared PostgreSQL store; SQLite says so."""

from connectors.cli import main
from connectors.settings import get_settings


def test_several_workers_on_sqlite_are_refused_with_the_reason(tmp_path, monkeypatch, capsys):
    monkeypatch.setenv("TSUNAGU_DATA_DIR", str(tmp_path))
    monkeypatch.delenv("TSUNAGU_DATABASE_URL", raising=False)
    get_settings.cache_clear()
    try:
        assert main(["serve", "--workers", "2"]) == 2
    finally:
        get_settings.cache_clear()
    error = capsys.readouterr().err
    assert "PostgreSQL" in error and "SQLite serves one process" in error
    assert not (tmp_path / "index").exists()  # refused before any work


def test_zero_workers_is_a_clear_error(capsys):
    assert main(["serve", "--workers", "0"]) == 2
    assert "at least 1" in capsys.readouterr().err


def test_migrate_brings_a_new_database_to_the_newest_schema(tmp_path, monkeypatch, capsys):
    from sqlalchemy import create_engine, inspect

    from bot.store.engine import SCHEMA_HEAD

    monkeypatch.setenv("TSUNAGU_DATA_DIR", str(tmp_path))
    monkeypatch.delenv("TSUNAGU_DATABASE_URL", raising=False)
    get_settings.cache_clear()
    try:
        assert main(["migrate"]) == 0
    finally:
        get_settings.cache_clear()
    assert f"revision {SCHEMA_HEAD}" in capsys.readouterr().out
    tables = set(inspect(create_engine(f"sqlite:///{tmp_path / 'tsunagu.db'}")).get_table_names())
    assert {"conversations", "outbox", "handled_events", "login_failures", "training_attempts"} <= tables
