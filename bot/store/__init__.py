"""Conversation store: every message in and out, and each conversation's state, through SQLAlchemy.

SQLite by default, PostgreSQL when the database URL says so; the schema is managed by Alembic
(``bot/store/migrations``) and brought up to date when the store opens.
"""

from bot.store.engine import store_unavailable
from bot.store.store import ConversationStore, StoredMessage, open_store

__all__ = ["ConversationStore", "StoredMessage", "open_store", "store_unavailable"]
