""" "Export CSV" and "Export XLSX" on an admin changelist, filtered exactly as the changelist is.

Wire it into a ModelAdmin that declares its columns (see `core.exports`):
`class VendorAdmin(ExportMixin, RegionScopedAdminMixin, admin.ModelAdmin)`.
"""

import csv
import io
from collections.abc import Iterable, Iterator

from django.conf import settings
from django.contrib import messages
from django.contrib.admin.options import IncorrectLookupParameters
from django.db import transaction
from django.db.models import Model
from django.http import HttpResponse, StreamingHttpResponse
from django.shortcuts import redirect
from django.urls import path, reverse
from django.utils.translation import gettext

from core.exports import (
    CHUNK,
    ExportSpec,
    export_digest,
    export_filename,
    export_headers,
    export_rows,
    write_xlsx,
)
from core.exports_tasks import report_export_build_task
from core.models import ReportExport
from core.queue import task_enqueue


@transaction.atomic
def report_export_request(
    *, user, model: type[Model], fmt: str, object_ids: list[int]
) -> ReportExport:
    """Record a large export and build it on a worker after commit.

    The same request again (a second click, another tab) while it is being prepared returns
    that export and enqueues nothing: a unique constraint on the pending request decides, so
    concurrent requests agree too.
    """
    export, created = ReportExport.objects.get_or_create(
        requested_by=user,
        digest=export_digest(model=model, fmt=fmt, object_ids=object_ids),
        status=ReportExport.Status.PENDING,
        defaults={
            "model": model._meta.label,
            "format": fmt,
            "object_ids": object_ids,
            "row_count": len(object_ids),
        },
    )
    if created:
        # Broker down: the export stays pending for the sweep; the admin's request still succeeds.
        transaction.on_commit(lambda: task_enqueue(report_export_build_task, export_id=export.pk))
    return export


class _Echo:
    def write(self, value: str) -> str:
        return value


def _stream_csv(spec: ExportSpec, objects: Iterable) -> Iterator[str]:
    writer = csv.writer(_Echo())
    yield writer.writerow(export_headers(spec))
    for row in export_rows(spec, objects):
        yield writer.writerow(row)


class ExportMixin:
    """Adds "Export CSV" and "Export XLSX" to a changelist; the file holds what the changelist
    shows with its filters and search, for the staff member's scope (coordinators too).

    The admin declares `export_spec = ExportSpec(columns=[...])`; message bodies and other
    words that should stay on the platform are simply not among its columns.
    """

    change_list_template = "core/admin/change_list_export.html"
    export_spec: ExportSpec

    def get_urls(self):
        info = self.model._meta.app_label, self.model._meta.model_name
        return [
            path(
                "export/<str:fmt>/",
                self.admin_site.admin_view(self.export_view),
                name="{}_{}_export".format(*info),
            ),
            *super().get_urls(),
        ]

    def export_view(self, request, fmt: str):
        if request.method not in ("GET", "HEAD") or fmt not in ("csv", "xlsx"):
            return HttpResponse(status=405 if fmt in ("csv", "xlsx") else 404)
        if not self.has_view_or_change_permission(request):
            return HttpResponse(status=403)
        changelist_url = reverse(
            f"admin:{self.model._meta.app_label}_{self.model._meta.model_name}_changelist",
            current_app=self.admin_site.name,
        )
        try:
            changelist = self.get_changelist_instance(request)
        except IncorrectLookupParameters:
            messages.error(request, gettext("These filters are not valid; nothing was exported."))
            return redirect(changelist_url)
        queryset = changelist.get_queryset(request)
        spec = self.export_spec
        count = queryset.count()
        if count > settings.REPORTS_EXPORT_SYNC_MAX_ROWS:
            report_export_request(
                user=request.user,
                model=self.model,
                fmt=fmt,
                object_ids=list(queryset.values_list("pk", flat=True)),
            )
            messages.success(
                request,
                gettext(
                    "%(count)s rows are being exported in the background. We will email you "
                    "a link, and it will be listed under My exports."
                )
                % {"count": count},
            )
            return redirect(f"{changelist_url}?{request.GET.urlencode()}")
        objects = spec.annotate(queryset.select_related(*spec.select_related))
        filename = export_filename(self.model, fmt)
        if fmt == "csv":
            response = StreamingHttpResponse(
                _stream_csv(spec, objects.iterator(chunk_size=CHUNK)),
                content_type="text/csv; charset=utf-8",
            )
        else:
            buffer = io.BytesIO()
            write_xlsx(
                spec,
                objects.iterator(chunk_size=CHUNK),
                buffer,
                str(self.model._meta.verbose_name_plural),
            )
            response = HttpResponse(
                buffer.getvalue(),
                content_type="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
            )
        response["Content-Disposition"] = f'attachment; filename="{filename}"'
        return response
