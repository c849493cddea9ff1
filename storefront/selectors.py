"""Reads of the storefront: the home page and the regions, composed from the apps below.

Every list is bounded and comes in a fixed number of queries. The counts per regency are two
grouped queries over the whole catalogue (about 0.35 s at 100,000 products on a loaded machine),
so they are kept ten minutes in the cache: a new product shows on its regency's page at once,
in the counts within ten minutes.
"""

import datetime as dt
from dataclasses import dataclass, field

from django.core.cache import cache
from django.core.paginator import Page
from django.db.models import Count, QuerySet
from django.utils import timezone

from accounts.models import User
from buyers.selectors import favourite_list, open_threads
from catalog.models import Product
from catalog.selectors import product_cards
from core.models import Province, Regency
from core.paging import CountedPaginator
from expo.models import Booth, Expo, Hall, Meeting
from expo.selectors import expos_public
from vendors.models import Vendor

COUNTS_KEY = "storefront:regency-counts"
COUNTS_SECONDS = 600
PRODUCTS_PER_PAGE = 24
REGENCY_VENDORS_SHOWN = 48


@dataclass
class ExpoNow:
    expo: Expo
    live: bool


def expo_now(now: dt.datetime | None = None) -> ExpoNow | None:
    """The expo under way, else the next one to open (published, not yet over)."""
    now = now or timezone.now()
    expo = (
        expos_public()
        .filter(status__in=[Expo.Status.PUBLISHED, Expo.Status.LIVE], ends_at__gt=now)
        .order_by("starts_at")
        .first()
    )
    if expo is None:
        return None
    return ExpoNow(expo=expo, live=expo.starts_at <= now)


def booths_with_pictures(*, expo: Expo) -> QuerySet[Booth]:
    """Approved booths of verified businesses with what a card shows (banner, logo, hall)."""
    return (
        Booth.objects.filter(
            expo=expo, status=Booth.Status.APPROVED, vendor__status=Vendor.Status.VERIFIED
        )
        .select_related("expo", "hall", "banner", "vendor__logo", "vendor__regency")
        .order_by("hall__position", "number", "pk")
    )


def featured_booths(*, expo: Expo, limit: int = 6) -> list[Booth]:
    return list(booths_with_pictures(expo=expo)[:limit])


def new_products(*, limit: int = 8) -> list[Product]:
    """The newest public products (the `catalog_public_newest` index)."""
    return list(product_cards(Product.objects.public().order_by("-published_at", "-id"))[:limit])


def regency_counts() -> dict[int, tuple[int, int]]:
    """Regency id → (verified businesses, public products), for regencies that have any."""
    counts = cache.get(COUNTS_KEY)
    if counts is None:
        vendors = dict(
            Vendor.objects.filter(status=Vendor.Status.VERIFIED, regency__isnull=False)
            .values_list("regency_id")
            .annotate(n=Count("pk"))
            .order_by()
        )
        products = dict(
            Product.objects.public()
            .values_list("vendor__regency_id")
            .annotate(n=Count("pk"))
            .order_by()
        )
        counts = {
            pk: (vendors.get(pk, 0), products.get(pk, 0))
            for pk in set(vendors) | set(products)
            if pk is not None
        }
        cache.set(COUNTS_KEY, counts, COUNTS_SECONDS)
    return counts


@dataclass
class RegencyRow:
    regency: Regency
    businesses: int
    products: int


@dataclass
class ProvinceRow:
    province: Province
    regencies: list[RegencyRow] = field(default_factory=list)

    @property
    def businesses(self) -> int:
        return sum(r.businesses for r in self.regencies)

    @property
    def products(self) -> int:
        return sum(r.products for r in self.regencies)


def top_regencies(*, limit: int = 12) -> list[RegencyRow]:
    """The regencies with the most public products."""
    counts = regency_counts()
    ranked = sorted(counts.items(), key=lambda item: (-item[1][1], -item[1][0], item[0]))[:limit]
    regencies = Regency.objects.in_bulk([pk for pk, _ in ranked])
    return [
        RegencyRow(regencies[pk], businesses, products)
        for pk, (businesses, products) in ranked
        if pk in regencies and products
    ]


def regions_index() -> list[ProvinceRow]:
    """Every province, with its regencies that have a verified business or a public product."""
    counts = regency_counts()
    rows = {p.pk: ProvinceRow(p) for p in Province.objects.order_by("name")}
    for regency in Regency.objects.filter(pk__in=list(counts)).order_by("name"):
        businesses, products = counts[regency.pk]
        rows[regency.province_id].regencies.append(RegencyRow(regency, businesses, products))
    return list(rows.values())


def regency_vendors(*, regency: Regency) -> list[Vendor]:
    return list(
        Vendor.objects.filter(regency=regency, status=Vendor.Status.VERIFIED)
        .select_related("logo")
        .order_by("name")[:REGENCY_VENDORS_SHOWN]
    )


def regency_products_page(*, regency: Regency, page) -> Page:
    """One page of the regency's public products, newest first.

    The regency's businesses are read first and their ids given as a list: joined instead, the
    planner walks the whole catalogue's newest-first index checking each product's business
    (20 ms at a million products, against 4 ms). The count keeps the join, which reads only the
    products of those businesses from the `vendor` index (1 ms)."""
    in_regency = Product.objects.public().filter(vendor__regency=regency)
    vendor_ids = list(
        Vendor.objects.filter(regency=regency, status=Vendor.Status.VERIFIED).values_list(
            "pk", flat=True
        )
    )
    products = product_cards(
        Product.objects.public().filter(vendor_id__in=vendor_ids).order_by("-published_at", "-id")
    )
    return CountedPaginator(products, PRODUCTS_PER_PAGE, count=in_regency.count()).get_page(page)


def regency_pavilion(*, regency: Regency, expo: Expo) -> Hall | None:
    """The expo's hall of this regency, if it has one."""
    return Hall.objects.filter(expo=expo, regency=regency).order_by("position").first()


def regency_booths(*, regency: Regency, expo: Expo, limit: int = 24) -> list[Booth]:
    return list(booths_with_pictures(expo=expo).filter(vendor__regency=regency)[:limit])


@dataclass
class BuyerCorner:
    favourites: list
    threads: list
    meetings: list


def buyer_corner(*, user: User, now: dt.datetime | None = None) -> BuyerCorner:
    """A signed-in person's favourites, open threads and coming meetings (bounded)."""
    now = now or timezone.now()
    meetings = list(
        Meeting.objects.filter(
            buyer__user=user,
            ends_at__gt=now,
            status__in=[Meeting.Status.REQUESTED, Meeting.Status.CONFIRMED],
        )
        .select_related("vendor", "slot__expo")
        .order_by("starts_at")[:5]
    )
    return BuyerCorner(
        favourites=list(favourite_list(user=user)[:6]),
        threads=open_threads(user=user),
        meetings=meetings,
    )


CORNER_KEY = "storefront:corner:{}"
CORNER_SECONDS = 60


def buyer_corner_cached(*, user: User) -> BuyerCorner:
    """`buyer_corner`, kept a minute per person (the home page of a signed-in person); their
    favourites, threads and meetings drop it when they change (storefront/receivers.py)."""
    key = CORNER_KEY.format(user.pk)
    corner = cache.get(key)
    if corner is None:
        corner = buyer_corner(user=user)
        cache.set(key, corner, CORNER_SECONDS)
    return corner


def buyer_corner_forget(user_ids) -> None:
    cache.delete_many([CORNER_KEY.format(user_id) for user_id in user_ids])
