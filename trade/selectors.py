"""Reads of trade."""

from django.db.models import QuerySet, Sum

from trade.models import Deal
from vendors.models import Vendor


def vendor_deals(vendor: Vendor) -> QuerySet[Deal]:
    return Deal.objects.filter(vendor=vendor).select_related("vendor", "inquiry", "meeting", "expo")


def vendor_deals_total_idr(vendor: Vendor, *, stage: str | None = None):
    deals = Deal.objects.filter(vendor=vendor)
    if stage:
        deals = deals.filter(stage=stage)
    return deals.aggregate(total=Sum("amount_idr"))["total"] or 0
