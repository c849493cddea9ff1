"""A booth's banner: replaced through core.images and shown with the picture tag."""

import pytest
from django.core.files.storage import default_storage
from django.core.files.uploadedfile import SimpleUploadedFile
from django.utils import translation

from core.models import Image
from expo.services import booth_update
from tests.factories import BoothFactory, ImageFactory
from tests.images import jpeg_bytes

pytestmark = pytest.mark.django_db


def test_a_new_banner_replaces_the_old_image_and_its_files(django_capture_on_commit_callbacks):
    old = ImageFactory(processed=True)
    booth = BoothFactory(banner=old)
    old_pk, old_files = old.pk, sorted(n for s in old.renditions.values() for n in s.values())
    upload = SimpleUploadedFile("banner.jpg", jpeg_bytes((1600, 500)), "image/jpeg")
    with django_capture_on_commit_callbacks(execute=True):
        booth_update(
            booth=booth, preferred_hall=None, tagline_id="Baru", tagline_en="New",
            banner_upload=upload,
        )  # fmt: skip
    booth.refresh_from_db()
    assert not Image.objects.filter(pk=old_pk).exists()
    assert booth.banner.status == Image.Status.READY
    assert list(Image.objects.values_list("pk", flat=True)) == [booth.banner_id]
    assert [name for name in old_files if default_storage.exists(name)] == []


def test_the_booth_page_shows_the_banner_as_a_picture(client):
    booth = BoothFactory(banner=ImageFactory(processed=True), vendor__name="Tenun Parengan")
    with translation.override("en"):
        response = client.get(booth.get_absolute_url())
    html = response.content.decode()
    assert response.status_code == 200
    assert html.count("<picture>") == 1
    assert 'sizes="(min-width: 72rem) 72rem, 100vw"' in html
    assert 'class="js-placeholder booth__banner"' in html
    assert 'alt="Banner of Tenun Parengan"' in html


def test_a_booth_whose_banner_failed_shows_the_page_without_it(client):
    banner = ImageFactory(status=Image.Status.FAILED, error=Image.Error.DAMAGED)
    booth = BoothFactory(banner=banner)
    response = client.get(booth.get_absolute_url())
    assert response.status_code == 200
    assert "<picture>" not in response.content.decode()
