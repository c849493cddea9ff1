from celery import shared_task

from .models import BuyerProfile
from .services import digest_send


@shared_task(acks_late=True)
def digest_send_all_task() -> int:
    """Weekly (beat): one task per subscribed buyer, so one failure does not stop the rest."""
    ids = list(BuyerProfile.objects.filter(weekly_digest=True).values_list("pk", flat=True))
    for profile_id in ids:
        digest_send_task.delay(profile_id=profile_id)
    return len(ids)


@shared_task(acks_late=True)
def digest_send_task(*, profile_id: int) -> None:
    # Safe to run twice: digest_send skips a buyer whose digest went out this week.
    digest_send(profile_id=profile_id)
