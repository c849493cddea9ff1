"""Page-view statistics: each view is buffered in Redis on the request path (one RPUSH, no SQL),
moved into `VisitEvent` rows and recounted into daily rows by the periodic task.

Each app keeps the daily table of what it shows (booths in expo, products in catalog) and registers
a writer for its kind in its `AppConfig.ready`; `visit_stats_aggregate` (a periodic task, every
60 s) first moves the buffered views into the database (`visits_flush`), then hands every writer
the recent days' counts and prunes the raw views.

The buffer (core.buffer) is a Redis list in the cache's Redis (key `visits:buffer`), so a cached
booth or product page costs no SQL at all. Without a Redis cache (the demo's file cache), while
Redis is down, a view is written to the database at once instead: nothing is lost because Redis is
unavailable.
"""

import datetime as dt
import hashlib
import json
import logging
from collections import defaultdict
from collections.abc import Callable

from django.conf import settings
from django.db import DataError, IntegrityError, connection, transaction
from django.db.models import Count
from django.db.models.functions import TruncDate
from django.utils import timezone

from core.buffer import FLUSH_BATCH, RedisBuffer
from core.buffer import pending_clear as pending_clear  # the tests, between tests
from core.models import VisitEvent

logger = logging.getLogger(__name__)

VISIT_RETENTION_DAYS = 3
BUFFER_KEY = "visits:buffer"

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


def _item(kind: str, object_id: int, visitor: str) -> str:
    return json.dumps([kind, object_id, visitor, timezone.now().timestamp()])


def _event(item: str | bytes) -> VisitEvent | None:
    try:
        kind, object_id, visitor, at = json.loads(item)
        at = dt.datetime.fromtimestamp(at, tz=dt.UTC)
    except (ValueError, TypeError):
        logger.warning("Dropped a malformed buffered view: %r", item)
        return None
    return VisitEvent(kind=kind, object_id=object_id, visitor=visitor, at=at)


def _events_write(items: list[str]) -> tuple[int, list[str]]:
    """Insert the views; a row the database refuses (bad data, not an outage) is dropped alone."""
    events = [e for e in map(_event, items) if e is not None]
    if not events:
        return 0, []
    try:
        with transaction.atomic():
            # Don't wait for the disk: a crash may lose the last moment's views, nothing else.
            with connection.cursor() as cursor:
                cursor.execute("SET LOCAL synchronous_commit TO OFF")
            VisitEvent.objects.bulk_create(events)
        return len(events), []
    except (IntegrityError, DataError, ValueError):
        written = 0
        for event in events:
            try:
                with transaction.atomic():
                    event.save()
                written += 1
            except (IntegrityError, DataError, ValueError):
                logger.warning("Dropped a buffered view the database refused: %s", event)
        return written, []


_views = RedisBuffer(BUFFER_KEY, _events_write)


# Apps above core hear of each view of their kind: listener(object_id=…, request=…).
_listeners: dict[str, list[Callable]] = defaultdict(list)


def visit_listen(kind: str, listener: Callable) -> None:
    """Call `listener` on every view of `kind`, from a rendered page or a stored one (e.g.
    buyers keeps a signed-in person's recently viewed products)."""
    if listener not in _listeners[str(kind)]:
        _listeners[str(kind)].append(listener)


def visit_record(*, kind: str, object_id: int, request) -> None:
    """Count one view: kept in memory and pushed onto the Redis buffer (no SQL), or written to
    the database at once while there is no Redis.

    While a page is rendered to be stored for everyone (core.cache), the view is only noted on
    the page: the cache records it for the visitor who asked, and again on every later hit."""
    kind = str(kind)
    replay = getattr(request, "cached_page_visits", None)
    if replay is not None:
        replay.append({"kind": kind, "object_id": object_id})
        return
    for listener in _listeners[kind]:
        listener(object_id=object_id, request=request)
    _views.add(_item(kind, object_id, visitor_key(request)))


def visits_flush(*, batch: int = FLUSH_BATCH) -> int:
    """Move the buffered views into `VisitEvent` rows; returns how many. Views taken off the
    list go back onto it if the database is unavailable."""
    return _views.flush(batch=batch)


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
