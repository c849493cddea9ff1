"""Periodic tasks without a broker: `make run` has no celery beat, so a daemon thread runs the
same CELERY_BEAT_SCHEDULE in-process (statistics, reminders, the outbox sweep keep moving in the
demo). In production celery beat does this; nothing here runs there.
"""

import logging
import threading

from celery import current_app
from celery.schedules import schedule as every
from django.conf import settings
from django.db import close_old_connections
from django.utils import timezone

logger = logging.getLogger(__name__)
TICK_SECONDS = 1.0


def _schedule(value):
    """A crontab as it is; seconds as celery's own interval schedule."""
    return value if hasattr(value, "is_due") else every(value)


def beat_start(*, entries: dict | None = None) -> threading.Event:
    """Start the thread; set the returned event to stop it. Each entry first runs one interval
    after the start, as with celery beat."""
    entries = settings.CELERY_BEAT_SCHEDULE if entries is None else entries
    current_app.loader.import_default_modules()  # every app's tasks.py, as a worker would
    schedules = {
        name: entry["schedule"]
        if hasattr(entry["schedule"], "is_due")
        else every(entry["schedule"])
        for name, entry in entries.items()
    }
    stop = threading.Event()
    last_run = dict.fromkeys(entries, timezone.now())

    def run() -> None:
        while not stop.wait(TICK_SECONDS):
            for name, entry in entries.items():
                if not schedules[name].is_due(last_run[name]).is_due:
                    continue
                last_run[name] = timezone.now()
                try:
                    current_app.tasks[entry["task"]].apply()
                except Exception:  # one failing task must not stop the others
                    logger.exception("In-process beat: %s failed", name)
                finally:
                    close_old_connections()

    threading.Thread(target=run, name="in-process-beat", daemon=True).start()
    return stop
