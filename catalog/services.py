"""Writes on products and their photos. Each keeps `Product.search_vector` up to date."""

import datetime
import json
import logging
import uuid
from collections.abc import Iterable

from django.conf import settings
from django.core.cache import cache
from django.core.exceptions import ValidationError
from django.db import connection, models, transaction
from django.db.models import Count, Max
from django.utils import timezone
from django.utils.text import slugify
from django.utils.translation import gettext as _

from accounts.models import User
from catalog.models import (
    Category,
    Product,
    ProductImage,
    ProductViewDay,
    SearchLog,
    SearchSynonym,
    SearchVariant,
)
from catalog.search_index import search_vectors_write
from catalog.search_text import normalised, words
from catalog.selectors import CATEGORY_TREE_KEY
from catalog.signals import product_viewed
from catalog.vocabulary import vocabulary_changed
from core.buffer import RedisBuffer
from core.cache import public_pages_changed
from core.images import image_create, image_delete
from core.models import VisitEvent
from core.visits import daily_rows_write, visit_record
from vendors.models import Vendor
from vendors.notify import OWNER_ONLY, vendor_notify

logger = logging.getLogger(__name__)


def product_search_refresh(*, product_ids: list[int] | None = None, vendor: Vendor | None = None):
    """Recompute the search vectors of some products (all of a vendor's, or all when no filter).

    Vendors call it with `vendor=` after a move to another regency.
    """
    search_vectors_write(
        product_model=Product,
        product_ids=product_ids,
        vendor_id=vendor.pk if vendor is not None else None,
    )


# What a product copies from its business (see `Product.save()`), recomputed in one UPDATE;
# `RETURNING` says which of them changed.
VENDOR_COPIES_SQL = """
UPDATE catalog_product p
SET is_public = live.is_public, province_id = live.province_id, export_ready = live.export_ready
FROM (
    SELECT p.id, p.is_public AS was_public, p.province_id AS was_province,
           p.export_ready AS was_export_ready,
           p.status = 'published' AND v.status = 'verified' AS is_public,
           r.province_id,
           COALESCE(cardinality(v.export_countries), 0) > 0 AS export_ready
    FROM catalog_product p
    JOIN vendors_vendor v ON v.id = p.vendor_id
    LEFT JOIN core_regency r ON r.id = v.regency_id
    {where}
) live
WHERE p.id = live.id
  AND (p.is_public, p.province_id, p.export_ready)
      IS DISTINCT FROM (live.is_public, live.province_id, live.export_ready)
RETURNING live.was_public <> live.is_public,
          (live.was_province, live.was_export_ready)
          IS DISTINCT FROM (live.province_id, live.export_ready)
"""


def product_vendor_copies_refresh(*, vendor: Vendor | None = None) -> tuple[int, int]:
    """Recompute what products copy from their business (the `is_public` flag from the live
    statuses, the province, the export experience) for a vendor's products, or for all.

    Returns (products whose public flag changed, products whose province or export experience
    changed). Saving a product recomputes its own copies; this follows a business's
    status, regency or export experience (`catalog.receivers`) and repairs rows changed behind
    the services (`manage.py catalog_public_rebuild`).
    """
    where, params = ("WHERE p.vendor_id = %s", [vendor.pk]) if vendor is not None else ("", [])
    with connection.cursor() as cursor:
        cursor.execute(VENDOR_COPIES_SQL.format(where=where), params)
        changed = cursor.fetchall()
    return sum(flag for flag, _ in changed), sum(other for _, other in changed)


# The kinds of each product's valid certifications (see `Product.certification_kinds`), in one
# UPDATE of the rows that differ.
CERTIFICATION_KINDS_SQL = """
UPDATE catalog_product p SET certification_kinds = live.kinds
FROM (
    SELECT p.id, COALESCE(
        array_agg(DISTINCT c.kind ORDER BY c.kind)
            FILTER (WHERE c.id IS NOT NULL AND (c.expires_on IS NULL OR c.expires_on >= %s)),
        '{{}}')::varchar(10)[] AS kinds
    FROM catalog_product p
    LEFT JOIN catalog_product_certifications pc ON pc.product_id = p.id
    LEFT JOIN vendors_certification c ON c.id = pc.certification_id
    {where}
    GROUP BY p.id
) live
WHERE p.id = live.id AND p.certification_kinds IS DISTINCT FROM live.kinds
"""


