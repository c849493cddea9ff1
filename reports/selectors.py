"""Reads behind the staff reports. Every figure is one aggregate query; nothing grows per row."""

from collections import defaultdict
from dataclasses import dataclass, field
from decimal import Decimal

from django.db.models import Count, Q, QuerySet, Sum
from django.db.models.functions import ExtractYear

from buyers.models import BuyerProfile, Favourite, Inquiry
from catalog.models import Category, Product
from core.countries import country_name
from core.models import ReportExport
from expo.models import Booth, BoothVisitDay, Expo, Hall, Meeting
from trade.models import Deal, RegencyExportStat
from vendors.models import Vendor

UNASSIGNED = "—"

# Which regencies a report covers: None for all of them (curators), else a coordinator's own.
Scope = list[int] | None


def _within(queryset: QuerySet, regency_path: str, regency_ids: Scope) -> QuerySet:
    """`queryset` limited to rows whose `regency_path` lies in the scope (all rows for None)."""
    if regency_ids is None:
        return queryset
    return queryset.filter(**{f"{regency_path}__in": regency_ids})


@dataclass(frozen=True)
class Row:
    """One bar of a chart and one line of its table."""

    label: str
    value: Decimal | int
    count: int | None = None


@dataclass(frozen=True)
class VisitTotals:
    visits: int
    unique_visitors: int


def expos_latest_first() -> QuerySet[Expo]:
    return Expo.objects.order_by("-starts_at")


def report_exports_of(*, user, count: int = 50) -> list[ReportExport]:
    """The user's latest requested exports."""
    return list(ReportExport.objects.filter(requested_by=user)[:count])


def expo_visit_totals(*, expo: Expo, regency_ids: Scope = None) -> VisitTotals:
    """Booth visits and unique visitors of an edition, summed over its booths' daily rows
    (a person who comes back another day, or to another booth, counts again)."""
    rows = _within(
        BoothVisitDay.objects.filter(booth__expo=expo), "booth__vendor__regency", regency_ids
    )
    totals = rows.aggregate(visits=Sum("visits"), unique_visitors=Sum("unique_visitors"))
    return VisitTotals(visits=totals["visits"] or 0, unique_visitors=totals["unique_visitors"] or 0)


def _rows(queryset, label_of, value="n", count=None) -> list[Row]:
    return [
        Row(label=label_of(item), value=item[value] or 0, count=item[count] if count else None)
        for item in queryset
    ]


def approved_booths(*, expo: Expo, regency_ids: Scope = None) -> QuerySet[Booth]:
    booths = Booth.objects.filter(expo=expo, status=Booth.Status.APPROVED)
    return _within(booths, "vendor__regency", regency_ids)


def expo_booths_by_hall(*, expo: Expo, regency_ids: Scope = None) -> list[Row]:
    approved = Q(booths__status=Booth.Status.APPROVED)
    if regency_ids is not None:
        approved &= Q(booths__vendor__regency__in=regency_ids)
    halls = Hall.objects.filter(expo=expo).annotate(n=Count("booths", filter=approved))
    rows = [Row(label=hall.name, value=hall.n) for hall in halls]
    without_hall = (
        approved_booths(expo=expo, regency_ids=regency_ids).filter(hall__isnull=True).count()
    )
    if without_hall:
        rows.append(Row(label=UNASSIGNED, value=without_hall))
    return rows


def expo_booths_by_regency(*, expo: Expo, regency_ids: Scope = None) -> list[Row]:
    rows = (
        approved_booths(expo=expo, regency_ids=regency_ids)
        .values("vendor__regency__name")
        .annotate(n=Count("pk"))
        .order_by("-n", "vendor__regency__name")
    )
    return _rows(rows, lambda i: i["vendor__regency__name"] or UNASSIGNED)


