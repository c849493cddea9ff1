"""Products in the vendor dashboard: create, edit, duplicate, archive, publish."""

import pytest
from django.test import Client

from catalog.models import Product
from tests.catalog.factories import ProductImageFactory, category
from tests.factories import CertificationFactory, ProductFactory, VendorFactory, VendorMemberFactory

pytestmark = pytest.mark.django_db


def form_data(**overrides) -> dict:
    data = {
        "name_id": "Sarung tenun ikat Parengan",
        "name_en": "Parengan woven ikat sarong",
        "category": category("tenun-ikat").pk,
        "description_id": "Ditenun dengan tangan.\n\nMotif khas Parengan.",
        "description_en": "Hand-woven.\n\nParengan motifs.",
        "price_min_idr": "250000",
        "price_max_idr": "450000",
        "unit": "piece",
        "moq": "10",
        "monthly_capacity": "2000",
        "lead_time_days": "30",
        "hs_code": "6304.91",
        "weight_grams": "600",
        "export_markets": ["QA", "MY"],
    }
    data.update(overrides)
    return {k: v for k, v in data.items() if v is not None}


def test_owner_creates_a_draft_product_with_all_its_details(owner_client, vendor):
    halal = CertificationFactory(vendor=vendor)
    response = owner_client.post(
        "/id/dashboard/products/new/", form_data(certifications=[halal.pk])
    )
    product = Product.objects.get(vendor=vendor)
    assert response.status_code == 302
    assert response["Location"] == f"/id/dashboard/products/{product.pk}/"
    assert product.status == Product.Status.DRAFT
    assert (product.name_en, product.price_max_idr, product.moq, product.hs_code) == (
        "Parengan woven ikat sarong", 450000, 10, "6304.91",
    )  # fmt: skip
    assert product.export_markets == ["QA", "MY"]
    assert list(product.certifications.all()) == [halal]
    assert product.slug.startswith("sarung-tenun-ikat-parengan-")


def test_staff_member_of_the_vendor_may_manage_products(vendor):
    member = VendorMemberFactory(vendor=vendor).user
    client = Client()
    client.force_login(member)
    assert client.post("/id/dashboard/products/new/", form_data()).status_code == 302
    assert Product.objects.filter(vendor=vendor).count() == 1


@pytest.mark.parametrize(
    ("overrides", "field", "message"),
    [
        ({"hs_code": "63A4"}, "hs_code", "Enter an HS code of 4 to 10 digits"),
        (
            {"price_max_idr": "1000"},
            "price_max_idr",
            "The highest price cannot be below the price.",
        ),
        ({"category": None}, "category", "This field is required."),
        ({"moq": "0"}, "moq", "greater than or equal to 1"),
    ],
)
def test_invalid_product_form_shows_the_error_and_saves_nothing(
    owner_client, vendor, overrides, field, message
):
    response = owner_client.post("/en/dashboard/products/new/", form_data(**overrides))
    assert response.status_code == 200
    assert message in str(response.context["form"].errors[field])
    assert "Sarung tenun ikat Parengan" in response.content.decode()  # nothing typed is lost
    assert not Product.objects.exists()


def test_food_needs_a_shelf_life(owner_client, vendor):
    data = form_data(category=category("camilan").pk)
    response = owner_client.post("/en/dashboard/products/new/", data)
    assert response.context["form"].errors["shelf_life_days"] == [
        "Food products need a shelf life."
    ]
    response = owner_client.post("/en/dashboard/products/new/", {**data, "shelf_life_days": "90"})
    assert Product.objects.get().shelf_life_days == 90


def test_certifications_of_another_vendor_cannot_be_chosen(owner_client, vendor):
    foreign = CertificationFactory(vendor=VendorFactory())
    response = owner_client.post(
        "/en/dashboard/products/new/", form_data(certifications=[foreign.pk])
    )
    assert "Select a valid choice" in str(response.context["form"].errors["certifications"])
    assert not Product.objects.exists()


def test_edit_saves_changes(owner_client, vendor):
    product = ProductFactory(vendor=vendor, status=Product.Status.DRAFT)
    response = owner_client.post(
        f"/id/dashboard/products/{product.pk}/", form_data(name_id="Sarung ikat baru")
    )
    assert response.status_code == 302
    product.refresh_from_db()
    assert product.name_id == "Sarung ikat baru"
    assert Product.objects.filter(search_vector="baru").get() == product


