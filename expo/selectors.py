"""Reads of the expo pages; query counts do not grow with the number of booths or sessions."""

import datetime as dt
from collections.abc import Callable
from dataclasses import dataclass

from django.db.models import Count, F, Prefetch, Q, QuerySet, Sum
from django.db.models.functions import Coalesce, TruncDate
from django.urls import reverse
from django.utils import formats, timezone
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from accounts.models import User
from buyers.models import Inquiry
from catalog.models import Category, Product, ProductViewDay
from catalog.selectors import ready_photos
from core.models import Regency
from expo.models import AvailabilitySlot, Booth, BoothVisitDay, Expo, ExpoSession, Hall, Meeting
from vendors.models import Vendor
from vendors.selectors import Task, TaskItem

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


def booth_cards(*, expo: Expo) -> QuerySet[Booth]:
    """Booths as cards: banner, logo and the first photos of their featured products.

    Three queries whatever the number of booths: the booths (banner and logo joined), their
    featured public products, and those products' ready photos.
    """
    products = (
        Product.objects.public()
        .only("pk", "slug", "name_id", "name_en", "vendor_id")
        .prefetch_related(Prefetch("images", queryset=ready_photos(), to_attr="photos"))
    )
    return (
        Booth.objects.filter(
            expo=expo, status=Booth.Status.APPROVED, vendor__status=Vendor.Status.VERIFIED
        )
        .select_related("expo", "vendor__regency", "hall", "banner", "vendor__logo")
        .prefetch_related(Prefetch("featured_products", queryset=products, to_attr="shown"))
        .order_by("hall__position", "number", "pk")
    )


@dataclass(frozen=True)
class HallFilters:
    q: str = ""
    province: str = ""
    regency: str = ""
    category: str = ""
    export_ready: bool = False

    @classmethod
    def from_query(cls, params) -> "HallFilters":
        """From the address; text is trimmed, and a NUL byte (which PostgreSQL refuses) removed."""

        def text(name: str) -> str:
            return " ".join(params.get(name, "").replace("\x00", "").split())[:100]

        return cls(
            q=text("q"),
            province=text("province"),
            regency=text("regency"),
            category=text("category"),
            export_ready=params.get("export_ready", "") in {"1", "on", "true"},
        )

    @property
    def active(self) -> bool:
        return bool(self.q or self.province or self.regency or self.category or self.export_ready)


def hall_booths(*, hall: Hall, filters: HallFilters = HallFilters()) -> QuerySet[Booth]:
    """The hall's booths as cards, filtered; a search matches the business's name or tagline."""
    booths = booth_cards(expo=hall.expo).filter(hall=hall)
    if filters.q:
        booths = booths.filter(
            Q(vendor__name__icontains=filters.q)
            | Q(tagline_id__icontains=filters.q)
            | Q(tagline_en__icontains=filters.q)
        )
    if filters.province:
        booths = booths.filter(vendor__regency__province__slug=filters.province)
    if filters.regency:
        booths = booths.filter(vendor__regency__slug=filters.regency)
    if filters.export_ready:
        booths = booths.filter(vendor__export_countries__len__gt=0)
    if filters.category:
        in_category = Product.objects.public().filter(
            Q(category__slug=filters.category) | Q(category__parent__slug=filters.category)
        )
        booths = booths.filter(
            pk__in=Booth.featured_products.through.objects.filter(product__in=in_category).values(
                "booth_id"
            )
        )
    return booths


def hall_filters(*, hall: Hall) -> tuple[list, list, list]:
    """The provinces, regencies and categories present in the hall (for its filter form)."""
    booths = Booth.objects.filter(
        hall=hall, status=Booth.Status.APPROVED, vendor__status=Vendor.Status.VERIFIED
    )
    regencies = list(
        Regency.objects.filter(vendors__booths__in=booths)
        .select_related("province")
        .distinct()
        .order_by("name")
    )
    provinces = sorted({r.province for r in regencies}, key=lambda p: p.name)
    categories = Category.objects.filter(
        products__in=Product.objects.public().filter(booths__in=booths)
    ).distinct()
    return provinces, regencies, list(categories)


