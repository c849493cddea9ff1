"""The home page: the live or next expo, search, booths and products with pictures, categories,
regions with counts, and for a signed-in person their own corner and the right way in."""

import datetime as dt
import re

import pytest
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from tests.catalog.factories import ProductImageFactory, category, ready_image
from tests.factories import (
    AvailabilitySlotFactory,
    BoothFactory,
    BuyerProfileFactory,
    ExpoFactory,
    FavouriteFactory,
    InquiryFactory,
    MeetingFactory,
    ProductFactory,
    VendorFactory,
    regency,
)

pytestmark = pytest.mark.django_db


@pytest.fixture
def live_booth(vendor):
    expo = ExpoFactory(name="UMKM Virtual Expo Jawa Timur 2026", slug="jatim-2026")
    return BoothFactory(expo=expo, vendor=vendor, banner=ready_image(size=(1600, 500)))


@pytest.fixture
def sarong(vendor):
    product = ProductFactory(
        vendor=vendor, category=category("tenun-ikat"), name_en="Parengan ikat sarong"
    )
    ProductImageFactory(product=product, alt_en="A red sarong")
    return product


def test_anonymous_visitor_sees_the_live_expo_products_booths_categories_and_regions(
    client, live_booth, sarong
):
    html = client.get("/en/").content.decode()
    assert "Live now: UMKM Virtual Expo Jawa Timur 2026" in html
    assert 'href="/en/expos/jatim-2026/">Enter the expo</a>' in html
    assert "WIB" in html  # the expo's dates beside Jakarta time
    # A search box sending GET to the catalogue.
    assert re.search(r'<form class="sf-search" method="get" action="/en/products/"', html)
    assert 'name="q"' in html
    # The booth with its banner, the product with its photo.
    booth_card = html[html.index('id="booths-heading"') : html.index('id="new-heading"')]
    assert "Sentra Tenun Ikat Parengan" in booth_card
    assert "<picture>" in booth_card
    new = html[html.index('id="new-heading"') : html.index('id="categories-heading"')]
    assert "Parengan ikat sarong" in new
    assert 'alt="A red sarong"' in new
    assert 'href="/en/products/?category=kerajinan"' in html  # a top category
    regions = html[html.index('id="regions-heading"') :]
    assert 'href="/en/regions/kabupaten-lamongan/">Kabupaten Lamongan' in regions
    assert "(1 product)" in regions
    assert 'href="/en/regions/"' in regions
    # The ways in for someone new.
    assert "Sign up as a buyer" in html
    assert "Register your business" in html
    assert "For you" not in html


def test_without_a_live_expo_the_next_one_is_announced(client, vendor):
    start = timezone.now() + dt.timedelta(days=10)
    ExpoFactory(
        name="Expo UMKM 2027", slug="expo-2027", status="published", starts_at=start,
        ends_at=start + dt.timedelta(days=7),
    )  # fmt: skip
    ExpoFactory(
        name="Old expo", status="closed", starts_at=timezone.now() - dt.timedelta(days=9),
        ends_at=timezone.now() - dt.timedelta(days=2),
    )  # fmt: skip
    html = client.get("/id/").content.decode()
    assert "Expo berikutnya: Expo UMKM 2027" in html
    assert 'href="/id/expos/expo-2027/">Lihat pameran</a>' in html
    assert "Old expo" not in html


def test_empty_site_says_so(client, regions):
    html = client.get("/en/").content.decode()
    assert "No expo is planned right now." in html
    assert "No product has been published yet." in html
    assert "No region has published products yet." in html


def test_signed_in_buyer_sees_their_favourites_threads_and_meetings(live_booth, sarong):
    profile = BuyerProfileFactory(user__email="aisyah@example.com")
    FavouriteFactory(user=profile.user, product=sarong)
    InquiryFactory(buyer=profile, product=sarong)
    InquiryFactory(buyer=profile, product=sarong, status="closed", vendor=VendorFactory())
    slot = AvailabilitySlotFactory(expo=live_booth.expo, vendor=sarong.vendor)
    MeetingFactory(slot=slot, buyer=profile, status="confirmed")
    client = Client()
    client.force_login(profile.user)
    response = client.get("/en/")
    html = response.content.decode()
    assert "private" in response["Cache-Control"]
    corner = html[html.index('id="corner-heading"') : html.index('id="booths-heading"')]
    assert corner.count("Parengan ikat sarong") == 2  # the favourite and the open thread
    assert corner.count("<li>") == 3  # the closed thread is not listed
    assert "Confirmed" in corner
    assert "Sign up as a buyer" not in html
    assert "Complete your buyer profile" not in html
    assert 'href="/en/me/">My page</a>' in html


def test_signed_in_person_without_anything_gets_empty_states_and_no_sign_up(verified_user):
    client = Client()
    client.force_login(verified_user)
    html = client.get("/en/").content.decode()
    assert "Save products and businesses you like" in html
    assert "No open thread." in html
    assert "No meeting planned." in html
    assert "Sign up as a buyer" not in html
    assert 'href="/en/me/profile/">Complete your buyer profile</a>' in html
    assert 'href="/en/dashboard/register/">Register your business</a>' in html


def test_a_business_owner_is_shown_the_way_to_their_dashboard(owner, vendor):
    client = Client()
    client.force_login(owner)
    html = client.get("/id/").content.decode()
    assert 'href="/id/dashboard/">Buka dasbor usaha Anda</a>' in html
    assert "Daftarkan usaha Anda" not in html


def test_the_cached_page_carries_nothing_of_a_signed_in_visitor(client, live_booth, sarong):
    profile = BuyerProfileFactory()
    FavouriteFactory(user=profile.user, product=sarong)
    signed_in = Client()
    signed_in.force_login(profile.user)
    assert "For you" in signed_in.get("/en/").content.decode()
    client.get("/en/")
    shared = client.get("/en/")  # from the cache
    html = shared.content.decode()
    assert "public" in shared["Cache-Control"]
    assert "For you" not in html
    assert "csrfmiddlewaretoken" not in html
    assert "X-CSRFToken" not in html
    # And the signed-in person still gets their own page, not the shared one.
    assert "For you" in signed_in.get("/en/").content.decode()


def _home_queries(client) -> int:
    from django.core.cache import cache

    cache.clear()
    with CaptureQueriesContext(connection) as queries:
        assert client.get("/en/").status_code == 200
    return len(queries)


def test_queries_do_not_grow_with_products_booths_and_regions(client, live_booth, sarong):
    small = _home_queries(client)
    for code in ("35.78", "35.07", "35.73"):
        other = VendorFactory(regency=regency(code))
        BoothFactory(expo=live_booth.expo, vendor=other, banner=ready_image(size=(800, 250)))
        for _ in range(3):
            ProductImageFactory(product=ProductFactory(vendor=other))
    assert _home_queries(client) == small
