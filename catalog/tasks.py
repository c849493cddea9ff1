from celery import shared_task

from catalog.services import product_certification_kinds_refresh


@shared_task(acks_late=True)
def certification_kinds_refresh_task() -> int:
    # Beat, hourly: certificates that expired leave the certification filter (idempotent).
    return product_certification_kinds_refresh()