def expo_meetings_by_status(*, expo: Expo, regency_ids: Scope = None) -> list[Row]:
    counts = dict(
        _within(Meeting.objects.filter(slot__expo=expo), "vendor__regency", regency_ids)
        .values_list("status")
        .annotate(n=Count("pk"))
        .values_list("status", "n")
    )
    shown = [
        Meeting.Status.REQUESTED,
        Meeting.Status.CONFIRMED,
        Meeting.Status.HELD,
        Meeting.Status.NO_SHOW,
        Meeting.Status.DECLINED,
        Meeting.Status.CANCELLED,
    ]
    return [Row(label=str(status.label), value=counts.get(status.value, 0)) for status in shown]


def expo_deals(*, expo: Expo, regency_ids: Scope = None) -> QuerySet[Deal]:
    return _within(Deal.objects.filter(expo=expo), "vendor__regency", regency_ids)


def expo_deals_by_stage(*, expo: Expo, regency_ids: Scope = None) -> list[Row]:
    sums = {
        item["stage"]: item
        for item in expo_deals(expo=expo, regency_ids=regency_ids)
        .values("stage")
        .annotate(n=Count("pk"), v=Sum("amount_idr"))
    }
    return [
        Row(
            label=str(stage.label),
            value=(sums.get(stage.value) or {}).get("v") or Decimal(0),
            count=(sums.get(stage.value) or {}).get("n", 0),
        )
        for stage in Deal.Stage
    ]


def expo_deals_by_country(*, expo: Expo, regency_ids: Scope = None) -> list[Row]:
    rows = (
        expo_deals(expo=expo, regency_ids=regency_ids)
        .values("destination_country")
        .annotate(n=Count("pk"), v=Sum("amount_idr"))
        .order_by("-v", "destination_country")
    )
    return _rows(rows, lambda i: country_name(i["destination_country"]), value="v", count="n")


def expo_deals_by_regency(*, expo: Expo, regency_ids: Scope = None) -> list[Row]:
    rows = (
        expo_deals(expo=expo, regency_ids=regency_ids)
        .values("vendor__regency__name")
        .annotate(n=Count("pk"), v=Sum("amount_idr"))
        .order_by("-v", "vendor__regency__name")
    )
    return _rows(rows, lambda i: i["vendor__regency__name"] or UNASSIGNED, value="v", count="n")


def expo_top_booths(*, expo: Expo, regency_ids: Scope = None, limit: int = 10) -> list[dict]:
    """Approved booths ranked by deal value, then inquiries and meetings in this edition."""
    booths = (
        approved_booths(expo=expo, regency_ids=regency_ids)
        .select_related("vendor", "hall")
        .annotate(
            deal_value=Sum("vendor__deals__amount_idr", filter=Q(vendor__deals__expo=expo)),
        )
    )
    inquiries = dict(
        Inquiry.objects.filter(expo=expo).values_list("vendor").annotate(n=Count("pk"))
    )
    meetings = dict(
        Meeting.objects.filter(slot__expo=expo, status__in=Meeting.ACTIVE)
        .values_list("vendor")
        .annotate(n=Count("pk"))
    )
    rows = [
        {
            "booth": booth,
            "deal_value": booth.deal_value or Decimal(0),
            "inquiries": inquiries.get(booth.vendor_id, 0),
            "meetings": meetings.get(booth.vendor_id, 0),
        }
        for booth in booths
    ]
    rows.sort(key=lambda r: (-r["deal_value"], -r["inquiries"], -r["meetings"], r["booth"].pk))
    return rows[:limit]


def expo_top_products(*, expo: Expo, regency_ids: Scope = None, limit: int = 10) -> list[Row]:
    """Products most asked about in this edition's inquiries."""
    products = _within(Product.objects.all(), "vendor__regency", regency_ids)
    rows = (
        products.filter(inquiries__expo=expo)
        .annotate(n=Count("inquiries"))
        .order_by("-n", "name_en", "pk")
        .select_related("vendor")[:limit]
    )
    return [Row(label=f"{p.name} ({p.vendor.name})", value=p.n) for p in rows]


