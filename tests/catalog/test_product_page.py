"""The product page: gallery, price in the viewer's currency, facts, seller, sharing tags."""

import json
import re
from decimal import Decimal

import pytest
from django.conf import settings
from django.test import Client

from catalog.models import Product
from tests.catalog.factories import ProductImageFactory, category
from tests.factories import (
    BuyerProfileFactory,
    CertificationFactory,
    ExchangeRateFactory,
    ProductFactory,
    VendorMemberFactory,
    VerifiedUserFactory,
)

pytestmark = pytest.mark.django_db


@pytest.fixture
def sarong(vendor):
    product = ProductFactory(
        vendor=vendor, category=category("tenun-ikat"), name_id="Sarung tenun ikat Parengan",
        name_en="Parengan woven ikat sarong", price_min_idr=Decimal(300000),
        price_max_idr=Decimal(450000), moq=10, monthly_capacity=2000, lead_time_days=30,
        hs_code="6304.91", export_markets=["QA"],
    )  # fmt: skip
    product.certifications.add(CertificationFactory(vendor=vendor, kind="sni", number="SNI-123"))
    ProductImageFactory(product=product, position=0, alt_en="A red sarong", alt_id="Sarung merah")
    ProductImageFactory(product=product, position=1)
    return product


def test_gallery_has_webp_and_jpeg_srcsets_lazy_loading_and_placeholder(client, sarong):
    html = client.get(f"/en/products/{sarong.slug}/").content.decode()
    assert html.count('<source type="image/webp" srcset="/media/images/') == 2
    assert re.search(r'srcset="[^"]+320\.webp 320w, [^"]+640\.webp 640w', html)
    assert re.search(r'srcset="[^"]+320\.jpeg 320w, [^"]+640\.jpeg 640w', html)
    assert 'alt="A red sarong"' in html
    assert html.count('loading="lazy"') == 1  # the first photo loads at once
    assert re.search(r'data-color="#[0-9a-f]{6}"', html)
    assert "style=" not in html  # the CSP forbids inline styles


def test_price_in_rupiah_and_about_the_visitors_currency(client, sarong):
    ExchangeRateFactory(currency="USD", rate_idr=Decimal(15000))
    html = client.get(f"/en/products/{sarong.slug}/").content.decode()
    assert "Rp\xa0300,000 – Rp\xa0450,000" in html
    assert "≈ USD\xa020.00 – USD\xa030.00" in html
    html = client.get(f"/id/products/{sarong.slug}/").content.decode()
    assert "Rp\xa0300.000 – Rp\xa0450.000" in html
    assert "≈" not in html


def test_a_visitor_picks_a_currency_and_it_is_remembered(client, sarong):
    ExchangeRateFactory(currency="EUR", rate_idr=Decimal(17000))
    response = client.post(
        "/id/products/currency/", {"currency": "EUR", "next": f"/id/products/{sarong.slug}/"}
    )
    assert response["Location"] == f"/id/products/{sarong.slug}/"
    html = client.get(f"/id/products/{sarong.slug}/").content.decode()
    assert "≈ EUR\xa017,65 – EUR\xa026,47" in html
    assert (
        client.post("/id/products/currency/", {"currency": "EUR", "next": "https://evil.example/"})[
            "Location"
        ]
        == "/id/products/"
    )


def test_a_buyer_sees_the_currency_of_their_profile(sarong):
    ExchangeRateFactory(currency="QAR", rate_idr=Decimal(4100))
    buyer = BuyerProfileFactory(display_currency="QAR").user
    client = Client()
    client.force_login(buyer)
    html = client.get(f"/en/products/{sarong.slug}/").content.decode()
    assert "≈ QAR\xa073.17 – QAR\xa0109.76" in html
    assert 'id="currency-select"' not in html  # buyers change it in their profile


def test_facts_certifications_and_seller(client, sarong):
    html = client.get(f"/en/products/{sarong.slug}/").content.decode()
    for text in [
        "<dd>10 pieces</dd>", "2,000 pieces a month", "30 days", "6304.91", "Qatar", "SNI SNI-123",
        "Sentra Tenun Ikat Parengan", "Kabupaten Lamongan, Jawa Timur",
        'href="/en/products/?regency=kabupaten-lamongan"',
    ]:  # fmt: skip
        assert text in html, text


