"""CSV and XLSX exports of admin changelists, filtered exactly as the changelist is.

Wire one line into a ModelAdmin:
`class VendorAdmin(ExportMixin, RegionScopedAdminMixin, admin.ModelAdmin)`.
Columns come from `COLUMNS` below, keyed by the model's label; message bodies are never exported.
"""

import csv
import io
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass

from django.apps import apps
from django.conf import settings
from django.contrib import messages
from django.contrib.admin.options import IncorrectLookupParameters
from django.core import signing
from django.db.models import Avg, Count, QuerySet
from django.http import HttpResponse, StreamingHttpResponse
from django.shortcuts import redirect
from django.urls import path, reverse
from django.utils import timezone
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _
from openpyxl import Workbook

from core.countries import country_name

EXPORT_SALT = "reports.export"
CHUNK = 1000


@dataclass(frozen=True)
class Column:
    header: str
    value: Callable[[object], object]


def _display(field: str) -> Callable[[object], object]:
    return lambda obj: getattr(obj, f"get_{field}_display")()


def _attr(path_: str) -> Callable[[object], object]:
    def get(obj):
        for part in path_.split("."):
            obj = getattr(obj, part, None) if obj is not None else None
        return obj

    return get


def _score(field: str) -> Callable[[object], object]:
    return lambda obj: None if getattr(obj, field) is None else round(getattr(obj, field), 2)


def _time(path_: str) -> Callable[[object], object]:
    def get(obj):
        value = _attr(path_)(obj)
        return timezone.localtime(value).strftime("%Y-%m-%d %H:%M") if value else None

    return get


@dataclass(frozen=True)
class ExportSpec:
    columns: list[Column]
    select_related: tuple[str, ...] = ()
    annotate: Callable[[QuerySet], QuerySet] = lambda qs: qs


def _booth_scores(qs: QuerySet) -> QuerySet:
    return qs.annotate(
        score_count=Count("scores"),
        score_originality=Avg("scores__originality"),
        score_quality=Avg("scores__quality_capacity"),
        score_packaging=Avg("scores__packaging"),
        score_legality=Avg("scores__legality"),
    )


def _booth_average(obj) -> object:
    parts = [obj.score_originality, obj.score_quality, obj.score_packaging, obj.score_legality]
    return None if obj.score_count == 0 else round(sum(parts) / 4, 2)


COLUMNS: dict[str, ExportSpec] = {
    "vendors.Vendor": ExportSpec(
        [
            Column(_("Business name"), _attr("name")),
            Column(_("Legal form"), _display("legal_form")),
            Column(_("NIB"), _attr("nib")),
            Column(_("Province"), _attr("regency.province.name")),
            Column(_("Regency or city"), _attr("regency.name")),
            Column(_("Status"), _display("status")),
            Column(_("Cluster units"), _attr("cluster_members")),
            Column(_("Employees"), _attr("employees")),
            Column(_("Year founded"), _attr("year_founded")),
            Column(
                _("Exported to"), lambda v: ", ".join(country_name(c) for c in v.export_countries)
            ),
            Column(_("WhatsApp"), _attr("whatsapp")),
        ],
        select_related=("regency__province",),
    ),
    "expo.Booth": ExportSpec(
        [
            Column(_("Expo"), _attr("expo.name")),
            Column(_("Business name"), _attr("vendor.name")),
            Column(_("Regency or city"), _attr("vendor.regency.name")),
            Column(_("Hall"), _attr("hall.name")),
            Column(_("Booth number"), _attr("number")),
            Column(_("Status"), _display("status")),
            Column(_("Scores"), _attr("score_count")),
            Column(_("Originality"), _score("score_originality")),
            Column(_("Quality and capacity"), _score("score_quality")),
            Column(_("Packaging"), _score("score_packaging")),
            Column(_("Legality"), _score("score_legality")),
            Column(_("Average score"), _booth_average),
        ],
        select_related=("expo", "vendor__regency", "hall"),
        annotate=_booth_scores,
    ),
    # No message bodies: an export leaves the platform, the buyers' words stay on it.
    "buyers.Inquiry": ExportSpec(
        [
            Column(_("Inquiry number"), _attr("pk")),
            Column(_("Sent"), _time("created_at")),
            Column(_("Buyer"), _attr("buyer.user.name")),
            Column(_("Buyer country"), lambda i: country_name(i.buyer.country)),
            Column(_("Business name"), _attr("vendor.name")),
            Column(_("Product"), _attr("product.name")),
            Column(_("Expo"), _attr("expo.name")),
            Column(_("Quantity"), _attr("quantity")),
            Column(_("Destination country"), lambda i: country_name(i.destination_country)),
            Column(_("Status"), _display("status")),
        ],
        select_related=("buyer__user", "vendor", "product", "expo"),
    ),
    "expo.Meeting": ExportSpec(
        [
            Column(_("Starts (your time zone)"), _time("starts_at")),
            Column(_("Expo"), _attr("slot.expo.name")),
            Column(_("Business name"), _attr("vendor.name")),
            Column(_("Buyer"), _attr("buyer.user.name")),
            Column(_("Buyer country"), lambda m: country_name(m.buyer.country)),
            Column(_("Status"), _display("status")),
        ],
        select_related=("slot__expo", "vendor", "buyer__user"),
    ),
    "trade.Deal": ExportSpec(
        [
            Column(_("Date"), _attr("date")),
            Column(_("Business name"), _attr("vendor.name")),
            Column(_("Regency or city"), _attr("vendor.regency.name")),
            Column(_("Stage"), _display("stage")),
            Column(_("Amount"), _attr("amount")),
            Column(_("Currency"), _attr("currency")),
            Column(_("Value (Rp)"), _attr("amount_idr")),
            Column(_("Destination country"), lambda d: country_name(d.destination_country)),
            Column(_("Buyer"), _attr("buyer_name")),
            Column(_("Expo"), _attr("expo.name")),
        ],
        select_related=("vendor__regency", "expo"),
    ),
}