def expo_dashboard(*, expo: Expo, regency_ids: Scope = None) -> dict:
    """Every figure of an edition's dashboard, within the reader's regencies."""
    inquiries = _within(Inquiry.objects.filter(expo=expo), "vendor__regency", regency_ids)
    scoped = {"expo": expo, "regency_ids": regency_ids}
    return {
        "visits": expo_visit_totals(**scoped),
        "approved_booths": approved_booths(**scoped).count(),
        "booths_by_hall": expo_booths_by_hall(**scoped),
        "booths_by_regency": expo_booths_by_regency(**scoped),
        "inquiries": inquiries.count(),
        "inquiry_buyers": inquiries.values("buyer").distinct().count(),
        "meetings_by_status": expo_meetings_by_status(**scoped),
        "deals_by_stage": expo_deals_by_stage(**scoped),
        "deals_by_country": expo_deals_by_country(**scoped),
        "deals_by_regency": expo_deals_by_regency(**scoped),
        "top_booths": expo_top_booths(**scoped),
        "top_products": expo_top_products(**scoped),
    }


# --- Export ledger ---------------------------------------------------------------------------


@dataclass
class LedgerRow:
    province: str
    regency: str
    regency_id: int
    year: int
    official_value: Decimal | None = None
    official_units: int | None = None
    realised_value: Decimal = Decimal(0)
    realised_deals: int = 0
    realised_vendors: int = 0
    official_change: Decimal | None = None  # fraction, e.g. -0.215
    realised_change: Decimal | None = None


def _change(now: Decimal | None, before: Decimal | None) -> Decimal | None:
    if now is None or not before:
        return None
    return (Decimal(now) - Decimal(before)) / Decimal(before)


def export_ledger(
    *, province_id: int | None = None, year: int | None = None, regency_ids: Scope = None
) -> list[LedgerRow]:
    """Per regency and year: the official figure beside the shipped deals recorded here.

    "Change" compares with the same regency's previous calendar year.
    """
    stats = _within(
        RegencyExportStat.objects.select_related("regency__province"), "regency", regency_ids
    )
    deals = _within(
        Deal.objects.filter(stage=Deal.Stage.SHIPPED, vendor__regency__isnull=False),
        "vendor__regency",
        regency_ids,
    )
    if province_id:
        stats = stats.filter(regency__province_id=province_id)
        deals = deals.filter(vendor__regency__province_id=province_id)
    rows: dict[tuple[int, int], LedgerRow] = {}
    for stat in stats:
        rows[(stat.regency_id, stat.year)] = LedgerRow(
            province=stat.regency.province.name,
            regency=stat.regency.name,
            regency_id=stat.regency_id,
            year=stat.year,
            official_value=stat.value_idr,
            official_units=stat.units,
        )
    realised = (
        deals.annotate(year=ExtractYear("date"))
        .values(
            "vendor__regency", "vendor__regency__name", "vendor__regency__province__name", "year"
        )
        .annotate(v=Sum("amount_idr"), n=Count("pk"), units=Count("vendor", distinct=True))
    )
    for item in realised:
        key = (item["vendor__regency"], item["year"])
        row = rows.get(key) or rows.setdefault(
            key,
            LedgerRow(
                province=item["vendor__regency__province__name"],
                regency=item["vendor__regency__name"],
                regency_id=item["vendor__regency"],
                year=item["year"],
            ),
        )
        row.realised_value = item["v"] or Decimal(0)
        row.realised_deals = item["n"]
        row.realised_vendors = item["units"]
    for (regency_id, row_year), row in rows.items():
        before = rows.get((regency_id, row_year - 1))
        if before is not None:
            row.official_change = _change(row.official_value, before.official_value)
            row.realised_change = _change(row.realised_value or None, before.realised_value)
    result = sorted(rows.values(), key=lambda r: (r.province, r.regency, r.year))
    if year:
        result = [r for r in result if r.year == year]
    return result


# --- Market finder ---------------------------------------------------------------------------


