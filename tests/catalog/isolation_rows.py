"""Every URL of `/<lang>/dashboard/products/` × role → status (see tests/isolation.py).

Objects are created in `world.vendor`; a member of another vendor gets 404 for them.
"""

from catalog.models import Product
from tests.catalog.factories import ProductImageFactory
from tests.factories import ProductFactory
from tests.isolation import Row, expect


def _product(world) -> dict:
    return {"pk": ProductFactory(vendor=world.vendor, status=Product.Status.DRAFT).pk}


def _photo(world) -> dict:
    photo = ProductImageFactory(product=ProductFactory(vendor=world.vendor))
    return {"pk": photo.product_id, "photo_pk": photo.pk}


ROWS = [
    Row("dashboard_products:list", expect(200, other_vendor=200)),
    Row("dashboard_products:create", expect(200, other_vendor=200)),
    Row("dashboard_products:edit", expect(200), kwargs=_product),
    Row("dashboard_products:duplicate", expect(302), kwargs=_product, method="post"),
    Row("dashboard_products:archive", expect(302), kwargs=_product, method="post"),
    Row(
        "dashboard_products:publish",
        expect(302),
        kwargs=_product,
        method="post",
        data=lambda world: {"action": "publish"},
    ),
    # No files: the form answers 400 with its error, nothing stored.
    Row("dashboard_products:photo_upload", expect(400), kwargs=_product, method="post"),
    Row(
        "dashboard_products:photo_reorder",
        expect(302),
        kwargs=_photo,
        method="post",
        data=lambda world: {"direction": "down"},
    ),
    Row(
        "dashboard_products:photo_alt",
        expect(302),
        kwargs=_photo,
        method="post",
        data=lambda world: {"alt_id": "Sarung", "alt_en": "Sarong"},
    ),
    Row("dashboard_products:photo_delete", expect(302), kwargs=_photo, method="post"),
]
