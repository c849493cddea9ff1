from datetime import timedelta

from celery import shared_task

from core.services import outbox_send, outbox_sweep


@shared_task(acks_late=True)
def outbox_send_task(*, email_id: int) -> None:
    # Safe to run twice: outbox_send skips rows that are sent or locked by another worker.
    outbox_send(email_id=email_id)


@shared_task(acks_late=True)
def outbox_sweep_task(*, grace_seconds: int = 60) -> int:
    return outbox_sweep(grace=timedelta(seconds=grace_seconds))
