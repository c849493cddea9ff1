"""The admin's front page is the curators' work queue.

Each app adds its part in its `admin.py` (`admin_queue_register`): businesses waiting for
verification (vendors), booth applications to score (expo), hidden products and failed product
photos (catalog), undelivered emails (core). A part reads through its ModelAdmin's own queryset,
so a regional coordinator sees only their regencies' rows and nobody sees a part whose records
they may not view. Parts with the same `key` make one section (failed images come from products,
logos and banners). Each part runs two queries (a count and its oldest rows), however long the
queue.
"""

from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import datetime

from django.contrib.admin import AdminSite
from django.db.models import Model, Q
from django.http import HttpRequest
from django.urls import reverse

ROWS = 8  # rows shown per section; the section's links lead to the whole filtered list


@dataclass(frozen=True)
class QueueRow:
    label: str
    url: str
    since: datetime | None = None
    detail: str = ""


@dataclass(frozen=True)
class QueuePart:
    key: str
    title: str
    empty: str
    count: int
    rows: list[QueueRow]
    list_url: str
    list_label: str
    order: int = 50


@dataclass
class QueueSection:
    key: str
    title: str
    empty: str
    order: int
    count: int = 0
    rows: list[QueueRow] = field(default_factory=list)
    links: list[tuple[str, str]] = field(default_factory=list)  # (url, label) of full lists


Provider = Callable[[HttpRequest, AdminSite], list[QueuePart]]
_providers: list[Provider] = []


def admin_queue_register(provider: Provider) -> None:
    if provider not in _providers:
        _providers.append(provider)


def admin_queue(request: HttpRequest, site: AdminSite) -> list[QueueSection]:
    """The sections of the work queue the person may see, in their fixed order."""
    sections: dict[str, QueueSection] = {}
    for provider in _providers:
        for part in provider(request, site):
            section = sections.setdefault(
                part.key, QueueSection(part.key, part.title, part.empty, part.order)
            )
            section.count += part.count
            section.rows.extend(part.rows)
            if part.list_url:
                section.links.append((part.list_url, part.list_label))
    for section in sections.values():
        section.rows.sort(key=lambda row: (row.since is None, row.since or datetime.min))
        del section.rows[ROWS:]
    return sorted(sections.values(), key=lambda section: section.order)


def change_url(obj: Model) -> str:
    meta = obj._meta
    return reverse(f"admin:{meta.app_label}_{meta.model_name}_change", args=[obj.pk])


def changelist_url(model: type[Model], query: str = "") -> str:
    meta = model._meta
    url = reverse(f"admin:{meta.app_label}_{meta.model_name}_changelist")
    return f"{url}?{query}" if query else url


def _row(obj: Model, label: str, detail: str, since: datetime | None) -> QueueRow:
    return QueueRow(label=label, url=change_url(obj), since=since, detail=detail)


def queue_part(
    request: HttpRequest,
    site: AdminSite,
    model: type[Model],
    *,
    key: str,
    title: str,
    empty: str,
    condition: Q,
    oldest_first: str,
    row: Callable[[Model], tuple[str, str, datetime | None]],
    list_query: str | None,
    list_label: str,
    order: int,
    select_related: tuple[str, ...] = (),
    exclude: Q | None = None,
) -> list[QueuePart]:
    """A part read through the model's admin: nothing when the person may not view the model.
    `row(obj)` gives the row's label, detail and the time it has waited since; the row links to
    the object's change page. The rows come in the order of `oldest_first`; `list_query` filters
    the changelist the section links to (None: no link)."""
    model_admin = site._registry.get(model)
    if model_admin is None or not model_admin.has_view_or_change_permission(request):
        return []
    rows = model_admin.get_queryset(request).filter(condition)
    if exclude is not None:
        rows = rows.exclude(exclude)
    ids = rows.values("pk").distinct()
    count = ids.count()
    oldest = (
        model._default_manager.filter(pk__in=ids)
        .select_related(*select_related)
        .order_by(oldest_first, "pk")[:ROWS]
    )
    return [
        QueuePart(
            key=key,
            title=title,
            empty=empty,
            count=count,
            rows=[_row(obj, *row(obj)) for obj in oldest],
            list_url="" if list_query is None else changelist_url(model, list_query),
            list_label=list_label,
            order=order,
        )
    ]
