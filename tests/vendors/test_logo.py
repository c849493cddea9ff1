"""A business's logo: replaced through core.images and shown with the picture tag."""

import pytest
from django.core.files.storage import default_storage
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from core.models import Image
from tests.factories import ImageFactory, VendorFactory
from tests.images import png_bytes
from vendors.services import vendor_profile_update

pytestmark = pytest.mark.django_db


def test_a_new_logo_replaces_the_old_image_and_its_files(django_capture_on_commit_callbacks):
    old = ImageFactory(processed=True)
    vendor = VendorFactory(logo=old)
    old_pk, old_files = old.pk, sorted(n for s in old.renditions.values() for n in s.values())
    upload = SimpleUploadedFile("logo.png", png_bytes((400, 400)), "image/png")
    with django_capture_on_commit_callbacks(execute=True):
        vendor_profile_update(vendor=vendor, logo_upload=upload)
    vendor.refresh_from_db()
    assert not Image.objects.filter(pk=old_pk).exists()
    assert vendor.logo.status == Image.Status.READY
    assert list(Image.objects.values_list("pk", flat=True)) == [vendor.logo_id]
    assert [name for name in old_files if default_storage.exists(name)] == []


def test_the_public_profile_shows_the_logo_as_a_picture(client):
    vendor = VendorFactory(name="Sentra Tenun Ikat Parengan", logo=ImageFactory(processed=True))
    response = client.get(f"/en/vendors/{vendor.slug}/")
    html = response.content.decode()
    assert response.status_code == 200
    assert '<div class="vendor-logo"><picture><source type="image/webp"' in html
    assert 'sizes="6rem"' in html
    assert 'alt="Logo of Sentra Tenun Ikat Parengan"' in html


def test_a_logo_still_processing_is_not_announced_to_the_public_but_to_the_business(
    client, password
):
    vendor = VendorFactory(logo=ImageFactory())
    response = client.get(f"/en/vendors/{vendor.slug}/")
    assert response.status_code == 200
    assert "<picture>" not in response.content.decode()
    assert "Your logo is being processed." not in response.content.decode()
    client.force_login(vendor.members.get().user)
    response = client.get(reverse("dashboard:profile"))
    assert "Your logo is being processed." in response.content.decode()
