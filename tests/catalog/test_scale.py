"""What keeps the catalogue lean at scale: the `is_public` flag and the other copies of a
business's data on its products, capped counts, keyset pages, one walk for a ranked search."""

import re
from datetime import timedelta
from decimal import Decimal

import pytest
from django.contrib.postgres.search import SearchRank
from django.core.cache import cache
from django.core.management import call_command
from django.db.models import F
from django.utils import timezone

from catalog import selectors
from catalog.models import Product
from catalog.services import (
    product_archive,
    product_hide,
    product_publish,
    product_restore,
    product_search_refresh,
    product_unpublish,
)
from core.cache import local_copies_clear
from core.models import Province, Regency
from tests.factories import (
    CertificationFactory,
    ProductFactory,
    VendorFactory,
    VerifiedUserFactory,
    regency,
)
from vendors.services import (
    vendor_location_update,
    vendor_profile_update,
    vendor_reject,
    vendor_staff_save,
    vendor_suspend,
    vendor_verify,
)

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


def copies(product: Product) -> tuple[str | None, bool]:
    """The province (slug) and export experience the listings read from the product row."""
    return Product.objects.values_list("province__slug", "export_ready").get(pk=product.pk)


def test_saving_a_product_copies_its_business_province_and_export_experience(regions):
    exporter = VendorFactory(regency=regency("51.71"), export_countries=["NL"])  # Denpasar, Bali
    assert copies(ProductFactory(vendor=exporter)) == ("bali", True)
    assert copies(ProductFactory()) == ("jawa-timur", False)  # Lamongan, never exported


def test_the_province_follows_a_business_that_moves(client, regions):
    vendor = VendorFactory()  # Lamongan, Jawa Timur
    products = ProductFactory.create_batch(2, vendor=vendor, name_en="Moving sarong")
    other = ProductFactory(name_en="Staying sarong")
    vendor_location_update(vendor=vendor, regency=regency("33.74"), address="Jl. Pemuda 1")
    assert [copies(p) for p in [*products, other]] == [
        ("jawa-tengah", False), ("jawa-tengah", False), ("jawa-timur", False),
    ]  # fmt: skip
    assert names(client.get("/en/products/", {"province": "jawa-tengah"}).content.decode()) == [
        "Moving sarong", "Moving sarong",
    ]  # fmt: skip
    assert names(client.get("/en/products/", {"province": "jawa-timur"}).content.decode()) == [
        "Staying sarong"
    ]
    vendor.regency = regency("51.71")  # staff move it in the admin
    vendor_staff_save(vendor=vendor)
    assert [copies(p) for p in products] == [("bali", False), ("bali", False)]


def test_the_export_flag_follows_the_business_export_experience(client, regions):
    vendor = VendorFactory()
    product = ProductFactory(vendor=vendor, name_en="Export sarong")
    ProductFactory(name_en="Local sarong")
    assert copies(product) == ("jawa-timur", False)
    vendor_profile_update(vendor=vendor, export_countries=["NL", "MY"])
    assert copies(product) == ("jawa-timur", True)
    assert names(client.get("/en/products/", {"export_ready": "on"}).content.decode()) == [
        "Export sarong"
    ]
    vendor_profile_update(vendor=vendor, export_countries=[])
    assert copies(product) == ("jawa-timur", False)
    vendor.export_countries = ["SG"]  # staff record it in the admin
    vendor_staff_save(vendor=vendor)
    assert copies(product) == ("jawa-timur", True)


def test_the_rebuild_command_repairs_the_province_and_export_flag(regions, capsys):
    exporter = VendorFactory(regency=regency("51.71"), export_countries=["NL"])
    moved, exported = ProductFactory(), ProductFactory(vendor=exporter)
    Product.objects.filter(pk=moved.pk).update(province=Province.objects.get(slug="aceh"))
    Product.objects.filter(pk=exported.pk).update(export_ready=False, province=None)
    call_command("catalog_public_rebuild")
    assert (copies(moved), copies(exported)) == (("jawa-timur", False), ("bali", True))
    out = capsys.readouterr().out
    assert "Corrected the public flag of 0 products." in out
    assert "Corrected the province or export experience of 2 products." in out
    call_command("catalog_public_rebuild")
    assert "province or export experience of 0 products." in capsys.readouterr().out


@pytest.fixture
def spread(regions):
    """Public products of businesses in four regencies of three provinces, some exporting,
    some certified, and products that are not public."""
    vendors = [
        VendorFactory(regency=regency(code), export_countries=export)
        for code, export in [
            ("35.24", []), ("35.73", ["NL"]), ("33.74", []), ("51.71", ["MY", "SG"]),
            ("35.24", ["QA"]),
        ]
    ]  # fmt: skip
    for i, vendor in enumerate(vendors):
        for j in range(i + 1):
            product = ProductFactory(vendor=vendor, price_min_idr=Decimal(1000 * (i + j)))
            if j % 2 == 0:
                kind = "halal" if i % 2 == 0 else "sni"
                product.certifications.add(CertificationFactory(vendor=vendor, kind=kind))
        ProductFactory(vendor=vendor, status=Product.Status.DRAFT)
    ProductFactory(vendor=VendorFactory(status="submitted", export_countries=["NL"]))
    return vendors


