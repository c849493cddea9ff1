"""Test settings: the real PostgreSQL (DATABASE_URL or the embedded one), eager Celery for unit
tests, locmem mail, and files in temporary folders."""

import os
from collections.abc import Iterator

import pytest
from django.conf import settings

from config.celery import app as celery_app
from core.services import regions_load
from tests.embedded_redis import start_private_redis
from tests.factories import VerifiedUserFactory
from tests.workers import (
    TEST_BROKER_DB,
    Workers,
    redis_base_url,
    redis_test_cache_url,
    use_broker,
)


def pytest_configure(config) -> None:
    if not os.environ.get("REDIS_URL"):
        os.environ["REDIS_URL"] = start_private_redis()  # for the integration tests' broker
    elif settings.CACHES["default"]["BACKEND"].endswith("RedisCache"):
        # The cache goes to the tests' own Redis database too (tests/workers.py), never to the
        # database of a demo running on the same machine: every test starts by clearing it.
        settings.CACHES = {
            "default": {**settings.CACHES["default"], "LOCATION": redis_test_cache_url()}
        }
    # Unit tests run tasks in-process; integration tests switch to a real worker (see there).
    settings.CELERY_TASK_ALWAYS_EAGER = True
    celery_app.conf.task_always_eager = True
    # Each view goes to the Redis buffer at once (core.visits), with no pusher thread.
    settings.VISITS_PUSH_SECONDS = 0
    # Tests serve static files from the source folders, unhashed.
    settings.STORAGES = {
        **settings.STORAGES,
        "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"},
    }
    settings.WHITENOISE_USE_FINDERS = True
    # Argon2 is slow by design; tests create thousands of users. tests/config checks that the
    # real settings hash with Argon2.
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
    settings.WHITENOISE_AUTOREFRESH = True


@pytest.fixture(autouse=True)
def _isolated_files_and_cache(settings, tmp_path) -> None:
    settings.MEDIA_ROOT = tmp_path / "media"
    settings.MAIL_DIR = tmp_path / "mail"
    settings.STORAGES = {
        **settings.STORAGES,
        "private": {
            "BACKEND": "core.files.PrivateFileSystemStorage",
            "OPTIONS": {"location": tmp_path / "private"},
        },
    }
    from django.core.cache import cache

    from catalog.cards import local_cards_clear
    from core.cache import local_copies_clear

    cache.clear()  # rate limits and cached pages never leak from one test into the next
    local_copies_clear()
    local_cards_clear()


@pytest.fixture
def regions(db) -> None:
    """The provinces and regencies of the data migration (transactional tests flush them)."""
    regions_load()


@pytest.fixture
def categories(db) -> None:
    """The category tree of the data migration (transactional tests flush it)."""
    from catalog.categories import categories_load
    from catalog.models import Category

    categories_load(category_model=Category)


@pytest.fixture
def password() -> str:
    return "a-long-test-password-2024"


@pytest.fixture
def verified_user(db, password):
    return VerifiedUserFactory(password=password)


@pytest.fixture
def workers(transactional_db, settings, tmp_path) -> Iterator[Workers]:
    """Real Celery worker processes on a Redis database of their own (start them with
    `workers.start()`); integration and browser tests use it."""
    import redis

    broker_url = f"{redis_base_url()}/{TEST_BROKER_DB}"
    redis.Redis.from_url(broker_url).flushdb()
    settings.CELERY_TASK_ALWAYS_EAGER = False
    use_broker(broker_url)
    pool = Workers(tmp_path, broker_url)
    try:
        yield pool
    finally:
        pool.stop()
        use_broker("")
        settings.CELERY_TASK_ALWAYS_EAGER = True
