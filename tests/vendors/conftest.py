import pytest


@pytest.fixture(autouse=True)
def _fast_password_hashing(settings) -> None:
    """These tests are about businesses, not password storage: hash test users cheaply."""
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
