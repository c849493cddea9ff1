"""Tasks only the integration tests' workers load (`--include`), to observe worker behaviour."""

import os
import signal
from pathlib import Path

from celery import shared_task


@shared_task(acks_late=True)
def die_once_task(*, marker_dir: str) -> None:
    """The first run kills its own worker process; the re-queued second run leaves a mark."""
    first = Path(marker_dir) / "first-run"
    if not first.exists():
        first.touch()
        os.kill(os.getpid(), signal.SIGKILL)
    (Path(marker_dir) / "second-run").touch()


def _observe_image_processing() -> None:
    """In a worker started with IMAGE_WRITES_LOG set: log every rendition written there, and
    with IMAGE_STARTED_DIR set too, mark each image started and stall it so a test can kill the
    worker mid-task."""
    log = os.environ.get("IMAGE_WRITES_LOG")
    if not log:
        return
    import time

    from core import images

    save, render = images._save, images._render

    def logged_save(name: str, content: bytes) -> str:
        with open(log, "a") as fh:
            fh.write(name + "\n")
        return save(name, content)

    def stalled_render(image) -> None:
        started = os.environ.get("IMAGE_STARTED_DIR")
        if started:
            (Path(started) / str(image.pk)).touch()
            time.sleep(60)
        render(image)

    images._save = logged_save
    images._render = stalled_render


_observe_image_processing()
