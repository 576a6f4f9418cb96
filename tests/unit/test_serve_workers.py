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
