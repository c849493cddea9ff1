"""The vendor's deals under /<lang>/dashboard/deals/ (only its own)."""

import csv

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods, require_safe

from buyers.models import Inquiry
from expo.models import Meeting
from trade import selectors, services
from trade.forms import DealForm
from trade.models import Deal
from vendors.access import vendor_area


@require_safe
@vendor_area
def deals(request: HttpRequest) -> HttpResponse:
    vendor = request.vendor
    return render(
        request,
        "trade/dashboard/deals.html",
        {
            "dashboard_section": "deals",
            "deals": selectors.vendor_deals(vendor),
            "total_idr": selectors.vendor_deals_total_idr(vendor),
            "exported_idr": selectors.vendor_deals_total_idr(vendor, stage=Deal.Stage.SHIPPED),
        },
    )


def _deal_initial(request: HttpRequest) -> dict:
    """Pre-fill from the vendor's own won inquiry or meeting (another vendor's → 404)."""
    initial = {}
    if inquiry_id := request.GET.get("inquiry"):
        if not inquiry_id.isdigit():
            raise Http404
        inquiry = get_object_or_404(
            Inquiry.objects.select_related("buyer__user"),
            pk=inquiry_id,
            vendor=request.vendor,
            status=Inquiry.Status.WON,
        )
        initial.update(
            inquiry=inquiry,
            destination_country=inquiry.destination_country,
            currency=inquiry.target_currency,
            buyer_name=inquiry.buyer.user.name or inquiry.buyer.user.email,
            expo=inquiry.expo_id,
            stage=Deal.Stage.ORDER,
        )
    if meeting_id := request.GET.get("meeting"):
        if not meeting_id.isdigit():
            raise Http404
        meeting = get_object_or_404(
            Meeting.objects.select_related("buyer__user", "slot"),
            pk=meeting_id,
            vendor=request.vendor,
        )
        initial.update(
            meeting=meeting,
            destination_country=meeting.buyer.country,
            buyer_name=meeting.buyer.user.name or meeting.buyer.user.email,
            expo=meeting.slot.expo_id,
        )
    return initial


@require_http_methods(["GET", "POST"])
@vendor_area
def deal_create(request: HttpRequest) -> HttpResponse:
    return _deal_form(request, Deal(vendor=request.vendor), initial=_deal_initial(request))


@require_http_methods(["GET", "POST"])
@vendor_area
def deal_edit(request: HttpRequest, pk: int) -> HttpResponse:
    return _deal_form(request, get_object_or_404(Deal, pk=pk, vendor=request.vendor))


def _deal_form(request: HttpRequest, deal: Deal, initial: dict | None = None) -> HttpResponse:
    form = DealForm(request.POST or None, instance=deal, vendor=request.vendor, initial=initial)
    if request.method == "POST" and form.is_valid():
        try:
            services.deal_save(deal=form.save(commit=False), vendor=request.vendor, by=request.user)
        except ValidationError as exc:
            form.add_error(None, exc)
        else:
            messages.success(request, _("Deal saved."))
            return redirect("dashboard:deals")
    return render(
        request,
        "trade/dashboard/deal_form.html",
        {"dashboard_section": "deals", "form": form, "deal": deal},
    )


@require_http_methods(["GET", "POST"])
@vendor_area
def deal_delete(request: HttpRequest, pk: int) -> HttpResponse:
    deal = get_object_or_404(Deal, pk=pk, vendor=request.vendor)
    if request.method == "POST":
        services.deal_delete(deal=deal)
        messages.success(request, _("Deal deleted."))
        return redirect("dashboard:deals")
    return render(
        request,
        "vendors/dashboard/confirm_delete.html",
        {
            "dashboard_section": "deals",
            "title": _("Delete this deal?"),
            "object_label": str(deal),
            "cancel_url": reverse("dashboard:deals"),
        },
    )


# Cells a spreadsheet would read as a formula are written as text.
FORMULA_START = ("=", "+", "-", "@", "\t", "\r")


def _csv_cell(value: str) -> str:
    return "'" + value if value.startswith(FORMULA_START) else value


@require_safe
@vendor_area
def leads_csv(request: HttpRequest) -> HttpResponse:
    """The business's inquiries and meetings as a CSV file for Excel (UTF-8 with a BOM), in the
    page's language; only its own, to its owner and staff members alike."""
    response = HttpResponse(content_type="text/csv; charset=utf-8")
    day = timezone.localdate().isoformat()
    response["Content-Disposition"] = f'attachment; filename="leads-{day}.csv"'
    response.write("\ufeff")
    writer = csv.writer(response)
    writer.writerow(
        [_("Type"), _("Date"), _("Buyer country"), _("Product"), _("Expo"), _("Status")]
    )
    for lead in selectors.vendor_leads(request.vendor):
        when = timezone.localtime(lead.when).strftime("%Y-%m-%d %H:%M")
        writer.writerow(
            [
                _csv_cell(str(value))
                for value in (
                    lead.kind,
                    when,
                    lead.buyer_country,
                    lead.product,
                    lead.expo,
                    lead.status,
                )
            ]
        )
    return response
