"""Reads for the catalogue: search with filters and facet counts, product pages, cards.

Query counts do not grow with the page: cards come with their vendor, regency and first ready
photo in a fixed number of queries.
"""

import dataclasses
import hashlib
from dataclasses import dataclass, field
from decimal import Decimal
from functools import cached_property

from django.contrib.postgres.search import SearchQuery, SearchRank
from django.core.cache import cache
from django.core.exceptions import EmptyResultSet
from django.db import connection
from django.db.models import (
    Case,
    Count,
    Exists,
    F,
    OuterRef,
    Prefetch,
    Q,
    QuerySet,
    Sum,
    Value,
    When,
)
from django.db.models.functions import Coalesce
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import ngettext

from catalog.models import Category, Product, ProductImage, ProductViewDay, SearchLog
from catalog.search_text import query_words
from catalog.vocabulary import corrections, query_groups, tsquery_texts
from core.models import Image, Province, Regency
from vendors.models import Certification, Vendor, VendorMember
from vendors.selectors import Task

PAGE_SIZE = 24
# The catalogue counts no further than this ("1,000+ products"), and a search ranks only its
# newest matches this many: at 100,000 products, counting every row and ranking every match of a
# common word were the page's whole cost.
COUNT_CAP = 1_000
RANK_WINDOW = 1_000
OFFSET_PAGES = 40  # pages reached by `page=` (OFFSET); deeper ones continue after a product id
FACETS_SECONDS = 60  # facet counts may lag a minute behind; the results themselves never do
CATEGORIES_SECONDS = 600
SORTS = ("relevance", "newest", "price_asc", "price_desc")


def ready_photos() -> QuerySet[ProductImage]:
    return ProductImage.objects.filter(image__status=Image.Status.READY).select_related("image")


def photo_shown_publicly(photo: ProductImage) -> bool:
    """Whether public pages show this photo: only ready photos of public products are shown
    (`ready_photos`). A row already gone (deleted with its product) counts as shown."""
    image = (
        photo.image
        if ProductImage.image.is_cached(photo)
        else Image.objects.filter(pk=photo.image_id).only("status").first()
    )
    product = (
        photo.product
        if ProductImage.product.is_cached(photo)
        else Product.objects.filter(pk=photo.product_id).only("is_public").first()
    )
    if image is None or product is None:
        return True
    return image.status == Image.Status.READY and product.is_public


def product_image_hidden(image_id: int) -> bool:
    """True when the image is a photo of a product that no public page shows (a draft)."""
    return ProductImage.objects.filter(image_id=image_id, product__is_public=False).exists()


def product_cards(queryset: QuerySet[Product] | None = None) -> QuerySet[Product]:
    """Products with what a card shows; `product.photos` holds the ready photos in order."""
    queryset = Product.objects.all() if queryset is None else queryset
    return (
        queryset.select_related("vendor__regency", "category")
        .defer("description_id", "description_en", "search_vector", "hidden_reason")
        .prefetch_related(Prefetch("images", queryset=ready_photos(), to_attr="photos"))
    )


def product_cards_by_id(ids: list[int]) -> list[Product]:
    """Cards for these products, in this order (one query plus one for the photos)."""
    by_id = {p.pk: p for p in product_cards(Product.objects.filter(pk__in=ids))}
    return [by_id[pk] for pk in ids if pk in by_id]


CATEGORY_TREE_KEY = "catalog:category-tree"


def category_tree() -> list[Category]:
    """Top categories with `.subcategories` (cached: the tree changes only in the admin)."""
    tree = cache.get(CATEGORY_TREE_KEY)
    if tree is None:
        categories = list(Category.objects.all())
        tree = [c for c in categories if c.parent_id is None]
        for top in tree:
            top.subcategories = [c for c in categories if c.parent_id == top.pk]
        cache.set(CATEGORY_TREE_KEY, tree, CATEGORIES_SECONDS)
    return tree


