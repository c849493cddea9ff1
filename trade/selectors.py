"""Reads of trade."""

from dataclasses import dataclass
from datetime import datetime

from django.db.models import Count, QuerySet, Sum
from django.utils.translation import gettext_lazy as _

from buyers.models import Inquiry
from core.countries import country_name
from expo.models import Meeting
from trade.models import Deal
from vendors.models import Vendor


def vendor_deals(vendor: Vendor) -> QuerySet[Deal]:
    return Deal.objects.filter(vendor=vendor).select_related("vendor", "inquiry", "meeting", "expo")


def vendor_deals_total_idr(vendor: Vendor, *, stage: str | None = None):
    deals = Deal.objects.filter(vendor=vendor)
    if stage:
        deals = deals.filter(stage=stage)
    return deals.aggregate(total=Sum("amount_idr"))["total"] or 0


@dataclass(frozen=True)
class Lead:
    """One inquiry or meeting of a business, as its leads export shows it: no buyer contact."""

    kind: str
    when: datetime
    buyer_country: str
    product: str
    expo: str
    status: str


def vendor_leads(vendor: Vendor) -> list[Lead]:
    """The business's inquiries and meetings, newest first. Two queries, whatever their number;
    only what the business's inbox already shows (the buyer's country, never a name or contact).
    """
    inquiries = Inquiry.objects.filter(vendor=vendor).select_related("buyer", "product", "expo")
    meetings = Meeting.objects.filter(vendor=vendor).select_related("buyer", "slot__expo")
    leads = [
        Lead(
            kind=str(_("Inquiry")),
            when=inquiry.created_at,
            buyer_country=country_name(inquiry.buyer.country),
            product=inquiry.product.name if inquiry.product else "",
            expo=inquiry.expo.name if inquiry.expo else "",
            status=inquiry.get_status_display(),
        )
        for inquiry in inquiries
    ]
    leads += [
        Lead(
            kind=str(_("Meeting")),
            when=meeting.starts_at,
            buyer_country=country_name(meeting.buyer.country),
            product="",
            expo=meeting.slot.expo.name,
            status=meeting.get_status_display(),
        )
        for meeting in meetings
    ]
    return sorted(leads, key=lambda lead: lead.when, reverse=True)


def vendor_deals_per_day(vendor: Vendor, since) -> dict:
    """The business's deals by their date since `since` (the statistics page's last column)."""
    rows = (
        Deal.objects.filter(vendor=vendor, date__gte=since).values("date").annotate(n=Count("pk"))
    )
    return {row["date"]: row["n"] for row in rows}
