"""The certification filter reads a copy on the product (`certification_kinds`): it follows the
links, a certificate's change, removal and expiry, and the rebuild command repairs it."""

import datetime as dt

import pytest
from django.core.management import call_command
from django.utils import timezone

from catalog.models import Product
from catalog.services import product_update
from catalog.tasks import certification_kinds_refresh_task
from tests.factories import CertificationFactory, ProductFactory
from vendors.services import certification_add, certification_delete

pytestmark = pytest.mark.django_db

HALAL_URL = "/en/products/?certification=halal"


@pytest.fixture
def product():
    return ProductFactory(name_en="Spiced cassava chips")


def _kinds(product) -> list[str]:
    return Product.objects.get(pk=product.pk).certification_kinds


def _listed(client, product) -> bool:
    return product.name_en in client.get(HALAL_URL).content.decode()


def test_linking_and_unlinking_a_certificate_moves_the_product_in_and_out(client, product):
    halal = CertificationFactory(vendor=product.vendor, kind="halal")
    sni = CertificationFactory(vendor=product.vendor, kind="sni")
    assert _kinds(product) == []
    assert not _listed(client, product)
    product_update(product=product, certifications=[halal, sni])
    assert _kinds(product) == ["halal", "sni"]
    assert _listed(client, product)
    facet = 'Halal <span class="facet__count">(1)</span>'
    assert facet in client.get("/en/products/").content.decode()
    product_update(product=product, certifications=[sni])
    assert _kinds(product) == ["sni"]
    assert not _listed(client, product)


def test_a_deleted_or_changed_certificate_leaves_the_filter(client, product):
    halal = certification_add(vendor=product.vendor, kind="halal", number="ID-1")
    product.certifications.add(halal)
    assert _listed(client, product)
    halal.kind = "organic"
    halal.save()
    assert _kinds(product) == ["organic"]
    assert not _listed(client, product)
    certification_delete(certification=halal)
    assert _kinds(product) == []


def test_a_certificate_leaves_the_filter_when_it_expires(client, product):
    halal = CertificationFactory(vendor=product.vendor, kind="halal")
    product.certifications.add(halal)
    assert _listed(client, product)
    yesterday = timezone.localdate() - dt.timedelta(days=1)
    # Time passes: nothing is saved, the hourly task notices.
    type(halal).objects.filter(pk=halal.pk).update(expires_on=yesterday)
    assert certification_kinds_refresh_task.apply().get() == 1
    assert _kinds(product) == []
    assert not _listed(client, product)
    assert certification_kinds_refresh_task.apply().get() == 0  # nothing left to change
    halal.expires_on = timezone.localdate() + dt.timedelta(days=365)  # renewed
    halal.save()
    assert _listed(client, product)


def test_the_rebuild_command_repairs_a_copy_changed_behind_the_services(product):
    halal = CertificationFactory(vendor=product.vendor, kind="halal")
    product.certifications.add(halal)
    Product.objects.filter(pk=product.pk).update(certification_kinds=["sni"])
    call_command("catalog_public_rebuild")
    assert _kinds(product) == ["halal"]


def test_the_beat_task_recomputes_the_unfiltered_facet_counts(client, product):
    from catalog.tasks import catalogue_facets_warm_task

    facet = 'Halal <span class="facet__count">({})</span>'
    product.certifications.add(CertificationFactory(vendor=product.vendor, kind="halal"))
    assert facet.format(1) in client.get("/en/products/?sort=newest").content.decode()
    other = ProductFactory(vendor=product.vendor)
    other.certifications.add(product.certifications.get())
    # Counts may lag (cached 60 s) until the task, which runs every 45 s, recomputes them.
    assert facet.format(1) in client.get("/en/products/?sort=price_desc").content.decode()
    catalogue_facets_warm_task.apply()
    assert facet.format(2) in client.get("/en/products/?sort=price_asc").content.decode()
