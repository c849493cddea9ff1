"""Suggestions as the buyer types: products, categories, regencies and businesses by the words
of their names, public ones only, in a few indexed queries; the fragment the search box shows."""

import re

import pytest
from django.core.cache import cache
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import translation

from catalog.models import Product
from catalog.suggest import LIMIT, query_words, suggestions
from tests.catalog.factories import category
from tests.factories import ProductFactory, VendorFactory, regency
from vendors.models import Vendor

pytestmark = pytest.mark.django_db


def labels(items) -> list[str]:
    return [s.label for s in items]


def of_kind(items, kind: str) -> list[str]:
    return [s.label for s in items if s.kind == kind]


@pytest.fixture
def world(regions):
    cache.clear()  # the regencies with products are cached
    bandung = VendorFactory(name="Keripik Mak Ijah", regency=regency("32.73"))
    pekalongan = VendorFactory(name="Rumah Batik Pesisir", regency=regency("33.75"))
    # Not verified: neither it, its regency (Lamongan) nor its published product are suggested.
    hidden_vendor = VendorFactory(name="Batik Rahasia", status=Vendor.Status.SUBMITTED)
    products = {
        "cassava": ProductFactory(
            vendor=bandung, category=category("camilan"),
            name_id="Kripik singkong balado", name_en="",
        ),
        "tempeh": ProductFactory(
            vendor=bandung, category=category("camilan"),
            name_id="Keripik tempe sagu", name_en="Crispy tempeh chips",
        ),
        "batik": ProductFactory(
            vendor=pekalongan, category=category("batik"),
            name_id="Kain batik tulis Jlamprang", name_en="Jlamprang hand-drawn batik",
        ),
        "draft": ProductFactory(
            vendor=bandung, category=category("camilan"),
            name_id="Kripik bayam rahasia", name_en="", status=Product.Status.DRAFT,
        ),
        "unverified": ProductFactory(
            vendor=hidden_vendor, category=category("batik"),
            name_id="Batik cap tersembunyi", name_en="",
        ),
    }  # fmt: skip
    return products


def test_products_are_found_by_the_start_of_any_word_of_their_names(world):
    assert labels(suggestions("kripik")) == ["Kripik singkong balado"]
    assert "Kripik singkong balado" in labels(suggestions("sing"))  # the second word
    assert labels(suggestions("kri sing")) == ["Kripik singkong balado"]  # every word a prefix
    assert of_kind(suggestions("ripik"), "product") == []  # not the middle of a word
    with translation.override("en"):
        assert of_kind(suggestions("tempeh"), "product") == ["Crispy tempeh chips"]
    with translation.override("id"):
        assert of_kind(suggestions("chips"), "product") == ["Keripik tempe sagu"]


def test_names_that_start_with_the_typed_word_come_first(world):
    ProductFactory(vendor=world["batik"].vendor, category=category("batik"),
                   name_id="Batik cap buketan", name_en="")  # fmt: skip
    assert of_kind(suggestions("batik"), "product") == [
        "Batik cap buketan",
        "Kain batik tulis Jlamprang",
    ]


def test_only_public_products_and_verified_businesses_are_suggested(world):
    found = labels(suggestions("rahasia")) + labels(suggestions("tersembunyi"))
    assert found == []
    assert of_kind(suggestions("batik"), "business") == ["Rumah Batik Pesisir"]
    Vendor.objects.filter(name="Rumah Batik Pesisir").update(status=Vendor.Status.SUSPENDED)
    assert of_kind(suggestions("rumah"), "business") == []


def test_categories_are_found_in_both_languages(world):
    with translation.override("id"):
        items = suggestions("anyam")
        # "Anyaman bambu dan rotan" named two crafts; it is two categories now.
        assert of_kind(items, "category") == ["Anyaman bambu", "Anyaman rotan"]
        assert items[0].url == "/id/products/?category=anyaman-bambu"
    with translation.override("en"):
        items = suggestions("rattan")
        assert "Rattan weaving" in of_kind(items, "category")
        assert "Rattan furniture" in of_kind(items, "category")
        assert "Bamboo weaving" not in of_kind(items, "category")


def test_regencies_with_public_products_are_suggested_by_their_own_name(world):
    items = suggestions("pekal")
    assert of_kind(items, "regency") == ["Kota Pekalongan"]
    assert [s.url for s in items if s.kind == "regency"] == [
        "/id/products/?regency=kota-pekalongan"
    ]
    assert of_kind(suggestions("lamongan"), "regency") == []  # only an unverified business
    assert of_kind(suggestions("kota pek"), "regency") == ["Kota Pekalongan"]
    assert of_kind(suggestions("kota"), "regency") == []  # not by the kind of regency alone
    assert of_kind(suggestions("kabupaten pek"), "regency") == []


