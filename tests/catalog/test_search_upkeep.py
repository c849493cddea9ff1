"""Search upkeep run by beat: the search log is pruned daily, and the typo fallback's word list
is rebuilt before it expires so that no visitor's empty search pays for it."""

import pytest
from django.conf import settings
from django.core.cache import cache
from django.utils import timezone

from catalog.models import SearchLog
from catalog.services import product_search_refresh
from catalog.tasks import index_words_warm_task, search_log_prune_task
from catalog.vocabulary import INDEX_WORDS_KEY, INDEX_WORDS_SECONDS
from tests.catalog.factories import category
from tests.factories import ProductFactory

pytestmark = pytest.mark.django_db


def logged(query: str, *, days_ago: float) -> SearchLog:
    return SearchLog.objects.create(
        query=query,
        language="id",
        results=0,
        searched_at=timezone.now() - timezone.timedelta(days=days_ago),
    )


def test_the_daily_task_deletes_searches_older_than_the_setting(settings):
    settings.SEARCH_LOG_KEEP_DAYS = 90
    logged("batik lama", days_ago=91)
    logged("batik tahun lalu", days_ago=400)
    logged("batik baru", days_ago=89)
    logged("batik hari ini", days_ago=0)

    assert search_log_prune_task.apply().get() == 2

    assert sorted(SearchLog.objects.values_list("query", flat=True)) == [
        "batik baru",
        "batik hari ini",
    ]
    assert search_log_prune_task.apply().get() == 0  # a second run changes nothing


def test_a_shorter_setting_keeps_fewer_days(settings):
    settings.SEARCH_LOG_KEEP_DAYS = 7
    logged("kopi", days_ago=8)
    logged("kopi gayo", days_ago=6)

    search_log_prune_task.apply()

    assert list(SearchLog.objects.values_list("query", flat=True)) == ["kopi gayo"]


def test_the_word_list_is_filled_by_the_task_with_the_products_words(regions):
    item = ProductFactory(
        name_id="Anyaman mendong Tasik", name_en="", category=category("anyaman-bambu")
    )
    product_search_refresh(product_ids=[item.pk])
    cache.delete(INDEX_WORDS_KEY)

    index_words_warm_task.apply()

    words = cache.get(INDEX_WORDS_KEY)
    assert words is not None
    assert {"anyaman", "mendong", "tasik"} <= set(words)
    assert "bambu" in words  # the category's words too


def test_the_task_replaces_a_stale_list_before_it_expires(regions):
    cache.set(INDEX_WORDS_KEY, frozenset({"kata", "lama"}), INDEX_WORDS_SECONDS)
    item = ProductFactory(name_id="Kerupuk rambak", name_en="", category=category("camilan"))
    product_search_refresh(product_ids=[item.pk])

    index_words_warm_task.apply()

    words = cache.get(INDEX_WORDS_KEY)
    assert "rambak" in words
    assert "lama" not in words


def test_beat_runs_both_tasks_and_warms_before_the_list_expires():
    from config.celery import app

    app.loader.import_default_modules()
    prune = settings.CELERY_BEAT_SCHEDULE["search-log-prune"]
    warm = settings.CELERY_BEAT_SCHEDULE["search-index-words"]
    assert prune["task"] in app.tasks
    assert warm["task"] in app.tasks
    assert len(prune["schedule"].hour) == 1  # daily
    hours = sorted(warm["schedule"].hour)
    gaps = [b - a for a, b in zip(hours, [*hours[1:], hours[0] + 24], strict=True)]
    assert max(gaps) * 3600 < INDEX_WORDS_SECONDS
