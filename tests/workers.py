"""A real Celery worker process on Redis, talking to the test database in PostgreSQL.

Used by tests/integration/ and tests/browser/ through the `workers` fixture (tests/conftest.py)."""

import os
import subprocess
import sys
import time
from collections.abc import Callable, Mapping
from pathlib import Path
from urllib.parse import quote, urlencode

import pytest
from django.conf import settings
from django.db import connection

from config.celery import app as celery_app
from config.redis_urls import redis_db, redis_server_url

ROOT = Path(__file__).resolve().parents[1]


def redis_test_db(redis_url: str, environ: Mapping[str, str]) -> int:
    """The Redis database of the tests' broker (and Redis cache): TEST_BROKER_DB when set, else
    the database number REDIS_URL ends in, else 14 — never the 0 and 1 of a running demo."""
    if environ.get("TEST_BROKER_DB"):
        return int(environ["TEST_BROKER_DB"])
    given = redis_db(redis_url)
    return 14 if given is None else given


def redis_base_url() -> str:
    """The Redis server, without a database number (REDIS_URL may carry one)."""
    return redis_server_url(os.environ["REDIS_URL"])  # set by CI, else tests/conftest.py starts one


# A Redis database of its own, so tests never see the tasks of a running demo (or of another
# checkout's test run on the same machine, which sets TEST_BROKER_DB or a REDIS_URL ending in /N).
TEST_BROKER_DB = redis_test_db(os.environ.get("REDIS_URL", ""), os.environ)


def redis_test_cache_url() -> str:
    """The Redis cache of tests run with REDIS_URL: the tests' own database, like the broker."""
    return f"{redis_base_url()}/{TEST_BROKER_DB}"


def database_url() -> str:
    """This test database as a DATABASE_URL for the worker process."""
    db = connection.settings_dict
    user = quote(db["USER"])
    password = f":{quote(db['PASSWORD'])}" if db.get("PASSWORD") else ""
    host = db["HOST"] or "127.0.0.1"
    if host.startswith("/"):  # the embedded PostgreSQL listens on a Unix socket in a folder
        query = urlencode({"host": host, **({"port": db["PORT"]} if db["PORT"] else {})})
        return f"postgres://{user}{password}@/{db['NAME']}?{query}"
    port = f":{db['PORT']}" if db["PORT"] else ""
    return f"postgres://{user}{password}@{host}{port}/{db['NAME']}"


def use_broker(url: str) -> None:
    """Point this (test) process's Celery app at `url` and drop pooled connections."""
    celery_app.conf.update(broker_url=url, broker_read_url=url, broker_write_url=url)
    celery_app.conf.task_always_eager = not url
    celery_app._pool = None
    celery_app.amqp._producer_pool = None


def wait_for(condition: Callable[[], object], timeout: float = 60, message: str = "") -> object:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        result = condition()
        if result:
            return result
        time.sleep(0.2)
    pytest.fail(f"timed out after {timeout}s waiting for {message or condition}")


class Workers:
    def __init__(self, tmp_path: Path, broker_url: str):
        self.tmp_path = tmp_path
        self.broker_url = broker_url
        self.mail_dir = tmp_path / "mail"
        self.processes: list[tuple[subprocess.Popen, Path]] = []

    def start(self, name: str = "w1") -> subprocess.Popen:
        log = self.tmp_path / f"worker-{name}.log"
        env = {
            **os.environ,
            "DJANGO_SETTINGS_MODULE": "config.settings",
            "DATABASE_URL": database_url(),
            "CELERY_BROKER_URL": self.broker_url,
            "REDIS_URL": redis_base_url(),
            "CACHE_URL": redis_test_cache_url(),  # this test process's cache (tests/conftest.py)
            "EMAIL_BACKEND": "core.mail.FileAndConsoleBackend",
            "MAIL_DIR": str(self.mail_dir),
            "EXPO_VAR_DIR": str(self.tmp_path / "var"),
            # The same file folders as this test process (see tests/conftest.py).
            "DJANGO_MEDIA_ROOT": str(settings.MEDIA_ROOT),
            "DJANGO_PRIVATE_MEDIA_ROOT": str(settings.STORAGES["private"]["OPTIONS"]["location"]),
        }
        process = subprocess.Popen(
            [
                sys.executable, "-m", "celery", "-A", "config", "worker",
                "--queues=default,images,email", "--pool=prefork", "--concurrency=1",
                f"--hostname={name}@%h", "--without-gossip", "--without-mingle",
                "--include=tests.integration.worker_tasks", "--loglevel=INFO",
            ],
            cwd=ROOT, env=env, stdout=log.open("w"), stderr=subprocess.STDOUT,
        )  # fmt: skip
        self.processes.append((process, log))
        wait_for(lambda: " ready." in log.read_text() or process.poll() is not None, 60, "worker")
        assert process.poll() is None, log.read_text()
        return process

    def mail_files(self) -> list[Path]:
        return sorted(self.mail_dir.glob("*.eml")) if self.mail_dir.exists() else []

    def stop(self) -> None:
        for process, _ in self.processes:
            process.terminate()
        for process, log in self.processes:
            try:
                process.wait(timeout=20)
            except subprocess.TimeoutExpired:
                process.kill()
            # A worker must never have crashed on a task, whatever the test did.
            assert "Traceback" not in log.read_text() or "WorkerLostError" in log.read_text()
