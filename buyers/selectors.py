"""Reads for the buyer side: a buyer sees only their own threads, a vendor only its own."""

import math
from dataclasses import dataclass
from datetime import datetime, timedelta

from django.core.cache import cache
from django.db.models import (
    Aggregate,
    Count,
    DurationField,
    ExpressionWrapper,
    F,
    OuterRef,
    Q,
    QuerySet,
    Subquery,
)
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from accounts.models import User
from catalog.models import Product
from catalog.selectors import product_cards_by_id
from vendors.models import Vendor, VendorMember
from vendors.selectors import Task, TaskItem

from .models import BuyerProfile, Favourite, Inquiry, InquiryMessage, RecentlyViewed

UNREAD_BUYER = Q(last_message_at__isnull=False) & (
    Q(buyer_read_at__isnull=True) | Q(buyer_read_at__lt=F("last_message_at"))
)
UNREAD_VENDOR = Q(last_message_at__isnull=False) & (
    Q(vendor_read_at__isnull=True) | Q(vendor_read_at__lt=F("last_message_at"))
)


def buyer_profile_of(*, user: User) -> BuyerProfile | None:
    """The user's buyer profile, or None while they have not filled it in."""
    return BuyerProfile.objects.filter(user=user).first()


def buyer_inquiries(*, user: User) -> QuerySet[Inquiry]:
    return (
        Inquiry.objects.filter(buyer__user=user)
        .select_related("vendor", "product")
        .annotate(unread=UNREAD_BUYER)
    )


def vendor_inquiries(*, vendor: Vendor, status: str = "") -> QuerySet[Inquiry]:
    """The inquiries addressed to `vendor`, only those in `status` when one is given."""
    inquiries = (
        Inquiry.objects.filter(vendor=vendor)
        .select_related("buyer__user", "product")
        .annotate(unread=UNREAD_VENDOR)
    )
    return inquiries.filter(status=status) if status else inquiries


def thread_messages(*, inquiry: Inquiry) -> QuerySet[InquiryMessage]:
    return inquiry.messages.select_related("sender")


def unread_count(*, user: User) -> int:
    """Threads with news for this person: as a buyer, plus as a member of a vendor."""
    if not user.is_authenticated:
        return 0
    # A subquery, not a join: a join through the members would count a thread once per member.
    vendor_ids = VendorMember.objects.filter(user=user).values("vendor_id")
    return Inquiry.objects.filter(
        (Q(buyer__user=user) & UNREAD_BUYER) | (Q(vendor__in=vendor_ids) & UNREAD_VENDOR)
    ).count()


NAV_KEY = "buyers:nav:{}"
NAV_SECONDS = 300


def nav_areas(*, user: User) -> dict:
    """The areas a signed-in person works in and each one's unread threads, for the header:
    `buyer` (has a buyer profile), `business` (is a member of a business), `buyer_unread`,
    `business_unread`.

    On every page a signed-in person opens, so kept in the cache per person; whatever changes
    them (a thread, a read, a profile, a membership) drops it (`buyers.services.nav_forget`)."""
    key = NAV_KEY.format(user.pk)
    areas = cache.get(key)
    if areas is None:
        areas = _nav_areas(user)
        cache.set(key, areas, NAV_SECONDS)
    return areas


def _nav_areas(user: User) -> dict:
    vendor_ids = VendorMember.objects.filter(user=user).values("vendor_id")
    counts = Inquiry.objects.filter(Q(buyer__user=user) | Q(vendor__in=vendor_ids)).aggregate(
        buyer_unread=Count("pk", filter=Q(buyer__user=user) & UNREAD_BUYER),
        business_unread=Count("pk", filter=Q(vendor__in=vendor_ids) & UNREAD_VENDOR),
    )
    return {
        # The profile is often on the user already (the viewer's currency read it).
        "buyer": getattr(user, "buyer_profile", None) is not None,
        "business": VendorMember.objects.filter(user=user).exists(),
        **counts,
    }


def favourite_ids(*, user: User) -> tuple[set[int], set[int]]:
    """(product ids, vendor ids) the person saved, for marking buttons on a page in one query."""
    if not user.is_authenticated:
        return set(), set()
    rows = Favourite.objects.filter(user=user).values_list("product_id", "vendor_id")
    return {p for p, _ in rows if p}, {v for _, v in rows if v}


def page_favourites(request) -> tuple[set[int], set[int]]:
    """`favourite_ids` of the visitor, read once per request for every button of the page."""
    user = getattr(request, "user", None)
    if user is None:
        return set(), set()
    # Keyed by the user: a page stored for everyone is rendered as anonymous first (core.cache).
    found = getattr(request, "_favourite_ids", None)
    if found is None or found[0] != user.pk:
        found = request._favourite_ids = (user.pk, favourite_ids(user=user))
    return found[1]


def favourite_list(*, user: User) -> QuerySet[Favourite]:
    return Favourite.objects.filter(user=user).select_related("product__vendor", "vendor__regency")


