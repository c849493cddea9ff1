"""Public pages from the cache (core.cache): headers for CDNs, nothing per visitor in a shared
page, signed-in users served it privately with their own parts (tests/core/test_personal_pages.py),
and every change visible at once."""

import re
from decimal import Decimal
from urllib.parse import urlencode

import pytest
from django.conf import settings
from django.core.files.uploadedfile import SimpleUploadedFile
from django.http import HttpResponse
from django.middleware.csrf import get_token
from django.test import Client
from django.urls import reverse

from catalog.models import Product
from catalog.services import product_images_add, product_publish, product_update
from core.cache import anonymous_cache, local_copies_clear, public_pages_changed
from core.models import VisitEvent
from expo.models import Booth
from expo.services import booth_approve, booth_update, expo_status_set
from tests.expo.factories import ExpoSessionFactory
from tests.factories import (
    BoothFactory,
    ExchangeRateFactory,
    ProductFactory,
    UserFactory,
    VerifiedUserFactory,
)
from tests.images import jpeg_bytes
from vendors.services import vendor_profile_update

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def page_cache(settings):
    """A real cache for these tests (the suite's default may differ per run mode)."""
    settings.CACHES = {
        "default": {
            "BACKEND": "django.core.cache.backends.locmem.LocMemCache",
            "LOCATION": "public-pages-tests",
        }
    }
    from django.core.cache import cache

    cache.clear()
    local_copies_clear()


@pytest.fixture
def booth():
    booth = BoothFactory(vendor__name="Sentra Tenun Ikat Parengan")
    product = ProductFactory(vendor=booth.vendor, name_en="Parengan ikat sarong")
    booth.featured_products.set([product])
    return booth


@pytest.fixture
def product(booth):
    return booth.featured_products.get()


def _pages(booth, product) -> dict[str, str]:
    expo = booth.expo
    return {
        "home": "/en/",
        "lobby": f"/en/expos/{expo.slug}/",
        "hall": f"/en/expos/{expo.slug}/halls/{booth.hall.slug}/",
        "booth": f"/en/expos/{expo.slug}/booths/{booth.vendor.slug}/",
        "product": f"/en/products/{product.slug}/",
        "catalogue": "/en/products/",
        "catalogue filtered": "/en/products/?q=sarong&sort=newest",
        "regions": "/en/regions/",
        "regency": f"/en/regions/{booth.vendor.regency.slug}/",
    }


PAGE_NAMES = ["home", "lobby", "hall", "booth", "product", "catalogue", "catalogue filtered",
              "regions", "regency"]  # fmt: skip
# The booth and the product page count the visit also when served from the cache. With this
# file's local-memory cache there is no Redis buffer: one INSERT in a transaction of its own
# (begin, SET LOCAL synchronous_commit, INSERT, commit). With Redis it is no SQL at all
# (tests/core/test_visit_buffer.py).
# A search is logged also when served from the cache: without Redis one INSERT (with Redis it is
# buffered, no SQL: tests/catalog/test_search_language.py).
QUERIES_WHEN_CACHED = {"booth": 4, "product": 4, "catalogue filtered": 1}


@pytest.mark.parametrize("name", PAGE_NAMES)
def test_anonymous_pages_are_public_with_validators(client, booth, product, name):
    response = client.get(_pages(booth, product)[name])
    assert response.status_code == 200
    control = {part.strip() for part in response["Cache-Control"].split(",")}
    assert {"public", "max-age=0"} <= control
    [s_maxage] = [int(p.split("=")[1]) for p in control if p.startswith("s-maxage=")]
    assert 55 <= s_maxage <= 60
    assert re.fullmatch(r'"[0-9a-f]{32}"', response["ETag"])
    assert response["Last-Modified"].endswith(" GMT")
    assert "Cookie" in response["Vary"]


@pytest.mark.parametrize("name", PAGE_NAMES)
def test_a_second_anonymous_visit_is_served_from_the_cache(
    client, booth, product, django_assert_num_queries, name
):
    url = _pages(booth, product)[name]
    first = client.get(url)
    with django_assert_num_queries(QUERIES_WHEN_CACHED.get(name, 0)):
        second = client.get(url)
    assert second.content == first.content
    assert second["ETag"] == first["ETag"]
    assert "Cookie" in second["Vary"]