@dataclass
class MarketCell:
    interests: int = 0
    favourites: int = 0
    inquiries: int = 0

    @property
    def total(self) -> int:
        return self.interests + self.favourites + self.inquiries


@dataclass
class MarketMatrix:
    countries: list[tuple[str, str]] = field(default_factory=list)  # (code, name)
    categories: list[Category] = field(default_factory=list)
    cells: dict[tuple[int, str], MarketCell] = field(default_factory=dict)

    def rows(self) -> list[tuple[Category, list[tuple[str, MarketCell]]]]:
        return [
            (
                cat,
                [
                    (code, self.cells.get((cat.pk, code), MarketCell()))
                    for code, _ in self.countries
                ],
            )
            for cat in self.categories
        ]


def top_category_ids() -> dict[int, int]:
    """Every category id → the id of its top-level category (the tree has two levels)."""
    return {pk: parent or pk for pk, parent in Category.objects.values_list("pk", "parent_id")}


def market_demand(*, country: str = "", regency_ids: Scope = None) -> MarketMatrix:
    """Demand by destination country × top-level category: buyers interested in the category,
    favourites of its products and inquiries about them. Buyers' interests belong to no region;
    favourites and inquiries count only products of the scope's regencies."""
    top = top_category_ids()
    cells: dict[tuple[int, str], MarketCell] = defaultdict(MarketCell)
    interests = BuyerProfile.interests.through.objects.values_list(
        "category_id", "buyerprofile__country"
    ).annotate(n=Count("pk"))
    favourites = (
        _within(
            Favourite.objects.filter(product__isnull=False, user__buyer_profile__isnull=False),
            "product__vendor__regency",
            regency_ids,
        )
        .values_list("product__category_id", "user__buyer_profile__country")
        .annotate(n=Count("pk"))
    )
    inquiries = (
        _within(Inquiry.objects.filter(product__isnull=False), "vendor__regency", regency_ids)
        .values_list("product__category_id", "destination_country")
        .annotate(n=Count("pk"))
    )
    for source, attr in (
        (interests, "interests"),
        (favourites, "favourites"),
        (inquiries, "inquiries"),
    ):
        for category_id, code, n in source:
            if country and code != country:
                continue
            cell = cells[(top[category_id], code)]
            setattr(cell, attr, getattr(cell, attr) + n)
    codes = {code for _, code in cells}
    country_totals = {
        code: sum(c.total for (_, k), c in cells.items() if k == code) for code in codes
    }
    category_totals = defaultdict(int)
    for (cat_id, _), cell in cells.items():
        category_totals[cat_id] += cell.total
    countries = sorted(codes, key=lambda code: (-country_totals[code], code))
    categories = sorted(
        Category.objects.filter(pk__in=category_totals),
        key=lambda cat: (-category_totals[cat.pk], cat.position, cat.name_en),
    )
    return MarketMatrix(
        countries=[(code, country_name(code)) for code in countries],
        categories=categories,
        cells=dict(cells),
    )


def market_vendors(
    *, category: Category, country: str, regency_ids: Scope = None
) -> QuerySet[Vendor]:
    """Verified vendors with published products in the category (or its children), those that
    already export to the country first."""
    category_ids = [category.pk, *category.children.values_list("pk", flat=True)]
    published = Q(products__status=Product.Status.PUBLISHED, products__category_id__in=category_ids)
    return (
        _within(Vendor.objects.public(), "regency", regency_ids)
        .filter(published)
        .select_related("regency__province")
        .annotate(
            product_count=Count("products", filter=published, distinct=True),
            exports_there=Count(
                "pk", filter=Q(export_countries__contains=[country]), distinct=True
            ),
        )
        .order_by("-exports_there", "-product_count", "name")
    )


def market_country_totals(matrix: MarketMatrix) -> list[Row]:
    """Total demand per country of the matrix, for its chart (the matrix is its table)."""
    return [
        Row(label=name, value=sum(cell.total for (_, c), cell in matrix.cells.items() if c == code))
        for code, name in matrix.countries
    ]
