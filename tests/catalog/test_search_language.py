"""Search that understands how buyers write: normalisation, Indonesian stems, the staff's
vocabulary, typos, businesses, compound categories and the search log."""

import re

import pytest
from django.core.cache import cache
from django.test import Client

from catalog import services
from catalog.categories import CATEGORY_SPLITS, categories_split, split_half
from catalog.models import Category, Product, SearchLog, SearchSynonym, SearchVariant
from catalog.search_text import query_words, stem, words
from catalog.services import product_search_refresh, search_synonym_save
from catalog.tasks import search_log_flush_task
from catalog.vocabulary import vocabulary_build
from tests.catalog.factories import category
from tests.factories import ProductFactory, VendorFactory, VerifiedUserFactory, regency

pytestmark = pytest.mark.django_db


def names(response) -> list[str]:
    return re.findall(r'class="product-card__name">([^<]*)<', response.content.decode())


def search(client, q: str, lang: str = "id", **params) -> list[str]:
    return names(client.get(f"/{lang}/products/", {"q": q, **params}))


def product(name_id: str, slug: str = "camilan", **kwargs) -> Product:
    kwargs.setdefault("name_en", "")
    kwargs.setdefault("description_id", "")
    kwargs.setdefault("description_en", "")
    item = ProductFactory(name_id=name_id, category=category(slug), **kwargs)
    product_search_refresh(product_ids=[item.pk])
    return item


# --- Normalisation (the same function for the index and the query) -------------------------


def test_words_fold_case_accents_hyphens_and_reduplication():
    assert words("Batík TULIS") == ["batik", "tulis"]
    assert words("kerupuk-udang") == ["kerupuk", "udang"]
    assert words("Otak2 bandeng") == words("otak-otak bandeng") == ["otak", "bandeng"]
    assert words("Women's bag") == ["womens", "bag"]


def test_numbers_keep_their_units_in_one_spelling():
    assert words("500gr") == words("500 gram") == words("500 g") == ["500g"]
    assert words("berat 1,5 kg") == ["berat", "1.5", "kg"]
    # The index also keeps the number and the unit apart, so "500" alone finds it.
    assert words("500gr", with_parts=True) == ["500g", "500", "g"]


def test_filler_words_are_dropped_from_queries_unless_nothing_else_is_left():
    assert query_words("kerajinan dari bambu") == ["kerajinan", "bambu"]
    assert query_words("berbahan bambu untuk dapur") == ["bambu", "dapur"]
    assert query_words("dan") == ["dan"]
    assert query_words("!!&|):*") == []


# --- Indonesian stems, guarded --------------------------------------------------------------


def test_stems_come_from_the_dictionary_and_roots_stay_themselves():
    assert stem("anyaman") == stem("dianyam") == "anyam"
    assert stem("tenunan") == "tenun"
    assert stem("kemeja") == "kemeja"  # a root: never "meja"
    assert stem("keripik") == "keripik"
    assert stem("kerajinan") == "kerajinan"  # Sastrawi would say "rajin" (diligent)
    assert stem("baskets") == "baskets"  # no Indonesian root: left alone


def test_affixed_forms_find_each_other_but_kemeja_never_finds_meja(client, regions):
    product("Tas anyaman pandan", "anyaman-bambu")
    product("Tikar pandan", "anyaman-bambu", description_id="Dianyam dengan tangan.")
    product("Kain tenun Sumba", "kain-tenun")
    product("Kemeja katun", "pakaian-jadi")
    product("Meja kayu jati", "mebel-kayu")
    assert search(client, "anyam") == ["Tas anyaman pandan", "Tikar pandan"]  # name first
    assert search(client, "tenunan") == ["Kain tenun Sumba"]
    assert search(client, "kemeja") == ["Kemeja katun"]
    assert search(client, "meja") == ["Meja kayu jati"]


def test_hyphens_reduplication_accents_units_and_filler_words_match(client, regions):
    product("Otak-otak bandeng", "ikan-olahan")
    product("Kerupuk udang Sidoarjo", "kerupuk-ikan")
    product("Batik tulis Tuban", "batik")
    product("Kopi bubuk robusta 500gr", "kopi")
    product("Keranjang bambu apus", "anyaman-bambu")
    assert search(client, "otak2") == ["Otak-otak bandeng"]
    assert search(client, "otak otak") == ["Otak-otak bandeng"]
    assert search(client, "kerupuk-udang") == ["Kerupuk udang Sidoarjo"]
    assert search(client, "batík") == ["Batik tulis Tuban"]
    assert search(client, "kopi 500 gram") == ["Kopi bubuk robusta 500gr"]
    assert search(client, "kerajinan dari bambu") == ["Keranjang bambu apus"]
    assert search(client, "berbahan bambu") == ["Keranjang bambu apus"]