def digest_products(*, profile: BuyerProfile, since: datetime) -> QuerySet[Product]:
    """Products published since `since` in the buyer's interests (a top category counts its
    children)."""
    interests = list(profile.interests.values_list("pk", flat=True))
    return (
        Product.objects.public()
        .filter(Q(category__in=interests) | Q(category__parent__in=interests))
        .filter(published_at__gte=since)
        .select_related("vendor")
        .order_by("-published_at")[:12]
    )


def vendor_inquiry_counts(vendor: Vendor) -> dict[str, int]:
    """The inquiries on a business's dashboard home."""
    inquiries = Inquiry.objects.filter(vendor=vendor)
    return {
        "inquiries": inquiries.count(),
        "open_inquiries": inquiries.filter(status=Inquiry.Status.OPEN).count(),
    }


def inquiry_expos() -> QuerySet:
    """The expos an inquiry can be sent from. The Expo model lives in an app above this one;
    the inquiry's foreign key names it, so no import goes upwards."""
    return Inquiry._meta.get_field("expo").related_model.objects.all()


def recently_viewed(*, user: User, exclude_id: int | None = None, limit: int = 8) -> list[Product]:
    """The public products `user` opened lately, last first, as cards (three queries)."""
    if not user.is_authenticated:
        return []
    ids = list(
        RecentlyViewed.objects.filter(user=user, product__is_public=True)
        .exclude(product_id=exclude_id)
        .order_by("-viewed_at", "-pk")
        .values_list("product_id", flat=True)[:limit]
    )
    return product_cards_by_id(ids) if ids else []


OPEN_THREADS = (Inquiry.Status.OPEN, Inquiry.Status.ANSWERED, Inquiry.Status.QUOTED)


def open_threads(*, user: User, limit: int = 5) -> list[Inquiry]:
    """The buyer's threads still under way, the latest news first."""
    return list(
        buyer_inquiries(user=user)
        .filter(status__in=OPEN_THREADS)
        .order_by(F("last_message_at").desc(nulls_last=True), "-created_at")[:limit]
    )


# --- The business's responsiveness: its dashboard home and its public profile ---------------

RESPONSE_WINDOW = timedelta(hours=48)
RESPONSE_PERIOD = timedelta(days=90)
RESPONSE_MIN_THREADS = 3  # fewer threads say nothing about a business: the profile stays silent


class Median(Aggregate):
    function = "percentile_cont"
    template = "%(function)s(0.5) WITHIN GROUP (ORDER BY %(expressions)s)"
    output_field = DurationField()


@dataclass(frozen=True)
class ResponseStats:
    threads: int
    answered: int  # answered by the business within RESPONSE_WINDOW
    median_reply: timedelta | None  # over the threads it answered at all

    @property
    def rate(self) -> int | None:
        return round(100 * self.answered / self.threads) if self.threads else None

    @property
    def median_hours(self) -> int | None:
        """The median reply time in whole hours, at least 1."""
        if self.median_reply is None:
            return None
        return max(1, math.ceil(self.median_reply.total_seconds() / 3600))

    @property
    def shown(self) -> bool:
        return self.threads >= RESPONSE_MIN_THREADS


def vendor_response_stats(*, vendor: Vendor | int, now: datetime | None = None) -> ResponseStats:
    """Of the inquiry threads the business received in the last 90 days: how many it answered
    within 48 hours, and its median time to the first reply. One query."""
    now = now or timezone.now()
    first_reply = (
        InquiryMessage.objects.filter(inquiry=OuterRef("pk"), side=InquiryMessage.Side.VENDOR)
        .order_by("created_at")
        .values("created_at")[:1]
    )
    figures = (
        Inquiry.objects.filter(vendor=vendor, created_at__gte=now - RESPONSE_PERIOD)
        .annotate(
            reply_delay=ExpressionWrapper(
                Subquery(first_reply) - F("created_at"), output_field=DurationField()
            )
        )
        .aggregate(
            threads=Count("pk"),
            answered=Count("pk", filter=Q(reply_delay__lte=RESPONSE_WINDOW)),
            median=Median("reply_delay"),
        )
    )
    return ResponseStats(figures["threads"], figures["answered"], figures["median"])


def vendor_inquiry_tasks(vendor: Vendor) -> list[Task]:
    """The threads waiting for the business's first answer, oldest first (two queries)."""
    waiting = Inquiry.objects.filter(vendor=vendor, status=Inquiry.Status.OPEN).exclude(
        messages__side=InquiryMessage.Side.VENDOR
    )
    count = waiting.count()
    if not count:
        return []
    oldest = waiting.select_related("buyer__user", "product").order_by("created_at")[:5]
    items = tuple(
        TaskItem(
            label=" — ".join(
                part
                for part in (
                    inquiry.buyer.user.name or inquiry.buyer.organisation or _("Buyer"),
                    inquiry.product.name if inquiry.product else "",
                )
                if part
            ),
            url=reverse("dashboard_inquiries:detail", args=[inquiry.pk]),
            since=inquiry.created_at,
        )
        for inquiry in oldest
    )
    label = ngettext(
        "%(count)d inquiry waits for your answer",
        "%(count)d inquiries wait for your answer",
        count,
    ) % {"count": count}
    url = reverse("dashboard_inquiries:list") + "?status=open"
    return [Task(label=label, url=url, count=count, items=items, order=10)]
