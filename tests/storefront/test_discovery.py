"""The bottom of the product page: more from the business, similar products, the same regency,
recently viewed (signed-in people only), share links and the preview's photo."""

from urllib.parse import quote

import pytest
from django.conf import settings
from django.test import Client

from buyers.models import RecentlyViewed
from buyers.services import RECENTLY_VIEWED_KEEP
from catalog.selectors import discovery_sections
from tests.catalog.factories import ProductImageFactory, category
from tests.factories import BuyerProfileFactory, ProductFactory, VendorFactory, regency

pytestmark = pytest.mark.django_db


@pytest.fixture
def sarong(vendor):
    product = ProductFactory(
        vendor=vendor, category=category("tenun-ikat"), name_en="Parengan ikat sarong",
        slug="parengan-ikat-sarong",
    )  # fmt: skip
    ProductImageFactory(product=product)
    return product


@pytest.fixture
def neighbours(vendor, sarong):
    """A shawl of the same business, a basket of another Lamongan business, an ikat cloth from
    Surabaya (same category), and products that must never show."""
    shawl = ProductFactory(vendor=vendor, category=category("kerajinan"), name_en="Ikat shawl")
    basket_maker = VendorFactory(name="Anyaman Bambu Lamongan")
    basket = ProductFactory(
        vendor=basket_maker, category=category("kerajinan"), name_en="Bamboo basket"
    )
    surabaya = VendorFactory(name="Tenun Surabaya", regency=regency("35.78"))
    cloth = ProductFactory(vendor=surabaya, category=category("tenun-ikat"), name_en="Ikat cloth")
    ProductFactory(vendor=vendor, name_en="Draft sarong", status="draft", published_at=None)
    ProductFactory(vendor=basket_maker, name_en="Hidden basket", status="hidden")
    return shawl, basket, cloth


def _section(html: str, heading_id: str) -> str:
    start = html.index(f'id="{heading_id}"')
    return html[start : html.index("</section>", start)]


def test_more_from_the_business_similar_and_same_regency(client, sarong, neighbours):
    html = client.get(f"/en/products/{sarong.slug}/").content.decode()
    more = _section(html, "more-vendor-heading")
    assert "More from Sentra Tenun Ikat Parengan" in more
    assert "Ikat shawl" in more
    assert "Parengan ikat sarong" not in more
    similar = _section(html, "related-heading")
    assert "Ikat cloth" in similar
    assert "Bamboo basket" not in similar
    same = _section(html, "regency-heading")
    assert "From Kabupaten Lamongan" in same
    assert "Bamboo basket" in same
    assert "Ikat shawl" not in same
    assert "Ikat cloth" not in same
    assert 'href="/en/regions/kabupaten-lamongan/">Buy Lamongan products</a>' in same
    assert "Draft sarong" not in html
    assert "Hidden basket" not in html


def test_sections_without_products_are_left_out(client, sarong):
    html = client.get(f"/en/products/{sarong.slug}/").content.decode()
    assert 'id="more-vendor-heading"' not in html
    assert 'id="related-heading"' not in html
    assert "From Kabupaten Lamongan" in html  # the regency link stays
    assert 'class="product-card"' not in html


def test_share_links_work_without_javascript_and_the_preview_has_the_photo(client, sarong):
    html = client.get(f"/en/products/{sarong.slug}/").content.decode()
    address = f"{settings.SITE_URL}/en/products/parengan-ikat-sarong/"
    text = quote(f"Parengan ikat sarong {address}", safe="")
    assert f'href="https://wa.me/?text={text}"' in html
    assert f'class="btn btn--secondary btn--small js-copy-link" href="{address}"' in html
    assert f'<meta property="og:url" content="{address}">' in html
    assert f'<meta name="twitter:image" content="{settings.SITE_URL}/media/images/' in html
    assert '<meta name="twitter:card" content="summary_large_image">' in html


def test_sections_are_bounded(sarong, vendor, django_assert_num_queries):
    for _ in range(6):
        ProductFactory(vendor=vendor, category=sarong.category)
        ProductFactory(vendor=VendorFactory())
    with django_assert_num_queries(3):  # the ids of the three lists, the cards, their photos
        sections = discovery_sections(product=sarong)
    assert [len(cards) for cards in sections.values()] == [4, 4, 4]
    assert all(sarong not in cards for cards in sections.values())
    assert all(p.vendor.regency_id == vendor.regency_id for p in sections["same_regency"])
    assert all(p.vendor != vendor for p in sections["same_regency"])


def test_a_signed_in_buyer_sees_what_they_viewed_lately(sarong, neighbours):
    _shawl, basket, cloth = neighbours
    profile = BuyerProfileFactory()
    client = Client()
    client.force_login(profile.user)
    for product in (cloth, basket):
        client.get(f"/en/products/{product.slug}/")
    html = client.get(f"/en/products/{sarong.slug}/").content.decode()
    loader = _section(html, "recent-heading")  # arrives after the page (htmx), or by the link
    assert f'data-hx-get="/en/me/recent/?exclude={sarong.pk}"' in html
    assert 'href="/en/me/recent/"' in loader
    part = client.get(f"/en/me/recent/?exclude={sarong.pk}", HTTP_HX_REQUEST="true")
    recent = _section(part.content.decode(), "recent-heading")
    assert recent.index("Bamboo basket") < recent.index("Ikat cloth")  # the last one first
    assert "Parengan ikat sarong" not in recent  # not the page itself
    assert list(
        RecentlyViewed.objects.filter(user=profile.user).values_list("product_id", flat=True)
    ) == [sarong.pk, basket.pk, cloth.pk]
    page = client.get("/en/me/recent/").content.decode()  # without JavaScript: the buyer area
    assert (
        page.index("Parengan ikat sarong") < page.index("Bamboo basket") < page.index("Ikat cloth")
    )


def test_anonymous_visitors_have_no_recently_viewed(client, sarong, neighbours):
    client.get(f"/en/products/{neighbours[0].slug}/")
    html = client.get(f"/en/products/{sarong.slug}/").content.decode()
    assert 'id="recent-heading"' not in html
    assert not RecentlyViewed.objects.exists()


def test_recently_viewed_keeps_only_the_last_few(vendor):
    products = [ProductFactory(vendor=vendor) for _ in range(RECENTLY_VIEWED_KEEP + 3)]
    client = Client()
    user = BuyerProfileFactory().user
    client.force_login(user)
    for product in products:
        client.get(f"/en/products/{product.slug}/")
    client.get(f"/en/products/{products[0].slug}/")  # viewed again: moves to the front
    kept = list(RecentlyViewed.objects.filter(user=user).values_list("product_id", flat=True))
    assert len(kept) == RECENTLY_VIEWED_KEEP
    assert kept[0] == products[0].pk
    assert products[3].pk not in kept
    assert products[-1].pk in kept


def test_the_recently_viewed_page_is_the_persons_own(client, sarong):
    response = client.get("/en/me/recent/")
    assert response.status_code == 302
    assert response["Location"].startswith("/en/accounts/login/")
    client.force_login(BuyerProfileFactory().user)
    assert (
        "The products you open will be listed here" in client.get("/en/me/recent/").content.decode()
    )
    odd = client.get("/en/me/recent/?exclude=not-a-number", HTTP_HX_REQUEST="true")
    assert odd.status_code == 200
    assert odd.content.decode().strip() == ""  # nothing viewed yet: the section goes away
