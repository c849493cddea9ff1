"""Regions: provinces and regencies with their counts; a regency's showcase with its businesses,
products, pavilion and booths, and its export figures beside the deals recorded here."""

import datetime as dt
from decimal import Decimal

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from storefront import selectors
from tests.catalog.factories import ProductImageFactory, ready_image
from tests.factories import (
    BoothFactory,
    DealFactory,
    ExpoFactory,
    HallFactory,
    ProductFactory,
    VendorFactory,
    regency,
)
from trade.models import RegencyExportStat

pytestmark = pytest.mark.django_db
LAMONGAN = "/en/regions/kabupaten-lamongan/"


@pytest.fixture
def lamongan_figures():
    lamongan = regency("35.24")
    RegencyExportStat.objects.create(
        regency=lamongan, year=2019, value_idr=Decimal("55721000000"), source="Disperindag"
    )
    RegencyExportStat.objects.create(
        regency=lamongan, year=2020, value_idr=Decimal("43742000000"), units=9
    )


def test_regions_lists_provinces_and_regencies_with_public_counts(client, vendor):
    ProductFactory(vendor=vendor)
    ProductFactory(vendor=vendor)
    ProductFactory(vendor=vendor, status="draft", published_at=None)
    ProductFactory(vendor=vendor, status="hidden")
    VendorFactory(status="submitted")  # not verified: not counted
    surabaya = VendorFactory(regency=regency("35.78"))
    ProductFactory(vendor=surabaya)
    html = client.get("/en/regions/").content.decode()
    east_java = html[html.index(">Jawa Timur</h2>") :]
    east_java = east_java[: east_java.index("</section>")]
    assert "2 businesses · 3 products" in east_java
    assert (
        '<a href="/en/regions/kabupaten-lamongan/">Kabupaten Lamongan</a> '
        '<span class="facet__count">1 business · 2 products</span>'
    ) in east_java
    assert "Kota Surabaya</a>" in east_java
    assert "Kabupaten Gresik" not in east_java  # no business there
    assert ">Aceh</h2>" in html
    assert "No business from this province yet." in html


def test_regency_showcase_shows_businesses_products_booths_and_exports(
    client, vendor, lamongan_figures
):
    product = ProductFactory(vendor=vendor, name_en="Parengan ikat sarong")
    ProductImageFactory(product=product, alt_en="A red sarong")
    expo = ExpoFactory(name="Expo Jatim 2026", slug="jatim-2026")
    pavilion = HallFactory(
        expo=expo, name_en="Lamongan", slug="lamongan", kind="region", regency=regency("35.24")
    )
    BoothFactory(expo=expo, vendor=vendor, hall=pavilion, banner=ready_image(size=(1600, 500)))
    BoothFactory(expo=expo, vendor=VendorFactory(name="Batik Surabaya", regency=regency("35.78")))
    DealFactory(vendor=vendor, date=dt.date(2020, 5, 1), amount_idr=Decimal("96000000"))
    DealFactory(vendor=vendor, stage="loi", date=dt.date(2020, 6, 1))  # not an export yet
    html = client.get(LAMONGAN).content.decode()
    assert '<h1 class="hero__title">Buy Lamongan products</h1>' in html
    assert 'href="/en/vendors/parengan/"' in html
    assert "Parengan ikat sarong" in html
    assert 'alt="A red sarong"' in html
    assert 'href="/en/expos/jatim-2026/halls/lamongan/">Visit the Lamongan pavilion</a>' in html
    assert 'href="/en/expos/jatim-2026/booths/parengan/"' in html
    assert "Batik Surabaya" not in html
    exports = html[html.index('id="exports-heading"') : html.index("</table>")]
    assert "Rp 55.721 bn" in exports
    assert "Rp 43.742 bn" in exports
    assert "\u221221.5%" in exports
    assert '<td class="num">9</td>' in exports
    assert "Rp 0.096 bn (1 deal)" in exports
    assert "Official figures: Disperindag" in html
    html_id = client.get("/id/regions/kabupaten-lamongan/").content.decode()
    assert "Ayo beli produk Lamongan" in html_id
    assert "Rp 55,721 miliar" in html_id
    assert "\u221221,5%" in html_id


def test_an_empty_regency_says_so(client, regions):
    html = client.get("/en/regions/kabupaten-gresik/").content.decode()
    assert "No business from Kabupaten Gresik sells here yet." in html
    assert "No product from Kabupaten Gresik has been published yet." in html
    assert 'id="exports-heading"' not in html


def test_unknown_regency_is_404(client, regions):
    assert client.get("/en/regions/atlantis/").status_code == 404
    assert client.get("/en/regions/kabupaten-lamongan/", {"page": "x"}).status_code == 200


def test_products_are_paginated(client, vendor, monkeypatch):
    monkeypatch.setattr(selectors, "PRODUCTS_PER_PAGE", 2)
    for i in range(3):
        ProductFactory(vendor=vendor, name_en=f"Sarong number {i}")
    first = client.get(LAMONGAN).content.decode()
    assert "Sarong number 2" in first
    assert "Sarong number 1" in first
    assert "Sarong number 0" not in first
    assert 'rel="next" href="?page=2"' in first
    second = client.get(LAMONGAN, {"page": 2}).content.decode()
    assert "Sarong number 0" in second
    assert "Sarong number 2" not in second


def test_a_published_product_and_a_new_figure_reach_the_cached_page(client, vendor):
    client.get(LAMONGAN)
    assert "Fresh sarong" not in client.get(LAMONGAN).content.decode()
    ProductFactory(vendor=vendor, name_en="Fresh sarong")
    RegencyExportStat.objects.create(
        regency=regency("35.24"), year=2021, value_idr=Decimal("50000000000")
    )
    html = client.get(LAMONGAN).content.decode()
    assert "Fresh sarong" in html
    assert "Rp 50.000 bn" in html


def _queries(client, url) -> int:
    from django.core.cache import cache

    cache.clear()
    with CaptureQueriesContext(connection) as queries:
        assert client.get(url).status_code == 200
    return len(queries)


def test_queries_do_not_grow_with_businesses_products_and_booths(client, vendor):
    expo = ExpoFactory()
    BoothFactory(expo=expo, vendor=vendor)
    ProductImageFactory(product=ProductFactory(vendor=vendor))
    small = {url: _queries(client, url) for url in (LAMONGAN, "/en/regions/")}
    for code in ("35.24", "35.24", "35.78"):
        other = VendorFactory(regency=regency(code))
        BoothFactory(expo=expo, vendor=other, banner=ready_image(size=(800, 250)))
        for _ in range(2):
            ProductImageFactory(product=ProductFactory(vendor=other))
    assert {url: _queries(client, url) for url in small} == small


def test_linked_from_the_catalogue_filters_business_pages_and_the_lobby(client, vendor):
    ProductFactory(vendor=vendor)
    expo = ExpoFactory(slug="jatim-2026")
    filtered = client.get("/en/products/", {"regency": "kabupaten-lamongan"}).content.decode()
    assert '<a href="/en/regions/kabupaten-lamongan/">Buy Lamongan products</a>' in filtered
    listing = client.get("/en/products/").content.decode()
    assert '<a href="/en/regions/">Browse by region</a>' in listing
    profile = client.get("/en/vendors/parengan/").content.decode()
    assert '<a href="/en/regions/kabupaten-lamongan/">Kabupaten Lamongan</a>' in profile
    lobby = client.get(f"/en/expos/{expo.slug}/").content.decode()
    assert 'href="/en/regions/">Browse by region</a>' in lobby