def test_businesses_show_their_regency(world):
    (business,) = [s for s in suggestions("mak ijah") if s.kind == "business"]
    assert (business.label, business.detail) == ("Keripik Mak Ijah", "Kota Bandung")
    assert business.url == "/id/vendors/" + Vendor.objects.get(name="Keripik Mak Ijah").slug + "/"


def test_accents_and_case_do_not_matter(world):
    assert labels(suggestions("KRÍPIK")) == ["Kripik singkong balado"]


def test_at_most_eight_suggestions_and_no_source_fills_them_alone(world):
    vendor = world["batik"].vendor
    for n in range(12):
        ProductFactory(vendor=vendor, category=category("kopi"), name_id=f"Kopi arabika {n}")
    items = suggestions("kopi")
    assert len(items) == LIMIT
    assert of_kind(items, "category") == ["Kopi"]
    assert len(of_kind(items, "product")) == LIMIT - 1


def test_four_queries_at_most_and_two_once_the_lists_are_cached(world):
    cache.clear()
    with CaptureQueriesContext(connection) as cold:
        suggestions("batik")
    with CaptureQueriesContext(connection) as warm:
        suggestions("batik")
    assert len(cold) <= 4
    assert len(warm) == 2  # products and businesses


@pytest.mark.parametrize(
    "typed",
    ["", " ", "k", "%%", "_", "'; DROP TABLE catalog_product; --", "kri:* | !x", "(", "&&",
     "\\", "a" * 5000, "батик", "🌶️ sambal", "kopi & (teh | !madu)", "a:B", "<script>"],
)  # fmt: skip
def test_hostile_input_suggests_nothing_wrong_and_never_fails(world, typed):
    items = suggestions(typed)
    assert len(items) <= LIMIT
    assert all(w.isalnum() for w in query_words(typed))
    if typed.strip() in ("", "k", "%%", "_", "(", "&&", "\\"):
        assert items == []


def test_the_fragment_lists_options_and_announces_their_number(client, world):
    response = client.get("/id/products/suggest/", {"q": "kri"}, HTTP_HX_REQUEST="true")
    assert response.status_code == 200
    html = response.content.decode()
    assert re.findall(r'role="option"[^>]*data-href="([^"]+)"', html) == [
        world["cassava"].get_absolute_url()
    ]
    assert "Kripik singkong balado" in html
    assert "1 saran, pilih dengan tombol panah atas dan bawah." in html
    assert 'id="q-suggestions-status" data-hx-swap-oob="innerHTML"' in html
    # Nothing per visitor: the same fragment for everyone, from the cache.
    assert "public" in response["Cache-Control"]
    assert "csrf" not in html.lower()


def test_the_fragment_in_english_and_when_nothing_is_found(client, world):
    html = client.get("/en/products/suggest/", {"q": "tempeh"}).content.decode()
    assert "Crispy tempeh chips" in html
    assert "1 suggestion, use the up and down arrows to choose." in html
    html = client.get("/en/products/suggest/", {"q": "zzzz"}).content.decode()
    assert 'role="option"' not in html
    assert "No suggestions." in html
    html = client.get("/en/products/suggest/", {"q": "z"}).content.decode()
    assert 'role="option"' not in html
    assert "No suggestions." not in html  # too short to look: nothing to announce


def test_the_endpoint_answers_get_only_and_bad_input_with_nothing(client, world):
    assert client.post("/id/products/suggest/", {"q": "kri"}).status_code == 405
    response = client.get("/id/products/suggest/", {"q": "x" * 10_000})
    assert response.status_code == 200
    assert 'role="option"' not in response.content.decode()


def test_the_catalogue_search_box_is_a_combobox_that_works_as_a_plain_form(client, world):
    html = client.get("/en/products/", {"q": "kripik"}).content.decode()
    assert 'role="combobox"' in html
    assert 'aria-controls="q-suggestions"' in html
    assert 'data-hx-get="/en/products/suggest/"' in html
    assert 'data-hx-trigger="input changed delay:250ms"' in html
    assert 'role="listbox"' in html
    assert 'role="status"' in html
    # Without JavaScript the form is submitted as it was: the results are on the page.
    assert "Kripik singkong balado" in html
    assert f'data-product="{world["cassava"].slug}"' in html


def test_the_endpoint_runs_four_queries_at_most_then_answers_from_the_cache(client, world):
    cache.clear()
    with CaptureQueriesContext(connection) as cold:
        first = client.get("/id/products/suggest/", {"q": "bat"}, HTTP_HX_REQUEST="true")
    with CaptureQueriesContext(connection) as warm:
        again = client.get("/id/products/suggest/", {"q": "bat"}, HTTP_HX_REQUEST="true")
    assert len(cold) <= 4
    assert len(warm) == 0
    assert first.content == again.content