def test_name_outranks_category_outranks_description(client, regions):
    product("Gelas kayu", "dekorasi-rumah", description_id="Cocok untuk kopi.")
    product("Bubuk robusta", "kopi")
    product("Kopi arabika", "teh")
    assert search(client, "kopi") == ["Kopi arabika", "Bubuk robusta", "Gelas kayu"]


# --- The staff's vocabulary -----------------------------------------------------------------


def test_spelling_variants_go_both_ways_and_synonyms_one_way():
    vocab = vocabulary_build(["kripik, keripik"], [("weaving", "tenun, anyaman")])
    assert vocab.variants["kripik"] == {("keripik",)}
    assert vocab.variants["keripik"] == {("kripik",)}
    assert vocab.synonyms[("weaving",)] == {("tenun",), ("anyaman",)}
    assert ("tenun",) not in vocab.synonyms


def test_seeded_vocabulary_finds_variants_and_english_words(client, regions):
    product("Keripik singkong balado", description_en="Spicy cassava chips.")
    product("Kripik pisang", "camilan")
    product("Kerupuk udang", "kerupuk-ikan")
    product("Singkong beku", "camilan")
    assert search(client, "kripik singkong") == ["Keripik singkong balado"]
    assert sorted(search(client, "keripik")) == ["Keripik singkong balado", "Kripik pisang"]
    assert search(client, "cassava chips", "en") == ["Keripik singkong balado"]
    assert search(client, "shrimp crackers", "en") == ["Kerupuk udang"]
    assert search(client, "krupuk") == ["Kerupuk udang"]


def test_a_broad_synonym_stays_one_way(client, regions):
    search_synonym_save(synonym=SearchSynonym(term="weaving", means="tenun, anyaman"))
    product("Kain tenun ikat", "kain-tenun")
    product("Tas anyaman pandan", "anyaman-bambu")
    assert sorted(search(client, "weaving", "en")) == ["Kain tenun ikat", "Tas anyaman pandan"]
    assert search(client, "tenun") == ["Kain tenun ikat"]
    assert search(client, "anyaman") == ["Tas anyaman pandan"]


def test_staff_edits_apply_to_the_next_search_without_reindexing(client, regions):
    product("Teripang kering", "ikan-olahan")
    assert search(client, "trepang", "en", exact="1") == []  # (no typo correction)
    staff = Client()
    staff.force_login(VerifiedUserFactory(is_staff=True, is_superuser=True))
    response = staff.post(
        "/admin/catalog/searchsynonym/add/", {"term": "Trepang", "means": "teripang"}
    )
    assert response.status_code == 302
    assert SearchSynonym.objects.filter(term="trepang", means="teripang").exists()
    assert search(client, "trepang", "en", exact="1") == ["Teripang kering"]
    # A group needs two spellings; the admin says so and saves nothing.
    before = SearchVariant.objects.count()
    response = staff.post("/admin/catalog/searchvariant/add/", {"words": "teripang"})
    assert "dua ejaan" in response.content.decode()
    assert SearchVariant.objects.count() == before


# --- Typos ----------------------------------------------------------------------------------


def test_a_query_that_finds_nothing_tries_the_nearest_words(client, regions):
    product("Keripik tempe Sanan", "camilan")
    html = client.get("/en/products/", {"q": "kripik tmpe"}).content.decode()
    assert names_in(html) == ["Keripik tempe Sanan"]
    assert "Showing results for <strong>kripik tempe</strong>." in html
    assert 'href="/en/products/?q=kripik+tmpe&amp;exact=1"' in html
    assert "Search instead for “kripik tmpe”" in html
    exact = client.get("/en/products/", {"q": "kripik tmpe", "exact": "1"}).content.decode()
    assert names_in(exact) == []
    assert "Showing results for" not in exact


def test_a_known_word_without_products_is_not_taken_for_a_typo(client, regions):
    product("Kerupuk bandeng", "kerupuk-ikan")
    html = client.get("/en/products/", {"q": "kerupuk udang"}).content.decode()
    # "udang" is a category: not a typo for "bandeng". No product is "udang", so the query is
    # relaxed to the word products have, and the page says so (catalog.selectors.relaxed).
    assert "Showing results for <strong>kerupuk bandeng</strong>" not in html
    assert "Showing results for <strong>kerupuk</strong>." in html
    assert names_in(html) == ["Kerupuk bandeng"]


