"""Reads for the buyer side: a buyer sees only their own threads, a vendor only its own."""

from datetime import datetime

from django.db.models import F, Q, QuerySet

from accounts.models import User
from catalog.models import Product
from catalog.selectors import product_cards_by_id
from vendors.models import Vendor, VendorMember

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


def favourite_ids(*, user: User) -> tuple[set[int], set[int]]:
    """(product ids, vendor ids) the person saved, for marking buttons on a page in one query."""
    if not user.is_authenticated:
        return set(), set()
    rows = Favourite.objects.filter(user=user).values_list("product_id", "vendor_id")
    return {p for p, _ in rows if p}, {v for _, v in rows if v}


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