def search_query(text: str, *, weights: str = "") -> SearchQuery | None:
    """Every word of the query (filler words aside) must match, each through any of its
    alternatives (`catalog.vocabulary`): the word, its stem, its spellings and synonyms, and its
    English stem ("baskets" → "basket"). With `weights`, only there ("A": the name; "ABD": the
    name, the subcategory or the region, what a product *is*, not what its description mentions).
    None when the query has no word at all."""
    query = None
    for simple, english in tsquery_texts(query_groups(text), weights=weights):
        group = SearchQuery(simple, config="simple", search_type="raw") | SearchQuery(
            english, config="english", search_type="raw"
        )
        query = group if query is None else query & group
    return query


@dataclass(frozen=True)
class CatalogueFilters:
    q: str = ""
    category: Category | None = None
    province: Province | None = None
    regency: Regency | None = None
    certification: str = ""
    min_price: Decimal | None = None
    max_price: Decimal | None = None
    export_ready: bool = False
    sort: str = "relevance"
    # Only products whose name, subcategory or region has every word (a relaxed query).
    strong_only: bool = False

    @cached_property
    def search(self) -> SearchQuery | None:
        """The query's `search_query`, built once: a page filters by it up to six times, and
        each build read the vocabulary from the cache. A relaxed query (`strong_only`) matches
        names, subcategories and regions only."""
        return search_query(self.q, weights="ABD" if self.strong_only else "")

    def category_ids(self) -> list[int]:
        if self.category is None:
            return []
        ids = [self.category.pk]
        for top in category_tree():
            if top.pk == self.category.pk:
                ids += [c.pk for c in top.subcategories]
        return ids

    def cache_key(self) -> str:
        parts = [
            self.q.strip().lower(),
            self.category and self.category.pk,
            self.province and self.province.pk,
            self.regency and self.regency.pk,
            self.certification,
            self.min_price,
            self.max_price,
            self.export_ready,
            self.strong_only,
        ]
        return "catalog:facets:" + hashlib.sha256(repr(parts).encode()).hexdigest()[:32]


def _filtered(filters: CatalogueFilters, *, without: str = "") -> QuerySet[Product]:
    """Public products matching every filter except `without` (for that facet's counts)."""
    qs = Product.objects.public()
    if filters.q.strip():
        query = filters.search
        qs = qs.filter(search_vector=query) if query is not None else qs.none()
    if filters.category and without != "category":
        qs = qs.filter(category_id__in=filters.category_ids())
    if filters.province and without not in ("province", "regency"):
        qs = qs.filter(province=filters.province)
    if filters.regency and without != "regency":
        qs = qs.filter(vendor__regency=filters.regency)
    if filters.certification and without != "certification":
        qs = qs.filter(certification_kinds__contains=[filters.certification])
    if filters.min_price is not None:
        qs = qs.filter(
            Q(price_max_idr__gte=filters.min_price) | Q(price_min_idr__gte=filters.min_price)
        )
    if filters.max_price is not None:
        qs = qs.filter(price_min_idr__lte=filters.max_price)
    if filters.export_ready and without != "export_ready":
        qs = qs.filter(export_ready=True)
    return qs


# Each order as (field, descending); the last field is unique, so a page can start after a row.
# The partial indexes `catalog_public_*` (catalog/models.py) follow these orders.
ORDERS = {
    "relevance": (("featured", True), ("published_at", True), ("id", True)),
    "newest": (("published_at", True), ("id", True)),
    "price_asc": (("price_min_idr", False), ("id", False)),
    "price_desc": (("price_min_idr", True), ("id", True)),
}


def _order_by(order) -> list:
    return [F(name).desc() if desc else F(name).asc() for name, desc in order]


def _ranked(filters: CatalogueFilters) -> bool:
    return bool(filters.q.strip()) and filters.sort == "relevance"


