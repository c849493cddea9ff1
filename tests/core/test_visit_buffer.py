"""Views of cached pages are buffered in the real Redis (no SQL on a cache hit), reach the daily
statistics at the next flush of the periodic task, and are written directly while Redis is down."""

import time

import pytest
from django.core.cache import caches

from catalog.models import ProductViewDay
from core import cache_backends
from core.cache import local_copies_clear
from core.models import VisitEvent
from core.tasks import visit_stats_aggregate_task
from core.visits import visits_flush
from expo.models import BoothVisitDay
from tests.factories import BoothFactory, ProductFactory
from tests.workers import redis_test_cache_url

pytestmark = pytest.mark.django_db

REDIS_CACHE = {
    "BACKEND": "core.cache_backends.FailOpenRedisCache",
    "LOCATION": "",  # set per test: the tests' own Redis database
    "KEY_PREFIX": "visit-buffer-tests",
    "OPTIONS": {"socket_connect_timeout": 0.25, "socket_timeout": 1.0, "RETRY_SECONDS": 30},
}


@pytest.fixture
def redis_cache(settings, monkeypatch):
    monkeypatch.setattr(cache_backends, "_outages", {})  # no outage known from another test
    settings.CACHES = {"default": {**REDIS_CACHE, "LOCATION": redis_test_cache_url()}}
    caches["default"].clear()
    local_copies_clear()
    return caches["default"]


@pytest.fixture
def dead_redis(settings, monkeypatch):
    monkeypatch.setattr(cache_backends, "_outages", {})
    settings.CACHES = {"default": {**REDIS_CACHE, "LOCATION": "redis://127.0.0.1:1/1"}}
    local_copies_clear()


@pytest.fixture
def booth():
    booth = BoothFactory()
    booth.featured_products.set([ProductFactory(vendor=booth.vendor, name_en="Ikat sarong")])
    return booth


def _urls(booth) -> dict[str, str]:
    product = booth.featured_products.get()
    return {"booth": booth.get_absolute_url(), "product": product.get_absolute_url()}


@pytest.mark.parametrize("name", ["booth", "product"])
def test_a_cached_booth_or_product_page_runs_no_sql(
    client, booth, redis_cache, django_assert_num_queries, name
):
    url = _urls(booth)[name]
    first = client.get(url)
    assert "public" in first["Cache-Control"]
    for _ in range(3):
        with django_assert_num_queries(0):
            assert client.get(url).content == first.content
    assert not VisitEvent.objects.exists()  # waiting in Redis
    assert visits_flush() == 4
    assert VisitEvent.objects.filter(kind=name).count() == 4
    assert visits_flush() == 0  # taken off the buffer once


def test_buffered_views_reach_the_daily_statistics_at_the_next_run(client, booth, redis_cache):
    urls = _urls(booth)
    for _ in range(3):
        client.get(urls["booth"])
    client.get(urls["product"])
    assert not BoothVisitDay.objects.exists()
    visit_stats_aggregate_task.apply()  # what celery beat runs every 60 s
    day = BoothVisitDay.objects.get(booth=booth)
    assert (day.visits, day.unique_visitors) == (3, 1)
    assert ProductViewDay.objects.get().views == 1
    visit_stats_aggregate_task.apply()  # nothing counted twice
    assert BoothVisitDay.objects.get(booth=booth).visits == 3


def test_views_are_written_directly_while_redis_is_down(client, booth, dead_redis):
    url = _urls(booth)["booth"]
    for _ in range(2):
        assert client.get(url).status_code == 200
    assert VisitEvent.objects.filter(kind="booth", object_id=booth.pk).count() == 2
    assert visits_flush() == 0
    visit_stats_aggregate_task.apply()
    assert BoothVisitDay.objects.get(booth=booth).visits == 2


def test_a_buffered_view_the_database_refuses_is_dropped_alone(booth, redis_cache, rf):
    from expo.services import booth_visit_record

    request = rf.get("/")
    request.user = booth.vendor.members.get().user
    client = redis_cache._cache.get_client(write=True)
    key = redis_cache.make_and_validate_key("visits:buffer")
    client.rpush(key, '["booth", -1, "x", 0]', "not json")  # refused by PostgreSQL; unreadable
    booth_visit_record(booth=booth, request=request)
    assert visits_flush() == 1
    assert list(VisitEvent.objects.values_list("object_id", flat=True)) == [booth.pk]
    assert client.llen(key) == 0


def test_a_process_pushes_its_views_without_a_further_request(client, booth, redis_cache, settings):
    settings.VISITS_PUSH_SECONDS = 0.2  # production: 1 s; the tests push each view at once
    client.get(_urls(booth)["product"])
    client.get(_urls(booth)["product"])  # from the cache
    key = redis_cache.make_and_validate_key("visits:buffer")
    redis = redis_cache._cache.get_client(write=True)
    for _ in range(50):  # the pusher thread, within a few intervals
        if redis.llen(key) == 2:
            break
        time.sleep(0.1)
    assert redis.llen(key) == 2
    assert not VisitEvent.objects.exists()
    assert visits_flush() == 2
