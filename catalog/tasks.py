from celery import shared_task

from catalog.selectors import CatalogueFilters, catalogue_facets
from catalog.services import (
    product_certification_kinds_refresh,
    search_log_flush,
    search_log_prune,
)
from catalog.vocabulary import index_words


@shared_task(acks_late=True)
def certification_kinds_refresh_task() -> int:
    # Beat, hourly: certificates that expired leave the certification filter (idempotent).
    return product_certification_kinds_refresh()


@shared_task(ignore_result=True)
def catalogue_facets_warm_task() -> None:
    # Beat, more often than the counts expire: the unfiltered catalogue (the busiest address)
    # never recomputes its facet counts on a visitor's request (~0.5 s at 100,000 products).
    catalogue_facets(CatalogueFilters(), refresh=True)


@shared_task(acks_late=True)
def search_log_prune_task() -> int:
    # Beat, daily: searches older than SEARCH_LOG_KEEP_DAYS are deleted (idempotent).
    return search_log_prune()


@shared_task(ignore_result=True)
def index_words_warm_task() -> None:
    # Beat, more often than the list expires (INDEX_WORDS_SECONDS): the typo fallback's word
    # list is rebuilt here, never on a visitor's empty search (~1 s at 100,000 products).
    index_words(refresh=True)


@shared_task(ignore_result=True)
def search_log_flush_task() -> int:
    # Beat, every minute: searches and opened results move from the Redis buffer into the log.
    return search_log_flush()