def catalogue_search(filters: CatalogueFilters) -> QuerySet[Product]:
    """The matching public products as cards, in the chosen listing order (`.values_list("pk")`
    of it orders ids only). A search by best match is ordered by `ranked_matches`."""
    return product_cards(_filtered(filters).order_by(*_order_by(ORDERS[filters.sort])))


# A search shows what its words name first: products whose name, subcategory or region has every
# word ("strong"), those with every word in the name first of all; products that have a word only
# in their description ("gula aren" in the ingredients of a ginger drink) come after them, and
# once this many strong matches are found, not at all.
STRONG_ENOUGH = 5


def ranked_matches(filters: CatalogueFilters) -> tuple[list[int], int]:
    """A search's best matches (ids, best first) and how many matches there are, counted no
    further than `COUNT_CAP + 1`.

    One walk down the newest-first index gives the newest matches with their rank and tier, as
    many as the count needs; the newest `RANK_WINDOW` of them are ranked here. Ranking every
    match of a common word cost more than the rest of the page, and counting and ranking in two
    queries walked the index twice.
    """
    query = filters.search
    if query is None:
        return [], 0
    in_name = search_query(filters.q, weights="A")
    strong = search_query(filters.q, weights="ABD")
    rows = list(
        _filtered(filters)
        .order_by(*_order_by(ORDERS["newest"]))
        .annotate(
            rank=SearchRank(F("search_vector"), query),
            strong=Case(When(search_vector=strong, then=True), default=False),
            in_name=Case(When(search_vector=in_name, then=True), default=False),
        )
        .values_list("strong", "in_name", "rank", "featured", "published_at", "pk")[
            : max(COUNT_CAP, RANK_WINDOW) + 1
        ]
    )
    total = len(rows)
    window = rows[:RANK_WINDOW]
    if sum(row[0] for row in window) >= STRONG_ENOUGH:
        window = [row for row in window if row[0]]
        if total <= RANK_WINDOW:
            total = len(window)
    # As `ORDER BY strong, in_name, rank DESC` then ORDERS["relevance"] would (NULL dates first
    # when descending).
    window.sort(key=lambda r: (r[0], r[1], r[2], r[3], r[4] is None, r[4] or 0, r[5]), reverse=True)
    return [pk for *_, pk in window], total


def _after(order, row: dict) -> Q:
    """Rows that come after `row` in `order` (PostgreSQL puts NULLs first when descending)."""
    (name, desc), rest = order[0], order[1:]
    value = row[name]
    if value is None:  # only a descending order has rows after a NULL: every non-NULL one
        after = Q(**{f"{name}__isnull": False}) if desc else Q(pk__in=[])
    else:
        after = Q(**{f"{name}__lt" if desc else f"{name}__gt": value})
    if not rest:
        return after
    same = Q(**{f"{name}__isnull": True}) if value is None else Q(**{name: value})
    return after | (same & _after(rest, row))


def capped_count(queryset: QuerySet, cap: int | None = None) -> int:
    """How many rows, counting no further than `cap + 1` (more than `cap` means "cap+").

    Counted in the newest-first order: the planner then walks the partial index
    `catalog_public_newest` and stops at the cap, where without an order it chose to read the
    whole table (it cannot tell that matching a search vector row by row is slow).
    """
    cap = COUNT_CAP if cap is None else cap
    return queryset.order_by(*_order_by(ORDERS["newest"])).values("pk")[: cap + 1].count()


@dataclass
class CataloguePage:
    """One page of the catalogue. `count` stops at COUNT_CAP (then `count_capped` is true);
    `num_pages` is the last numbered page (deeper ones exist when the count is capped)."""

    object_list: list
    number: int
    count: int
    count_capped: bool
    num_pages: int
    has_next: bool
    next_after: int | None = None  # the next page starts after this product (no offset)
    # A search by best match: the ids of every match it ranked (all of them unless the count
    # is capped); the facet counts are counted over these.
    candidates: list[int] | None = None

    @property
    def has_previous(self) -> bool:
        return self.number > 1

    @property
    def previous_page_number(self) -> int:
        return self.number - 1

    @property
    def previous_by_offset(self) -> bool:
        """Whether the previous page has a number (deeper ones are reached only forwards)."""
        return self.number - 1 <= OFFSET_PAGES

    @property
    def next_page_number(self) -> int:
        return self.number + 1

    @property
    def has_other_pages(self) -> bool:
        return self.has_previous or self.has_next