def halls_with_counts(*, expo: Expo) -> QuerySet[Hall]:
    """The expo's halls with the number of booths open in each."""
    return expo.halls.annotate(
        booth_count=Count(
            "booths",
            filter=Q(
                booths__status=Booth.Status.APPROVED,
                booths__vendor__status=Vendor.Status.VERIFIED,
            ),
        )
    )


def sessions_of_vendor_upcoming(
    *, expo: Expo, vendor: Vendor, now: dt.datetime | None = None, count: int = 5
) -> list[ExpoSession]:
    """The sessions a business hosts that are live or still to come."""
    now = now or timezone.now()
    return list(
        ExpoSession.objects.filter(expo=expo, vendor=vendor, ends_at__gt=now).order_by("starts_at")[
            :count
        ]
    )


def session_public(*, expo: Expo, pk: int) -> ExpoSession:
    """One session of a public expo, with its host (raises DoesNotExist)."""
    return ExpoSession.objects.select_related("expo", "vendor").get(expo=expo, pk=pk)


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


def sessions_registered_ids(*, user: User, expo: Expo) -> set[int]:
    """The sessions of `expo` that `user` registered for (to mark them on the agenda)."""
    return set(user.expo_sessions.filter(expo=expo).values_list("pk", flat=True))


def sessions_of_user(*, user: User) -> QuerySet[ExpoSession]:
    return user.expo_sessions.select_related("expo").order_by("starts_at")


# ---------------------------------------------------------------- the vendor's expo dashboard


def booths_of_vendor(*, vendor: Vendor) -> QuerySet[Booth]:
    """All of a vendor's applications, the latest expo first."""
    return (
        Booth.objects.filter(vendor=vendor)
        .select_related("expo", "hall", "preferred_hall")
        .order_by("-expo__starts_at")
    )


def expos_taking_applications() -> QuerySet[Expo]:
    """Expos marked open for applications (services.applications_open checks the dates)."""
    return Expo.objects.filter(status=Expo.Status.APPLICATIONS_OPEN)


def booths_for_meetings(*, vendor: Vendor) -> QuerySet[Booth]:
    """A vendor's approved booths at expos buyers can see, where it offers meeting slots."""
    return Booth.objects.filter(
        vendor=vendor,
        status=Booth.Status.APPROVED,
        expo__status__in=[Expo.Status.PUBLISHED, Expo.Status.LIVE],
    ).select_related("expo")


def sessions_hosted_by(*, vendor: Vendor) -> list[ExpoSession]:
    """The sessions a business hosts, the latest expo first."""
    return list(
        ExpoSession.objects.filter(vendor=vendor)
        .select_related("expo")
        .order_by("-expo__starts_at", "starts_at")[:200]
    )


def slots_of_vendor(*, vendor: Vendor, expo: Expo) -> QuerySet[AvailabilitySlot]:
    return (
        AvailabilitySlot.objects.filter(vendor=vendor, expo=expo)
        .select_related("member__user")
        .prefetch_related("meetings")
    )


def booth_visit_days(*, booth: Booth, days: int = 60) -> list[BoothVisitDay]:
    """The booth's daily visits, the latest day first."""
    return list(BoothVisitDay.objects.filter(booth=booth).order_by("-day")[:days])


def booth_visit_totals(*, booth: Booth) -> dict:
    """{"visits": …, "unique": …} over the booth's whole history."""
    return BoothVisitDay.objects.filter(booth=booth).aggregate(
        visits=Sum("visits"), unique=Sum("unique_visitors")
    )


def product_views_of_vendor(*, vendor: Vendor, count: int = 50) -> list[dict]:
    """The vendor's most viewed products: names, views and unique visitors."""
    return list(
        ProductViewDay.objects.filter(product__vendor=vendor)
        .values("product__name_id", "product__name_en")
        .annotate(views=Sum("views"), unique=Sum("unique_visitors"))
        .order_by("-views")[:count]
    )