def test_conditional_get_answers_not_modified(client, booth, product, django_assert_num_queries):
    etag = client.get("/en/").headers["ETag"]
    with django_assert_num_queries(0):
        response = client.get("/en/", headers={"if-none-match": etag})
    assert response.status_code == 304
    assert response.content == b""
    assert client.get("/en/", headers={"if-none-match": '"other"'}).status_code == 200


def test_a_cached_page_still_counts_each_view(client, product):
    url = f"/en/products/{product.slug}/"
    for _ in range(3):
        client.get(url)
    assert VisitEvent.objects.filter(kind="product", object_id=product.pk).count() == 3


@pytest.mark.parametrize("name", PAGE_NAMES)
def test_a_shared_page_carries_nothing_per_visitor(client, booth, product, name):
    ExchangeRateFactory(currency="USD", rate_idr=Decimal(15000))
    url = _pages(booth, product)[name]
    client.get(url)
    response = client.get(url)  # from the cache
    html = response.content.decode()
    assert "csrfmiddlewaretoken" not in html
    assert "X-CSRFToken" not in html
    assert "nonce" not in html
    assert "nonce" not in response["Content-Security-Policy"]
    assert "unsafe-inline" not in response["Content-Security-Policy"]
    assert "Sign out" not in html
    assert "csrftoken" not in response.cookies
    assert 'href="/en/accounts/login/"' in html  # the static "Sign in" link


@pytest.mark.parametrize("name", PAGE_NAMES)
def test_signed_in_users_get_the_stored_page_with_their_own_menu_privately(
    client, booth, product, name
):
    url = _pages(booth, product)[name]
    client.get(url)  # now cached for anonymous visitors
    user = VerifiedUserFactory(is_staff=True)
    signed_in = Client()
    signed_in.force_login(user)
    response = signed_in.get(url)
    html = response.content.decode()
    assert "Sign out" in html
    assert 'href="/en/admin/"' in html or 'href="/admin/"' in html  # their own menu
    assert 'href="/en/accounts/signup/"' not in html  # the anonymous menu
    control = {part.strip() for part in response["Cache-Control"].split(",")}
    assert "private" in control
    assert "public" not in control
    assert "ETag" not in response


def test_flash_messages_and_sessions_bypass_the_shared_cache(client, product):
    url = f"/en/products/{product.slug}/"
    shared = client.get(url)
    with_messages = Client()
    with_messages.cookies["messages"] = "anything"
    assert "private" in with_messages.get(url)["Cache-Control"]
    with_session = Client()
    with_session.cookies["sessionid"] = "anything"
    response = with_session.get(url)
    assert "private" in response["Cache-Control"]
    assert "ETag" not in response
    assert "public" in client.get(url)["Cache-Control"]
    assert shared.status_code == 200


def test_a_chosen_currency_is_shown_and_never_shared(client, product):
    ExchangeRateFactory(currency="EUR", rate_idr=Decimal(17000))
    url = f"/id/products/{product.slug}/"
    assert "≈" not in client.get(url).content.decode()  # cached for everyone: rupiah only
    chooser = Client()
    response = chooser.get(reverse("catalog:currency"), {"currency": "EUR", "next": url})
    assert response["Location"] == url
    page = chooser.get(url)
    assert "≈ EUR" in page.content.decode()
    assert "private" in page["Cache-Control"]
    assert "≈" not in Client().get(url).content.decode()


def test_the_currency_form_sends_get_without_a_token(client, product):
    html = client.get("/en/products/").content.decode()
    form = re.search(r'<form class="currency-form"[^>]*>', html).group(0)
    assert 'method="get"' in form
    assert 'action="/en/products/currency/"' in form


def test_only_the_first_catalogue_page_is_stored(client):
    response = client.get("/en/products/?page=2")
    assert "private" in response["Cache-Control"]
    assert "public" in client.get("/en/products/?page=1")["Cache-Control"]


def test_an_htmx_fragment_and_the_full_page_are_stored_apart(client, product):
    full = client.get("/en/products/?q=sarong").content.decode()
    fragment = client.get("/en/products/?q=sarong", headers={"hx-request": "true"})
    assert "<html" in full
    assert "<html" not in fragment.content.decode()
    assert "<html" in client.get("/en/products/?q=sarong").content.decode()


