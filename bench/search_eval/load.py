"""Load the search evaluation's products into a database through the real services.

    createdb expo_searcheval
    DATABASE_URL=postgres://postgres@127.0.0.1:5432/expo_searcheval \\
        .venv/bin/python bench/search_eval/load.py

Migrates, then creates each business of products.json (owner, location, contact, profile,
submitted and verified by a curator) and each of its products (created and published), so that
everything is public and its search text is what the services compute. Idempotent: a business
is found again by its NIB, a product by its business and Indonesian name; a second run updates
what changed in products.json and archives the business's products that left it. Use a database
of its own: products of other businesses would take places on the result pages.

products.json keeps the category slugs from before migration 0012 split the compound
subcategories ("Lobster dan kerapu"); a product of a split one is filed where that migration
re-filed the demo's (`catalog.categories.split_half`), so the database is what a migrated
catalogue holds (before, groupers sat in the category now named "Lobster").
"""

import json
import logging
import os
import sys
from decimal import Decimal
from pathlib import Path

HERE = Path(__file__).resolve().parent
ROOT = HERE.parents[1]
sys.path.insert(0, str(ROOT))

EMAIL_DOMAIN = "search-eval.invalid"
CURATOR = f"curator@{EMAIL_DOMAIN}"
# Rough prices and units by category: the evaluation judges words, not prices.
PRICES = {"kopi": 85000, "teh": 45000, "madu-gula": 60000, "lobster-kerapu": 350000,
          "udang": 120000, "mebel-kayu": 4500000, "mebel-rotan": 1800000, "batik": 350000,
          "kain-tenun": 900000, "tenun-ikat": 750000, "perhiasan": 450000}  # fmt: skip
UNITS = {"lobster-kerapu": "kg", "udang": "kg", "pupuk": "sack", "arang-briket": "kg"}


def nib_for(index: int) -> str:
    return f"95{index:011d}"


def load(data: dict) -> tuple[int, int]:
    from django.core.management import call_command
    from django.db import transaction

    from accounts.models import User
    from catalog import services as catalog_services
    from catalog.categories import CATEGORY_SPLITS, categories_load, split_half
    from catalog.models import Category, Product
    from core.models import Regency
    from vendors import services as vendor_services
    from vendors.models import Vendor

    call_command("migrate", verbosity=0)
    categories_load(category_model=Category)
    categories = {c.slug: c for c in Category.objects.all()}
    curator, _ = User.objects.get_or_create(email=CURATOR, defaults={"is_staff": True})

    products_by_business: dict[str, list[dict]] = {}
    for product in data["products"]:
        products_by_business.setdefault(product["business"], []).append(product)

    created = 0
    for index, business in enumerate(data["businesses"], start=1):
        with transaction.atomic():
            owner, _ = User.objects.get_or_create(email=f"{business['key']}@{EMAIL_DOMAIN}")
            vendor = Vendor.objects.filter(nib=nib_for(index)).first()
            if vendor is None:
                vendor = vendor_services.vendor_create(
                    owner=owner, name=business["name"], legal_form=business["legal_form"],
                    nib=nib_for(index),
                )  # fmt: skip
            regency = Regency.objects.get(code=business["regency"])
            if vendor.regency_id != regency.pk:
                vendor_services.vendor_location_update(
                    vendor=vendor, regency=regency, address=f"{regency.name}"
                )
            if not vendor.whatsapp:
                vendor_services.vendor_contact_update(vendor=vendor, whatsapp="+6281234567890")
            if vendor.description_id != business["description_id"]:
                vendor_services.vendor_profile_update(
                    vendor=vendor, description_id=business["description_id"]
                )
            if vendor.status in (Vendor.Status.DRAFT, Vendor.Status.REJECTED):
                vendor_services.vendor_certifications_done(vendor=vendor)
                vendor = vendor_services.vendor_submit(vendor=vendor, by=owner)
            if vendor.status != Vendor.Status.VERIFIED:
                vendor = vendor_services.vendor_verify(vendor=vendor, by=curator)

            wanted = products_by_business.get(business["key"], [])
            existing = {p.name_id: p for p in Product.objects.filter(vendor=vendor)}
            for item in wanted:
                slug = item["category"]
                if slug in CATEGORY_SPLITS:  # filed as migration 0012 re-filed the demo's
                    slug = split_half(
                        slug,
                        name=f"{item['name_id']} {item['name_en']}",
                        description=f"{item['description_id']} {item['description_en']}",
                    )
                category = categories[slug]
                fields = {
                    "category": category,
                    "name_id": item["name_id"],
                    "name_en": item["name_en"],
                    "description_id": item["description_id"],
                    "description_en": item["description_en"],
                    "price_min_idr": Decimal(PRICES.get(item["category"], 50000)),
                    "unit": UNITS.get(item["category"], "piece"),
                    "moq": 10,
                    "shelf_life_days": 180 if category.is_food else None,
                }
                product = existing.get(item["name_id"])
                if product is None:
                    product = catalog_services.product_create(vendor=vendor, **fields)
                    created += 1
                elif any(getattr(product, k) != v for k, v in fields.items()):
                    product = catalog_services.product_update(product=product, **fields)
                if product.status != Product.Status.PUBLISHED:
                    catalog_services.product_publish(product=product)
            names = {item["name_id"] for item in wanted}
            for name, product in existing.items():
                if name not in names and product.status == Product.Status.PUBLISHED:
                    catalog_services.product_archive(product=product)
    return len(data["businesses"]), created


def main() -> None:
    if not os.environ.get("DATABASE_URL"):
        sys.exit("Set DATABASE_URL to the evaluation's own database (e.g. expo_searcheval).")
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "config.settings")
    import django

    django.setup()
    from catalog.models import Product

    # The owners have no verified address: the curators' "nobody to tell" report is expected.
    logging.getLogger("vendors.notify").setLevel(logging.CRITICAL)

    data = json.loads((HERE / "products.json").read_text())
    businesses, created = load(data)
    public = Product.objects.public().count()
    print(f"{businesses} businesses, {created} products created, {public} public products.")
    if public != len(data["products"]):
        print(f"Note: the database holds {public - len(data['products'])} other public products.")


if __name__ == "__main__":
    main()
