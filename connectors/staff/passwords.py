"""Staff password hashes (PBKDF2-SHA256 from the standard library) and checking a login against settings.

A hash looks like ``pbkdf2_sha256$600000$<salt hex>$<hash hex>``; ``tsunagu hash-password`` prints one.
There is no default password: with no username or no password configured, every login fails.
"""

from __future__ import annotations

import hashlib
import hmac
import secrets

from connectors.settings import Settings

__all__ = ["hash_password", "verify_password", "login_configured", "check_login", "ITERATIONS"]

ITERATIONS = 600_000  # OWASP 2023 recommendation for PBKDF2-HMAC-SHA256
_SCHEME = "pbkdf2_sha256"


def hash_password(password: str, iterations: int = ITERATIONS, salt: str | None = None) -> str:
    salt = salt or secrets.token_hex(16)
    digest = hashlib.pbkdf2_hmac("sha256", password.encode(), salt.encode(), iterations)
    return f"{_SCHEME}${iterations}${salt}${digest.hex()}"


def verify_password(password: str, encoded: str) -> bool:
    try:
        scheme, iterations, salt, expected = encoded.split("$")
        rounds = int(iterations)
    except ValueError:
        return False
    if scheme != _SCHEME or rounds < 1:
        return False
    digest = hashlib.pbkdf2_hmac("sha256", password.encode(), salt.encode(), rounds)
    return hmac.compare_digest(digest.hex(), expected)


def login_configured(settings: Settings) -> bool:
    return bool(settings.staff_username and (settings.staff_password or settings.staff_password_hash))


def check_login(settings: Settings, username: str, password: str) -> bool:
    """Constant-time comparison of both fields; False whenever login is not configured."""
    if not login_configured(settings) or not password:
        return False
    user_ok = hmac.compare_digest(username.encode(), settings.staff_username.encode())
    if settings.staff_password_hash:
        password_ok = verify_password(password, settings.staff_password_hash)
    else:
        password_ok = hmac.compare_digest(password.encode(), settings.staff_password.encode())
    return user_ok and password_ok
