"""Curators hide (with a reason, emailed to the business) and feature products in the admin."""

import pytest
from django.test import Client

from catalog.models import Product
from core.models import OutboundEmail
from tests.factories import ProductFactory, VendorFactory, VerifiedUserFactory, regency

pytestmark = pytest.mark.django_db


@pytest.fixture
def curator_client(db):
    client = Client()
    client.force_login(VerifiedUserFactory(is_staff=True, is_superuser=True))
    return client


def test_curator_hides_a_product_with_a_reason_and_the_owner_is_emailed_in_their_language(
    curator_client, client, vendor, owner
):
    product = ProductFactory(vendor=vendor, name_id="Sarung ikat", featured=True)
    url = "/admin/catalog/product/"
    form = {"action": "hide", "_selected_action": [product.pk]}
    confirm = curator_client.post(url, form)
    assert "Alasan" in confirm.content.decode()
    assert "Sarung ikat" in confirm.content.decode()
    assert Product.objects.get().status == Product.Status.PUBLISHED  # nothing yet

    curator_client.post(url, {**form, "confirm": "1", "reason": "Foto bukan produk sendiri."})
    product.refresh_from_db()
    assert (product.status, product.hidden_reason, product.featured) == (
        Product.Status.HIDDEN, "Foto bukan produk sendiri.", False,
    )  # fmt: skip
    email = OutboundEmail.objects.get(kind="product_hidden")
    assert email.to == [owner.email]
    assert email.subject == "Produk Anda “Sarung ikat” disembunyikan dari katalog"
    assert "Foto bukan produk sendiri." in email.body_text
    assert f"/id/dashboard/products/{product.pk}/" in email.body_text
    assert client.get(product.get_absolute_url()).status_code == 404


def test_hiding_without_a_reason_changes_nothing(curator_client, vendor):
    product = ProductFactory(vendor=vendor)
    curator_client.post(
        "/admin/catalog/product/",
        {"action": "hide", "_selected_action": [product.pk], "confirm": "1", "reason": " "},
    )
    assert Product.objects.get().status == Product.Status.PUBLISHED
    assert not OutboundEmail.objects.exists()


def test_hidden_product_cannot_be_published_again_by_the_vendor(owner_client, vendor):
    product = ProductFactory(vendor=vendor, status=Product.Status.HIDDEN, hidden_reason="x")
    owner_client.post(f"/id/dashboard/products/{product.pk}/publish/", {"action": "publish"})
    assert Product.objects.get().status == Product.Status.HIDDEN


def test_feature_and_restore(curator_client, vendor, client):
    product = ProductFactory(vendor=vendor)
    curator_client.post(
        "/admin/catalog/product/", {"action": "feature", "_selected_action": [product.pk]}
    )
    assert Product.objects.get().featured is True
    Product.objects.update(status=Product.Status.HIDDEN)
    curator_client.post(
        "/admin/catalog/product/", {"action": "restore", "_selected_action": [product.pk]}
    )
    product.refresh_from_db()
    assert (product.status, product.featured) == (Product.Status.DRAFT, False)


def test_coordinator_sees_only_products_of_their_regencies(regions):
    from vendors.models import RegionalCoordinator

    user = VerifiedUserFactory(is_staff=True)
    from django.contrib.auth.models import Permission

    user.user_permissions.add(
        *Permission.objects.filter(codename__in=["view_product", "change_product"])
    )
    RegionalCoordinator.objects.create(user=user).regencies.set([regency("35.24")])
    ours = ProductFactory(name_id="Produk Lamongan")
    theirs = ProductFactory(name_id="Produk Malang", vendor=VendorFactory(regency=regency("35.73")))
    client = Client()
    client.force_login(user)
    html = client.get("/admin/catalog/product/").content.decode()
    assert "Produk Lamongan" in html
    assert "Produk Malang" not in html
    assert client.get(f"/admin/catalog/product/{ours.pk}/change/").status_code == 200
    assert client.get(f"/admin/catalog/product/{theirs.pk}/change/").status_code == 302


def test_renaming_a_category_in_the_admin_makes_products_findable_by_the_new_name(
    curator_client, vendor
):
    from catalog.services import product_search_refresh
    from tests.catalog.factories import category

    product = ProductFactory(vendor=vendor, category=category("anyaman-bambu"))
    product_search_refresh(product_ids=[product.pk])
    parent = category("kerajinan")
    curator_client.post(
        f"/admin/catalog/category/{parent.pk}/change/",
        {"name_id": "Kriya nusantara", "name_en": "Crafts", "slug": parent.slug,
         "position": 0, "parent": ""},
    )  # fmt: skip
    assert list(Product.objects.filter(search_vector="kriya")) == [product]


def change_form_data(response) -> dict:
    """What the admin change form would post back unchanged (fields and inline management)."""
    form = response.context["adminform"].form
    data = {}
    for name in form.fields:
        value = form[name].value()
        if value is None or value is False:
            continue
        if value is True:
            data[name] = "on"
        elif isinstance(value, list | tuple):
            data[name] = [str(v) for v in value]
        else:
            data[name] = str(value)
    for inline in response.context["inline_admin_formsets"]:
        management = inline.formset.management_form
        data.update(
            {management[name].html_name: management[name].value() for name in management.fields}
        )
    return data


def test_renaming_a_product_in_the_admin_makes_it_findable_by_the_new_name(curator_client, vendor):
    product = ProductFactory(vendor=vendor, name_id="Kopiah rajut", name_en="Knitted cap")
    url = f"/admin/catalog/product/{product.pk}/change/"
    data = change_form_data(curator_client.get(url))

    response = curator_client.post(url, {**data, "name_id": "Selendang songket"})

    assert response.status_code == 302, response.context["adminform"].form.errors
    product.refresh_from_db()
    assert product.name_id == "Selendang songket"
    assert list(Product.objects.filter(search_vector="songket")) == [product]
    assert list(Product.objects.filter(search_vector="kopiah")) == []
