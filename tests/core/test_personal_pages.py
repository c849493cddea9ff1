"""Signed-in visitors share the stored public page (core.cache) with their own parts put in
(core.personal): their menu, buttons and "for you" are theirs, nobody else's ever reaches the
stored copy, and the page costs no more queries than those parts need."""

import re
from decimal import Decimal

import pytest
from django.contrib.auth.models import AnonymousUser
from django.test import Client, RequestFactory
from django.urls import reverse

from buyers.models import Favourite, RecentlyViewed
from catalog.models import Product
from core.cache import local_copies_clear
from core.personal import personal_part, personal_register, personal_splice
from core.visits import visits_flush
from expo.services import session_register
from tests.expo.factories import ExpoSessionFactory
from tests.factories import (
    BoothFactory,
    BuyerProfileFactory,
    ExchangeRateFactory,
    FavouriteFactory,
    ProductFactory,
    VendorMemberFactory,
    VerifiedUserFactory,
)

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def page_cache(settings):
    settings.CACHES = {
        "default": {
            "BACKEND": "django.core.cache.backends.locmem.LocMemCache",
            "LOCATION": "personal-pages-tests",
        }
    }
    from django.core.cache import cache

    cache.clear()
    local_copies_clear()


@pytest.fixture
def booth():
    booth = BoothFactory(vendor__name="Sentra Tenun Ikat Parengan")
    booth.featured_products.set(
        [ProductFactory(vendor=booth.vendor, name_en="Parengan ikat sarong")]
    )
    return booth


@pytest.fixture
def product(booth):
    return booth.featured_products.get()


@pytest.fixture
def buyer():
    return BuyerProfileFactory(user__name="Aisyah Rahman", display_currency="EUR")


def _signed_in(user) -> Client:
    client = Client()
    client.force_login(user)
    return client


def _anonymous_html(url: str) -> str:
    response = Client().get(url)
    assert "public" in response["Cache-Control"]
    return response.content.decode()


def _assert_nothing_personal(html: str) -> None:
    assert "Sign out" not in html
    assert "csrfmiddlewaretoken" not in html
    assert "X-CSRFToken" not in html
    assert "Aisyah" not in html
    assert "For you" not in html


def test_the_product_page_stored_for_everyone_gets_the_buyers_own_actions(
    buyer, product, django_assert_max_num_queries
):
    url = f"/en/products/{product.slug}/"
    ExchangeRateFactory(currency="EUR", rate_idr=Decimal(17000))
    FavouriteFactory(user=buyer.user, product=product)
    mine = _signed_in(buyer.user)
    mine.get(url)  # stored by this request, rendered as an anonymous visitor sees it

    with django_assert_max_num_queries(12):
        response = mine.get(url)
    html = response.content.decode()
    assert "private" in response["Cache-Control"]
    assert "ETag" not in response
    assert "Sign out" in html
    assert 'name="csrfmiddlewaretoken"' in html
    assert f'href="{reverse("buyers:inquiry_new")}?product={product.pk}"' in html
    assert 'aria-pressed="true"' in html  # their favourite
    assert "≈ EUR" in html  # their profile's currency
    assert "currency-form" not in html  # buyers choose it in their profile

    shared = _anonymous_html(url)
    _assert_nothing_personal(shared)
    assert "≈ EUR" not in shared
    assert "Sign in to ask the seller for a quote" in shared


def test_two_buyers_each_see_their_own_favourite_state(product):
    url = f"/en/products/{product.slug}/"
    fan, other = VerifiedUserFactory(), VerifiedUserFactory()
    FavouriteFactory(user=fan, product=product)
    fan_html = _signed_in(fan).get(url).content.decode()
    other_html = _signed_in(other).get(url).content.decode()
    assert 'aria-pressed="true"' in fan_html
    assert 'aria-pressed="false"' in other_html
    assert 'aria-pressed="true"' not in other_html


def test_favouriting_from_the_shared_page_works_without_javascript(product):
    url = f"/en/products/{product.slug}/"
    user = VerifiedUserFactory()
    client = _signed_in(user)
    html = client.get(url).content.decode()
    form = re.search(r'<form class="favourite".*?</form>', html, re.DOTALL).group(0)
    fields = dict(re.findall(r'name="([^"]+)" value="([^"]*)"', form))
    response = client.post(reverse("buyers:favourite_toggle"), fields)
    assert response.status_code == 302
    assert response["Location"] == url
    assert Favourite.objects.filter(user=user, product=product).exists()
    page = client.get(url).content.decode()  # the message waits: rendered for them alone
    assert "Saved to your favourites." in page
    assert 'aria-pressed="true"' in client.get(url).content.decode()


def test_a_visitor_signed_in_first_never_leaves_their_parts_in_the_stored_copy(buyer, booth):
    VendorMemberFactory(user=buyer.user, vendor=booth.vendor)
    FavouriteFactory(user=buyer.user, product=booth.featured_products.get())
    expo = booth.expo
    for url in (
        "/en/",
        f"/en/expos/{expo.slug}/",
        f"/en/expos/{expo.slug}/booths/{booth.vendor.slug}/",
        f"/en/products/{booth.featured_products.get().slug}/",
        "/en/products/",
        f"/en/regions/{booth.vendor.regency.slug}/",
    ):
        assert "Sign out" in _signed_in(buyer.user).get(url).content.decode()
        _assert_nothing_personal(_anonymous_html(url))


