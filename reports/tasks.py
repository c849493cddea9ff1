from datetime import timedelta

from celery import shared_task

from expo.models import Expo
from reports.services import catalogue_build, catalogue_sweep


@shared_task(autoretry_for=(OSError,), retry_backoff=True, max_retries=5, acks_late=True)
def catalogue_build_task(*, expo_id: int, language: str) -> None:
    expo = Expo.objects.filter(pk=expo_id).first()
    if expo is None:
        return
    catalogue_build(
        expo=expo, language=language
    )  # idempotent: the file name is the content's version


@shared_task(acks_late=True)
def catalogue_sweep_task(*, grace_seconds: int = 60) -> int:
    # Beat, every minute: catalogue builds lost with a killed worker or a down broker.
    return catalogue_sweep(grace=timedelta(seconds=grace_seconds))
