"""Without a broker (`make run`) the periodic tasks still run: visits reach the statistics."""

import time

import pytest
from django.test import RequestFactory

from core.beat import beat_start
from expo.models import BoothVisitDay
from expo.services import booth_visit_record
from tests.factories import BoothFactory


@pytest.mark.django_db(transaction=True)
def test_visits_reach_the_daily_statistics_without_a_worker(regions):
    booth = BoothFactory()
    request = RequestFactory().get("/")
    request.user = booth.vendor.members.get().user
    booth_visit_record(booth=booth, request=request)
    stop = beat_start(
        entries={"visit-stats": {"task": "core.tasks.visit_stats_aggregate_task", "schedule": 0.5}}
    )
    try:
        for _ in range(50):
            if BoothVisitDay.objects.filter(booth=booth).exists():
                break
            time.sleep(0.2)
    finally:
        stop.set()
    assert BoothVisitDay.objects.get(booth=booth).visits == 1
