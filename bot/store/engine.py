"""The database engine under the store: connecting (SQLite's pragmas), bringing the schema to the newest
revision, and telling an unreachable database from a bug."""

from __future__ import annotations

from pathlib import Path

from sqlalchemy import create_engine, event, text
from sqlalchemy.engine import Engine

from bot.store.schema import MIGRATIONS, create_from_table, empty_sqlite, upgrade
from knowledge.startup_cache import TableFolders

__all__ = ["SCHEMA_HEAD", "MIGRATIONS", "connect", "migrate", "store_unavailable"]

SCHEMA_HEAD = "0003"  # the newest revision in migrations/versions (a test checks they agree)


def _at_head(engine: Engine) -> bool:
    try:
        with engine.connect() as connection:
            return connection.execute(text("SELECT version_num FROM alembic_version")).scalar() == SCHEMA_HEAD
    except Exception:  # no table yet: a new database
        return False


def migrate(engine: Engine, tables: TableFolders | None = None) -> None:
    """Bring the schema up to the newest Alembic revision (skipped, without loading Alembic, when it is; a new
    SQLite database is made from the start-up table of the migrations' statements, ``bot/store/schema.py``,
    when ``tables`` are given)."""
    if _at_head(engine):
        return
    if tables is not None and empty_sqlite(engine):
        create_from_table(engine, tables)
        return
    upgrade(engine)


def _sqlite_pragmas(engine: Engine) -> None:
    @event.listens_for(engine, "connect")
    def on_connect(dbapi_connection, _record):  # pragma: no cover - exercised by every SQLite test
        cursor = dbapi_connection.cursor()
        cursor.execute("PRAGMA journal_mode=WAL")
        cursor.execute("PRAGMA synchronous=NORMAL")
        cursor.execute("PRAGMA foreign_keys=ON")
        cursor.close()


def connect(url: str) -> Engine:
    """An engine for ``url``: a SQLite file (its folder made, WAL) or a pooled PostgreSQL connection."""
    if url.startswith("sqlite:///"):
        Path(url.removeprefix("sqlite:///")).parent.mkdir(parents=True, exist_ok=True)
        engine = create_engine(url, connect_args={"timeout": 30, "check_same_thread": False})
        _sqlite_pragmas(engine)
        return engine
    return create_engine(url, pool_pre_ping=True, pool_size=10, max_overflow=10)


def store_unavailable(error: BaseException) -> bool:
    """True when ``error`` means the database cannot be reached (down, restarting, connection lost): the
    request should fail with 503 and be tried again, not be reported as a bug."""
    from sqlalchemy.exc import DBAPIError, InterfaceError, OperationalError

    if isinstance(error, (OperationalError, InterfaceError)):
        return True
    return isinstance(error, DBAPIError) and bool(error.connection_invalidated)
