from celery import shared_task

from catalog.selectors import CatalogueFilters, catalogue_facets
from catalog.services import product_certification_kinds_refresh, search_log_flush


@shared_task(acks_late=True)
def certification_kinds_refresh_task() -> int:
    # Beat, hourly: certificates that expired leave the certification filter (idempotent).
    return product_certification_kinds_refresh()


@shared_task(ignore_result=True)
def catalogue_facets_warm_task() -> None:
    # Beat, more often than the counts expire: the unfiltered catalogue (the busiest address)
    # never recomputes its facet counts on a visitor's request (~0.5 s at 100,000 products).
    catalogue_facets(CatalogueFilters(), refresh=True)


@shared_task(ignore_result=True)
def search_log_flush_task() -> int:
    # Beat, every minute: searches and opened results move from the Redis buffer into the log.
    return search_log_flush()
