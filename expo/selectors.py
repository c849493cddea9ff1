"""Reads of the expo pages; query counts do not grow with the number of booths or sessions."""

import datetime as dt

from django.db.models import Prefetch, Q, QuerySet, Sum
from django.db.models.functions import Coalesce
from django.utils import timezone

from catalog.models import Category, Product
from core.models import Regency
from expo.models import AvailabilitySlot, Booth, BoothVisitDay, Expo, ExpoSession, Hall, Meeting
from vendors.models import Vendor

PUBLIC_STATUSES = (Expo.Status.PUBLISHED, Expo.Status.LIVE, Expo.Status.CLOSED)


def expos_public() -> QuerySet[Expo]:
    """Expos anyone may browse; a closed one stays as an archive."""
    return Expo.objects.filter(status__in=PUBLIC_STATUSES)


def public_products() -> QuerySet[Product]:
    return Product.objects.public().select_related("category").prefetch_related("images")


def booths_public(*, expo: Expo) -> QuerySet[Booth]:
    """Approved booths of verified vendors, with their public featured products."""
    return (
        Booth.objects.filter(
            expo=expo, status=Booth.Status.APPROVED, vendor__status=Vendor.Status.VERIFIED
        )
        .select_related("expo", "vendor__regency", "hall", "banner", "vendor__logo")
        .prefetch_related(Prefetch("featured_products", queryset=public_products()))
        .order_by("hall__position", "number", "pk")
    )


def hall_booths(*, hall: Hall, regency_slug: str = "", category_slug: str = "") -> QuerySet[Booth]:
    booths = booths_public(expo=hall.expo).filter(hall=hall)
    if regency_slug:
        booths = booths.filter(vendor__regency__slug=regency_slug)
    if category_slug:
        booths = booths.filter(
            Q(featured_products__category__slug=category_slug)
            | Q(featured_products__category__parent__slug=category_slug),
            featured_products__in=Product.objects.public(),
        ).distinct()
    return booths


def hall_filters(*, hall: Hall) -> tuple[list, list]:
    """The regencies and categories present in the hall (for its filter form)."""
    booths = Booth.objects.filter(
        hall=hall, status=Booth.Status.APPROVED, vendor__status=Vendor.Status.VERIFIED
    )
    regencies = Regency.objects.filter(vendors__booths__in=booths).distinct().order_by("name")
    categories = Category.objects.filter(
        products__in=Product.objects.public().filter(booths__in=booths)
    ).distinct()
    return list(regencies), list(categories)


def sessions_now_and_next(*, expo: Expo, now: dt.datetime | None = None, count: int = 3):
    now = now or timezone.now()
    sessions = ExpoSession.objects.filter(expo=expo)
    live = list(sessions.filter(starts_at__lte=now, ends_at__gt=now))
    upcoming = list(sessions.filter(starts_at__gt=now)[:count])
    return live, upcoming


def slots_free(*, expo: Expo, vendor: Vendor, now: dt.datetime | None = None):
    """A vendor's future slots without an active meeting."""
    now = now or timezone.now()
    return (
        AvailabilitySlot.objects.filter(expo=expo, vendor=vendor, starts_at__gt=now)
        .exclude(meetings__status__in=Meeting.ACTIVE)
        .select_related("member__user")
        .order_by("starts_at")
    )


def meetings_of_buyer(*, buyer) -> QuerySet[Meeting]:
    return (
        Meeting.objects.filter(buyer=buyer)
        .select_related("vendor", "slot__expo")
        .order_by("-starts_at")
    )


def meetings_of_vendor(*, vendor: Vendor) -> QuerySet[Meeting]:
    return (
        Meeting.objects.filter(vendor=vendor)
        .select_related("buyer__user", "slot__expo", "slot__member__user")
        .order_by("-starts_at")
    )


def vendor_expo_counts(vendor: Vendor) -> dict[str, int]:
    """The expo's figures on a business's dashboard home."""
    return {
        "meetings": Meeting.objects.filter(vendor=vendor, status__in=Meeting.ACTIVE).count(),
        "views": BoothVisitDay.objects.filter(booth__vendor=vendor).aggregate(
            n=Coalesce(Sum("visits"), 0)
        )["n"],
    }


def public_vendor_booths(vendor: Vendor) -> QuerySet[Booth]:
    return (
        Booth.objects.filter(vendor=vendor, status=Booth.Status.APPROVED)
        .exclude(expo__status__in=["draft", "applications_open", "curation"])
        .select_related("expo", "hall")
        .order_by("-expo__starts_at")
    )
