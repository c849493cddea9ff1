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
