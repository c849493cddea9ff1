"""Publishing a task without ever failing the request that asked for it.

With the broker (Redis) down, `.delay()` raises after about two thirds of a second of retries.
The work is not lost: every queued job has a row in PostgreSQL that a periodic sweep picks up
(the outbox for mail; images and exports keep their pending status). So a failed publish is
logged and skipped, and for `RETRY_SECONDS` afterwards this process does not try again, so a
dead broker slows one request per interval, not every request. See docs/operations.md.
"""

import logging
import threading
import time

from celery import Task, current_app
from kombu.exceptions import OperationalError
from redis.exceptions import ConnectionError as RedisConnectionError
from redis.exceptions import TimeoutError as RedisTimeoutError

logger = logging.getLogger(__name__)

RETRY_SECONDS = 5.0
BROKER_UNAVAILABLE = (OperationalError, RedisConnectionError, RedisTimeoutError, ConnectionError)

_lock = threading.Lock()
_down_until: dict[str, float] = {}  # broker URL → monotonic time to try it again


def task_enqueue(task: Task | str, **kwargs) -> bool:
    """Queue `task` (or the task of that name) with `kwargs`; False when the broker is down.

    Where tasks run in-process (no broker configured), errors of the task itself propagate."""
    signature = (
        current_app.signature(task, kwargs=kwargs) if isinstance(task, str) else task.s(**kwargs)
    )
    if current_app.conf.task_always_eager:
        signature.delay()
        return True
    broker = str(current_app.conf.broker_url)
    if time.monotonic() < _down_until.get(broker, 0.0):
        logger.info("Broker down: %s(%s) left to its sweep.", signature.task, kwargs)
        return False
    try:
        signature.delay()
    except BROKER_UNAVAILABLE as error:
        with _lock:
            _down_until[broker] = time.monotonic() + RETRY_SECONDS
        logger.warning(
            "Broker unreachable (%s); %s(%s) left to its sweep.", error, signature.task, kwargs
        )
        return False
    return True
