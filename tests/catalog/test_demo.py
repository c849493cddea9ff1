"""Demo products and the benchmark generator."""

import pytest
from django.core.management import call_command

from catalog.demo import DEMO_PRODUCTS, DRAFT_SLUG, HIDDEN_SLUG, seed_scale
from catalog.models import Category, Product
from core.models import Image

pytestmark = pytest.mark.django_db


def test_category_tree_covers_the_articles_products_and_marks_food(db):
    names = set(Category.objects.values_list("name_en", flat=True))
    for expected in [
        "Ikat weaving", "Woven sarongs", "Bamboo weaving", "Souvenirs and gifts",
        "Snacks", "Processed corn", "Fertilizer", "Charcoal", "Briquettes",
        "Garments and apparel", "Lobster", "Grouper", "Coffee", "Spices and seasonings",
        "Furniture", "Leather goods", "Batik", "Cosmetics and herbal products", "Home decor",
    ]:  # fmt: skip
        assert expected in names, expected
    assert all(c.parent is None or c.parent.parent is None for c in Category.objects.all())
    food = set(Category.objects.filter(is_food=True).values_list("slug", flat=True))
    assert {"camilan", "olahan-jagung", "lobster-kerapu", "kerapu", "kopi"} <= food
    assert not {"pupuk", "arang-briket", "tenun-ikat"} & food


def test_seed_demo_creates_products_with_processed_photos_and_is_idempotent(regions):
    call_command("seed_demo", verbosity=0)
    # Besides the catalogue: a draft at the owner's business and a product a curator hid.
    count = Product.objects.exclude(slug__in=[DRAFT_SLUG, HIDDEN_SLUG]).count()
    assert count == sum(len(rows) for rows in DEMO_PRODUCTS.values())
    assert Product.objects.public().count() == count
    assert Product.objects.get(slug=HIDDEN_SLUG).status == "hidden"
    product_photos = Image.objects.filter(product_image__isnull=False)
    assert set(product_photos.values_list("status", flat=True)) == {"ready"}
    call_command("seed_demo", verbosity=0)
    assert Product.objects.count() == count + 2
    assert product_photos.count() == count  # one photo each, not made again
    found = Product.objects.filter(search_vector="ikat").values_list("slug", flat=True)
    assert "sarung-tenun-ikat-parengan" in found


def test_seed_scale_adds_searchable_published_products_quickly(regions):
    assert seed_scale(60) == 60
    generated = Product.objects.filter(slug__startswith="scale-")
    assert generated.public().count() == 60
    assert generated.filter(images__image__status="ready").count() == 60
    assert generated.filter(search_vector="basket").exists()
    assert Image.objects.values("original").distinct().count() == 1  # one photo, shared
    assert seed_scale(20) == 20  # a second run adds, never collides
    assert Product.objects.filter(slug__startswith="scale-").count() == 80


def test_seed_scale_gives_the_filters_real_data(regions, capsys):
    seed_scale(160)  # 8 businesses of 20 products
    generated = Product.objects.filter(slug__startswith="scale-")
    assert generated.filter(certifications__kind="halal").count() == 2 * 10  # 2 businesses, half
    assert generated.filter(certifications__kind="sni").count() == 1 * 10
    assert generated.filter(export_ready=True).count() == 3 * 20  # businesses 0, 3 and 6
    call_command("catalog_public_rebuild")  # the bulk inserts set the copies right
    assert "province or export experience of 0 products." in capsys.readouterr().out