def product_certification_kinds_refresh(
    *, product_ids: Iterable[int] | None = None, vendor: Vendor | None = None
) -> int:
    """Recompute `certification_kinds` of some products (a vendor's, or all); returns how many
    changed. Called when certifications are linked or unlinked, when one changes or is deleted
    (`catalog.receivers`), every hour for the ones that expired, and by `catalog_public_rebuild`.
    """
    where, params = "", [timezone.localdate()]
    if product_ids is not None:
        where, params = "WHERE p.id = ANY(%s)", [*params, list(product_ids)]
    elif vendor is not None:
        where, params = "WHERE p.vendor_id = %s", [*params, vendor.pk]
    with connection.cursor() as cursor:
        cursor.execute(CERTIFICATION_KINDS_SQL.format(where=where), params)
        changed = cursor.rowcount
    if changed:
        public_pages_changed()  # the catalogue's certification filter shows other products
    return changed


def category_search_refresh(*, category: Category) -> None:
    """After a category is renamed: its products' (and its subcategories' products') vectors."""
    ids = Product.objects.filter(
        models.Q(category=category) | models.Q(category__parent=category)
    ).values_list("pk", flat=True)
    product_search_refresh(product_ids=list(ids))


@transaction.atomic
def category_save(*, category: Category, changed: Iterable[str] = ()) -> Category:
    """Staff add or edit a category: the cached menu is dropped, and when a name or the parent
    changed (`changed` holds the edited field names) its products' search text is recomputed."""
    adding = category._state.adding
    category.save()
    transaction.on_commit(lambda: cache.delete(CATEGORY_TREE_KEY))
    if not adding and {"name_id", "name_en", "parent"} & set(changed):
        category_search_refresh(category=category)  # category names are searchable
    return category


def _unique_slug(name: str) -> str:
    # A short random tail: two vendors may sell a "Sarung tenun ikat".
    base = slugify(name)[:200] or "produk"
    return f"{base}-{uuid.uuid4().hex[:6]}"


def _check_certifications(vendor: Vendor, certifications) -> None:
    if any(c.vendor_id != vendor.pk for c in certifications):
        raise ValidationError(_("Choose only your own certifications."), code="foreign_cert")


@transaction.atomic
def product_create(*, vendor: Vendor, certifications=(), **fields) -> Product:
    """A new draft product of `vendor`."""
    _check_certifications(vendor, certifications)
    product = Product(vendor=vendor, status=Product.Status.DRAFT, **fields)
    product.slug = _unique_slug(product.name_id or product.name_en)
    product.full_clean()
    product.save()
    product.certifications.set(certifications)
    product_search_refresh(product_ids=[product.pk])
    return product


@transaction.atomic
def product_update(*, product: Product, certifications=(), **fields) -> Product:
    if product.status == Product.Status.HIDDEN:
        raise ValidationError(_("A curator hid this product; it cannot be changed."))
    _check_certifications(product.vendor, certifications)
    for name, value in fields.items():
        setattr(product, name, value)
    product.full_clean()
    product.save()
    product.certifications.set(certifications)
    product_search_refresh(product_ids=[product.pk])
    return product


@transaction.atomic
def product_staff_save(*, product: Product) -> Product:
    """Staff add or edit a product in the admin, hidden ones too; its search text follows."""
    if not product.slug:
        product.slug = _unique_slug(product.name_id or product.name_en)
    product.save()
    product_search_refresh(product_ids=[product.pk])
    return product


@transaction.atomic
def product_duplicate(*, product: Product) -> Product:
    """A draft copy (without photos) to start a similar product from."""
    certifications = list(product.certifications.all())
    copy = Product.objects.get(pk=product.pk)
    copy.pk = None
    copy.id = None
    copy._state.adding = True
    copy.name_id = f"{product.name_id} (salinan)"[:200]
    copy.name_en = f"{product.name_en} (copy)"[:200] if product.name_en else ""
    copy.slug = _unique_slug(copy.name_id)
    copy.status = Product.Status.DRAFT
    copy.featured = False
    copy.published_at = None
    copy.hidden_reason, copy.hidden_by, copy.hidden_at = "", None, None
    copy.save()
    copy.certifications.set(certifications)
    product_search_refresh(product_ids=[copy.pk])
    return copy


@transaction.atomic
def product_archive(*, product: Product) -> Product:
    """Take a product off the catalogue for good (it stays in the dashboard)."""
    if product.status == Product.Status.HIDDEN:
        raise ValidationError(_("A curator hid this product; it cannot be changed."))
    product.status = Product.Status.ARCHIVED
    product.save(update_fields=["status", "updated_at"])
    return product


