"""Work lost with a worker killed by SIGKILL (main process and children) is picked up by the
next worker's sweep, exactly once, instead of after the broker's visibility timeout."""

import os
import signal
from datetime import timedelta

import psutil
import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.db import transaction
from django.utils import timezone

from core.images import image_create
from core.models import Image
from core.tasks import image_process_task, image_sweep_task
from tests import images
from tests.workers import wait_for

pytestmark = pytest.mark.integration


def kill_whole_worker(process) -> None:
    """SIGKILL the worker's main process and its pool children at once, as the OOM killer or a
    lost machine would: nothing acknowledges, nothing cleans up."""
    family = [process.pid, *(child.pid for child in psutil.Process(process.pid).children(True))]
    for pid in family:
        os.kill(pid, signal.SIGKILL)
    process.wait(timeout=10)


def test_a_photo_whose_whole_worker_was_killed_is_processed_once_by_the_sweep(
    workers, tmp_path, monkeypatch
):
    writes = tmp_path / "rendition-writes.log"
    started = tmp_path / "started"
    started.mkdir()
    monkeypatch.setenv("IMAGE_WRITES_LOG", str(writes))
    monkeypatch.setenv("IMAGE_STARTED_DIR", str(started))
    first = workers.start("w1")
    with transaction.atomic():
        image = image_create(upload=SimpleUploadedFile("a.jpg", images.jpeg_bytes()))
    wait_for(lambda: (started / str(image.pk)).exists(), 30, "the worker to start the photo")
    kill_whole_worker(first)
    workers.processes.remove(next(p for p in workers.processes if p[0] is first))

    # Its message stays unacknowledged in Redis (for the visibility timeout, an hour); the row
    # lock died with the worker's connection.
    assert Image.objects.get(pk=image.pk).status == Image.Status.PENDING
    monkeypatch.delenv("IMAGE_STARTED_DIR")
    workers.start("w2")
    Image.objects.filter(pk=image.pk).update(created_at=timezone.now() - timedelta(minutes=2))
    image_sweep_task.delay()  # what beat sends every minute
    wait_for(
        lambda: Image.objects.get(pk=image.pk).status == Image.Status.READY,
        60,
        "the sweep to process the photo",
    )
    # The task delivered again and a second sweep find nothing left to do.
    image_process_task.delay(image_id=image.pk)
    image_sweep_task.delay()
    wait_for(lambda: _queue_empty(workers), 30, "the worker to drain its queues")
    image.refresh_from_db()
    names = [line for line in writes.read_text().splitlines() if line]
    assert sorted(names) == sorted(
        name for sizes in image.renditions.values() for name in sizes.values()
    )  # each rendition written exactly once
    assert image.attempts == 1


def _queue_empty(workers) -> bool:
    import redis

    queue = redis.Redis.from_url(workers.broker_url)
    pending = sum(queue.llen(name) for name in ("images", "default", "email"))
    unacked = queue.hlen("unacked")
    return pending == 0 and unacked <= 1  # the killed worker's message, never acknowledged
