"""Reads of the vendors app."""

from dataclasses import dataclass

from django.db.models import QuerySet, Sum
from django.db.models.functions import Coalesce
from django.utils.translation import gettext_lazy as _

from buyers.models import Inquiry
from catalog.models import Product
from catalog.selectors import product_cards
from expo.models import Booth, BoothVisitDay, Meeting, ProductViewDay
from vendors.models import Deal, Vendor, VendorInvitation, VendorMember


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
        "views": ProductViewDay.objects.filter(product__vendor=vendor).aggregate(
            n=Coalesce(Sum("views"), 0)
        )["n"]
        + BoothVisitDay.objects.filter(booth__vendor=vendor).aggregate(
            n=Coalesce(Sum("visits"), 0)
        )["n"],
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
    """The vendor's public products as catalogue cards (query count does not grow with them)."""
    return product_cards(Product.objects.public().filter(vendor=vendor).order_by("-published_at"))


def team_members(*, vendor: Vendor) -> QuerySet[VendorMember]:
    """The vendor's team, the owner first, then by joining date."""
    return vendor.members.select_related("user").order_by("role", "created_at")


def invitations_pending(*, vendor: Vendor) -> QuerySet[VendorInvitation]:
    return vendor.invitations.filter(accepted_at__isnull=True)
