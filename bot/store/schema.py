"""A new SQLite database's schema from a start-up table instead of Alembic (issue 16, cold start).

Migrating a new database meant importing Alembic (with Mako and Pygments) and running every migration:
~0.2 s of each start in a new data folder. The statements the migrations leave in an empty SQLite database
(its tables, then its indexes, and the ``alembic_version`` row) are a start-up table
(``knowledge/startup_cache.py``), keyed by the migration files, the models and the versions of SQLAlchemy,
Alembic and SQLite: a new, empty SQLite database runs them in one transaction. Any change to a migration
gives another key, and the statements are made again by Alembic, on a database in memory. PostgreSQL and
any database that is not empty are migrated by Alembic as before.
"""

from __future__ import annotations

import sqlite3
from importlib import metadata
from pathlib import Path

from sqlalchemy import create_engine, text
from sqlalchemy.engine import Engine

from knowledge import startup_cache
from knowledge.startup_cache import TableFolders

__all__ = [
    "MIGRATIONS",
    "MIGRATION_CODE",
    "empty_sqlite",
    "upgrade",
    "create_from_table",
    "schema_statements",
    "schema_key",
]

MIGRATIONS = Path(__file__).with_name("migrations")
MIGRATION_CODE = ("bot.store.models", "bot.store.schema")
MIGRATION_LOCK = 7_451_726_001  # the advisory lock migrations hold on PostgreSQL (any constant of the project)


def upgrade(engine: Engine) -> None:
    """Run Alembic's migrations up to the newest revision. On PostgreSQL one process at a time: several
    processes started together on a new database (``serve --workers N``, two instances) raced to create
    ``alembic_version`` and all but one crashed; the others now wait, then find the schema at head."""
    from alembic import command
    from alembic.config import Config

    config = Config()
    config.set_main_option("script_location", str(MIGRATIONS))
    with engine.begin() as connection:
        if engine.dialect.name == "postgresql":  # released when this transaction ends
            connection.execute(text("SELECT pg_advisory_xact_lock(:key)"), {"key": MIGRATION_LOCK})
        config.attributes["connection"] = connection
        command.upgrade(config, "head")


def empty_sqlite(engine: Engine) -> bool:
    if engine.dialect.name != "sqlite":
        return False
    with engine.connect() as connection:
        return connection.execute(text("SELECT count(*) FROM sqlite_master")).scalar() == 0


def schema_statements() -> tuple[str, ...]:
    """What the migrations leave in an empty SQLite database, as statements that make it again."""
    engine = create_engine("sqlite://")
    upgrade(engine)
    with engine.connect() as connection:
        rows = connection.execute(
            text("SELECT type, sql FROM sqlite_master WHERE sql IS NOT NULL ORDER BY rowid")
        ).all()
        versions = connection.execute(text("SELECT version_num FROM alembic_version")).scalars().all()
    engine.dispose()
    order = {"table": 0, "index": 1, "view": 2, "trigger": 3}
    made = [sql for _, sql in sorted(rows, key=lambda row: order.get(row[0], 4))]  # stable: creation order kept
    return (*made, *(f"INSERT INTO alembic_version (version_num) VALUES ('{v}')" for v in versions))


def schema_key() -> str:
    """The table's key: the migration files, the models, and the versions of SQLAlchemy, Alembic and SQLite."""
    versions = [f"{p} {metadata.version(p)}" for p in ("sqlalchemy", "alembic")] + [f"sqlite {sqlite3.sqlite_version}"]
    files = sorted(p for p in MIGRATIONS.rglob("*") if p.is_file() and p.suffix in (".py", ".mako"))
    return startup_cache.key_of(files, MIGRATION_CODE, [*versions, *(str(p.relative_to(MIGRATIONS)) for p in files)])


def create_from_table(engine: Engine, tables: TableFolders) -> None:
    """Make the newest schema in a new, empty SQLite database from its start-up table."""
    statements = startup_cache.cached("schema", schema_key(), schema_statements, tables, ())
    with engine.begin() as connection:
        for statement in statements:
            connection.exec_driver_sql(statement)
