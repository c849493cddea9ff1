"""Staff reports inside the admin site (`/admin/reports/…`): dashboard, ledger, market finder,
the staff member's exports. Every view goes through `admin.site.admin_view` (staff only)."""

import csv

from django.contrib import admin
from django.http import Http404, HttpResponse
from django.shortcuts import get_object_or_404, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_safe

from core.countries import country_name
from core.exports import export_link
from core.models import Province, Regency, ReportExport
from expo.models import Expo
from reports import selectors
from reports.forms import LedgerFilterForm, MarketFilterForm
from vendors.admin_scoping import coordinator_regency_ids

LEDGER_CHART_BARS = 12


def report_scope(request) -> selectors.Scope:
    """The regencies the reader's reports cover: all (None) for curators, their own for regional
    coordinators. Other staff members have no reports (404)."""
    if not request.user.has_perm("trade.view_deal"):
        raise Http404
    return coordinator_regency_ids(request.user)


def _context(request, title: str, scope: selectors.Scope = None, **extra) -> dict:
    regencies = Regency.objects.filter(pk__in=scope).order_by("name") if scope is not None else None
    return {
        **admin.site.each_context(request),
        "title": title,
        "scope_regencies": regencies,
        **extra,
    }


@require_safe
def expo_list(request):
    scope = report_scope(request)
    expos = selectors.expos_latest_first()
    return render(
        request,
        "reports/expo_list.html",
        _context(request, _("Expo results"), scope, expos=expos),
    )


@require_safe
def expo_dashboard(request, pk: int):
    scope = report_scope(request)
    expo = get_object_or_404(Expo, pk=pk)
    data = selectors.expo_dashboard(expo=expo, regency_ids=scope)
    return render(
        request,
        "reports/expo_dashboard.html",
        _context(request, expo.name, scope, expo=expo, **data),
    )


@require_safe
def ledger(request):
    scope = report_scope(request)
    form = LedgerFilterForm(request.GET or None)
    filters = form.cleaned_data if form.is_valid() else {}
    province = filters.get("province")
    rows = selectors.export_ledger(
        province_id=province.pk if province else None, year=filters.get("year"), regency_ids=scope
    )
    if request.GET.get("format") == "csv" and form.is_valid():
        return _ledger_csv(rows)
    chart_rows = [
        selectors.Row(label=f"{row.regency} {row.year}", value=row.official_value or 0)
        for row in rows
        if row.official_value is not None
    ][:LEDGER_CHART_BARS]
    return render(
        request,
        "reports/ledger.html",
        _context(
            request,
            _("Export ledger"),
            scope,
            form=form,
            rows=rows,
            chart_rows=chart_rows,
            provinces=Province.objects.all(),
        ),
    )


def _ledger_csv(rows) -> HttpResponse:
    response = HttpResponse(content_type="text/csv; charset=utf-8")
    response["Content-Disposition"] = 'attachment; filename="export-ledger.csv"'
    writer = csv.writer(response)
    writer.writerow(
        [
            _("Province"), _("Regency or city"), _("Year"), _("Official export value (Rp)"),
            _("Exporting units"), _("Change on the year before"), _("Shipped deals (Rp)"),
            _("Shipped deals"), _("Vendors with shipped deals"),
        ]
    )  # fmt: skip
    for row in rows:
        writer.writerow(
            [
                row.province, row.regency, row.year, row.official_value, row.official_units,
                None if row.official_change is None else round(row.official_change * 100, 1),
                row.realised_value, row.realised_deals, row.realised_vendors,
            ]
        )  # fmt: skip
    return response


@require_safe
def market(request):
    scope = report_scope(request)
    form = MarketFilterForm(request.GET or None)
    filters = form.cleaned_data if form.is_valid() else {}
    matrix = selectors.market_demand(country=filters.get("country") or "", regency_ids=scope)
    context = {
        "form": form,
        "matrix": matrix,
        "country_rows": selectors.market_country_totals(matrix),
    }
    category, country = filters.get("category"), filters.get("country")
    if category and country:
        context.update(
            drill_category=category,
            drill_country=country_name(country),
            vendors=selectors.market_vendors(category=category, country=country, regency_ids=scope),
        )
    return render(
        request, "reports/market.html", _context(request, _("Market finder"), scope, **context)
    )


@require_safe
def export_list(request):
    exports = selectors.report_exports_of(user=request.user)
    for export in exports:
        export.link = export_link(export) if export.status == ReportExport.Status.READY else ""
    return render(
        request, "reports/export_list.html", _context(request, _("My exports"), exports=exports)
    )