def test_duplicate_makes_a_draft_copy_without_photos(owner_client, vendor):
    halal = CertificationFactory(vendor=vendor)
    product = ProductFactory(vendor=vendor, name_id="Sarung", featured=True)
    product.certifications.add(halal)
    ProductImageFactory(product=product)
    response = owner_client.post(f"/id/dashboard/products/{product.pk}/duplicate/")
    copy = Product.objects.exclude(pk=product.pk).get()
    assert response["Location"] == f"/id/dashboard/products/{copy.pk}/"
    assert (copy.name_id, copy.status, copy.featured, copy.images.count()) == (
        "Sarung (salinan)", Product.Status.DRAFT, False, 0,
    )  # fmt: skip
    assert list(copy.certifications.all()) == [halal]
    assert copy.slug != product.slug


def test_archive_takes_the_product_out_of_the_catalogue(owner_client, vendor, client):
    product = ProductFactory(vendor=vendor)
    owner_client.post(f"/id/dashboard/products/{product.pk}/archive/")
    product.refresh_from_db()
    assert product.status == Product.Status.ARCHIVED
    assert client.get(product.get_absolute_url()).status_code == 404


def test_verified_vendor_publishes_and_unpublishes(owner_client, vendor, client):
    product = ProductFactory(vendor=vendor, status=Product.Status.DRAFT, published_at=None)
    assert client.get(product.get_absolute_url()).status_code == 404
    owner_client.post(f"/id/dashboard/products/{product.pk}/publish/", {"action": "publish"})
    product.refresh_from_db()
    assert product.status == Product.Status.PUBLISHED
    assert product.published_at is not None
    assert client.get(product.get_absolute_url()).status_code == 200
    owner_client.post(f"/id/dashboard/products/{product.pk}/publish/", {"action": "unpublish"})
    product.refresh_from_db()
    assert product.status == Product.Status.DRAFT


def test_unverified_vendor_keeps_drafts_but_cannot_publish(owner_client, vendor):
    vendor.status = "submitted"
    vendor.save()
    assert owner_client.post("/en/dashboard/products/new/", form_data()).status_code == 302
    product = Product.objects.get()
    response = owner_client.post(
        f"/en/dashboard/products/{product.pk}/publish/", {"action": "publish"}, follow=True
    )
    assert "Your business must be verified before its products can be published." in (
        response.content.decode()
    )
    product.refresh_from_db()
    assert product.status == Product.Status.DRAFT


def test_publishing_checks_the_food_rule_again(owner_client, vendor):
    product = ProductFactory(
        vendor=vendor, category=category("camilan"), status="draft", shelf_life_days=None
    )
    response = owner_client.post(
        f"/en/dashboard/products/{product.pk}/publish/", {"action": "publish"}, follow=True
    )
    assert "Food products need a shelf life." in response.content.decode()
    product.refresh_from_db()
    assert product.status == Product.Status.DRAFT


def test_list_shows_own_products_only(owner_client, vendor):
    ProductFactory(vendor=vendor, name_id="Sarung milik sendiri")
    ProductFactory(name_id="Produk vendor lain")
    html = owner_client.get("/id/dashboard/products/").content.decode()
    assert "Sarung milik sendiri" in html
    assert "Produk vendor lain" not in html


def test_another_vendors_product_is_not_found_and_unchanged(owner_client, vendor):
    foreign = ProductFactory(name_id="Asing")
    for url, data in [
        (f"/id/dashboard/products/{foreign.pk}/", form_data(name_id="Diubah")),
        (f"/id/dashboard/products/{foreign.pk}/archive/", {}),
        (f"/id/dashboard/products/{foreign.pk}/publish/", {"action": "unpublish"}),
    ]:
        assert owner_client.post(url, data).status_code == 404
    foreign.refresh_from_db()
    assert (foreign.name_id, foreign.status) == ("Asing", Product.Status.PUBLISHED)


def test_description_is_plain_text_with_paragraphs(client, vendor):
    product = ProductFactory(
        vendor=vendor,
        description_id="Baris satu.\n\n<script>alert(1)</script><b>tebal</b>",
    )
    html = client.get(product.get_absolute_url()).content.decode()
    assert "<p>Baris satu.</p>" in html
    assert "&lt;script&gt;alert(1)&lt;/script&gt;&lt;b&gt;tebal&lt;/b&gt;" in html
    assert "<b>tebal</b>" not in html
