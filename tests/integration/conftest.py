"""The integration tests' helpers live in tests/workers.py; the `workers` fixture in
tests/conftest.py (browser tests use it too)."""

from tests.workers import Workers, database_url, redis_base_url, use_broker, wait_for

__all__ = ["Workers", "database_url", "redis_base_url", "use_broker", "wait_for"]
