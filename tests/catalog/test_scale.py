"""What keeps the catalogue lean at scale: the `is_public` flag, capped counts, keyset pages."""

import re
from datetime import timedelta
from decimal import Decimal

import pytest
from django.core.management import call_command
from django.utils import timezone

from catalog import selectors
from catalog.models import Product
from catalog.services import (
    product_archive,
    product_hide,
    product_publish,
    product_restore,
    product_unpublish,
)
from tests.factories import ProductFactory, VendorFactory, VerifiedUserFactory
from vendors.services import vendor_reject, vendor_suspend, vendor_verify

pytestmark = pytest.mark.django_db


def flag(product: Product) -> bool:
    return Product.objects.values_list("is_public", flat=True).get(pk=product.pk)


def names(html: str) -> list[str]:
    return re.findall(r'class="product-card__name">([^<]*)<', html)


def test_the_public_flag_follows_every_publication_service(regions):
    curator = VerifiedUserFactory(is_staff=True)
    product = ProductFactory(status=Product.Status.DRAFT)
    assert flag(product) is False
    product_publish(product=product)
    assert flag(product) is True
    product_unpublish(product=product)
    assert flag(product) is False
    product = product_publish(product=product)
    product_hide(product=product, reason="Foto milik orang lain.", by=curator)
    assert flag(product) is False
    product_restore(product=product)
    assert flag(product) is False  # restored to draft: the business publishes again
    product = product_publish(product=product)
    assert flag(product) is True
    product_archive(product=product)
    assert flag(product) is False


def test_the_public_flag_follows_the_business_status(regions):
    curator = VerifiedUserFactory(is_staff=True)
    vendor = VendorFactory()
    published = ProductFactory.create_batch(2, vendor=vendor)
    draft = ProductFactory(vendor=vendor, status=Product.Status.DRAFT)
    other = ProductFactory()  # another business's product is not touched
    vendor_suspend(vendor=vendor, by=curator, note="Dokumen palsu.")
    assert [flag(p) for p in [*published, draft, other]] == [False, False, False, True]
    assert list(Product.objects.public()) == [other]
    vendor_verify(vendor=vendor, by=curator)
    assert [flag(p) for p in [*published, draft, other]] == [True, True, False, True]
    vendor_reject(vendor=vendor, by=curator, note="Lengkapi NIB.")
    assert [flag(p) for p in [*published, draft]] == [False, False, False]


def test_products_of_an_unverified_business_are_saved_not_public(regions):
    product = ProductFactory(vendor=VendorFactory(status="submitted"))
    assert product.status == Product.Status.PUBLISHED
    assert flag(product) is False


def test_the_rebuild_command_repairs_a_wrong_flag(regions, capsys):
    shown = ProductFactory()
    draft = ProductFactory(status=Product.Status.DRAFT)
    Product.objects.filter(pk=shown.pk).update(is_public=False)
    Product.objects.filter(pk=draft.pk).update(is_public=True)
    call_command("catalog_public_rebuild")
    assert (flag(shown), flag(draft)) == (True, False)
    assert "Corrected the public flag of 2 products." in capsys.readouterr().out


@pytest.mark.parametrize(
    ("language", "capped", "exact"),
    [("en", "3+ products", "3 products"), ("id", "3+ produk", "3 produk")],
)
def test_counts_stop_at_the_cap(client, regions, monkeypatch, language, capped, exact):
    monkeypatch.setattr(selectors, "COUNT_CAP", 3)
    ProductFactory.create_batch(3)
    html = client.get(f"/{language}/products/").content.decode()
    assert f'aria-live="polite">{exact}</h2>' in html
    ProductFactory()
    html = client.get(f"/{language}/products/").content.decode()
    assert f'aria-live="polite">{capped}</h2>' in html


def test_capped_count_formats_large_numbers_for_the_language(client, regions, monkeypatch):
    monkeypatch.setattr(selectors, "COUNT_CAP", 1)
    ProductFactory.create_batch(2)
    monkeypatch.setattr(selectors, "capped_count", lambda queryset, cap=None: 10_001)
    monkeypatch.setattr(selectors, "COUNT_CAP", 10_000)
    assert "10,000+ products" in client.get("/en/products/").content.decode()
    assert "10.000+ produk" in client.get("/id/products/").content.decode()


def walk(client, url: str) -> tuple[list[str], list[str]]:
    """Follow the "next" links from `url`: every name shown and every link followed."""
    seen, links = [], []
    while url:
        html = client.get(url).content.decode()
        seen += names(html)
        match = re.search(r'<a rel="next" href="([^"]+)"', html)
        url = "/en/products/" + match.group(1).replace("&amp;", "&") if match else ""
        links.append(url)
    return seen, links


@pytest.mark.parametrize("sort", ["relevance", "newest", "price_asc", "price_desc"])
def test_deep_pages_continue_after_the_last_product_without_repeats(
    client, regions, monkeypatch, sort
):
    monkeypatch.setattr(selectors, "PAGE_SIZE", 3)
    monkeypatch.setattr(selectors, "OFFSET_PAGES", 2)
    now = timezone.now()
    for i in range(11):
        ProductFactory(
            name_en=f"Product {i:02d}",
            price_min_idr=Decimal(1000 * (i % 4)),  # equal prices: the id breaks ties
            published_at=now - timedelta(minutes=i % 3),  # equal dates too
            featured=i == 7,
        )
    expected = names(client.get("/en/products/", {"sort": sort, "page": 1}).content.decode())
    everything = [
        p.name_en for p in selectors.catalogue_search(selectors.CatalogueFilters(sort=sort))
    ]
    assert expected == everything[:3]
    seen, links = walk(client, f"/en/products/?sort={sort}")
    assert seen == everything
    assert len(set(seen)) == 11
    # Pages 2 and 3 by number, 4 and the last after a product id.
    assert [("page=" in u, "after=" in u) for u in links[:-1]] == [
        (True, False), (True, True), (True, True),
    ]  # fmt: skip


def test_a_deep_page_link_shows_its_number_and_a_way_back_to_the_first(
    client, regions, monkeypatch
):
    monkeypatch.setattr(selectors, "PAGE_SIZE", 2)
    monkeypatch.setattr(selectors, "OFFSET_PAGES", 1)
    ProductFactory.create_batch(5)
    first = client.get("/en/products/").content.decode()
    second_url = re.search(r'<a rel="next" href="([^"]+)"', first).group(1).replace("&amp;", "&")
    second = client.get("/en/products/" + second_url).content.decode()
    assert "Page 2 of 3" in second
    third_url = re.search(r'<a rel="next" href="([^"]+)"', second).group(1).replace("&amp;", "&")
    third = client.get("/en/products/" + third_url).content.decode()
    assert "Page 3 of 3" in third
    assert ">First page</a>" in third
    assert 'rel="next"' not in third
