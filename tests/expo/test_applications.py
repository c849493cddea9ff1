import io

import pytest
from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import SimpleUploadedFile
from PIL import Image as PILImage

from catalog.models import Product
from expo.models import Booth
from expo.services import (
    booth_apply,
    booth_approve,
    booth_feature_products,
    booth_nominate,
    booth_reject,
    booth_score,
    booth_withdraw,
)
from tests.expo.factories import OpenExpoFactory
from tests.factories import (
    BoothFactory,
    HallFactory,
    ProductFactory,
    VendorFactory,
    VerifiedUserFactory,
    regency,
)
from vendors.models import RegionalCoordinator, Vendor

pytestmark = pytest.mark.django_db


def png_upload(name="banner.png") -> SimpleUploadedFile:
    buffer = io.BytesIO()
    PILImage.new("RGB", (64, 32), "#8a3b12").save(buffer, "PNG")
    return SimpleUploadedFile(name, buffer.getvalue(), content_type="image/png")


def apply(expo, vendor, **kwargs):
    data = {
        "expo": expo,
        "vendor": vendor,
        "preferred_hall": None,
        "tagline_id": "Tenun ikat Parengan",
        "tagline_en": "Parengan ikat weaving",
    }
    return booth_apply(**{**data, **kwargs})


def test_booth_approve_rejects_products_of_another_vendor():
    booth = BoothFactory()
    foreign = ProductFactory()  # belongs to another vendor
    with pytest.raises(ValidationError):
        booth_feature_products(booth=booth, products=[foreign])
    assert list(booth.featured_products.all()) == []


def test_featuring_refuses_own_draft_products_and_more_than_twelve():
    booth = BoothFactory()
    draft = ProductFactory(vendor=booth.vendor, status=Product.Status.DRAFT)
    with pytest.raises(ValidationError):
        booth_feature_products(booth=booth, products=[draft])
    many = ProductFactory.create_batch(13, vendor=booth.vendor)
    with pytest.raises(ValidationError):
        booth_feature_products(booth=booth, products=many)
    booth_feature_products(booth=booth, products=many[:12])
    assert booth.featured_products.count() == 12


def test_verified_vendor_applies_with_banner_products_and_video(django_capture_on_commit_callbacks):
    expo = OpenExpoFactory()
    hall = HallFactory(expo=expo)
    vendor = VendorFactory()
    products = ProductFactory.create_batch(2, vendor=vendor)
    with django_capture_on_commit_callbacks(execute=True):
        booth = apply(
            expo,
            vendor,
            preferred_hall=hall,
            products=products,
            video_url="https://www.youtube.com/watch?v=abc",
            banner_upload=png_upload(),
        )
    booth.refresh_from_db()
    assert booth.status == Booth.Status.APPLIED
    assert booth.preferred_hall == hall
    assert set(booth.featured_products.all()) == set(products)
    assert booth.banner.status == "ready"  # processed by the image pipeline
    assert booth.banner.url("webp", 640).endswith(".webp")


@pytest.mark.parametrize("status", [Vendor.Status.SUBMITTED, Vendor.Status.SUSPENDED])
def test_unverified_vendor_cannot_apply(status):
    expo = OpenExpoFactory()
    vendor = VendorFactory(status=status)
    with pytest.raises(ValidationError):
        apply(expo, vendor)
    assert not Booth.objects.exists()


def test_applying_outside_the_window_is_refused():
    expo = OpenExpoFactory(status="curation")
    with pytest.raises(ValidationError) as refused:
        apply(expo, VendorFactory())
    assert refused.value.code == "closed"
    assert not Booth.objects.exists()


@pytest.mark.parametrize(
    "url", ["https://evil.example.com/v.mp4", "http://www.youtube.com/watch?v=x", "javascript:x"]
)
def test_video_link_must_be_a_known_host_over_https(url):
    with pytest.raises(ValidationError):
        apply(OpenExpoFactory(), VendorFactory(), video_url=url)
    assert not Booth.objects.exists()


def test_withdrawn_vendor_can_apply_again_but_not_twice():
    expo, vendor = OpenExpoFactory(), VendorFactory()
    booth = apply(expo, vendor)
    with pytest.raises(ValidationError):
        apply(expo, vendor)
    booth_withdraw(booth=booth)
    again = apply(expo, vendor)
    assert again.pk == booth.pk
    assert again.status == Booth.Status.APPLIED


def test_coordinator_nominates_only_vendors_of_their_regencies():
    expo = OpenExpoFactory()
    user = VerifiedUserFactory(is_staff=True)
    RegionalCoordinator.objects.create(user=user).regencies.add(regency("35.24"))
    lamongan = VendorFactory()
    malang = VendorFactory(regency=regency("35.07"))
    booth = booth_nominate(expo=expo, vendor=lamongan, by=user)
    assert (booth.status, booth.nominated_by) == (Booth.Status.NOMINATED, user)
    with pytest.raises(ValidationError):
        booth_nominate(expo=expo, vendor=malang, by=user)
    assert not Booth.objects.filter(vendor=malang).exists()


def test_score_is_one_row_per_curator_and_within_range():
    booth = BoothFactory(status=Booth.Status.APPLIED, hall=None, number=None)
    curator = VerifiedUserFactory(is_staff=True)
    booth_score(
        booth=booth, curator=curator, originality=4, quality_capacity=3, packaging=5, legality=4
    )
    booth_score(
        booth=booth, curator=curator, originality=5, quality_capacity=5, packaging=5, legality=5
    )
    assert booth.scores.get().average == 5
    with pytest.raises(ValidationError):
        booth_score(
            booth=booth, curator=curator, originality=6, quality_capacity=1, packaging=1, legality=1
        )


def test_approval_numbers_booths_within_their_hall_and_emails_the_owner(
    mailoutbox, django_capture_on_commit_callbacks
):
    expo = OpenExpoFactory(status="curation")
    hall, other_hall = HallFactory(expo=expo), HallFactory(expo=expo)
    curator = VerifiedUserFactory(is_staff=True)
    owner = VerifiedUserFactory(language="en")
    first = BoothFactory(
        expo=expo,
        hall=None,
        number=None,
        preferred_hall=hall,
        status="applied",
        vendor__owner=owner,
    )
    second = BoothFactory(expo=expo, hall=None, number=None, preferred_hall=hall, status="applied")
    third = BoothFactory(
        expo=expo, hall=None, number=None, preferred_hall=other_hall, status="applied"
    )
    with django_capture_on_commit_callbacks(execute=True):
        for booth in (first, second, third):
            booth_approve(booth=booth, by=curator, note="Welcome aboard")
    numbers = {b.vendor_id: (b.hall_id, b.number) for b in Booth.objects.all()}
    assert numbers[first.vendor_id] == (hall.pk, 1)
    assert numbers[second.vendor_id] == (hall.pk, 2)
    assert numbers[third.vendor_id] == (other_hall.pk, 1)
    mail = next(m for m in mailoutbox if owner.email in m.to)
    assert "is approved" in mail.subject  # the owner's language (English)
    assert "Welcome aboard" in mail.body


def test_rejection_frees_the_number_and_sends_the_note(
    mailoutbox, django_capture_on_commit_callbacks
):
    booth = BoothFactory(status="applied")
    with django_capture_on_commit_callbacks(execute=True):
        booth_reject(booth=booth, by=VerifiedUserFactory(is_staff=True), note="Lengkapi izin PIRT")
    booth.refresh_from_db()
    assert (booth.status, booth.number) == (Booth.Status.REJECTED, None)
    assert "Lengkapi izin PIRT" in mailoutbox[0].body
