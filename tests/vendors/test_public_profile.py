import pytest
from django.urls import reverse

from tests.factories import (
    BuyerProfileFactory,
    CertificationFactory,
    ProductFactory,
    VendorFactory,
    VerifiedUserFactory,
)
from vendors.models import Vendor


@pytest.fixture
def vendor(regions):
    vendor = VendorFactory(
        slug="tenun-parengan",
        name="Sentra Tenun Ikat Parengan",
        whatsapp="+6281299990000",
        description_id="Sarung tenun ikat khas Parengan.",
        description_en="Ikat sarongs woven in Parengan.",
    )
    CertificationFactory(vendor=vendor, kind="sni", number="SNI-8891")
    return vendor


def test_the_profile_shows_description_in_the_pages_language_regency_and_certifications(
    client, vendor
):
    ProductFactory(vendor=vendor, name_id="Sarung ikat merah", name_en="Red ikat sarong")
    ProductFactory(vendor=vendor, name_id="Draf rahasia", status="draft")
    page = client.get("/id/vendors/tenun-parengan/").content.decode()
    assert "Sarung tenun ikat khas Parengan." in page
    assert "Kabupaten Lamongan" in page
    assert "SNI-8891" in page
    assert "Sarung ikat merah" in page
    assert "Draf rahasia" not in page
    english = client.get("/en/vendors/tenun-parengan/").content.decode()
    assert "Ikat sarongs woven in Parengan." in english
    assert "Red ikat sarong" in english


def test_whatsapp_is_shown_to_signed_in_buyers_only(client, vendor):
    assert "6281299990000" not in client.get(vendor.get_absolute_url()).content.decode()
    client.force_login(VerifiedUserFactory())
    assert "6281299990000" not in client.get(vendor.get_absolute_url()).content.decode()
    client.force_login(BuyerProfileFactory().user)
    page = client.get(vendor.get_absolute_url()).content.decode()
    assert 'href="https://wa.me/6281299990000"' in page


@pytest.mark.parametrize("status", ["draft", "submitted", "rejected", "suspended"])
def test_only_verified_vendors_have_a_public_profile(client, vendor, status):
    Vendor.objects.filter(pk=vendor.pk).update(status=status)
    assert client.get(vendor.get_absolute_url()).status_code == 404


def test_the_profile_query_count_does_not_grow_with_products(
    client, vendor, django_assert_max_num_queries
):
    ProductFactory.create_batch(3, vendor=vendor)
    with django_assert_max_num_queries(12) as few:
        client.get(vendor.get_absolute_url())
    ProductFactory.create_batch(20, vendor=vendor)
    with django_assert_max_num_queries(len(few.captured_queries)):
        response = client.get(reverse("vendors:profile", kwargs={"slug": vendor.slug}))
    assert response.content.decode().count('<article class="product-card"') == 23