def test_each_language_and_query_is_its_own_page(client, product):
    english = client.get("/en/").content.decode()
    indonesian = client.get("/id/").content.decode()
    assert '<html lang="en">' in english
    assert '<html lang="id">' in indonesian
    filtered = client.get("/en/products/?q=nothing-matches-this").content.decode()
    assert product.name_en not in filtered
    assert product.name_en in client.get("/en/products/").content.decode()


@pytest.mark.parametrize(
    ("url", "english"),
    [
        ("/id/", "/en/"),
        ("/id/products/?q=kopi&sort=newest", "/en/products/?q=kopi&sort=newest"),
        ("/id/accounts/login/", "/en/accounts/login/"),
        ("/id/tidak-ada/", "/en/"),  # a page that does not exist: the other language's home
    ],
)
def test_the_language_switch_links_to_the_same_page(client, url, english):
    html = client.get(url).content.decode()
    link = re.search(r'<a href="([^"]+)" hreflang="en" lang="en">EN', html).group(1)
    assert link == "/i18n/switch/en/?" + urlencode({"next": english}).replace("&", "&amp;")
    assert "/i18n/setlang/" not in html
    response = client.get(link.replace("&amp;", "&"))
    assert response.status_code == 302
    assert response["Location"] == english
    assert response.cookies[settings.LANGUAGE_COOKIE_NAME].value == "en"


def test_a_language_link_wins_over_the_remembered_language(client, product):
    client.post("/i18n/setlang/", {"language": "id", "next": "/id/"})
    page = f"/en/products/{product.slug}/?q=ikat"
    html = client.get(page).content.decode()
    assert '<html lang="en">' in html
    switch_to_id = re.search(r'<a href="([^"]+)" hreflang="id" lang="id">ID', html).group(1)
    # From Indonesian, remembered as English, back to English: always the same page.
    client.cookies[settings.LANGUAGE_COOKIE_NAME] = "en"
    landed = client.get(switch_to_id.replace("&amp;", "&"), follow=True)
    assert landed.redirect_chain[-1][0] == f"/id/products/{product.slug}/?q=ikat"
    assert '<html lang="id">' in landed.content.decode()
    assert client.cookies[settings.LANGUAGE_COOKIE_NAME].value == "id"
    html = landed.content.decode()
    switch_to_en = re.search(r'<a href="([^"]+)" hreflang="en" lang="en">EN', html).group(1)
    landed = client.get(switch_to_en.replace("&amp;", "&"), follow=True)
    assert landed.redirect_chain[-1][0] == page
    assert '<html lang="en">' in landed.content.decode()
    assert client.get("/").headers["Location"] == "/en/"  # the remembered choice


@pytest.mark.parametrize(
    "next_url", ["https://evil.example/en/", "//evil.example/en/", "/id/products/", ""]
)
def test_the_switch_never_leaves_the_site_or_the_language(client, next_url):
    response = client.get("/i18n/switch/en/", {"next": next_url})
    assert response["Location"] == "/en/"
    assert client.get("/i18n/switch/xx/", {"next": "/en/"}).status_code == 404


# --- Changes reach anonymous visitors at once ----------------------------------------------


def _shows(client, url: str, text: str) -> bool:
    return text in client.get(url).content.decode()


def test_a_product_edit_and_price_show_at_once(client, product):
    ExchangeRateFactory(currency="USD", rate_idr=Decimal(15000))
    url = f"/en/products/{product.slug}/"
    assert _shows(client, url, "Parengan ikat sarong")
    product_update(product=product, name_en="Parengan silk sarong", price_min_idr=Decimal(600000))
    assert _shows(client, url, "Parengan silk sarong")
    assert _shows(client, url, "Rp\xa0600,000")
    assert _shows(client, "/en/products/", "Parengan silk sarong")


def test_a_published_product_shows_at_once(client, booth):
    draft = ProductFactory(vendor=booth.vendor, name_en="Fresh batik", status="draft")
    assert not _shows(client, "/en/products/", "Fresh batik")
    assert client.get(f"/en/products/{draft.slug}/").status_code == 404
    product_publish(product=draft)
    assert _shows(client, "/en/products/", "Fresh batik")
    assert client.get(f"/en/products/{draft.slug}/").status_code == 200