@transaction.atomic
def product_publish(*, product: Product) -> Product:
    """Show the product in the catalogue; only verified businesses publish."""
    product = Product.objects.select_for_update().select_related("vendor").get(pk=product.pk)
    if product.status == Product.Status.HIDDEN:
        raise ValidationError(_("A curator hid this product; it cannot be published."))
    if product.vendor.status != Vendor.Status.VERIFIED:
        raise ValidationError(
            _("Your business must be verified before its products can be published. "
              "You can keep preparing drafts."),
            code="not_verified",
        )  # fmt: skip
    product.full_clean()  # e.g. a food product copied without its shelf life
    product.status = Product.Status.PUBLISHED
    product.published_at = product.published_at or timezone.now()
    product.save(update_fields=["status", "published_at", "updated_at"])
    return product


@transaction.atomic
def product_unpublish(*, product: Product) -> Product:
    """Back to draft (from published or archived)."""
    if product.status == Product.Status.HIDDEN:
        raise ValidationError(_("A curator hid this product; it cannot be changed."))
    product.status = Product.Status.DRAFT
    product.save(update_fields=["status", "updated_at"])
    return product


@transaction.atomic
def product_hide(*, product: Product, reason: str, by: User) -> Product:
    """A curator takes the product off the catalogue; the vendor's owner is emailed why."""
    if not reason.strip():
        raise ValidationError(_("Give the reason: the business will read it."))
    product.status = Product.Status.HIDDEN
    product.hidden_reason = reason.strip()
    product.hidden_by = by
    product.hidden_at = timezone.now()
    product.featured = False
    product.save()
    vendor_notify(
        vendor=product.vendor,
        kind="product_hidden",
        template="catalog/email/product_hidden",
        context={"product": product, "reason": product.hidden_reason},
        links={"url": ("dashboard_products:edit", [product.pk])},
        roles=OWNER_ONLY,
    )
    return product


@transaction.atomic
def product_restore(*, product: Product) -> Product:
    """Undo a curator's hiding: back to draft, the vendor decides when to publish again."""
    product.status = Product.Status.DRAFT
    product.featured = False
    product.hidden_reason, product.hidden_by, product.hidden_at = "", None, None
    product.save()
    return product


@transaction.atomic
def product_feature(*, product: Product, featured: bool) -> Product:
    product.featured = featured and product.status == Product.Status.PUBLISHED
    product.save(update_fields=["featured", "updated_at"])
    return product


@transaction.atomic
def product_images_add(*, product: Product, uploads: list) -> list[ProductImage]:
    """Store the photos privately and queue their processing (on the `images` queue)."""
    product = Product.objects.select_for_update().get(pk=product.pk)  # two uploads at once
    existing = product.images.aggregate(count=Count("pk"), last=Max("position"))
    count = existing["count"]
    if count + len(uploads) > ProductImage.MAX_PER_PRODUCT:
        raise ValidationError(
            _("A product can have at most %(max)d photos; it has %(count)d.")
            % {"max": ProductImage.MAX_PER_PRODUCT, "count": count},
            code="too_many",
        )
    position = (existing["last"] or 0) + 1 if count else 0
    added = []
    for offset, upload in enumerate(uploads):
        image = image_create(upload=upload)
        added.append(
            ProductImage.objects.create(product=product, image=image, position=position + offset)
        )
    return added


@transaction.atomic
def product_image_move(*, photo: ProductImage, direction: str) -> None:
    """Swap the photo with its neighbour (`up` = earlier); the first one is the cover."""
    photos = list(ProductImage.objects.select_for_update().filter(product_id=photo.product_id))
    index = next(i for i, p in enumerate(photos) if p.pk == photo.pk)
    other = index - 1 if direction == "up" else index + 1
    if 0 <= other < len(photos):
        photos[index], photos[other] = photos[other], photos[index]
    for position, item in enumerate(photos):
        if item.position != position:
            item.position = position
            item.save(update_fields=["position"])


@transaction.atomic
def product_image_alt_set(*, photo: ProductImage, alt_id: str, alt_en: str) -> ProductImage:
    photo.alt_id, photo.alt_en = alt_id.strip(), alt_en.strip()
    photo.full_clean()
    photo.save(update_fields=["alt_id", "alt_en"])
    return photo


@transaction.atomic
def product_image_delete(*, photo: ProductImage) -> None:
    """Delete the photo; its files go after commit (see `image_delete`)."""
    image_delete(image=photo.image)  # cascades to the ProductImage


def product_view_record(*, product: Product, request) -> None:
    """For the product page: count a view of `product` (see `core.visits`, which also calls
    `product_view_announce` for it)."""
    visit_record(kind=VisitEvent.Kind.PRODUCT, object_id=product.pk, request=request)


def product_view_announce(*, object_id: int, request) -> None:
    """A signed-in person's view of a product is announced (buyers keeps their recently viewed
    products), whether the page was rendered for them or came from the shared cache."""
    if request.user.is_authenticated:
        product_viewed.send(sender=Product, product_id=object_id, user=request.user)


