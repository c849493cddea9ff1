"""CSV and XLSX exports of admin changelists: the columns an admin declares, and the files.

An app's ModelAdmin opts in with `core.exports_admin.ExportMixin` and declares its own columns:

    class VendorAdmin(ExportMixin, admin.ModelAdmin):
        export_spec = ExportSpec(columns=[Column(_("Business name"), attr("name")), ...])

Small exports are written while the request waits (`core.exports_admin`); a large one is a
`ReportExport` that a worker builds here (`report_export_build`) and mails as a signed link.
"""

import csv
import hashlib
import io
import json
import logging
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass
from datetime import timedelta

from django.apps import apps
from django.contrib import admin
from django.core import signing
from django.core.files.base import ContentFile
from django.db import transaction
from django.db.models import F, Model, QuerySet
from django.urls import reverse
from django.utils import timezone, translation
from openpyxl import Workbook

from core.models import ReportExport, site_url
from core.services import outbox_add

logger = logging.getLogger(__name__)

# Unchanged since the exports lived in the reports app, so links already mailed keep working.
EXPORT_SALT = "reports.export"
CHUNK = 1000


@dataclass(frozen=True)
class Column:
    header: str
    value: Callable[[object], object]


@dataclass(frozen=True)
class ExportSpec:
    columns: list[Column]
    select_related: tuple[str, ...] = ()
    annotate: Callable[[QuerySet], QuerySet] = lambda qs: qs


def attr(path: str) -> Callable[[object], object]:
    """The value at a dotted path (`"regency.province.name"`); None when a link is missing."""

    def get(obj):
        for part in path.split("."):
            obj = getattr(obj, part, None) if obj is not None else None
        return obj

    return get


def display(field_name: str) -> Callable[[object], object]:
    """The label of a choice field, in the active language."""
    return lambda obj: getattr(obj, f"get_{field_name}_display")()


def local_time(path: str) -> Callable[[object], object]:
    """A date and time at `path`, in the active time zone, to the minute."""

    def get(obj):
        value = attr(path)(obj)
        return timezone.localtime(value).strftime("%Y-%m-%d %H:%M") if value else None

    return get


def spec_for(model: type[Model]) -> ExportSpec:
    """The columns the model's admin declares; a worker knows only the model, not its admin."""
    spec = getattr(admin.site._registry.get(model), "export_spec", None)
    if spec is None:
        raise LookupError(f"{model._meta.label}: its admin declares no export_spec")
    return spec


def model_from_label(label: str) -> type[Model]:
    return apps.get_model(label)


def _cell(value):
    return "" if value is None else value


def export_rows(spec: ExportSpec, objects: Iterable) -> Iterator[list]:
    for obj in objects:
        yield [_cell(column.value(obj)) for column in spec.columns]


def export_headers(spec: ExportSpec) -> list[str]:
    return [str(column.header) for column in spec.columns]


def objects_in_order(model: type[Model], spec: ExportSpec, ids: list[int]) -> Iterator:
    """The objects of `ids`, in that order, fetched a chunk at a time."""
    for start in range(0, len(ids), CHUNK):
        chunk = ids[start : start + CHUNK]
        queryset = spec.annotate(
            model.objects.filter(pk__in=chunk).select_related(*spec.select_related)
        )
        by_id = {obj.pk: obj for obj in queryset}
        yield from (by_id[pk] for pk in chunk if pk in by_id)


def write_csv(spec: ExportSpec, objects: Iterable, out) -> None:
    writer = csv.writer(out)
    writer.writerow(export_headers(spec))
    writer.writerows(export_rows(spec, objects))


def write_xlsx(spec: ExportSpec, objects: Iterable, out, title: str) -> None:
    workbook = Workbook(write_only=True)
    sheet = workbook.create_sheet(title=title[:31])
    sheet.append(export_headers(spec))
    for row in export_rows(spec, objects):
        sheet.append(row)
    workbook.save(out)


def export_filename(model: type[Model], fmt: str) -> str:
    return f"{model._meta.model_name}-{timezone.localdate():%Y%m%d}.{fmt}"


def export_link(export: ReportExport) -> str:
    token = signing.dumps(export.pk, salt=EXPORT_SALT)
    return reverse("report_export_download", args=[token])


def _export_content(export: ReportExport, model: type[Model]) -> bytes:
    """The file's bytes, with headers and labels in the requester's language."""
    spec = spec_for(model)
    objects = objects_in_order(model, spec, export.object_ids)
    with translation.override(export.requested_by.language):
        if export.format == ReportExport.Format.CSV:
            text = io.StringIO()
            write_csv(spec, objects, text)
            return text.getvalue().encode("utf-8")
        buffer = io.BytesIO()
        write_xlsx(spec, objects, buffer, str(model._meta.verbose_name_plural))
        return buffer.getvalue()


def export_digest(*, model: type[Model], fmt: str, object_ids: list[int]) -> str:
    return hashlib.sha256(json.dumps([model._meta.label, fmt, object_ids]).encode()).hexdigest()


@transaction.atomic
def report_export_build(*, export: ReportExport) -> ReportExport:
    """Write the file to private storage and email the requester a signed, expiring link.

    Once: the row stays locked while the file is written, and a second caller (the task
    delivered twice, the sweep) skips a locked or finished export.
    """
    claimed = (
        ReportExport.objects.select_for_update(skip_locked=True)
        .filter(pk=export.pk, status=ReportExport.Status.PENDING)
        .first()
    )
    if claimed is None:  # built, failed, or being built by another worker
        return ReportExport.objects.get(pk=export.pk)
    export = claimed
    model = model_from_label(export.model)
    content = _export_content(export, model)
    name = f"exports/{export.requested_by_id}/{export.pk}-{model._meta.model_name}.{export.format}"
    export.file.save(name, ContentFile(content), save=False)
    export.status = ReportExport.Status.READY
    export.finished_at = timezone.now()
    export.save(update_fields=["file", "status", "finished_at"])
    user = export.requested_by
    outbox_add(
        kind="report_export_ready",
        to=[user.email],
        template="core/email/export_ready",
        context={
            "user": user,
            "export": export,
            "records": model._meta.verbose_name_plural,  # lazy: rendered in the user's language
            "link": site_url(export_link(export)),
        },
        language=user.language,
    )
    return export


def report_export_sweep(
    *, grace: timedelta = timedelta(minutes=1), limit: int = 20, max_attempts: int = 3
) -> int:
    """Build exports left pending: the broker was down at commit, or a worker died mid-task.

    Rows younger than `grace` are left to the task enqueued at commit; one the sweep has picked
    up `max_attempts` times without finishing is marked failed. Returns how many it built.
    """
    stale = ReportExport.objects.filter(
        status=ReportExport.Status.PENDING, created_at__lte=timezone.now() - grace
    )
    stale.filter(attempts__gte=max_attempts).update(
        status=ReportExport.Status.FAILED, finished_at=timezone.now()
    )
    built = 0
    for pk in stale.order_by("created_at").values_list("pk", flat=True)[:limit]:
        # Counted before the work, in its own statement, so a worker that dies still counts.
        ReportExport.objects.filter(pk=pk).update(attempts=F("attempts") + 1)
        try:
            export = report_export_build(export=ReportExport(pk=pk))
        except Exception:  # one broken export must not hold up the others
            logger.exception("Building report export %s failed", pk)
            continue
        built += export.status == ReportExport.Status.READY
    return built
