"""Page-view statistics: each view is buffered in Redis on the request path (one RPUSH, no SQL),
moved into `VisitEvent` rows and recounted into daily rows by the periodic task.

Each app keeps the daily table of what it shows (booths in expo, products in catalog) and registers
a writer for its kind in its `AppConfig.ready`; `visit_stats_aggregate` (a periodic task, every
60 s) first moves the buffered views into the database (`visits_flush`), then hands every writer
the recent days' counts and prunes the raw views.

The buffer is a Redis list in the cache's Redis (key `visits:buffer`), so a cached booth or product
page costs no SQL at all. Without a Redis cache (the demo's file cache), while Redis is down (the
fail-open cache's switch, or an error on the push), a view is written to the database at once
instead: nothing is lost because Redis is unavailable.
"""

import datetime as dt
import hashlib
import json
import logging
from collections import defaultdict
from collections.abc import Callable

from django.conf import settings
from django.core.cache import caches
from django.core.cache.backends.redis import RedisCache
from django.db import DataError, IntegrityError, connection, transaction
from django.db.models import Count
from django.db.models.functions import TruncDate
from django.utils import timezone

from core.models import VisitEvent

logger = logging.getLogger(__name__)

VISIT_RETENTION_DAYS = 3
BUFFER_KEY = "visits:buffer"
FLUSH_BATCH = 5000

# kind → writer(rows) → number of daily rows written; each row has object_id, day, views, unique.
DailyWriter = Callable[[list[dict]], int]
_daily_writers: dict[str, DailyWriter] = {}


def register_daily_writer(kind: str, writer: DailyWriter) -> None:
    _daily_writers[kind] = writer


def daily_rows_write(rows: list[dict], *, model, object_field: str, views_field: str) -> int:
    """Write the recounted days of one kind into its app's daily table (idempotent upsert);
    objects deleted since their views were recorded are skipped."""
    related = model._meta.get_field(object_field).related_model
    ids = [row["object_id"] for row in rows]
    existing = set(related.objects.filter(pk__in=ids).values_list("pk", flat=True))
    days = [
        model(**{
            f"{object_field}_id": row["object_id"], "day": row["day"],
            views_field: row["views"], "unique_visitors": row["unique"],
        })
        for row in rows
        if row["object_id"] in existing
    ]  # fmt: skip
    model.objects.bulk_create(
        days, update_conflicts=True, unique_fields=[object_field, "day"],
        update_fields=[views_field, "unique_visitors"],
    )  # fmt: skip
    return len(days)


def visitor_key(request) -> str:
    """A daily salted hash of who is visiting: the same person counts once a day, and no address
    is stored."""
    who = (
        f"u{request.user.pk}"
        if request.user.is_authenticated
        else f"{request.META.get('REMOTE_ADDR', '')}|{request.META.get('HTTP_USER_AGENT', '')}"
    )
    raw = f"{settings.SECRET_KEY}|{timezone.localdate()}|{who}"
    return hashlib.sha256(raw.encode()).hexdigest()[:32]


def _buffer():
    """(redis client, list key) of the cache's Redis, or None when views go straight to SQL."""
    cache = caches["default"]
    if not isinstance(cache, RedisCache):
        return None
    is_down = getattr(cache, "_is_down", None)
    if is_down is not None and is_down():  # the fail-open cache knows Redis is unreachable
        return None
    return cache._cache.get_client(write=True), cache.make_and_validate_key(BUFFER_KEY)


def _redis_failed(error: Exception) -> None:
    failed = getattr(caches["default"], "_failed", None)
    if failed is not None:
        failed(error)  # the other requests of this process skip Redis for a while
    else:
        logger.warning("Visit buffer unreachable (%s); writing views directly.", error)


