"""Staff credentials: hashes, constant-time checks, and no login at all until credentials are set."""

import pytest

from connectors.staff.passwords import check_login, hash_password, login_configured, verify_password
from tests.conftest import fake_settings


def test_a_hash_verifies_only_its_own_password():
    encoded = hash_password("correct horse", iterations=1000)
    assert encoded.startswith("pbkdf2_sha256$1000$")
    assert verify_password("correct horse", encoded)
    assert not verify_password("correct horsE", encoded)
    assert hash_password("correct horse", iterations=1000) != encoded  # a fresh salt each time


@pytest.mark.parametrize(
    "encoded", ["", "garbage", "md5$1$salt$abc", "pbkdf2_sha256$x$salt$abc", "pbkdf2_sha256$0$salt$abc"]
)
def test_malformed_hashes_never_verify(encoded):
    assert not verify_password("anything", encoded)


@pytest.mark.parametrize(
    ("settings", "username", "password", "ok"),
    [
        ({}, "", "", False),  # nothing configured
        ({"staff_username": "clerk"}, "clerk", "", False),  # no password set
        ({"staff_password": "s3cret"}, "", "s3cret", False),  # no username set
        ({"staff_username": "clerk", "staff_password": "s3cret"}, "clerk", "s3cret", True),
        ({"staff_username": "clerk", "staff_password": "s3cret"}, "clerk", "wrong", False),
        ({"staff_username": "clerk", "staff_password": "s3cret"}, "other", "s3cret", False),
        ({"staff_username": "clerk", "staff_password_hash": hash_password("pw", 1000)}, "clerk", "pw", True),
        ({"staff_username": "clerk", "staff_password_hash": hash_password("pw", 1000)}, "clerk", "pW", False),
    ],
)
def test_check_login(tmp_path, settings, username, password, ok):
    configured = fake_settings(tmp_path, **settings)
    assert check_login(configured, username, password) is ok
    if ok:
        assert login_configured(configured)
