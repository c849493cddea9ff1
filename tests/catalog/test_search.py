"""The catalogue page: full-text search in both languages, filters, facets, sorting, pages."""

import re
from decimal import Decimal

import pytest
from django.utils import timezone

from catalog.models import Product
from catalog.services import product_search_refresh
from tests.catalog.factories import category
from tests.factories import CertificationFactory, ProductFactory, VendorFactory, regency
from vendors.services import vendor_profile_update

pytestmark = pytest.mark.django_db


def names(response) -> list[str]:
    return re.findall(r'class="product-card__name">([^<]*)<', response.content.decode())


def product(**kwargs) -> Product:
    item = ProductFactory(**kwargs)
    product_search_refresh(product_ids=[item.pk])
    return item


@pytest.fixture
def catalogue(regions):
    lamongan = VendorFactory(name="Sentra Tenun Ikat Parengan")
    malang = VendorFactory(name="Keripik Tempe Sanan", regency=regency("35.73"))
    products = {
        "sarong": product(
            vendor=lamongan, category=category("tenun-ikat"),
            name_id="Sarung tenun ikat Parengan", name_en="Parengan woven ikat sarong",
            description_id="Sarung ATBM motif Parengan.", description_en="Hand-loomed sarong.",
            price_min_idr=Decimal(250000),
        ),
        "basket": product(
            vendor=lamongan, category=category("anyaman-bambu"),
            name_id="Keranjang anyaman bambu apus", name_en="Woven bamboo storage baskets",
            description_id="Wadah serbaguna.", description_en="Multi-purpose storage.",
            price_min_idr=Decimal(45000),
        ),
        "shirt": product(
            vendor=malang, category=category("pakaian-jadi"),
            name_id="Kemeja katun", name_en="Cotton shirt",
            description_id="Kemeja lengan panjang.", description_en="Long-sleeved shirt.",
            price_min_idr=Decimal(150000),
        ),
        "table": product(
            vendor=malang, category=category("mebel-kayu"),
            name_id="Meja kayu jati", name_en="Teak table",
            description_id="Meja makan.", description_en="Dining table.",
            price_min_idr=Decimal(2500000),
        ),
        "chips": product(
            vendor=malang, category=category("camilan"),
            name_id="Keripik tempe Sanan", name_en="Tempeh chips",
            description_id="Renyah.", description_en="Crispy.", shelf_life_days=120,
            price_min_idr=Decimal(18000),
        ),
    }  # fmt: skip
    return products


def test_tenun_ikat_finds_the_ikat_sarong_first(client, catalogue):
    response = client.get("/id/products/", {"q": "tenun ikat"})
    # The basket's business is "Sentra Tenun Ikat Parengan": a business's name finds the
    # business (its own section), not every product it sells.
    assert names(response) == ["Sarung tenun ikat Parengan"]


def test_english_words_find_an_indonesian_bamboo_product_by_its_english_name(client, catalogue):
    response = client.get("/en/products/", {"q": "bamboo basket"})  # "baskets" stems to "basket"
    assert names(response) == ["Woven bamboo storage baskets"]


def test_indonesian_word_does_not_find_what_the_indonesian_stemmer_confuses(client, catalogue):
    # The `indonesian` stemmer makes "kemeja" (shirt) into "meja" (table).
    assert names(client.get("/id/products/", {"q": "kemeja"})) == ["Kemeja katun"]
    assert names(client.get("/id/products/", {"q": "meja"})) == ["Meja kayu jati"]


def test_search_covers_category_and_regency_but_not_the_business_name(client, catalogue):
    assert names(client.get("/id/products/", {"q": "camilan"})) == ["Keripik tempe Sanan"]
    # "Keripik Tempe Sanan" is also the business of the shirt and the table.
    assert names(client.get("/id/products/", {"q": "Sanan"})) == ["Keripik tempe Sanan"]
    assert sorted(names(client.get("/id/products/", {"q": "Lamongan"}))) == [
        "Keranjang anyaman bambu apus", "Sarung tenun ikat Parengan",
    ]  # fmt: skip


def test_name_weighs_more_than_description(client, catalogue, regions):
    product(
        name_id="Taplak meja", name_en="Tablecloth", category=category("dekorasi-rumah"),
        description_id="Untuk sarung bantal juga.", description_en="",
    )  # fmt: skip
    assert names(client.get("/id/products/", {"q": "sarung"})) == [
        "Sarung tenun ikat Parengan", "Taplak meja",
    ]  # fmt: skip


def test_lamongan_filter_shows_only_lamongan_products(client, catalogue):
    response = client.get("/id/products/", {"regency": "kabupaten-lamongan"})
    assert sorted(names(response)) == ["Keranjang anyaman bambu apus", "Sarung tenun ikat Parengan"]
    assert "2 produk" in response.content.decode()