def _write_direct(kind: str, object_id: int, visitor: str) -> None:
    with transaction.atomic():
        # Don't wait for the disk: a crash may lose the last moment's views, never anything else.
        with connection.cursor() as cursor:
            cursor.execute("SET LOCAL synchronous_commit TO OFF")
        VisitEvent.objects.create(kind=kind, object_id=object_id, visitor=visitor)


def visit_record(*, kind: str, object_id: int, request) -> None:
    """Count one view: pushed onto the Redis buffer (no SQL), or written at once without it."""
    kind, visitor = str(kind), visitor_key(request)
    buffer = _buffer()
    if buffer is None:
        _write_direct(kind, object_id, visitor)
    else:
        client, key = buffer
        item = json.dumps([kind, object_id, visitor, timezone.now().timestamp()])
        try:
            client.rpush(key, item)
        except Exception as error:  # any Redis failure: the view still counts
            _redis_failed(error)
            _write_direct(kind, object_id, visitor)
    # A page being stored for everyone (core.cache) replays its views on every cache hit.
    replay = getattr(request, "cached_page_visits", None)
    if replay is not None:
        replay.append({"kind": kind, "object_id": object_id})


def visits_flush(*, batch: int = FLUSH_BATCH) -> int:
    """Move the buffered views into `VisitEvent` rows; returns how many. Views taken off the
    list go back onto it if the database refuses them."""
    buffer = _buffer()
    if buffer is None:
        return 0
    client, key = buffer
    moved = 0
    while True:
        try:
            with client.pipeline(transaction=True) as pipe:  # take and trim atomically
                pipe.lrange(key, 0, batch - 1)
                pipe.ltrim(key, batch, -1)
                items, _ = pipe.execute()
        except Exception as error:  # Redis down: the views wait there for the next run
            _redis_failed(error)
            return moved
        if not items:
            return moved
        events = []
        for item in items:
            try:
                kind, object_id, visitor, at = json.loads(item)
                at = dt.datetime.fromtimestamp(at, tz=dt.UTC)
            except (ValueError, TypeError):
                logger.warning("Dropped a malformed buffered view: %r", item)
                continue
            events.append(VisitEvent(kind=kind, object_id=object_id, visitor=visitor, at=at))
        try:
            moved += _events_write(events)
        except Exception:  # the database is unavailable: the views wait for the next run
            client.rpush(key, *items)
            raise
        if len(items) < batch:
            return moved


def _events_write(events: list[VisitEvent]) -> int:
    """Insert the views; a row the database refuses (bad data, not an outage) is dropped alone."""
    try:
        with transaction.atomic():
            VisitEvent.objects.bulk_create(events)
        return len(events)
    except (IntegrityError, DataError, ValueError):
        written = 0
        for event in events:
            try:
                with transaction.atomic():
                    event.save()
                written += 1
            except (IntegrityError, DataError, ValueError):
                logger.warning("Dropped a buffered view the database refused: %s", event)
        return written


def visit_stats_aggregate(*, now: dt.datetime | None = None) -> int:
    """Move the buffered views into the database, then recount the daily rows (below)."""
    visits_flush()
    return _visit_stats_recount(now=now)


@transaction.atomic
def _visit_stats_recount(*, now: dt.datetime | None = None) -> int:
    """Recount the daily rows of the recent days from the raw views, then prune old views.

    Recounting (not adding) keeps it idempotent and unique visitors exact per day.
    """
    now = now or timezone.now()
    since = timezone.localdate(now) - dt.timedelta(days=VISIT_RETENTION_DAYS - 1)
    rows = (
        VisitEvent.objects.filter(at__date__gte=since)
        .annotate(day=TruncDate("at"))
        .values("kind", "object_id", "day")
        .annotate(views=Count("pk"), unique=Count("visitor", distinct=True))
    )
    by_kind = defaultdict(list)
    for row in rows:
        by_kind[row["kind"]].append(row)
    written = sum(writer(by_kind[kind]) for kind, writer in _daily_writers.items())
    VisitEvent.objects.filter(at__date__lt=since).delete()
    return written
