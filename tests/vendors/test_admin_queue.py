"""The admin's front page is the curators' work queue: each row one click from the action."""

import datetime as dt
import re

import pytest
from django.contrib.auth.models import Group
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone, translation

from catalog.models import ProductImage
from core.models import Image, OutboundEmail
from expo.models import BoothScore
from tests.factories import (
    BoothFactory,
    ExpoFactory,
    ImageFactory,
    ProductFactory,
    VendorFactory,
    VerifiedUserFactory,
    regency,
)
from vendors.models import RegionalCoordinator, Vendor


@pytest.fixture(autouse=True)
def _english():
    with translation.override("en"):
        yield


@pytest.fixture
def client(client):
    client.defaults["HTTP_ACCEPT_LANGUAGE"] = "en"  # the admin follows the browser's language
    return client


@pytest.fixture
def curator(client, regions):
    user = VerifiedUserFactory(email="kurator@bi.go.id", is_staff=True, language="en")
    user.groups.add(Group.objects.get(name="Curator"))
    client.force_login(user)
    return user


def _section(page: str, key: str) -> str:
    start = page.index(f'id="queue-{key}"')
    return page[start : page.index("</div>", start)]


def _submitted(name: str, days_ago: int) -> Vendor:
    vendor = VendorFactory(name=name, status=Vendor.Status.SUBMITTED)
    Vendor.objects.filter(pk=vendor.pk).update(
        submitted_at=timezone.now() - dt.timedelta(days=days_ago)
    )
    return vendor


def _curation_expo():
    return ExpoFactory(status="curation")


def test_an_empty_queue_says_so_in_every_section(client, curator):
    page = client.get(reverse("admin:index")).content.decode()
    assert "No business is waiting for verification." in _section(page, "verification")
    assert "Every booth application has your score." in _section(page, "scoring")
    assert "No product is hidden." in _section(page, "hidden")
    assert "No image failed." in _section(page, "images")
    # The app list stays below the queue.
    assert page.index("work-queue") < page.index('id="reports-module"') < page.index("app-vendors")


def test_the_queue_lists_the_work_oldest_first_with_links_and_counts(client, curator):
    newer = _submitted("UD Baru", 1)
    older = _submitted("CV Lama", 9)
    VendorFactory(name="Sudah Terverifikasi")
    expo = _curation_expo()
    to_score = BoothFactory(expo=expo, status="applied", hall=None, number=None)
    scored = BoothFactory(expo=expo, status="applied", hall=None, number=None)
    BoothScore.objects.create(
        booth=scored, curator=curator, originality=3, quality_capacity=3, packaging=3, legality=3
    )
    hidden = ProductFactory(
        name_id="Keripik Disembunyikan", status="hidden", hidden_reason="Foto menyesatkan"
    )
    failed = ProductFactory(name_id="Batik Foto Rusak")
    ProductImage.objects.create(
        product=failed, image=ImageFactory(status=Image.Status.FAILED, error="damaged")
    )
    page = client.get(reverse("admin:index")).content.decode()

    verification = _section(page, "verification")
    assert '<span class="work-queue__count">2</span>' in verification
    assert verification.index("CV Lama") < verification.index("UD Baru"), verification
    assert "Sudah Terverifikasi" not in verification
    assert reverse("admin:vendors_vendor_change", args=[older.pk]) in verification
    assert reverse("admin:vendors_vendor_change", args=[newer.pk]) in verification
    assert "waiting 1\xa0week, 2\xa0days" in verification
    assert "status__exact=submitted" in verification

    scoring = _section(page, "scoring")
    assert reverse("admin:expo_booth_change", args=[to_score.pk]) in scoring
    assert reverse("admin:expo_booth_change", args=[scored.pk]) not in scoring

    assert reverse("admin:catalog_product_change", args=[hidden.pk]) in _section(page, "hidden")
    assert "Foto menyesatkan" in _section(page, "hidden")
    images = _section(page, "images")
    assert reverse("admin:catalog_product_change", args=[failed.pk]) in images

    # Every link of the queue opens for the curator.
    for href in re.findall(
        r'href="([^"]+)"', page[page.index("work-queue") : page.index("reports-module")]
    ):
        assert client.get(href.replace("&amp;", "&")).status_code == 200, href


def test_undelivered_emails_show_to_who_may_see_the_outbox(client, regions):
    admin_user = VerifiedUserFactory(is_staff=True, is_superuser=True, language="en")
    client.force_login(admin_user)
    failed = OutboundEmail.objects.create(
        kind="test", to=["a@example.com"], from_email="x@example.com", subject="Undelivered one",
        status=OutboundEmail.Status.FAILED,
    )  # fmt: skip
    OutboundEmail.objects.create(
        kind="test", to=["a@example.com"], from_email="x@example.com", subject="Just written",
    )  # fmt: skip
    emails = _section(client.get(reverse("admin:index")).content.decode(), "emails")
    assert reverse("admin:core_outboundemail_change", args=[failed.pk]) in emails
    assert "Just written" not in emails


def test_a_curator_without_the_outbox_sees_no_email_section(client, curator):
    assert 'id="queue-emails"' not in client.get(reverse("admin:index")).content.decode()


def test_a_coordinator_sees_only_their_regencies_in_the_queue(client, regions):
    user = VerifiedUserFactory(is_staff=True, language="en")
    user.groups.add(Group.objects.get(name="Regional coordinator"))
    RegionalCoordinator.objects.create(user=user).regencies.set([regency("35.24")])
    client.force_login(user)
    _submitted("UD Lamongan", 2)
    malang = VendorFactory(name="UD Malang", status="submitted", regency=regency("35.07"))
    page = client.get(reverse("admin:index")).content.decode()
    assert "UD Lamongan" in _section(page, "verification")
    assert malang.name not in page


def test_the_queue_runs_a_bounded_number_of_queries(client, curator):
    def count() -> int:
        with CaptureQueriesContext(connection) as queries:
            assert client.get(reverse("admin:index")).status_code == 200
        return len(queries)

    expo = _curation_expo()
    _submitted("UD Satu", 1)
    BoothFactory(expo=expo, status="applied", hall=None, number=None)
    ProductFactory(status="hidden")
    count()  # the first request also fills caches (content types, the session)
    before = count()
    for n in range(12):
        _submitted(f"UD {n}", n + 2)
        BoothFactory(expo=expo, status="applied", hall=None, number=None)
        ProductFactory(status="hidden")
    assert count() == before