def _positive(raw) -> int | None:
    try:
        value = int(raw)
    except (TypeError, ValueError):
        return None
    return value if value > 0 else None


def catalogue_page(filters: CatalogueFilters, *, page=None, after=None) -> CataloguePage:
    """The cards of one page, the capped count and how to reach the next page.

    Pages up to OFFSET_PAGES are numbered (`page=`, an OFFSET); from there on the next page
    starts after the last product shown (`after=<id>`; the page number travels along for display
    only), so a deep page costs what the first one does. A search by best match pages through
    its ranked window only.
    """
    ranked = _ranked(filters)
    number = _positive(page) or 1
    if ranked:
        matches, total = ranked_matches(filters)
        last = max(1, -(-len(matches) // PAGE_SIZE))
        number = min(number, last)
        ids = matches[(number - 1) * PAGE_SIZE : number * PAGE_SIZE]
        has_next = number < last
        return CataloguePage(
            object_list=product_cards_by_id(ids),
            number=number,
            count=min(total, COUNT_CAP),
            count_capped=total > COUNT_CAP,
            num_pages=last,
            has_next=has_next,
            candidates=matches,
        )
    ids_qs = catalogue_search(filters).values_list("pk", flat=True)
    total = capped_count(_filtered(filters))
    count = min(total, COUNT_CAP)
    last = max(1, -(-count // PAGE_SIZE))
    order, row = ORDERS[filters.sort], None
    if after and _positive(after):
        fields = [name for name, _desc in order]
        row = Product.objects.filter(pk=_positive(after)).values(*fields).first()
    if row is not None:
        ids = list(ids_qs.filter(_after(order, row))[: PAGE_SIZE + 1])
        has_next = len(ids) > PAGE_SIZE
        ids = ids[:PAGE_SIZE]
    else:
        number = min(number, last, OFFSET_PAGES)
        start = (number - 1) * PAGE_SIZE
        ids = list(ids_qs[start : start + PAGE_SIZE])
        has_next = number < last
    deep_next = has_next and number + 1 > OFFSET_PAGES
    return CataloguePage(
        object_list=product_cards_by_id(ids),
        number=number,
        count=count,
        count_capped=total > COUNT_CAP,
        num_pages=last,
        has_next=has_next,
        next_after=ids[-1] if deep_next and ids else None,
    )


@dataclass
class FacetValue:
    value: str
    label: str
    count: int
    selected: bool = False


@dataclass
class Facets:
    categories: list[FacetValue] = field(default_factory=list)
    provinces: list[FacetValue] = field(default_factory=list)
    regencies: list[FacetValue] = field(default_factory=list)
    certifications: list[FacetValue] = field(default_factory=list)
    export_ready: int = 0
    capped: bool = False  # counted over a search's first COUNT_CAP matches: "at least"


# Each facet: the column it counts, and the filter it leaves out of its own counts.
FACET_COLUMNS = {
    "category": "category_id",
    "province": "province_id",
    "regency": "vendor__regency_id",
    "certification": "certification_kinds",
    "export_ready": "export_ready",
}
PLACES_KEY = "catalog:facet-places"


def _places() -> tuple[dict, dict]:
    """{id: (slug, name)} of provinces and of regencies (cached: regions change by migration)."""
    places = cache.get(PLACES_KEY)
    if places is None:
        places = tuple(
            {pk: (slug, name) for pk, slug, name in model.objects.values_list("pk", "slug", "name")}
            for model in (Province, Regency)
        )
        cache.set(PLACES_KEY, places, CATEGORIES_SECONDS)
    return places


def _own_filter_set(filters: CatalogueFilters, facet: str) -> bool:
    """Whether `facet`'s counts leave out a filter the buyer chose (then they need a base of
    their own; the others share the filtered products)."""
    return {
        "category": filters.category is not None,
        "province": filters.province is not None or filters.regency is not None,
        "regency": filters.regency is not None,
        "certification": bool(filters.certification),
        "export_ready": filters.export_ready,
    }[facet]


def _grouped_counts(base: QuerySet[Product], facets: list[str]) -> dict[str, list[tuple]]:
    """{facet: [(value, products)]} for these facets over `base`, in one scan of it
    (GROUPING SETS); a certification value is a product's list of kinds."""
    columns = [FACET_COLUMNS[f] for f in facets]
    try:
        sql, params = base.order_by().values_list(*columns).query.sql_with_params()
    except EmptyResultSet:  # a filter that matches nothing (a search of operators only)
        return {f: [] for f in facets}
    names = [f"c{i}" for i in range(len(columns))]
    with connection.cursor() as cursor:
        cursor.execute(
            f"SELECT {', '.join(names)}, GROUPING({', '.join(names)}), count(*) "  # noqa: S608
            f"FROM ({sql}) AS matching({', '.join(names)}) "
            f"GROUP BY GROUPING SETS ({', '.join(f'({n})' for n in names)})",
            params,
        )
        rows = cursor.fetchall()
    full = (1 << len(names)) - 1
    counts = {f: [] for f in facets}
    for *values, grouping, n in rows:
        for i, facet in enumerate(facets):
            if grouping == full ^ (1 << (len(names) - 1 - i)):  # this row groups column i
                counts[facet].append((values[i], n))
    return counts


def _facet_counts(filters: CatalogueFilters, within: list[int] | None) -> dict[str, list[tuple]]:
    """{facet: [(value, products)]}. Facets whose own filter is not chosen share one query over
    the filtered products; each other facet has one over the products without its filter.

    A search counts over a bounded set: the matches it ranked (`within`), or the newest
    COUNT_CAP + 1 matches of each base. Counting every match of a common word, five times, cost
    a search more than the rest of its page (~1 s at 100,000 products on a busy machine); the
    counts are then "at least" (Facets.capped), as the page's own count is "1,000+".
    """
    searching = bool(filters.q.strip())

    def bounded(qs: QuerySet[Product]) -> QuerySet[Product]:
        if not searching:
            return qs
        newest = qs.order_by(*_order_by(ORDERS["newest"])).values("pk")[: COUNT_CAP + 1]
        return Product.objects.filter(pk__in=newest)

    shared = [f for f in FACET_COLUMNS if not _own_filter_set(filters, f)]
    counts = {}
    if shared:
        base = (
            Product.objects.filter(pk__in=within)
            if searching and within is not None
            else bounded(_filtered(filters))
        )
        counts.update(_grouped_counts(base, shared))
    for facet in FACET_COLUMNS:
        if facet not in shared:
            counts.update(_grouped_counts(bounded(_filtered(filters, without=facet)), [facet]))
    return counts


def catalogue_facets(
    filters: CatalogueFilters,
    *,
    refresh: bool = False,
    within: list[int] | None = None,
    capped: bool = False,
) -> Facets:
    """How many products each filter value would show, given the other filters (cached).

    `within`: a search's ranked matches, to count over (see `_facet_counts`); `capped`: the
    search has more matches than it counted (the counts read "at least").
    `refresh` recomputes them whatever the cache holds (the beat task that keeps the unfiltered
    catalogue's counts fresh, so that no visitor's request pays for them)."""
    key = filters.cache_key()
    raw = None if refresh else cache.get(key)
    if raw is None:
        counts = _facet_counts(filters, within)
        provinces, regencies = _places()
        by_category = dict(counts["category"])
        by_province = sorted(
            ((*provinces[pk], n) for pk, n in counts["province"] if pk in provinces),
            key=lambda row: (-row[2], row[1]),
        )
        by_regency = sorted(
            ((*regencies[pk], n) for pk, n in counts["regency"] if pk in regencies),
            key=lambda row: (-row[2], row[1]),
        )[:30]
        by_kind: dict[str, int] = {}
        for kinds, n in counts["certification"]:
            for kind in kinds or ():
                by_kind[kind] = by_kind.get(kind, 0) + n
        by_certification = list(by_kind.items())
        export_ready = sum(n for value, n in counts["export_ready"] if value)
        searched = bool(filters.q.strip())
        capped = searched and (
            capped or any(sum(n for _v, n in rows) > COUNT_CAP for rows in counts.values())
        )
        raw = (by_category, by_province, by_regency, by_certification, export_ready, capped)
        cache.set(key, raw, FACETS_SECONDS)
    by_category, by_province, by_regency, by_certification, export_ready, capped = raw

    facets = Facets(export_ready=export_ready, capped=capped)
    selected = filters.category
    for top in category_tree():
        count = by_category.get(top.pk, 0) + sum(
            by_category.get(c.pk, 0) for c in top.subcategories
        )
        if count:
            facets.categories.append(
                FacetValue(
                    top.slug, top.name, count, selected is not None and selected.pk == top.pk
                )
            )
        # Subcategories show under the chosen top category (or beside a chosen subcategory).
        if selected is not None and selected.pk in [top.pk] + [c.pk for c in top.subcategories]:
            for child in top.subcategories:
                if by_category.get(child.pk):
                    facets.categories.append(
                        FacetValue(
                            child.slug,
                            f"— {child.name}",
                            by_category[child.pk],
                            selected.pk == child.pk,
                        )
                    )
    province_slug = filters.province.slug if filters.province else ""
    facets.provinces = [FacetValue(s, n, c, s == province_slug) for s, n, c in by_province]
    regency_slug = filters.regency.slug if filters.regency else ""
    facets.regencies = [FacetValue(s, n, c, s == regency_slug) for s, n, c in by_regency]
    labels = dict(Certification.Kind.choices)
    facets.certifications = [
        FacetValue(kind, str(labels.get(kind, kind)), n, kind == filters.certification)
        for kind, n in sorted(by_certification, key=lambda item: -item[1])
    ]
    return facets


def product_detail(*, slug: str, user) -> Product | None:
    """The product page's product, or None when this person may not see it.

    The public sees published products of verified businesses; the business's own members and
    BI staff also see drafts and hidden ones (with a notice).
    """
    product = (
        Product.objects.select_related(
            "vendor__regency__province", "category__parent", "vendor__logo"
        )
        .prefetch_related(
            Prefetch("images", queryset=ready_photos(), to_attr="photos"),
            Prefetch("certifications", queryset=Certification.objects.order_by("kind")),
        )
        .filter(slug=slug)
        .first()
    )
    if product is None or product.shown_publicly:
        return product
    if user.is_authenticated and (
        user.is_staff
        or VendorMember.objects.filter(vendor_id=product.vendor_id, user=user).exists()
    ):
        return product
    return None


REGENCY_VENDORS_MAX = 200  # a regency holds few businesses; past this, its newest ones


def discovery_sections(*, product: Product, limit: int = 4) -> dict[str, list[Product]]:
    """The product page's other products, as cards: `more_from_vendor` (the business's newest),
    `related` (the same category, featured then newest) and `same_regency` (other businesses of
    the regency, newest first); `limit` each, never the product itself.

    Each list is one walk down an index for its ids (`vendor, -published_at`; `category, …`);
    the regency's businesses are picked first in a subquery, since a join from the products
    would walk the whole catalogue's newest-first index to find a small regency's products.
    The three lists of ids come in one query (UNION ALL), then the cards of all three in one
    query plus one for their photos.
    """
    public = Product.objects.public().exclude(pk=product.pk)
    newest = ("-published_at", "-id")

    def ids(name: str, queryset, order) -> QuerySet:
        return (
            queryset.order_by(*order)
            .annotate(section=Value(name))
            .values_list("pk", "section")[:limit]
        )

    parts = [
        ids("more_from_vendor", public.filter(vendor_id=product.vendor_id), newest),
        ids(
            "related",
            public.filter(category_id=product.category_id),
            _order_by(ORDERS["relevance"]),
        ),
    ]
    if product.vendor.regency_id is not None:
        vendors = (
            Vendor.objects.filter(
                regency_id=product.vendor.regency_id, status=Vendor.Status.VERIFIED
            )
            .exclude(pk=product.vendor_id)
            .order_by("-pk")
            .values("pk")[:REGENCY_VENDORS_MAX]
        )
        parts.append(ids("same_regency", public.filter(vendor_id__in=vendors), newest))
    # One round trip for the three lists of ids (each part keeps its own order and limit).
    rows = list(parts[0].union(*parts[1:], all=True))
    sections: dict[str, list[int]] = {"more_from_vendor": [], "related": [], "same_regency": []}
    for pk, name in rows:
        sections[name].append(pk)
    wanted = {pk for pk, _name in rows}
    cards = {}
    if wanted:
        cards = {p.pk: p for p in product_cards(Product.objects.filter(pk__in=wanted))}

    def pick(ids: list[int]) -> list[Product]:
        return [cards[pk] for pk in ids if pk in cards]

    return {name: pick(pks) for name, pks in sections.items()}


def vendor_products(*, vendor) -> QuerySet[Product]:
    """All of a vendor's products for its dashboard, with every photo and its status."""
    return (
        Product.objects.filter(vendor=vendor)
        .select_related("category")
        .defer("search_vector")
        .prefetch_related(
            Prefetch(
                "images",
                queryset=ProductImage.objects.select_related("image"),
                to_attr="all_photos",
            )
        )
        .order_by("-updated_at")
    )


def vendor_product_counts(vendor: Vendor) -> dict[str, int]:
    """The catalogue's figures on a business's dashboard home."""
    products = Product.objects.filter(vendor=vendor)
    return {
        "products": products.count(),
        "published_products": products.filter(status=Product.Status.PUBLISHED).count(),
        "views": ProductViewDay.objects.filter(product__vendor=vendor).aggregate(
            n=Coalesce(Sum("views"), 0)
        )["n"],
    }


# The dashboard's product list can show only the products that miss something.
MISSING_FILTERS = ("photos", "english")


def _missing_q(missing: str) -> Q:
    if missing == "photos":
        return ~Q(Exists(ProductImage.objects.filter(product=OuterRef("pk"))))
    return Q(name_en="") | Q(description_en="")


def vendor_products_missing(*, vendor, missing: str) -> QuerySet[Product]:
    """The vendor's products (not archived) without a photo (`photos`) or without their English
    name or description (`english`); every product when `missing` is neither."""
    products = vendor_products(vendor=vendor)
    if missing not in MISSING_FILTERS:
        return products
    return products.exclude(status=Product.Status.ARCHIVED).filter(_missing_q(missing))


def vendor_product_tasks(vendor: Vendor) -> list[Task]:
    """Products that buyers abroad will skip: without photos, without English. One query."""
    counts = (
        Product.objects.filter(vendor=vendor)
        .exclude(status=Product.Status.ARCHIVED)
        .aggregate(
            photos=Count("pk", filter=_missing_q("photos")),
            english=Count("pk", filter=_missing_q("english")),
        )
    )
    url = reverse("dashboard_products:list")
    tasks = []
    if counts["photos"]:
        label = ngettext(
            "%(count)d product has no photo",
            "%(count)d products have no photo",
            counts["photos"],
        ) % {"count": counts["photos"]}
        tasks.append(
            Task(label=label, url=f"{url}?missing=photos", count=counts["photos"], order=30)
        )
    if counts["english"]:
        label = ngettext(
            "%(count)d product has no English name or description",
            "%(count)d products have no English name or description",
            counts["english"],
        ) % {"count": counts["english"]}
        tasks.append(
            Task(label=label, url=f"{url}?missing=english", count=counts["english"], order=35)
        )
    return tasks


def public_vendor_products(vendor: Vendor) -> QuerySet[Product]:
    """The vendor's public products as catalogue cards (query count does not grow with them)."""
    return product_cards(Product.objects.public().filter(vendor=vendor).order_by("-published_at"))


@dataclass
class SearchOutcome:
    """What the catalogue shows: `filters` are those of the results (a corrected query's when
    `corrected_from` holds the query as typed)."""

    filters: CatalogueFilters
    page: CataloguePage
    corrected_from: str = ""


def relaxed(filters: CatalogueFilters) -> str | None:
    """A query of several words that no product has together, without the word that fails it:
    the words no product *is* (name, subcategory or region: "kids" in "shoes for kids"), else
    the rarest one ("ground coffee" → coffee). None for a query of one word. A query per word:
    run only when the query found nothing."""
    typed = query_words(filters.q)
    if len(typed) < 2:
        return None
    found = {
        word: capped_count(_filtered(dataclasses.replace(filters, q=word, strong_only=True)))
        for word in dict.fromkeys(typed)
    }
    failing = {w for w, n in found.items() if n == 0} or {min(found, key=found.__getitem__)}
    kept = [w for w in typed if w not in failing]
    return " ".join(kept) if kept else None


def catalogue_results(
    filters: CatalogueFilters, *, page=None, after=None, exact: bool = False
) -> SearchOutcome:
    """The page of results. A query that finds nothing is tried again (never when the query as
    typed finds something, nor when the buyer asked for exactly what they typed): with each
    unknown word replaced by a nearest word of the index (`corrections`, best first), then
    without the word that no product has with the others (`relaxed`), showing only products that
    *are* what the remaining words say (name, subcategory or region)."""
    shown = catalogue_page(filters, page=page, after=after)
    if shown.count or exact or not filters.q.strip():
        return SearchOutcome(filters, shown)
    for better in corrections(filters.q):
        fixed = dataclasses.replace(filters, q=better)
        fixed_page = catalogue_page(fixed, page=page, after=after)
        if fixed_page.count:
            return SearchOutcome(fixed, fixed_page, corrected_from=filters.q)
    fewer = relaxed(filters)
    if fewer:
        fixed = dataclasses.replace(filters, q=fewer, strong_only=True)
        fixed_page = catalogue_page(fixed, page=page, after=after)
        if fixed_page.count:
            return SearchOutcome(fixed, fixed_page, corrected_from=filters.q)
    return SearchOutcome(filters, shown)


def search_gaps(*, days: int, limit: int = 20) -> dict[str, list[dict]]:
    """The most frequent searches of the last `days` days that found nothing, and those whose
    results nobody opened (each with how often it was searched)."""
    since = timezone.now() - timezone.timedelta(days=days)
    recent = SearchLog.objects.filter(searched_at__gte=since).values("query", "language")
    zero = recent.filter(results=0).annotate(searches=Count("pk"))
    unopened = (
        recent.filter(results__gt=0)
        .annotate(searches=Count("pk"), opened_count=Count("pk", filter=Q(opened=True)))
        .filter(opened_count=0)
    )
    order = ("-searches", "query", "language")
    return {
        "zero": list(zero.order_by(*order)[:limit]),
        "unopened": list(unopened.order_by(*order).values("query", "language", "searches")[:limit]),
    }
