"""The Redis cache, failing open: a cache that cannot answer is a miss, never an error page.

While Redis is unreachable, reads miss, writes are dropped, and `add` says yes (a lock that cannot
be taken in Redis must not block every request). Keys under `LOCAL_FALLBACK_PREFIXES` — the rate
limits of allauth — are kept in a private memory cache of this process instead, so sign-in and
sign-up stay limited (per process) rather than unlimited. After a failure Redis is left alone for
`RETRY_SECONDS`, so a dead Redis costs each request nothing, not a connection timeout.
See docs/operations.md, "Running without Redis".
"""

import logging
import threading
import time
from typing import Any

from django.core.cache.backends.base import DEFAULT_TIMEOUT
from django.core.cache.backends.locmem import LocMemCache
from django.core.cache.backends.redis import RedisCache
from redis.exceptions import ConnectionError as RedisConnectionError
from redis.exceptions import TimeoutError as RedisTimeoutError

logger = logging.getLogger(__name__)

# BusyLoadingError (Redis reading its dump after a restart) is a ConnectionError too.
UNAVAILABLE = (RedisConnectionError, RedisTimeoutError)


class _Outage:
    """Whether one Redis location is known to be down, shared by the threads of a process."""

    def __init__(self) -> None:
        self.lock = threading.Lock()
        self.down_until = 0.0  # monotonic; 0 while Redis answers
        self.last_logged = float("-inf")


_outages: dict[str, _Outage] = {}
_outages_lock = threading.Lock()


class FailOpenRedisCache(RedisCache):
    """Django's RedisCache that degrades to a miss/no-op while Redis is unreachable.

    Extra OPTIONS (removed before the rest go to redis-py): RETRY_SECONDS (default 5),
    LOG_SECONDS (at most one warning per interval while down, default 60) and
    LOCAL_FALLBACK_PREFIXES (keys kept in process memory while Redis is down).
    """

    def __init__(self, server: str, params: dict) -> None:
        options = dict(params.get("OPTIONS", {}))
        self.retry_seconds = float(options.pop("RETRY_SECONDS", 5))
        self.log_seconds = float(options.pop("LOG_SECONDS", 60))
        self.fallback_prefixes = tuple(options.pop("LOCAL_FALLBACK_PREFIXES", ()))
        super().__init__(server, {**params, "OPTIONS": options})
        with _outages_lock:
            self._outage = _outages.setdefault(server, _Outage())
        # One per process and location: every thread counts the same rate-limit hits.
        self._local = LocMemCache(f"fail-open-fallback:{server}", {"TIMEOUT": self.default_timeout})

    # --- the switch ---------------------------------------------------------------------------

    def _is_down(self) -> bool:
        return time.monotonic() < self._outage.down_until

    def _failed(self, error: Exception) -> None:
        now = time.monotonic()
        with self._outage.lock:
            first = self._outage.down_until == 0.0
            self._outage.down_until = now + self.retry_seconds
            log = first or now - self._outage.last_logged >= self.log_seconds
            if log:
                self._outage.last_logged = now
        if log:
            logger.warning(
                "Redis cache unreachable (%s: %s); serving without it, retrying every %.0f s.",
                type(error).__name__,
                error,
                self.retry_seconds,
            )

    def _answered(self) -> None:
        if self._outage.down_until:
            with self._outage.lock:
                self._outage.down_until = 0.0
                self._outage.last_logged = float("-inf")
            logger.warning("Redis cache reachable again.")

    def _local_for(self, key: Any) -> bool:
        return bool(self.fallback_prefixes) and str(key).startswith(self.fallback_prefixes)

    def _call(self, name: str, key: Any, args: tuple, kwargs: dict, on_failure: Any) -> Any:
        """Run `name` on Redis, or on the local fallback / `on_failure()` when it is down."""
        if not self._is_down():
            try:
                result = getattr(super(), name)(*args, **kwargs)
            except UNAVAILABLE as error:
                self._failed(error)
            else:
                self._answered()
                return result
        if self._local_for(key):
            return getattr(self._local, name)(*args, **kwargs)
        return on_failure()

    def probe(self) -> None:
        """Write and read a key on Redis itself (for /health/), whatever the switch says."""
        client = self._cache.get_client(write=True)
        key = self.make_and_validate_key("health-check")
        try:
            client.set(key, b"ok", ex=10)
            if client.get(key) != b"ok":
                raise RuntimeError("cache did not return what was written")
        except UNAVAILABLE as error:
            self._failed(error)
            raise
        self._answered()

    # --- single keys: may use the local fallback ----------------------------------------------

    def add(self, key, value, timeout=DEFAULT_TIMEOUT, version=None):
        # True: a lock Redis cannot hold must not stop every request.
        args = (key, value, timeout, version)
        return self._call("add", key, args, {}, lambda: True)

    def get(self, key, default=None, version=None):
        return self._call("get", key, (key, default, version), {}, lambda: default)

    def set(self, key, value, timeout=DEFAULT_TIMEOUT, version=None):
        return self._call("set", key, (key, value, timeout, version), {}, lambda: None)

    def touch(self, key, timeout=DEFAULT_TIMEOUT, version=None):
        return self._call("touch", key, (key, timeout, version), {}, lambda: False)

    def delete(self, key, version=None):
        return self._call("delete", key, (key, version), {}, lambda: False)

    def has_key(self, key, version=None):
        return self._call("has_key", key, (key, version), {}, lambda: False)

    def incr(self, key, delta=1, version=None):
        def missing():  # what Django raises for a key that is not there
            raise ValueError(f"Key '{key}' not found.")

        return self._call("incr", key, (key, delta, version), {}, missing)

    # --- several keys: Redis or nothing -------------------------------------------------------

    def get_many(self, keys, version=None):
        return self._call("get_many", None, (keys, version), {}, dict)

    def set_many(self, data, timeout=DEFAULT_TIMEOUT, version=None):
        return self._call("set_many", None, (data, timeout, version), {}, lambda: list(data))

    def delete_many(self, keys, version=None):
        return self._call("delete_many", None, (keys, version), {}, lambda: None)

    def clear(self):
        self._local.clear()
        return self._call("clear", None, (), {}, lambda: False)