def test_a_new_photo_shows_at_once(client, product, django_capture_on_commit_callbacks):
    url = f"/en/products/{product.slug}/"
    assert _shows(client, url, "No photo yet")
    upload = SimpleUploadedFile("sarong.jpg", jpeg_bytes(), content_type="image/jpeg")
    with django_capture_on_commit_callbacks(execute=True):
        product_images_add(product=product, uploads=[upload])
    html = client.get(url).content.decode()
    assert "No photo yet" not in html
    assert ".webp" in html


def test_an_approved_booth_shows_at_once(client, booth):
    applied = BoothFactory(
        expo=booth.expo, hall=None, number=None, status=Booth.Status.APPLIED,
        vendor__name="Kopi Lereng Wilis",
    )  # fmt: skip
    hall_url = f"/en/expos/{booth.expo.slug}/halls/{booth.hall.slug}/"
    assert not _shows(client, hall_url, "Kopi Lereng Wilis")
    booth_approve(booth=applied, by=UserFactory(is_staff=True), hall=booth.hall)
    assert _shows(client, hall_url, "Kopi Lereng Wilis")


def test_a_booth_edit_shows_at_once(client, booth, product):
    url = f"/en/expos/{booth.expo.slug}/booths/{booth.vendor.slug}/"
    assert _shows(client, url, "Ikat weaving from Parengan")
    booth_update(
        booth=booth, preferred_hall=None, tagline_id="Tenun sutra", tagline_en="Silk weaving",
        products=[product],
    )  # fmt: skip
    assert _shows(client, url, "Silk weaving")


def test_a_new_or_changed_session_shows_at_once(client, booth):
    url = f"/en/expos/{booth.expo.slug}/"
    assert _shows(client, url, "No more sessions are planned.")
    session = ExpoSessionFactory(expo=booth.expo, title_en="Selling to Qatar")
    assert _shows(client, url, "Selling to Qatar")
    session.title_en = "Selling to the Gulf"
    session.save()
    assert _shows(client, url, "Selling to the Gulf")


def test_an_expo_status_shows_at_once(client, booth):
    url = f"/en/expos/{booth.expo.slug}/"
    assert not _shows(client, url, "This expo has ended.")
    expo_status_set(expo=booth.expo, status="closed")
    assert _shows(client, url, "This expo has ended.")


def test_a_vendor_profile_change_shows_at_once(client, booth, product):
    url = f"/en/expos/{booth.expo.slug}/booths/{booth.vendor.slug}/"
    assert _shows(client, url, "Handicrafts from Lamongan.")
    vendor_profile_update(vendor=booth.vendor, description_en="Ikat from three generations.")
    assert _shows(client, url, "Ikat from three generations.")


def test_a_hidden_product_disappears_at_once(client, product):
    url = f"/en/products/{product.slug}/"
    assert client.get(url).status_code == 200
    Product.objects.filter(pk=product.pk).update(status=Product.Status.HIDDEN)
    assert client.get(url).status_code == 200  # `update()` sends no signal: still cached…
    public_pages_changed()  # …until someone says so
    assert client.get(url).status_code == 404


# --- What may be stored ---------------------------------------------------------------------


def test_a_page_that_used_a_csrf_token_is_never_stored(rf):
    calls = []

    @anonymous_cache()
    def view(request):
        calls.append(1)
        return HttpResponse(f"<input value='{get_token(request)}'>")

    from django.contrib.auth.models import AnonymousUser

    for _ in range(2):
        request = rf.get("/en/form/")
        request.user = AnonymousUser()
        response = view(request)
        assert "private" in response["Cache-Control"]
    assert len(calls) == 2


def test_a_page_that_used_a_nonce_is_never_stored(rf):
    calls = []

    @anonymous_cache()
    def view(request):
        calls.append(1)
        request._csp_nonce = "abc"
        return HttpResponse("<script nonce='abc'></script>")

    from django.contrib.auth.models import AnonymousUser

    for _ in range(2):
        request = rf.get("/en/script/")
        request.user = AnonymousUser()
        view(request)
    assert len(calls) == 2
