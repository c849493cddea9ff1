from datetime import timedelta

from celery import shared_task

from core.images import image_process, image_sweep
from core.models import Image
from core.outbox import outbox_send, outbox_sweep
from core.services import exchange_rates_fetch
from core.visits import visit_stats_aggregate


@shared_task(acks_late=True)
def outbox_send_task(*, email_id: int) -> None:
    # Safe to run twice: outbox_send skips rows that are sent or locked by another worker.
    outbox_send(email_id=email_id)


@shared_task(acks_late=True)
def outbox_sweep_task(*, grace_seconds: int = 60) -> int:
    return outbox_sweep(grace=timedelta(seconds=grace_seconds))


@shared_task(autoretry_for=(OSError,), retry_backoff=True, max_retries=5, acks_late=True)
def image_process_task(*, image_id: int) -> None:
    image = Image.objects.filter(pk=image_id).first()
    if image is None:  # deleted while queued: nothing to do
        return
    image_process(image=image)  # idempotent: same original, same renditions


@shared_task(acks_late=True)
def image_sweep_task(*, grace_seconds: int = 60) -> int:
    # Beat, every minute: images whose task was lost with a killed worker or a down broker.
    return image_sweep(grace=timedelta(seconds=grace_seconds))


@shared_task(acks_late=True)
def visit_stats_aggregate_task() -> int:
    # Idempotent: recounts the recent days from the raw views.
    return visit_stats_aggregate()


@shared_task(acks_late=True)
def exchange_rates_fetch_task() -> int:
    # Daily: the rates of Bank Indonesia (idempotent: one row per currency and day).
    return exchange_rates_fetch()
