"""Reads of trade."""

from dataclasses import dataclass
from datetime import datetime
from decimal import Decimal

from django.db.models import Count, QuerySet, Sum
from django.db.models.functions import ExtractYear
from django.utils.translation import gettext_lazy as _

from buyers.models import Inquiry
from core.countries import country_name
from core.models import Regency
from expo.models import Meeting
from trade.models import Deal, RegencyExportStat
from vendors.models import Vendor


def vendor_deals(vendor: Vendor) -> QuerySet[Deal]:
    return Deal.objects.filter(vendor=vendor).select_related("vendor", "inquiry", "meeting", "expo")


def vendor_deals_total_idr(vendor: Vendor, *, stage: str | None = None):
    deals = Deal.objects.filter(vendor=vendor)
    if stage:
        deals = deals.filter(stage=stage)
    return deals.aggregate(total=Sum("amount_idr"))["total"] or 0


@dataclass
class RegencyExportYear:
    """One year of a regency: the official figure beside the shipped deals recorded here."""

    year: int
    official_value: Decimal | None = None
    official_units: int | None = None
    official_change: Decimal | None = None  # a fraction of the year before: −0.215
    source: str = ""
    realised_value: Decimal = Decimal(0)
    realised_deals: int = 0


def regency_export_years(regency: Regency) -> list[RegencyExportYear]:
    """A regency's years, oldest first, in two queries (its figures; its shipped deals by year)."""
    years: dict[int, RegencyExportYear] = {}
    for stat in RegencyExportStat.objects.filter(regency=regency).order_by("year"):
        years[stat.year] = RegencyExportYear(
            year=stat.year,
            official_value=stat.value_idr,
            official_units=stat.units,
            source=stat.source,
        )
    realised = (
        Deal.objects.filter(stage=Deal.Stage.SHIPPED, vendor__regency=regency)
        .annotate(year=ExtractYear("date"))
        .values("year")
        .annotate(value=Sum("amount_idr"), deals=Count("pk"))
        .order_by()
    )
    for row in realised:
        entry = years.setdefault(row["year"], RegencyExportYear(year=row["year"]))
        entry.realised_value = row["value"] or Decimal(0)
        entry.realised_deals = row["deals"]
    for year, entry in years.items():
        before = years.get(year - 1)
        if before and before.official_value and entry.official_value is not None:
            entry.official_change = (
                entry.official_value - before.official_value
            ) / before.official_value
    return [years[year] for year in sorted(years)]


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