def product_view_days_write(rows: list[dict]) -> int:
    """`core.visits` hands over the recounted days of product views."""
    return daily_rows_write(rows, model=ProductViewDay, object_field="product", views_field="views")


# --- Search: the log of what buyers asked for, and the staff's vocabulary ---------------------

SEARCH_OPENED_SQL = """
UPDATE catalog_searchlog SET opened = true
WHERE id = (
    SELECT id FROM catalog_searchlog
    WHERE query = %s AND language = %s AND searched_at >= %s AND searched_at <= %s
    ORDER BY query, language, id DESC LIMIT 1
) AND NOT opened
"""
SEARCH_OPEN_WINDOW = timezone.timedelta(hours=1)
# An opening whose search is not in the database yet (still pending in another process) waits
# for the next flush this long; after that it marks nothing.
SEARCH_OPEN_WAIT = timezone.timedelta(minutes=3)
SEARCH_BUFFER_KEY = "catalog:search-log:buffer"


def _search_log_write(items: list[str]) -> tuple[int, list[str]]:
    """Store buffered searches, then mark the openings (oldest first) on the latest matching
    search before them; returns the openings that found no search yet and may still find one."""
    searches, openings = [], []
    for item in items:
        try:
            kind, query, language, *rest = json.loads(item)
            at = datetime.datetime.fromtimestamp(rest[-1], tz=datetime.UTC)
            if kind == "search":
                results = max(0, int(rest[0]))
                searches.append(
                    SearchLog(query=query[:200], language=language[:8], results=results,
                              searched_at=at)
                )  # fmt: skip
            elif kind == "open":
                openings.append((item, query, language, at))
        except (ValueError, TypeError, IndexError, OverflowError):
            logger.warning("Dropped a malformed buffered search: %r", item)
    waiting, marked = [], 0
    if not openings:  # one INSERT (the direct write without Redis: a search alone)
        SearchLog.objects.bulk_create(searches)
        return len(searches), []
    with transaction.atomic():
        SearchLog.objects.bulk_create(searches)
        with connection.cursor() as cursor:
            for item, query, language, at in sorted(openings, key=lambda o: o[3]):
                cursor.execute(SEARCH_OPENED_SQL, [query, language, at - SEARCH_OPEN_WINDOW, at])
                marked += cursor.rowcount
                if cursor.rowcount == 0 and timezone.now() - at < SEARCH_OPEN_WAIT:
                    waiting.append(item)
    return len(searches) + marked, waiting


_search_buffer = RedisBuffer(SEARCH_BUFFER_KEY, _search_log_write)


def search_log_record(*, query: str, language: str, results: int) -> None:
    """Log one search, nothing about who searched: buffered in Redis (no SQL on the request),
    stored by `search_log_flush` (the periodic task)."""
    text = normalised(query)
    if text:
        item = ["search", text, language[:8], results, timezone.now().timestamp()]
        _search_buffer.add(json.dumps(item))


def search_log_prune(*, keep_days: int | None = None) -> int:
    """Delete the searches older than `keep_days` (settings.SEARCH_LOG_KEEP_DAYS); returns how
    many. The gaps report reads 30 days at most: older rows only grew the table."""
    days = settings.SEARCH_LOG_KEEP_DAYS if keep_days is None else keep_days
    deleted, _by_model = SearchLog.objects.filter(
        searched_at__lt=timezone.now() - timezone.timedelta(days=days)
    ).delete()
    return deleted


def search_opened(*, query: str, language: str) -> None:
    """A result of this search was opened: its latest log row of the last hour gets marked when
    the buffer is flushed (after the search itself is stored)."""
    item = ["open", normalised(query), language[:8], timezone.now().timestamp()]
    _search_buffer.add(json.dumps(item))


def search_log_flush() -> int:
    """Move the buffered searches and openings into the search log; returns how many rows were
    stored or marked."""
    return _search_buffer.flush()


@transaction.atomic
def search_variant_save(*, variant: SearchVariant) -> SearchVariant:
    """Staff save a group of spellings (kept as normalised, comma-separated words)."""
    variant.full_clean()
    variant.words = ", ".join(variant.spellings())
    variant.save()
    vocabulary_changed()
    return variant


@transaction.atomic
def search_synonym_save(*, synonym: SearchSynonym) -> SearchSynonym:
    """Staff save a one-way synonym: searching `term` also finds `means`."""
    synonym.full_clean()
    synonym.term = " ".join(words(synonym.term))
    synonym.means = ", ".join(synonym.meanings())
    synonym.save()
    vocabulary_changed()
    return synonym


@transaction.atomic
def search_vocabulary_delete(*, entry: SearchVariant | SearchSynonym) -> None:
    entry.delete()
    vocabulary_changed()