def test_home_shows_the_signed_in_persons_own_corner(buyer, booth):
    VendorMemberFactory(user=buyer.user, vendor=booth.vendor)
    FavouriteFactory(user=buyer.user, product=booth.featured_products.get())
    _anonymous_html("/en/")  # the stored copy
    html = _signed_in(buyer.user).get("/en/").content.decode()
    assert "For you" in html
    assert "Parengan ikat sarong" in html.split("For you", 1)[1]
    assert "Go to your business dashboard" in html
    newcomer = _signed_in(VerifiedUserFactory()).get("/en/").content.decode()
    assert "Register your business" in newcomer
    assert "Complete your buyer profile" in newcomer
    assert "Parengan ikat sarong" not in newcomer.split("For you", 1)[1].split("</section>")[0]


def test_an_owners_draft_is_theirs_alone(booth):
    owner = VerifiedUserFactory()
    VendorMemberFactory(user=owner, vendor=booth.vendor)
    draft = ProductFactory(vendor=booth.vendor, name_en="Unfinished songket")
    Product.objects.filter(pk=draft.pk).update(status=Product.Status.DRAFT, is_public=False)
    url = f"/en/products/{draft.slug}/"
    assert Client().get(url).status_code == 404
    response = _signed_in(owner).get(url)
    assert response.status_code == 200
    assert "Unfinished songket" in response.content.decode()
    assert "private" in response["Cache-Control"]
    assert _signed_in(VerifiedUserFactory()).get(url).status_code == 404
    assert Client().get(url).status_code == 404


def test_session_registration_is_the_visitors_own(booth):
    session = ExpoSessionFactory(expo=booth.expo)
    url = reverse("expo:session", args=[booth.expo.slug, session.pk])
    registered, other = VerifiedUserFactory(), VerifiedUserFactory()
    session_register(session=session, user=registered)
    assert "Sign in to register" in _anonymous_html(url)
    assert "You are registered." in _signed_in(registered).get(url).content.decode()
    html = _signed_in(other).get(url).content.decode()
    assert "You are registered." not in html
    assert ">Register</button>" in html


def test_recently_viewed_is_kept_and_shown_from_stored_pages(buyer, booth):
    first = booth.featured_products.get()
    second = ProductFactory(vendor=booth.vendor, name_en="Songket shawl")
    for product in (first, second):
        _anonymous_html(f"/en/products/{product.slug}/")  # both stored already
    client = _signed_in(buyer.user)
    client.get(f"/en/products/{first.slug}/")
    html = client.get(f"/en/products/{second.slug}/").content.decode()
    assert set(
        RecentlyViewed.objects.filter(user=buyer.user).values_list("product", flat=True)
    ) == {
        first.pk,
        second.pk,
    }
    assert f"/en/me/recent/?exclude={second.pk}" in html  # the section arrives after the page
    part = client.get(f"/en/me/recent/?exclude={second.pk}", HTTP_HX_REQUEST="true")
    assert "Parengan ikat sarong" in part.content.decode()
    assert "Songket shawl" not in part.content.decode()
    visits_flush()


def test_each_currency_and_time_zone_has_its_own_stored_copy(booth, product):
    ExchangeRateFactory(currency="EUR", rate_idr=Decimal(17000))
    ExchangeRateFactory(currency="QAR", rate_idr=Decimal(4400))
    ExchangeRateFactory(currency="USD", rate_idr=Decimal(16000))
    url = f"/en/products/{product.slug}/"
    euro = BuyerProfileFactory(display_currency="EUR", user__time_zone="Europe/Berlin")
    riyal = BuyerProfileFactory(display_currency="QAR", user__time_zone="Asia/Qatar")
    assert "≈ EUR" in _signed_in(euro.user).get(url).content.decode()
    html = _signed_in(riyal.user).get(url).content.decode()
    assert "≈ QAR" in html
    assert "≈ EUR" not in html
    assert "≈ USD" in _anonymous_html(url)


def test_a_part_is_marked_and_spliced_with_any_characters():
    seen = []

    def render(request, items):
        seen.append(len(items))
        who = "anonymous" if not request.user.is_authenticated else request.user.email
        return [f"<b>{who}:{item['label']}</b>" for item in items]

    personal_register("tests.echo", render)
    anonymous = RequestFactory().get("/")
    anonymous.user = AnonymousUser()
    label = 'Tenun --> "ikat" <b>&'
    stored = "".join(
        [
            "<p>",
            personal_part(anonymous, "tests.echo", label=label, id=1),
            "</p>",
            personal_part(anonymous, "tests.echo", label="two", id=2),
        ]
    )
    assert stored.count("<!--personal ") == 2
    assert stored.index("-->") > stored.index("ikat")  # the label cannot end the comment early
    visitor = RequestFactory().get("/")
    visitor.user = VerifiedUserFactory(email="rina@example.com")
    seen.clear()
    html = personal_splice(visitor, stored)
    assert seen == [2]  # one call for every part of that name
    assert f"<b>rina@example.com:{label}</b>" in html
    assert "<b>rina@example.com:two</b>" in html
    assert "anonymous" not in html
    assert personal_splice(visitor, html) == html  # marked again, spliced alike