def vendor_expo_tasks(vendor: Vendor) -> list[Task]:
    """Meeting requests to confirm, and the next booth application deadline of an expo the
    business has not applied to. Three queries."""
    now = timezone.now()
    tasks = []
    requested = Meeting.objects.filter(
        vendor=vendor, status=Meeting.Status.REQUESTED, starts_at__gt=now
    ).select_related("buyer__user")
    count = requested.count()
    if count:
        label = ngettext(
            "%(count)d meeting request to confirm",
            "%(count)d meeting requests to confirm",
            count,
        ) % {"count": count}
        url = reverse("dashboard_expo:meetings")
        items = tuple(
            TaskItem(
                label=meeting.buyer.user.name or meeting.buyer.organisation or _("Buyer"),
                url=url,
                since=meeting.created_at,
            )
            for meeting in requested.order_by("created_at")[:5]
        )
        tasks.append(Task(label=label, url=url, count=count, items=items, order=20))
    applied = Booth.objects.filter(vendor=vendor).exclude(status=Booth.Status.WITHDRAWN)
    expo = (
        Expo.objects.filter(
            status=Expo.Status.APPLICATIONS_OPEN,
            applications_open_at__lte=now,
            applications_close_at__gt=now,
        )
        .exclude(pk__in=applied.values("expo_id"))
        .order_by("applications_close_at")
        .first()
    )
    if expo is not None:
        label = _("Apply for a booth at %(expo)s") % {"expo": expo.name}
        deadline = formats.date_format(
            timezone.localtime(expo.applications_close_at), "DATETIME_FORMAT"
        )
        detail = _("Applications close %(deadline)s") % {"deadline": deadline}
        tasks.append(
            Task(label=label, url=reverse("dashboard_expo:booths"), detail=detail, order=40)
        )
    return tasks


# --- The statistics page: the business's activity per day ----------------------------------

# Apps above expo add a column of daily counts of a business (trade: its deals); a provider
# gives {day: count} for the days since `since`, in one query.
DailyCounter = Callable[[Vendor, dt.date], dict[dt.date, int]]
_daily_counters: list[tuple[str, Callable[[], str], DailyCounter]] = []


def daily_counter_register(key: str, label: Callable[[], str], counter: DailyCounter) -> None:
    if all(key != existing for existing, _label, _counter in _daily_counters):
        _daily_counters.append((key, label, counter))


def _per_day(queryset, field: str, value=None) -> dict[dt.date, int]:
    rows = (
        queryset.annotate(day_=TruncDate(field) if field.endswith("_at") else F(field))
        .values("day_")
        .annotate(n=value if value is not None else Count("pk"))
    )
    return {row["day_"]: row["n"] or 0 for row in rows}


def vendor_daily_stats(*, vendor: Vendor, booth: Booth, days: int = 60) -> dict:
    """Per day, the latest first: the booth's visits, the product views, the inquiries, the
    meetings requested and what the apps above add (deals). A fixed number of queries."""
    since = timezone.localdate() - dt.timedelta(days=days - 1)
    columns = {
        "visits": _per_day(
            BoothVisitDay.objects.filter(booth=booth, day__gte=since), "day", Sum("visits")
        ),
        "product_views": _per_day(
            ProductViewDay.objects.filter(product__vendor=vendor, day__gte=since),
            "day",
            Sum("views"),
        ),
        "inquiries": _per_day(
            Inquiry.objects.filter(vendor=vendor, created_at__date__gte=since), "created_at"
        ),
        "meetings": _per_day(
            Meeting.objects.filter(vendor=vendor, created_at__date__gte=since), "created_at"
        ),
    }
    labels = {
        "visits": _("Booth visits"),
        "product_views": _("Product views"),
        "inquiries": _("Inquiries"),
        "meetings": _("Meeting requests"),
    }
    for key, label, counter in _daily_counters:
        columns[key] = counter(vendor, since)
        labels[key] = label()
    all_days = sorted(set().union(*columns.values()), reverse=True)
    return {
        "headers": list(labels.values()),
        "rows": [(day, [columns[key].get(day, 0) for key in labels]) for day in all_days],
        "totals": [sum(columns[key].values()) for key in labels],
    }
