"""Product photos through the dashboard: several at once, statuses, order, alt text, limits,
and every hostile file refused through the product upload form."""

import pytest
from django.core.files.storage import default_storage
from django.core.files.uploadedfile import SimpleUploadedFile

from catalog.models import ProductImage
from core.models import Image
from tests import images
from tests.catalog.factories import ProductImageFactory
from tests.factories import ProductFactory

pytestmark = pytest.mark.django_db


def upload(data: bytes, name: str = "photo.jpg") -> SimpleUploadedFile:
    return SimpleUploadedFile(name, data, content_type="image/jpeg")


def public_files(settings) -> list[str]:
    root = settings.MEDIA_ROOT
    return (
        sorted(str(p.relative_to(root)) for p in root.rglob("*") if p.is_file())
        if root.exists()
        else []
    )


@pytest.fixture
def product(vendor):
    return ProductFactory(vendor=vendor, status="draft")


def post_photos(client, product, files, lang="en", capture=None):
    url = f"/{lang}/dashboard/products/{product.pk}/photos/"
    if capture is None:
        return client.post(url, {"photos": files})
    with capture(execute=True):
        return client.post(url, {"photos": files})


def test_several_photos_at_once_are_stored_and_processed(
    owner_client, product, django_capture_on_commit_callbacks
):
    files = [
        upload(images.jpeg_bytes(orientation=6), "IMG_0001.JPG"),
        upload(images.png_bytes(), "b.png"),
        upload(images.webp_bytes(), "c.webp"),
        upload(images.heic_bytes(), "IMG_0002.HEIC"),
    ]
    response = post_photos(owner_client, product, files, capture=django_capture_on_commit_callbacks)
    assert response.status_code == 302
    photos = list(product.images.select_related("image"))
    assert [p.position for p in photos] == [0, 1, 2, 3]
    assert [p.image.status for p in photos] == ["ready"] * 4
    # EXIF orientation 6: the 1600×1200 phone photo becomes portrait.
    assert (photos[0].image.width, photos[0].image.height) == (1200, 1600)
    html = owner_client.get(f"/en/dashboard/products/{product.pk}/").content.decode()
    assert html.count('class="photo-item photo-item--ready"') == 4
    assert "Photos (4 of 8)" in html
    assert "multiple" in html
    assert 'accept="image/jpeg,image/png' in html


def test_pending_and_failed_photos_show_their_status_and_translated_reason(owner_client, product):
    ProductImageFactory(product=product, image=Image.objects.create(original="x/a.jpg"))
    ProductImageFactory(
        product=product,
        image=Image.objects.create(original="x/b.jpg", status="failed", error="damaged"),
    )
    html = owner_client.get(f"/id/dashboard/products/{product.pk}/").content.decode()
    assert "Sedang diproses" in html or "Processing… reload the page in a moment." in html
    assert "Berkas rusak atau tidak lengkap." in html


@pytest.mark.parametrize(
    ("data", "name", "reason"),
    [
        (images.decompression_bomb_bytes(), "bomb.png", "The photo has too many pixels."),
        (images.huge_png_bytes(), "huge.png", "The photo has too many pixels."),
        (images.png_with_html_bytes(), "polyglot.png", "The file is damaged or incomplete."),
        (images.SVG, "logo.svg", "This file is not a JPEG, PNG, WebP or HEIC photo."),
        (images.PSD, "design.jpg", "This file is not a JPEG, PNG, WebP or HEIC photo."),
        (images.EPS, "print.jpg", "This file is not a JPEG, PNG, WebP or HEIC photo."),
        (images.PDF, "scan.jpg", "This file is not a JPEG, PNG, WebP or HEIC photo."),
        (images.tiff_bytes(), "scan.jpg", "This file is not a JPEG, PNG, WebP or HEIC photo."),
    ],
    ids=["bomb", "10000x10000", "png+html", "svg", "psd", "eps", "pdf", "tiff"],
)
def test_hostile_file_through_the_product_form_is_refused_and_nothing_is_stored(
    owner_client, product, settings, data, name, reason
):
    response = post_photos(owner_client, product, [upload(data, name)])
    assert response.status_code == 400
    assert f"{name}: {reason}" in response.content.decode()
    assert not ProductImage.objects.exists()
    assert not Image.objects.exists()
    assert public_files(settings) == []


def test_truncated_jpeg_passes_the_header_check_then_fails_with_a_reason(
    owner_client, product, settings, django_capture_on_commit_callbacks
):
    # Its header is fine; only decoding every pixel (in the worker) finds the missing half.
    response = post_photos(
        owner_client, product, [upload(images.truncated_jpeg_bytes(), "half.jpg")],
        capture=django_capture_on_commit_callbacks,
    )  # fmt: skip
    assert response.status_code == 302
    image = product.images.get().image
    assert (image.status, image.error, image.renditions) == ("failed", "damaged", {})
    assert public_files(settings) == []
    html = owner_client.get(f"/en/dashboard/products/{product.pk}/").content.decode()
    assert "Could not be processed: The file is damaged or incomplete." in html


