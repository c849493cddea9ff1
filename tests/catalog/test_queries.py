"""Query counts do not grow with the page."""

import pytest
from django.core.cache import cache
from django.db import connection
from django.test.utils import CaptureQueriesContext

from tests.catalog.factories import ProductImageFactory
from tests.factories import CertificationFactory, ExchangeRateFactory, ProductFactory, VendorFactory

pytestmark = pytest.mark.django_db


def make_products(count: int, vendors: list) -> None:
    for i in range(count):
        product = ProductFactory(vendor=vendors[i % len(vendors)])
        product.certifications.add(CertificationFactory(vendor=product.vendor))
        ProductImageFactory(product=product)


def catalogue_queries(client, **params) -> tuple[int, str]:
    cache.clear()  # facet counts are cached; measure the uncached page
    with CaptureQueriesContext(connection) as queries:
        response = client.get("/en/products/", params)
    assert response.status_code == 200
    return len(queries), response.content.decode()


@pytest.mark.parametrize(
    "params",
    [
        {},
        {
            "q": "ikat",
            "regency": "kabupaten-lamongan",
            "category": "kerajinan",
            "sort": "price_asc",
        },
        {"certification": "halal"},
    ],
)
def test_catalogue_runs_the_same_few_queries_for_24_and_96_products(client, regions, params):
    ExchangeRateFactory(currency="USD")
    vendors = [VendorFactory() for _ in range(3)]
    from tests.catalog.factories import category

    ProductFactory._meta.model.objects.all().delete()
    make_products(24, vendors)
    from catalog.models import Product

    Product.objects.update(category=category("tenun-ikat"))
    from catalog.services import product_search_refresh

    product_search_refresh()
    small, html = catalogue_queries(client, **params)
    assert html.count('class="product-card"') == 24
    make_products(72, vendors)
    Product.objects.update(category=category("tenun-ikat"))
    product_search_refresh()
    large, html = catalogue_queries(client, **params)
    assert html.count('class="product-card"') == 24
    assert "96 products" in html
    assert small == large
    # A search adds, on an empty cache: the staff's vocabulary (1), the businesses section (the
    # regencies named, then the businesses: 2) and the search log's INSERT (1).
    assert large <= (16 if params.get("q") else 12)


def test_product_page_runs_at_most_12_queries(client, regions, django_assert_max_num_queries):
    ExchangeRateFactory(currency="USD")
    vendor = VendorFactory()
    make_products(6, [vendor])
    from catalog.models import Product
    from tests.catalog.factories import category

    Product.objects.update(category=category("tenun-ikat"))
    product = vendor.products.first()
    for _ in range(3):
        ProductImageFactory(product=product)
    with django_assert_max_num_queries(12):
        response = client.get(product.get_absolute_url().replace("/id/", "/en/"))
    # More from the business and similar products, four each (one business: no neighbours).
    assert response.content.decode().count('class="product-card"') == 8
