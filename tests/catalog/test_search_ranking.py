"""Search precision (issue 14): products are found by what they are. Names, subcategories and
regions rank before descriptions that only mention a word, and once enough products *are* the
thing, the mentions are left out; a query that finds nothing is corrected word by word (ties go
to the more common word), then relaxed by the word no product has."""

import re

import pytest

from catalog.models import Product
from catalog.selectors import STRONG_ENOUGH
from catalog.services import product_search_refresh
from catalog.vocabulary import corrections
from tests.catalog.factories import category
from tests.factories import ProductFactory, VendorFactory, regency

pytestmark = pytest.mark.django_db


def names(html: str) -> list[str]:
    return re.findall(r'class="product-card__name">([^<]*)<', html)


def page(client, q: str, lang: str = "id", **params) -> str:
    return client.get(f"/{lang}/products/", {"q": q, **params}).content.decode()


def search(client, q: str, lang: str = "id", **params) -> list[str]:
    return names(page(client, q, lang, **params))


def product(name_id: str, slug: str = "camilan", description_id: str = "", **kwargs) -> Product:
    kwargs.setdefault("name_en", "")
    kwargs.setdefault("description_en", "")
    item = ProductFactory(
        name_id=name_id, category=category(slug), description_id=description_id, **kwargs
    )
    product_search_refresh(product_ids=[item.pk])
    return item


# --- Tiers ------------------------------------------------------------------------------------


def test_a_description_that_mentions_the_word_comes_after_products_named_by_it(client, regions):
    product("Jahe merah bubuk", "jamu-herbal", "Jahe merah instan dengan gula aren.")
    product("Gula aren batok", "gula-aren", "Gula cetak dari nira.")
    product("Gula semut aren", "gula-aren", "Kristal, 500 g.")
    shown = search(client, "gula aren")
    assert sorted(shown[:2]) == ["Gula aren batok", "Gula semut aren"]
    assert shown[2:] == ["Jahe merah bubuk"]


def test_mentions_are_left_out_once_enough_products_are_the_thing(client, regions):
    for n in range(STRONG_ENOUGH):
        product(f"Gula aren cetak {n}", "gula-aren")
    product("Jahe merah bubuk", "jamu-herbal", "Jahe merah instan dengan gula aren.")
    shown = search(client, "gula aren")
    assert len(shown) == STRONG_ENOUGH
    assert "Jahe merah bubuk" not in shown


def test_every_word_in_the_name_ranks_before_words_found_in_the_subcategory(client, regions):
    product("Kerupuk udang Sidoarjo", "kerupuk-ikan")  # "ikan" only in "Kerupuk ikan"
    product("Kerupuk ikan tenggiri", "kerupuk-ikan")
    assert search(client, "kerupuk ikan") == ["Kerupuk ikan tenggiri", "Kerupuk udang Sidoarjo"]


def test_the_subcategory_makes_a_product_what_it_is_the_top_category_does_not(client, regions):
    # "Tas" sits under "Produk kulit" (leather goods): a rattan bag is a bag, not leather.
    for n in range(STRONG_ENOUGH):
        product(f"Dompet kulit sapi {n}", "dompet")
    product("Tas rotan bulat", "tas-dompet")
    assert "Tas rotan bulat" not in search(client, "kulit")
    assert search(client, "tas") == ["Tas rotan bulat"]


def test_a_region_is_what_a_product_is_for_a_region_query(client, regions):
    malang = VendorFactory(name="Sanan", regency=regency("35.73"))  # Kota Malang
    for n in range(STRONG_ENOUGH):
        product(f"Keripik tempe {n}", "camilan", vendor=malang)
    product("Kopi robusta", "kopi", "Roasting gaya Malang.")  # elsewhere, mentions Malang
    shown = search(client, "malang")
    assert len(shown) == STRONG_ENOUGH
    assert "Kopi robusta" not in shown


# --- Typos --------------------------------------------------------------------------------------


def test_a_typo_between_two_words_goes_to_the_more_common_one(client, regions):
    product("Batik tulis Lasem", "batik")
    product("Batik cap Pekalongan", "batik")
    product("Mangkok batok kelapa", "dekorasi-rumah")
    assert corrections("batk tulis")[0] == "batik tulis"
    html = page(client, "batk tulis")
    assert names(html) == ["Batik tulis Lasem"]
    assert "Showing results for <strong>batik tulis</strong>." in html or (
        "Menampilkan hasil untuk <strong>batik tulis</strong>." in html
    )


def test_the_next_nearest_word_is_tried_when_the_nearest_finds_nothing(client, regions):
    product("Mangkok batok kelapa", "dekorasi-rumah")
    product("Mangkok batok ukir", "dekorasi-rumah")
    product("Batik tulis Lasem", "batik")
    # "batok" is the commoner of the two nearest words, but no batok is "tulis".
    assert corrections("batk tulis")[:2] == ["batok tulis", "batik tulis"]
    assert search(client, "batk tulis") == ["Batik tulis Lasem"]


# --- A word no product has ---------------------------------------------------------------------


def test_a_word_no_product_has_is_left_out_and_the_page_says_so(client, regions):
    product("Sepatu anak kulit", "alas-kaki")
    product("Sepatu boots kulit", "alas-kaki")
    html = page(client, "shoes for kids", "en")
    assert sorted(names(html)) == ["Sepatu anak kulit", "Sepatu boots kulit"]
    assert "Showing results for <strong>shoes</strong>." in html
    assert "Search instead for “shoes for kids”" in html
    assert search(client, "shoes for kids", "en", exact="1") == []


def test_without_an_unknown_word_only_products_that_are_the_rest_are_shown(client, regions):
    product("Pupuk kascing", "pupuk", "Kascing (bekas cacing) untuk tanaman hias.")
    assert search(client, "laptop bekas") == []  # "bekas" only in a description


def test_when_every_word_is_known_the_rarest_is_left_out(client, regions):
    for name in ("Kopi arabika Gayo", "Kopi robusta Lampung", "Kopi Toraja"):
        product(name, "kopi", name_en="")
    product("Lada hitam bubuk", "rempah", name_en="Ground black pepper")
    html = page(client, "ground coffee", "en")
    assert sorted(names(html)) == ["Kopi Toraja", "Kopi arabika Gayo", "Kopi robusta Lampung"]
    assert "Showing results for <strong>coffee</strong>." in html


def test_a_query_that_finds_something_is_never_relaxed(client, regions):
    product("Sepatu anak kulit", "alas-kaki")
    product("Sepatu boots kulit", "alas-kaki")
    assert search(client, "sepatu anak") == ["Sepatu anak kulit"]
