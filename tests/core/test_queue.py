"""A task that cannot be published never fails the request that asked for it."""

import time

from config.celery import app as celery_app
from core import queue
from core.queue import task_enqueue
from tests.workers import use_broker


def test_enqueue_with_the_broker_down_returns_false_and_then_skips_it(settings, monkeypatch):
    monkeypatch.setattr(queue, "_down_until", {})
    settings.CELERY_TASK_ALWAYS_EAGER = False
    use_broker("redis://127.0.0.1:1/0")  # nothing listens there
    try:
        assert task_enqueue("core.tasks.outbox_send_task", email_id=1) is False
        started = time.monotonic()
        assert task_enqueue("core.tasks.outbox_send_task", email_id=2) is False
        assert time.monotonic() - started < 0.05  # not tried again for a while
    finally:
        use_broker("")
    assert celery_app.conf.task_always_eager is True
