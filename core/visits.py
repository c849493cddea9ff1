"""Page-view statistics: one INSERT per view on the request path, recounted into daily rows later.

Each app keeps the daily table of what it shows (booths in expo, products in catalog) and registers
a writer for its kind in its `AppConfig.ready`; `visit_stats_aggregate` (a periodic task) hands
every writer the recent days' counts, then prunes the raw views.
"""

import datetime as dt
import hashlib
from collections import defaultdict
from collections.abc import Callable

from django.conf import settings
from django.db import connection, transaction
from django.db.models import Count
from django.db.models.functions import TruncDate
from django.utils import timezone

from core.models import VisitEvent

VISIT_RETENTION_DAYS = 3

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


def visit_record(*, kind: str, object_id: int, request) -> None:
    """Append one view (a plain INSERT, no lock on a counter row)."""
    with transaction.atomic():
        # A page served from the cache costs this INSERT only; don't wait for the disk too. A
        # crash may lose the last moment's views, never anything else.
        with connection.cursor() as cursor:
            cursor.execute("SET LOCAL synchronous_commit TO OFF")
        VisitEvent.objects.create(kind=kind, object_id=object_id, visitor=visitor_key(request))
    # A page being stored for everyone (core.cache) replays its views on every cache hit.
    replay = getattr(request, "cached_page_visits", None)
    if replay is not None:
        replay.append({"kind": str(kind), "object_id": object_id})


@transaction.atomic
def visit_stats_aggregate(*, now: dt.datetime | None = None) -> int:
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