def test_no_correction_when_the_query_as_typed_finds_something(client, regions):
    product("Kopi luwak", "kopi")
    product("Kopu kopu", "camilan")
    html = client.get("/en/products/", {"q": "kopu"}).content.decode()
    assert names_in(html) == ["Kopu kopu"]
    assert "Showing results for" not in html


def names_in(html: str) -> list[str]:
    return re.findall(r'class="product-card__name">([^<]*)<', html)


# --- Businesses are found on their own, not through every product ---------------------------


def test_business_names_find_the_business_not_all_its_products(client, regions):
    sari = VendorFactory(name="Rumah Batik Sari", regency=regency("35.73"))
    product("Tas kulit sapi", "tas-dompet", vendor=sari)
    product("Batik tulis Tuban", "batik")
    VendorFactory(name="Batik Belum Terverifikasi", status="submitted")
    html = client.get("/en/products/", {"q": "batik"}).content.decode()
    assert names_in(html) == ["Batik tulis Tuban"]
    section = html.split('id="businesses-heading"')[1]
    assert f'href="/en/businesses/{sari.slug}/"' in section or sari.get_absolute_url() in section
    assert "Rumah Batik Sari" in section
    assert "Belum Terverifikasi" not in html
    # By regency too ("Kota Malang"), and by the start of a word only ("atik" finds nothing).
    assert "Rumah Batik Sari" in client.get("/en/products/", {"q": "malang"}).content.decode()
    just_atik = client.get("/en/products/", {"q": "atik", "exact": "1"}).content.decode()
    assert "Rumah Batik Sari" not in just_atik


# --- Compound subcategories are split ---------------------------------------------------------


def test_no_subcategory_names_two_kinds_of_product_any_more():
    names = set(Category.objects.filter(parent__isnull=False).values_list("name_id", flat=True))
    assert {"Lobster", "Ikan kerapu", "Madu", "Gula aren", "Tas", "Dompet"} <= names
    assert not {"Lobster dan kerapu", "Madu dan gula aren", "Tas dan dompet"} & names


def test_splitting_refiles_products_by_their_words(regions):
    old = Category.objects.get(slug="lobster-kerapu")
    old.name_id = "Lobster dan kerapu"
    old.save()
    lobster = ProductFactory(category=old, name_id="Lobster hidup", name_en="Live lobster")
    grouper = ProductFactory(category=old, name_id="Kerapu beku", name_en="Frozen grouper")
    unclear = ProductFactory(category=old, name_id="Hasil laut segar", name_en="")
    by_description = ProductFactory(
        category=category("madu-gula"), name_id="Produk hutan", name_en="",
        description_id="Gula aren cetak dari Banyuwangi.", description_en="",
    )  # fmt: skip
    moved = categories_split(category_model=Category, product_model=Product)
    assert moved == 2
    slugs = {p.pk: p.category.slug for p in Product.objects.select_related("category")}
    assert slugs[lobster.pk] == "lobster-kerapu"
    assert slugs[grouper.pk] == "kerapu"
    assert slugs[unclear.pk] == "lobster-kerapu"  # unknown: the first half
    assert slugs[by_description.pk] == "gula-aren"
    assert Category.objects.get(slug="lobster-kerapu").name_id == "Lobster"


def test_every_split_names_a_seeded_category():
    slugs = set(Category.objects.values_list("slug", flat=True))
    for old_slug, (_first, second_slug, _second) in CATEGORY_SPLITS.items():
        assert {old_slug, second_slug} <= slugs
    assert split_half("tas-dompet", name="Dompet kulit", description="") == "dompet"
    assert split_half("tas-dompet", name="Tas dan dompet", description="") == "tas-dompet"


def test_searching_one_half_of_a_split_category_does_not_find_the_other(client, regions):
    product("Lobster hidup Paciran", "lobster-kerapu")
    product("Ikan beku utuh", "kerapu")
    assert search(client, "lobster") == ["Lobster hidup Paciran"]
    assert search(client, "kerapu") == ["Ikan beku utuh"]


# --- What buyers did not find ---------------------------------------------------------------