@pytest.mark.parametrize(
    "name", ["../../../../etc/passwd.jpg", "..\\..\\evil.jpg", "a" * 300 + ".jpg"],
    ids=["dotdot", "backslash", "300-chars"],
)  # fmt: skip
def test_file_names_never_reach_the_file_system(
    owner_client, product, settings, name, django_capture_on_commit_callbacks
):
    response = post_photos(
        owner_client, product, [upload(images.jpeg_bytes(), name)],
        capture=django_capture_on_commit_callbacks,
    )  # fmt: skip
    assert response.status_code == 302
    image = product.images.get().image
    stored = image.original.name
    assert ".." not in stored
    assert "aaaa" not in stored
    assert "passwd" not in stored
    assert "evil" not in stored
    assert stored.startswith("originals/") or "/" in stored
    assert image.status == "ready"
    assert all(".." not in f and "passwd" not in f for f in public_files(settings))


def test_more_photos_than_allowed_in_one_request_get_a_clear_error(owner_client, product):
    response = post_photos(owner_client, product, [upload(images.jpeg_bytes()) for _ in range(9)])
    assert response.status_code == 400
    assert "A product can have at most 8 photos: you can add 8 more." in response.content.decode()
    assert not ProductImage.objects.exists()


def test_more_files_than_django_parses_in_one_request_get_a_clear_error(owner_client, product):
    # DATA_UPLOAD_MAX_NUMBER_FILES = 10: Django refuses to parse the body at all.
    files = [upload(images.png_bytes((20, 20)), f"{i}.png") for i in range(12)]
    response = post_photos(owner_client, product, files)
    assert response.status_code == 400
    assert (
        "Too many files at once: a product can have at most 8 photos." in response.content.decode()
    )
    assert not ProductImage.objects.exists()
    assert not Image.objects.exists()


def test_the_ninth_photo_is_refused(owner_client, product, django_capture_on_commit_callbacks):
    for _ in range(8):
        ProductImageFactory(product=product)
    response = post_photos(owner_client, product, [upload(images.jpeg_bytes())])
    assert response.status_code == 400
    assert "A product can have at most 8 photos: you can add 0 more." in response.content.decode()
    assert product.images.count() == 8


def test_upload_without_csrf_token_is_refused(vendor, owner, product):
    from django.test import Client

    client = Client(enforce_csrf_checks=True)
    client.force_login(owner)
    response = post_photos(client, product, [upload(images.jpeg_bytes())])
    assert response.status_code == 403
    assert not ProductImage.objects.exists()


def test_reorder_alt_text_and_delete(owner_client, product, settings):
    first, second, third = (ProductImageFactory(product=product, position=i) for i in range(3))
    base = f"/id/dashboard/products/{product.pk}/photos"
    owner_client.post(f"{base}/{third.pk}/move/", {"direction": "up"})
    assert list(product.images.values_list("pk", flat=True)) == [first.pk, third.pk, second.pk]
    owner_client.post(f"{base}/{first.pk}/move/", {"direction": "up"})  # already first
    assert list(product.images.values_list("pk", flat=True)) == [first.pk, third.pk, second.pk]

    owner_client.post(f"{base}/{first.pk}/alt/", {"alt_id": "Sarung merah", "alt_en": "Red sarong"})
    first.refresh_from_db()
    assert (first.alt_id, first.alt_en) == ("Sarung merah", "Red sarong")
    owner_client.post(f"{base}/{first.pk}/alt/", {"alt_id": "x" * 201, "alt_en": ""})
    first.refresh_from_db()
    assert first.alt_id == "Sarung merah"

    names = [n for sizes in second.image.renditions.values() for n in sizes.values()]
    assert all(default_storage.exists(n) for n in names)
    owner_client.post(f"{base}/{second.pk}/delete/")
    assert list(product.images.values_list("pk", flat=True)) == [first.pk, third.pk]
    assert not Image.objects.filter(pk=second.image_id).exists()


def test_deleting_a_photo_removes_its_files(
    owner_client, product, django_capture_on_commit_callbacks
):
    photo = ProductImageFactory(product=product)
    names = [n for sizes in photo.image.renditions.values() for n in sizes.values()]
    with django_capture_on_commit_callbacks(execute=True):
        owner_client.post(f"/id/dashboard/products/{product.pk}/photos/{photo.pk}/delete/")
    assert names
    assert not any(default_storage.exists(n) for n in names)
