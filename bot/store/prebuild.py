"""``python -m bot.store.prebuild``: the new database's schema as a start-up table in the packaged
``knowledge/prebuilt/`` (``bot/store/schema.py``; ``make prebuilt`` runs it after ``knowledge.prebuild``), so a
new data folder's database is made without Alembic."""

from __future__ import annotations

from bot.store.schema import schema_key, schema_statements
from knowledge import startup_cache
from knowledge.paths import PREBUILT_DIR

__all__ = ["main"]


def main() -> int:
    path = startup_cache.write("schema", schema_key(), schema_statements(), PREBUILT_DIR, compress=True)
    print(f"start-up table: {path}")
    return 0 if path else 1


if __name__ == "__main__":
    raise SystemExit(main())