def test_every_search_is_logged_anonymously_also_from_the_cache(client, regions):
    product("Keripik tempe Sanan", "camilan")
    for _ in range(2):  # the second answer comes from the anonymous page cache
        assert search(client, "Keripik  TEMPE") == ["Keripik tempe Sanan"]
    search(client, "durian montong", "en")
    client.get("/id/products/", {"q": "keripik tempe", "page": "2"})  # paging is no new search
    assert not SearchLog.objects.exists()  # buffered in Redis: a search costs no INSERT
    search_log_flush_task()
    rows = list(SearchLog.objects.order_by("pk").values_list("query", "language", "results"))
    assert rows == [
        ("keripik tempe", "id", 1), ("keripik tempe", "id", 1), ("durian montong", "en", 0),
    ]  # fmt: skip
    fields = {f.name for f in SearchLog._meta.get_fields()}
    assert fields == {"id", "query", "language", "results", "opened", "searched_at"}


def test_opening_a_result_marks_the_search_and_lands_on_the_product(client, regions):
    item = product("Keripik tempe Sanan", "camilan")
    html = client.get("/id/products/", {"q": "keripik"}).content.decode()
    href = re.search(r'class="product-card__link" href="([^"]+)"', html).group(1)
    assert href.startswith(f"/id/products/found/{item.slug}/?s=")
    response = client.get(href.replace("&amp;", "&"))
    assert response.status_code == 302
    assert response["Location"] == item.get_absolute_url()
    search_log_flush_task()  # the search and its opening, in one flush
    assert SearchLog.objects.get().opened is True


def test_a_forged_search_token_marks_nothing(client, regions):
    item = product("Keripik tempe Sanan", "camilan")
    search(client, "keripik")
    response = client.get(f"/id/products/found/{item.slug}/", {"s": "keripik:forged"})
    assert response.status_code == 302
    search_log_flush_task()
    assert SearchLog.objects.get().opened is False
    assert client.get("/id/products/found/no-such-product/", {"s": "x"}).status_code == 404


def test_admin_lists_what_was_not_found_and_adds_a_synonym_in_one_step(client, regions):
    product("Singkong goreng", "camilan")
    for _ in range(3):
        search(client, "ubi kayu")
    search(client, "singkong")  # found, never opened
    search_log_flush_task()
    staff = Client()
    staff.force_login(VerifiedUserFactory(is_staff=True, is_superuser=True))
    listing = staff.get("/admin/catalog/searchlog/").content.decode()
    assert 'href="/admin/catalog/searchlog/gaps/"' in listing
    html = staff.get("/admin/catalog/searchlog/gaps/").content.decode()
    zero = html.split("Pencarian yang tidak menemukan apa pun")[1].split("</table>")[0]
    assert re.search(r"<td>ubi kayu</td><td>id</td><td>3</td>", zero)
    unopened = html.split("Pencarian yang hasilnya tidak dibuka")[1].split("</table>")[0]
    assert "<td>singkong</td>" in unopened
    assert 'name="term" value="ubi kayu"' in zero
    response = staff.post(
        "/admin/catalog/searchlog/synonym/", {"term": "ubi kayu", "means": "singkong"}
    )
    assert response.status_code == 302
    assert SearchSynonym.objects.filter(term="ubi kayu", means="singkong").exists()
    assert search(client, "ubi kayu") == ["Singkong goreng"]
    # An empty synonym is refused with a message and saves nothing.
    staff.post("/admin/catalog/searchlog/synonym/", {"term": "ubi kayu", "means": " , "})
    assert SearchSynonym.objects.filter(term="ubi kayu").count() == 1


def test_a_result_opened_before_its_search_reached_the_log_is_marked_at_a_later_flush(
    client, regions
):
    """Each process pushes its searches to Redis on its own schedule: an opening may reach the
    buffer before the search it belongs to."""
    item = product("Keripik tempe Sanan", "camilan")
    html = client.get("/id/products/", {"q": "keripik"}).content.decode()
    href = re.search(r'class="product-card__link" href="([^"]+)"', html).group(1)
    redis = cache._cache.get_client(write=True)
    key = cache.make_and_validate_key(services.SEARCH_BUFFER_KEY)
    search_item = redis.lpop(key)  # as if still pending in another process
    assert client.get(href.replace("&amp;", "&"))["Location"] == item.get_absolute_url()
    search_log_flush_task()
    assert not SearchLog.objects.exists()
    redis.rpush(key, search_item)
    search_log_flush_task()
    assert list(SearchLog.objects.values_list("query", "results", "opened")) == [
        ("keripik", 1, True)
    ]


def test_searches_are_logged_at_once_while_redis_is_down(client, regions, settings):
    settings.CACHES = {
        "default": {"BACKEND": "django.core.cache.backends.locmem.LocMemCache"}
    }  # no Redis cache at all: the demo's case
    product("Keripik tempe Sanan", "camilan")
    search(client, "keripik")
    assert list(SearchLog.objects.values_list("query", "results")) == [("keripik", 1)]