def test_anonymous_visitors_are_led_to_sign_in_for_inquiry_and_favourite(client, sarong):
    html = client.get(f"/en/products/{sarong.slug}/").content.decode()
    assert html.count(f'href="/en/accounts/login/?next=/en/products/{sarong.slug}/"') == 2
    assert "Sign in to ask the seller for a quote" in html


def test_json_ld_and_open_graph_tags(client, sarong):
    response = client.get(f"/en/products/{sarong.slug}/")
    html = response.content.decode()
    # A data block, which the CSP does not govern: no nonce, since the page is cached for all.
    match = re.search(r'<script type="application/ld\+json">(.*?)</script>', html, re.S)
    assert match
    assert "nonce" not in response["Content-Security-Policy"]
    data = json.loads(match.group(1))
    assert data["@type"] == "Product"
    assert data["name"] == "Parengan woven ikat sarong"
    assert data["offers"]["lowPrice"] == "300000"
    assert data["offers"]["priceCurrency"] == "IDR"
    assert data["image"][0].startswith("http://testserver/media/images/")
    assert '<meta property="og:title" content="Parengan woven ikat sarong">' in html
    # Absolute from SITE_URL (core.links), whichever host the page was asked on.
    site = re.escape(settings.SITE_URL)
    assert re.search(rf'<meta property="og:image" content="{site}/media/images/[^"]+\.jpeg">', html)


def test_json_ld_cannot_be_broken_out_of(client, vendor):
    product = ProductFactory(vendor=vendor, name_en="</script><script>alert(1)</script>")
    html = client.get(f"/en/products/{product.slug}/").content.decode()
    assert "</script><script>alert(1)" not in html
    assert "\\u003C/script\\u003E" in html


def test_related_products_from_the_same_category(client, sarong, vendor):
    ProductFactory(category=sarong.category, name_en="Another ikat sarong")
    ProductFactory(category=category("kopi"), name_en="Coffee", shelf_life_days=90)
    html = client.get(f"/en/products/{sarong.slug}/").content.decode()
    related = html.split('id="related-heading"')[1].split("</section>")[0]
    assert "Another ikat sarong" in related
    assert "Coffee" not in related


@pytest.mark.parametrize("status", ["draft", "hidden", "archived"])
def test_non_public_products_404_for_the_public_but_not_for_their_vendor_and_staff(
    client, sarong, vendor, status
):
    Product.objects.filter(pk=sarong.pk).update(status=status)
    url = f"/en/products/{sarong.slug}/"
    assert client.get(url).status_code == 404
    outsider = Client()
    outsider.force_login(VerifiedUserFactory())
    assert outsider.get(url).status_code == 404
    for user in [VendorMemberFactory(vendor=vendor).user, VerifiedUserFactory(is_staff=True)]:
        insider = Client()
        insider.force_login(user)
        response = insider.get(url)
        assert response.status_code == 200
        assert "message--warning" in response.content.decode()


def test_products_of_an_unverified_vendor_404(client, sarong, vendor):
    vendor.status = "suspended"
    vendor.save()
    assert client.get(f"/en/products/{sarong.slug}/").status_code == 404


def test_each_view_of_a_published_product_is_appended_for_the_statistics(client, sarong):
    from core.models import VisitEvent
    from core.visits import visits_flush

    client.get(sarong.get_absolute_url())
    client.get(sarong.get_absolute_url())
    visits_flush()  # buffered in Redis until the periodic task moves them
    assert list(VisitEvent.objects.values_list("kind", "object_id")) == [
        ("product", sarong.pk),
        ("product", sarong.pk),
    ]


def test_a_vendor_previewing_a_draft_adds_no_view(sarong):
    from core.models import VisitEvent
    from core.visits import visits_flush

    sarong.status = Product.Status.DRAFT
    sarong.save()
    owner = Client()
    owner.force_login(sarong.vendor.members.get(role="owner").user)
    assert owner.get(sarong.get_absolute_url()).status_code == 200
    visits_flush()
    assert not VisitEvent.objects.exists()
