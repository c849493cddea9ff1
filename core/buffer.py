"""Writes that a request should not wait for, buffered in Redis and moved into the database by a
periodic task: page views (core.visits) and searches (catalog.search_log).

Each `RedisBuffer` keeps its items (JSON text) in the process first and pushes them onto a Redis
list in the cache's Redis with one RPUSH per `VISITS_PUSH_SECONDS` (a round trip per item cost a
loaded machine more than the rest of a cached page); a daemon thread pushes them when the process
receives nothing more. `flush()` (the periodic task) takes them off the list in batches and hands
them to the buffer's writer.

Without a Redis cache (the demo's file cache), while Redis is down (the fail-open cache's switch,
or an error on a push), items go to the writer at once instead: nothing is lost because Redis is
unavailable.
"""

import atexit
import logging
import os
import threading
import time
from collections.abc import Callable

from django.conf import settings
from django.core.cache import caches
from django.core.cache.backends.redis import RedisCache

logger = logging.getLogger(__name__)

FLUSH_BATCH = 5000
PUSH_ITEMS = 200

# writer(items) → (rows stored, items to keep for a later flush: e.g. a search opened before its
# search reached the database); it raises when the database is unavailable.
Writer = Callable[[list[str]], tuple[int, list[str]]]

_buffers: list["RedisBuffer"] = []


def _redis_usable() -> bool:
    """Whether items go to Redis: a Redis cache that is not known to be down."""
    cache = caches["default"]
    if not isinstance(cache, RedisCache):
        return False
    is_down = getattr(cache, "_is_down", None)  # the fail-open cache knows when Redis is down
    return is_down is None or not is_down()


def _redis_failed(error: Exception) -> None:
    failed = getattr(caches["default"], "_failed", None)
    if failed is not None:
        failed(error)  # the other requests of this process skip Redis for a while
    else:
        logger.warning("Write buffer unreachable (%s); writing directly.", error)


class RedisBuffer:
    """One kind of buffered write: its Redis list `key` and the `writer` that stores items."""

    def __init__(self, key: str, writer: Writer) -> None:
        self.key = key
        self.writer = writer
        self.lock = threading.Lock()
        self.items: list[str] = []
        self.since = 0.0  # monotonic time of the oldest pending item
        self.thread_pid = 0
        _buffers.append(self)

    def _list(self):
        """(redis client, list key), or None when items go straight to the database."""
        if not _redis_usable():
            return None
        cache = caches["default"]
        return cache._cache.get_client(write=True), cache.make_and_validate_key(self.key)

    def add(self, item: str) -> None:
        """Keep one item: pending here, pushed to Redis soon; written at once without Redis."""
        if not _redis_usable():
            self.writer([*self.take(), item])
            return
        with self.lock:
            if not self.items:
                self.since = time.monotonic()
            self.items.append(item)
            due = time.monotonic() - self.since >= settings.VISITS_PUSH_SECONDS
            due = due or len(self.items) >= PUSH_ITEMS
        if due:
            self.push()
        else:
            self._start_thread()

    def take(self) -> list[str]:
        with self.lock:
            items, self.items = self.items, []
            return items

    def _put_back(self, items: list[str]) -> None:
        with self.lock:
            self.items = items + self.items
            self.since = time.monotonic()

    def push(self) -> bool:
        """Push this process's pending items to Redis; False (items kept) when unavailable."""
        items = self.take()
        if not items:
            return True
        target = self._list()
        if target is not None:
            client, key = target
            try:
                client.rpush(key, *items)
                return True
            except Exception as error:  # the items wait here; the next write goes to SQL
                _redis_failed(error)
        self._put_back(items)
        return False

    def _start_thread(self) -> None:
        """One pusher per process and buffer (gunicorn forks workers after import: by pid)."""
        seconds = settings.VISITS_PUSH_SECONDS
        if seconds <= 0 or self.thread_pid == os.getpid():
            return
        self.thread_pid = os.getpid()

        def run() -> None:
            while True:
                time.sleep(seconds)
                if self.items:
                    self.push()

        threading.Thread(target=run, name=f"buffer-push:{self.key}", daemon=True).start()

    def flush(self, *, batch: int = FLUSH_BATCH) -> int:
        """Move the buffered items into the database; returns how many rows the writer stored.
        Items taken off the list go back onto it if the database is unavailable."""
        if not self.push():  # Redis unavailable: this process's pending items go to SQL now
            self.writer(self.take())
        target = self._list()
        if target is None:
            return 0
        client, key = target
        moved, kept = 0, []
        try:
            while True:
                try:
                    with client.pipeline(transaction=True) as pipe:  # take and trim atomically
                        pipe.lrange(key, 0, batch - 1)
                        pipe.ltrim(key, batch, -1)
                        items, _ = pipe.execute()
                except Exception as error:  # Redis down: the items wait there for the next run
                    _redis_failed(error)
                    return moved
                if not items:
                    return moved
                items = [i.decode() if isinstance(i, bytes) else i for i in items]
                try:
                    stored, keep = self.writer(items)
                except Exception:  # the database is unavailable: the items wait for the next run
                    client.rpush(key, *items)
                    raise
                moved, kept = moved + stored, kept + keep
                if len(items) < batch:
                    return moved
        finally:
            if kept:  # back at the end of the list, for the next run
                try:
                    client.rpush(key, *kept)
                except Exception as error:
                    _redis_failed(error)

    def at_exit(self) -> None:
        """A worker that stops (gunicorn's max_requests, a deploy) hands over its last items."""
        try:
            if not self.push():
                self.writer(self.take())
        except Exception:  # at exit nothing more can be done; a crash loses them all the same
            logger.exception("Buffered writes of this process were lost at exit (%s).", self.key)


def _all_at_exit() -> None:
    for buffer in _buffers:
        buffer.at_exit()


atexit.register(_all_at_exit)


def pending_clear() -> None:
    """Forget this process's pending items of every buffer (the tests, between tests)."""
    for buffer in _buffers:
        buffer.take()