def test_filters_category_province_certification_price_and_export(client, catalogue):
    assert sorted(names(client.get("/id/products/", {"category": "kerajinan"}))) == [
        "Keranjang anyaman bambu apus", "Sarung tenun ikat Parengan",
    ]  # fmt: skip
    assert names(client.get("/id/products/", {"category": "anyaman-bambu"})) == [
        "Keranjang anyaman bambu apus"
    ]
    assert len(names(client.get("/id/products/", {"province": "jawa-timur"}))) == 5
    assert names(client.get("/id/products/", {"province": "aceh"})) == []
    halal = CertificationFactory(vendor=catalogue["chips"].vendor, kind="halal")
    catalogue["chips"].certifications.add(halal)
    assert names(client.get("/id/products/", {"certification": "halal"})) == ["Keripik tempe Sanan"]
    in_range = client.get("/id/products/", {"min_price": 100000, "max_price": 300000})
    assert sorted(names(in_range)) == [
        "Kemeja katun", "Sarung tenun ikat Parengan",
    ]  # fmt: skip
    # Through the service: the catalogue copies the export experience onto the products.
    vendor_profile_update(vendor=catalogue["table"].vendor, export_countries=["NL"])
    assert sorted(names(client.get("/id/products/", {"export_ready": "on"}))) == [
        "Kemeja katun", "Keripik tempe Sanan", "Meja kayu jati",
    ]  # fmt: skip


def test_sorting_by_price_and_newest(client, catalogue):
    cheap_first = names(client.get("/id/products/", {"sort": "price_asc"}))
    assert cheap_first == [
        "Keripik tempe Sanan", "Keranjang anyaman bambu apus", "Kemeja katun",
        "Sarung tenun ikat Parengan", "Meja kayu jati",
    ]  # fmt: skip
    assert names(client.get("/id/products/", {"sort": "price_desc"})) == cheap_first[::-1]
    Product.objects.filter(pk=catalogue["basket"].pk).update(
        published_at=timezone.now() + timezone.timedelta(minutes=5)
    )
    assert (
        names(client.get("/id/products/", {"sort": "newest"}))[0] == "Keranjang anyaman bambu apus"
    )


def test_facet_counts_ignore_their_own_filter_and_apply_the_others(client, catalogue):
    html = client.get("/id/products/", {"regency": "kabupaten-lamongan"}).content.decode()
    # Category counts within Lamongan; regency counts over all regencies.
    assert re.search(r"Kerajinan tangan <span class=\"facet__count\">\(2\)", html)
    assert "Pakaian" not in html.split('<aside class="facets"')[1].split("</aside>")[0]
    assert re.search(r"Kabupaten Lamongan <span class=\"facet__count\">\(2\)", html)
    assert re.search(r"Kota Malang <span class=\"facet__count\">\(3\)", html)


def test_drafts_hidden_and_unverified_vendors_products_are_not_listed(client, catalogue, regions):
    product(name_id="Draf tenun", status=Product.Status.DRAFT)
    product(name_id="Tenun tersembunyi", status=Product.Status.HIDDEN)
    product(name_id="Tenun arsip", status=Product.Status.ARCHIVED)
    product(name_id="Tenun belum terverifikasi", vendor=VendorFactory(status="submitted"))
    assert names(client.get("/id/products/", {"q": "tenun"})) == ["Sarung tenun ikat Parengan"]


def test_pages_of_24(client, regions):
    for i in range(30):
        product(name_id=f"Produk {i:02d}", price_min_idr=Decimal(1000 + i))
    first = client.get("/id/products/", {"sort": "price_asc"})
    second = client.get("/id/products/", {"sort": "price_asc", "page": 2})
    assert len(names(first)) == 24
    assert names(second) == [f"Produk {i:02d}" for i in range(24, 30)]
    assert "Halaman 1 dari 2" in first.content.decode()
    assert 'href="?sort=price_asc&amp;page=2"' in first.content.decode()


def test_htmx_gets_only_the_results_and_the_full_page_works_without_it(client, catalogue):
    full = client.get("/id/products/", {"q": "tenun"})
    partial = client.get("/id/products/", {"q": "tenun"}, HTTP_HX_REQUEST="true")
    assert "<html" in full.content.decode()
    assert 'id="catalogue-form"' in full.content.decode()
    assert "<html" not in partial.content.decode()
    assert partial.content.decode().lstrip().startswith('<div id="catalogue-results"')
    assert names(partial) == names(full) == ["Sarung tenun ikat Parengan"]
    assert "HX-Request" in full["Vary"]


def test_empty_state_suggests_what_to_try(client, catalogue):
    html = client.get(
        "/en/products/", {"q": "durian", "regency": "kabupaten-lamongan"}
    ).content.decode()
    assert "No products match “durian”." in html
    assert "removing the filters" in html
    assert 'href="/en/products/?q=durian"' in html
    assert "the word in the other language" in html


def test_nonsense_parameters_are_ignored_not_an_error(client, catalogue):
    response = client.get(
        "/id/products/",
        {"category": "nope", "min_price": "abc", "sort": "drop table", "page": "x"},
    )
    assert response.status_code == 200
    assert len(names(response)) == 5
    # Only operators, no words: nothing to match, and no database error.
    response = client.get("/id/products/", {"q": "!!&|):*"})
    assert response.status_code == 200
    assert names(response) == []
