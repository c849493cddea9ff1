"""REDIS_URL with or without a database number: the site's and the tests' databases."""

import pytest

from config.redis_urls import redis_broker_and_cache_urls, redis_db, redis_server_url
from tests.workers import redis_test_db


@pytest.mark.parametrize(
    ("url", "broker", "cache"),
    [
        ("redis://127.0.0.1:6379", "redis://127.0.0.1:6379/0", "redis://127.0.0.1:6379/1"),
        ("redis://127.0.0.1:6379/", "redis://127.0.0.1:6379/0", "redis://127.0.0.1:6379/1"),
        ("redis://127.0.0.1:6379/3", "redis://127.0.0.1:6379/3", "redis://127.0.0.1:6379/4"),
        ("redis://:secret@redis:6379/7", "redis://:secret@redis:6379/7", "redis://:secret@redis:6379/8"),
        ("rediss://r:6380/2?ssl_cert_reqs=none", "rediss://r:6380/2?ssl_cert_reqs=none",
         "rediss://r:6380/3?ssl_cert_reqs=none"),
    ],
)  # fmt: skip
def test_broker_and_cache_follow_the_database_number_of_redis_url(url, broker, cache):
    assert redis_broker_and_cache_urls(url) == (broker, cache)


def test_server_url_drops_the_database_number_only():
    assert redis_server_url("redis://127.0.0.1:6379/3") == "redis://127.0.0.1:6379"
    assert redis_server_url("redis://127.0.0.1:6379") == "redis://127.0.0.1:6379"
    assert redis_server_url("redis://h:1/2?protocol=3") == "redis://h:1?protocol=3"


def test_redis_url_ending_in_anything_but_a_number_is_refused():
    with pytest.raises(ValueError, match="database number"):
        redis_db("redis://127.0.0.1:6379/cache")


@pytest.mark.parametrize(
    ("url", "environ", "db"),
    [
        ("redis://127.0.0.1:6379", {}, 14),  # never the demo's 0 and 1
        ("redis://127.0.0.1:6379/7", {}, 7),  # the database the developer was given
        ("redis://127.0.0.1:6379/7", {"TEST_BROKER_DB": "9"}, 9),
        ("", {}, 14),  # no REDIS_URL: tests/conftest.py starts a private Redis
    ],
)
def test_tests_use_the_database_redis_url_names(url, environ, db):
    assert redis_test_db(url, environ) == db