def ids(filters: selectors.CatalogueFilters) -> list[int]:
    return list(selectors.catalogue_search(filters).values_list("pk", flat=True))


@pytest.mark.parametrize("sort", ["relevance", "newest", "price_asc", "price_desc"])
def test_filters_on_the_copies_return_what_the_vendor_join_returns(spread, sort):
    live = Product.objects.public_by_status()
    cases = [
        *[
            ({"province": p}, live.filter(vendor__regency__province=p))
            for p in Province.objects.all()
        ],
        *[({"regency": r}, live.filter(vendor__regency=r)) for r in Regency.objects.all()],
        ({"export_ready": True}, live.filter(vendor__export_countries__len__gt=0)),
        *[
            ({"certification": kind}, live.filter(certifications__kind=kind))
            for kind in ("halal", "sni", "organic")
        ],
    ]
    for given, expected in cases:
        found = ids(selectors.CatalogueFilters(sort=sort, **given))
        assert sorted(found) == sorted(expected.values_list("pk", flat=True)), given
    assert len(ids(selectors.CatalogueFilters(sort=sort, export_ready=True))) == 2 + 4 + 5


def test_province_and_export_facets_count_what_the_vendor_join_counts(spread):
    facets = selectors.catalogue_facets(selectors.CatalogueFilters())
    live = Product.objects.public_by_status()
    assert [(f.value, f.count) for f in facets.provinces] == [
        ("jawa-timur", 1 + 2 + 5), ("bali", 4), ("jawa-tengah", 3),
    ]  # fmt: skip
    assert (
        facets.provinces[0].count
        == live.filter(vendor__regency__province__slug="jawa-timur").count()
    )
    assert facets.export_ready == live.filter(vendor__export_countries__len__gt=0).count() == 11


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


def test_a_ranked_search_orders_its_window_as_the_database_ranks(regions):
    now = timezone.now()
    for i, (name, description) in enumerate([
        ("Batik tulis", "Kain katun."), ("Kain katun", "Motif batik."),
        ("Batik cap batik", "Batik pesisir."), ("Selendang", "Batik sutra."),
        ("Batik tulis", "Kain katun."),  # the same rank: featured, then newest, then id
        ("Kopi", "Robusta."),
    ]):  # fmt: skip
        ProductFactory(
            name_id=name, name_en="", description_id=description, description_en="",
            published_at=now - timedelta(minutes=i % 2), featured=i == 4,
        )  # fmt: skip
    filters = selectors.CatalogueFilters(q="batik")
    query = selectors.search_query("batik")
    in_sql = (
        Product.objects.public()
        .filter(search_vector=query)
        .annotate(rank=SearchRank(F("search_vector"), query))
        .order_by("-rank", "-featured", "-published_at", "-id")
        .values_list("pk", flat=True)
    )
    assert selectors.ranked_matches(filters) == (list(in_sql), 5)


def test_a_ranked_search_counts_past_its_window_and_ranks_only_the_newest(
    client, regions, monkeypatch
):
    monkeypatch.setattr(selectors, "COUNT_CAP", 3)
    monkeypatch.setattr(selectors, "RANK_WINDOW", 2)
    now = timezone.now()
    for i in range(5):  # the oldest has the best name for "batik"
        ProductFactory(
            name_en=f"Batik batik {i}" if i == 4 else f"Cloth {i}", description_en="Batik.",
            published_at=now - timedelta(minutes=i),
        )  # fmt: skip
    matches, total = selectors.ranked_matches(selectors.CatalogueFilters(q="batik"))
    assert total == 4  # counted to the cap + 1: "3+"
    assert sorted(Product.objects.get(pk=pk).name_en for pk in matches) == ["Cloth 0", "Cloth 1"]
    html = client.get("/en/products/", {"q": "batik"}).content.decode()
    assert 'aria-live="polite">3+ products</h2>' in html


def _facet_counts(response) -> list[str]:
    aside = response.content.decode().split('<aside class="facets"')[1].split("</aside>")[0]
    return re.findall(r'class="facet__count">\((\d+\+?)\)', aside)


def test_a_search_past_the_cap_counts_its_facets_over_the_matches_it_ranked(
    client, regions, monkeypatch
):
    """Counting every match of a common word, once per facet, was most of a search's cost:
    past the cap the counts cover the matches the search ranked, and say "at least"."""
    ProductFactory.create_batch(5, name_en="Ikat sarong")
    product_search_refresh()
    exact = _facet_counts(client.get("/en/products/", {"q": "ikat"}))
    assert "5" in exact
    assert not any(c.endswith("+") for c in exact)

    monkeypatch.setattr(selectors, "COUNT_CAP", 3)
    monkeypatch.setattr(selectors, "RANK_WINDOW", 3)
    cache.clear()  # facet counts and pages are cached per address
    local_copies_clear()
    ranked = _facet_counts(client.get("/en/products/", {"q": "ikat"}))
    assert "3+" in ranked
    assert all(c.endswith("+") and int(c[:-1]) <= 3 for c in ranked)
    cache.clear()
    local_copies_clear()
    newest = _facet_counts(client.get("/en/products/", {"q": "ikat", "sort": "newest"}))
    assert "4+" in newest  # the newest COUNT_CAP + 1 matches
    assert all(c.endswith("+") and int(c[:-1]) <= 4 for c in newest)
