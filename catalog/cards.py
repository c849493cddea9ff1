"""Product cards as cached HTML fragments: a listing of 24 cards spent most of its time rendering
them (the SQL of a search is a few milliseconds), and the same card shows on many pages.

A fragment's key is a digest of everything the card shows (the product's name, slug and prices,
its business and regency, its first photo, the language, the viewer's currency and rate, and the
card's templates), so an edit, a new photo or the next day's rate makes a new key: nothing needs
to be invalidated, and a stale card cannot be served. Each process keeps the fragments it used
last in memory; the rest come from the shared cache in one `get_many`, and only the missing ones
are rendered.

The link of a card is not in the fragment (search results send it through the search log's
redirect, `product.open_href`): it is put in as the card is shown.
"""

import hashlib
import threading
from collections import OrderedDict
from pathlib import Path

from django.conf import settings
from django.core.cache import cache
from django.template.loader import render_to_string
from django.utils.html import escape
from django.utils.safestring import SafeString, mark_safe
from django.utils.translation import get_language

from catalog.models import Product
from core.viewer import Viewer

CARD_TEMPLATE = "catalog/partials/product_card.html"
CARD_SECONDS = 24 * 3600
CARD_KEY = "catalog:card:{}"
HREF_MARK = "@@card-href@@"  # where the link goes; never part of a product's own text
LOCAL_CARDS = 3000  # ~1.5 KB each: a few MB per process


def _templates_digest() -> str:
    """The card's templates as they are on disk: a deploy that changes them changes every key."""
    digest = hashlib.sha256()
    for name in (CARD_TEMPLATE, "catalog/partials/price.html"):
        for folder in settings.TEMPLATES[0]["DIRS"]:
            path = Path(folder) / name
            if path.exists():
                digest.update(path.read_bytes())
    return digest.hexdigest()[:12]


_TEMPLATES = _templates_digest()
_local: OrderedDict[str, str] = OrderedDict()
_local_lock = threading.Lock()


def local_cards_clear() -> None:
    """Forget this process's fragments (the tests, between tests)."""
    _local.clear()


def _key(product: Product, viewer: Viewer | None, language: str) -> str:
    photo = product.photos[0] if product.photos else None
    image = photo.image if photo else None
    vendor = product.vendor
    shown = (
        _TEMPLATES, language, viewer,
        product.pk, product.slug, product.name, product.price_min_idr, product.price_max_idr,
        product.moq, product.unit, vendor.name, vendor.regency.name if vendor.regency else "",
        photo and (photo.pk, photo.alt),
        image and (image.pk, image.status, image.processed_at, image.width, image.height,
                   image.dominant_color, sorted(image.renditions) if image.renditions else None),
    )  # fmt: skip
    return CARD_KEY.format(hashlib.sha256(repr(shown).encode()).hexdigest()[:40])


def _remember(key: str, html: str) -> None:
    with _local_lock:  # gunicorn's threads share the copy (config/gunicorn.py)
        _local[key] = html
        _local.move_to_end(key)
        while len(_local) > LOCAL_CARDS:
            _local.popitem(last=False)


def card_fragments(products, *, viewer: Viewer | None) -> list[SafeString]:
    """The cards of `products` (from `catalog.selectors.product_cards()`), in order."""
    language = get_language() or ""
    keys = [_key(p, viewer, language) for p in products]
    found = {k: html for k in keys if (html := _local.get(k)) is not None}
    missing = [k for k in keys if k not in found]
    if missing:
        shared = cache.get_many(missing)
        found.update(shared)
        rendered = {}
        for product, key in zip(products, keys, strict=True):
            if key not in found:
                html = render_to_string(
                    CARD_TEMPLATE, {"product": product, "viewer": viewer, "card_href": HREF_MARK}
                )
                found[key] = rendered[key] = html
        if rendered:
            cache.set_many(rendered, CARD_SECONDS)
        for key in missing:
            _remember(key, found[key])
    cards = []
    for product, key in zip(products, keys, strict=True):
        href = getattr(product, "open_href", "") or product.get_absolute_url()
        cards.append(mark_safe(found[key].replace(HREF_MARK, escape(href), 1)))  # noqa: S308
    return cards
