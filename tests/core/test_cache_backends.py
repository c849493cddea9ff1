"""The Redis cache fails open: a dead Redis is a miss, never an error, and costs one try."""

import logging

import pytest
from redis.exceptions import ConnectionError as RedisConnectionError

from core import cache_backends
from core.cache_backends import FailOpenRedisCache

DEAD = "redis://127.0.0.1:1/1"  # nothing listens on port 1


@pytest.fixture
def dead_cache(monkeypatch):
    monkeypatch.setattr(cache_backends, "_outages", {})  # no outage known from another test
    return FailOpenRedisCache(
        DEAD,
        {
            "KEY_PREFIX": "t",
            "OPTIONS": {
                "socket_connect_timeout": 0.25,
                "RETRY_SECONDS": 30,
                "LOG_SECONDS": 60,
                "LOCAL_FALLBACK_PREFIXES": ["allauth:"],
            },
        },
    )


def test_dead_redis_reads_as_misses_and_writes_as_no_ops(dead_cache):
    dead_cache.clear()
    assert dead_cache.get("page", "default") == "default"
    assert dead_cache.set("page", "html") is None
    assert dead_cache.get("page") is None
    assert dead_cache.get_or_set("tree", lambda: ["computed"]) == ["computed"]
    assert dead_cache.add("lock", 1) is True  # a lock Redis cannot hold blocks nobody
    assert dead_cache.delete("page") is False
    assert dead_cache.has_key("page") is False
    assert dead_cache.get_many(["a", "b"]) == {}
    assert dead_cache.set_many({"a": 1}) == ["a"]
    with pytest.raises(ValueError, match="not found"):  # what Django raises for a missing key
        dead_cache.incr("counter")


def test_rate_limit_keys_count_in_process_memory_while_redis_is_down(dead_cache):
    dead_cache.clear()
    assert dead_cache.add("allauth:rl:login:lock", True) is True
    assert dead_cache.add("allauth:rl:login:lock", True) is False  # the lock is held
    dead_cache.set("allauth:rl:login", [1.0, 2.0])
    assert dead_cache.get("allauth:rl:login") == [1.0, 2.0]
    assert dead_cache.get("page") is None


def test_after_a_failure_redis_is_left_alone_and_one_line_is_logged(
    dead_cache, caplog, monkeypatch
):
    tries = []
    get_client = dead_cache._cache.get_client
    monkeypatch.setattr(
        dead_cache._cache, "get_client", lambda *a, **kw: tries.append(1) or get_client(*a, **kw)
    )
    with caplog.at_level(logging.WARNING, logger="core.cache_backends"):
        for _ in range(20):
            dead_cache.get("page")
    assert len(tries) == 1  # the first request found Redis dead; the others skip it
    assert [r.getMessage()[:24] for r in caplog.records] == ["Redis cache unreachable "]


def test_probe_asks_redis_itself_and_raises_when_it_is_down(dead_cache):
    with pytest.raises(RedisConnectionError):
        dead_cache.probe()
