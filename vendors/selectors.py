"""Reads of the vendors app."""

from dataclasses import dataclass

from django.db.models import QuerySet, Sum
from django.utils.translation import gettext_lazy as _

from buyers.models import Inquiry
from catalog.models import Product
from expo.models import Booth, Meeting
from vendors.models import Deal, Vendor


@dataclass(frozen=True)
class CheckItem:
    label: str
    done: bool


def vendor_checklist(vendor: Vendor, *, certification_count: int, product_count: int):
    """The profile-completeness checklist of the dashboard."""
    return [
        CheckItem(_("Business identity and NIB"), bool(vendor.nib and vendor.legal_form)),
        CheckItem(_("Regency or city"), vendor.regency_id is not None),
        CheckItem(_("WhatsApp number"), bool(vendor.whatsapp)),
        CheckItem(_("Description in Indonesian"), bool(vendor.description_id)),
        CheckItem(_("Description in English"), bool(vendor.description_en)),
        CheckItem(_("Logo"), vendor.logo_id is not None),
        CheckItem(_("At least one certification"), certification_count > 0),
        CheckItem(_("At least one published product"), product_count > 0),
    ]


def vendor_counts(vendor: Vendor) -> dict[str, int]:
    return {
        "products": Product.objects.filter(vendor=vendor).count(),
        "published_products": Product.objects.filter(
            vendor=vendor, status=Product.Status.PUBLISHED
        ).count(),
        "inquiries": Inquiry.objects.filter(vendor=vendor).count(),
        "open_inquiries": Inquiry.objects.filter(vendor=vendor, status=Inquiry.Status.OPEN).count(),
        "meetings": Meeting.objects.filter(vendor=vendor, status__in=Meeting.ACTIVE).count(),
        "certifications": vendor.certifications.count(),
    }


def vendor_deals(vendor: Vendor) -> QuerySet[Deal]:
    return Deal.objects.filter(vendor=vendor).select_related("vendor", "inquiry", "meeting", "expo")


def vendor_deals_total_idr(vendor: Vendor, *, stage: str | None = None):
    deals = Deal.objects.filter(vendor=vendor)
    if stage:
        deals = deals.filter(stage=stage)
    return deals.aggregate(total=Sum("amount_idr"))["total"] or 0


def public_vendor_booths(vendor: Vendor) -> QuerySet[Booth]:
    return (
        Booth.objects.filter(vendor=vendor, status=Booth.Status.APPROVED)
        .exclude(expo__status__in=["draft", "applications_open", "curation"])
        .select_related("expo", "hall")
        .order_by("-expo__starts_at")
    )


def public_vendor_products(vendor: Vendor) -> QuerySet[Product]:
    return Product.objects.public().filter(vendor=vendor).order_by("-published_at")