def spec_for(model) -> ExportSpec:
    return COLUMNS[model._meta.label]


def _cell(value):
    return "" if value is None else value


def export_rows(spec: ExportSpec, objects: Iterable) -> Iterator[list]:
    for obj in objects:
        yield [_cell(column.value(obj)) for column in spec.columns]


def objects_in_order(model, ids: list[int]) -> Iterator:
    """The objects of `ids`, in that order, fetched a chunk at a time."""
    spec = spec_for(model)
    for start in range(0, len(ids), CHUNK):
        chunk = ids[start : start + CHUNK]
        queryset = spec.annotate(
            model.objects.filter(pk__in=chunk).select_related(*spec.select_related)
        )
        by_id = {obj.pk: obj for obj in queryset}
        yield from (by_id[pk] for pk in chunk if pk in by_id)


class _Echo:
    def write(self, value: str) -> str:
        return value


def write_csv(spec: ExportSpec, objects: Iterable, out) -> None:
    writer = csv.writer(out)
    writer.writerow([str(column.header) for column in spec.columns])
    writer.writerows(export_rows(spec, objects))


def write_xlsx(spec: ExportSpec, objects: Iterable, out, title: str) -> None:
    workbook = Workbook(write_only=True)
    sheet = workbook.create_sheet(title=title[:31])
    sheet.append([str(column.header) for column in spec.columns])
    for row in export_rows(spec, objects):
        sheet.append(row)
    workbook.save(out)


def export_filename(model, fmt: str) -> str:
    return f"{model._meta.model_name}-{timezone.localdate():%Y%m%d}.{fmt}"


def export_link(export) -> str:
    token = signing.dumps(export.pk, salt=EXPORT_SALT)
    return reverse("reports:export_download", args=[token])


class ExportMixin:
    """Adds "Export CSV" and "Export XLSX" to a changelist; the file holds what the changelist
    shows with its filters and search, for the staff member's scope (coordinators too)."""

    change_list_template = "reports/admin/change_list_export.html"

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
        from reports.services import report_export_request

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
        spec = spec_for(self.model)
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


def _stream_csv(spec: ExportSpec, objects: Iterable) -> Iterator[str]:
    writer = csv.writer(_Echo())
    yield writer.writerow([str(column.header) for column in spec.columns])
    for row in export_rows(spec, objects):
        yield writer.writerow(row)


def model_from_label(label: str):
    return apps.get_model(label)
