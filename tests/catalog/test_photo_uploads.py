"""A photo upload during an opening: the request only receives, checks the header and stores the
file; the `images` worker decodes it and makes the renditions. Hostile files are refused in the
vendor's language with nothing stored, and the pages cached for everyone are emptied only when a
visitor can see the change (a public product's photo ready, or removed)."""

import pytest
from django.core.cache import cache
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import Client

from catalog.models import ProductImage
from core.cache import GENERATION_KEY
from core.models import Image
from tests import images
from tests.catalog.factories import ProductImageFactory
from tests.factories import ProductFactory
from tests.workers import wait_for

pytestmark = pytest.mark.django_db


def upload(data: bytes, name: str = "photo.jpg") -> SimpleUploadedFile:
    return SimpleUploadedFile(name, data, content_type="image/jpeg")


def stored_files(settings) -> list[str]:
    """Every file in public and private storage."""
    roots = [settings.MEDIA_ROOT, settings.STORAGES["private"]["OPTIONS"]["location"]]
    return sorted(str(p) for root in roots if root.exists() for p in root.rglob("*") if p.is_file())


def generation() -> int:
    """The cached public pages' generation: a new value means every cached page renders again."""
    return cache.get(GENERATION_KEY)


@pytest.fixture
def public_product(vendor):
    product = ProductFactory(vendor=vendor, name_en="Ikat sarong", slug="ikat-sarong")
    assert product.is_public
    return product


@pytest.fixture
def draft(vendor):
    return ProductFactory(vendor=vendor, status="draft")


@pytest.fixture
def visitor() -> Client:
    return Client()


def photos_url(product, lang: str = "en") -> str:
    return f"/{lang}/dashboard/products/{product.pk}/photos/"


@pytest.mark.parametrize(
    ("data", "name", "reason"),
    [
        (images.decompression_bomb_bytes(), "bomb.png", "Resolusi foto terlalu besar."),
        (images.huge_png_bytes(), "huge.png", "Resolusi foto terlalu besar."),
        (images.png_with_html_bytes(), "polyglot.png", "Berkas rusak atau tidak lengkap."),
        (images.SVG, "logo.svg", "Berkas ini bukan foto JPEG, PNG, WebP, atau HEIC."),
        (images.PSD, "design.jpg", "Berkas ini bukan foto JPEG, PNG, WebP, atau HEIC."),
        (images.EPS, "print.jpg", "Berkas ini bukan foto JPEG, PNG, WebP, atau HEIC."),
        (images.PDF, "scan.jpg", "Berkas ini bukan foto JPEG, PNG, WebP, atau HEIC."),
        (images.tiff_bytes(), "scan.jpg", "Berkas ini bukan foto JPEG, PNG, WebP, atau HEIC."),
        (b"\xff\xd8\xff\xe0" + bytes(16 * 1024 * 1024), "big.jpg", "Ukuran foto lebih dari 15 MB."),
    ],
    ids=["bomb", "10000x10000", "png+html", "svg", "psd", "eps", "pdf", "tiff", "16-mb"],
)  # fmt: skip
def test_hostile_file_is_refused_in_indonesian_and_nothing_is_stored(
    owner_client, public_product, settings, data, name, reason
):
    before = generation()
    response = owner_client.post(photos_url(public_product, "id"), {"photos": [upload(data, name)]})
    assert response.status_code == 400
    assert f"{name}: {reason}" in response.content.decode()
    assert not ProductImage.objects.exists()
    assert not Image.objects.exists()
    assert stored_files(settings) == []
    assert generation() == before


def test_a_photo_waits_for_the_worker_and_the_cached_pages_stay_until_it_is_ready(
    owner_client, public_product, visitor, settings, django_capture_on_commit_callbacks
):
    page = f"/en/products/{public_product.slug}/"
    assert "No photo yet" in visitor.get(page).content.decode()  # cached for everyone now
    before = generation()
    with django_capture_on_commit_callbacks(execute=False) as after_commit:
        response = owner_client.post(
            photos_url(public_product), {"photos": [upload(images.jpeg_bytes())]}
        )
    assert response.status_code == 302
    # The request stored the original and decoded nothing: no rendition, no size yet.
    image = public_product.images.get().image
    assert (image.status, image.renditions, image.width) == ("pending", {}, None)
    assert not settings.MEDIA_ROOT.exists() or not any(settings.MEDIA_ROOT.rglob("*.webp"))
    assert generation() == before  # nothing a visitor sees has changed
    assert "No photo yet" in visitor.get(page).content.decode()
    html = owner_client.get(f"/en/dashboard/products/{public_product.pk}/").content.decode()
    assert "photo-item--pending" in html

    for callback in after_commit:  # the commit: the task goes to the (here in-process) worker
        callback()
    image.refresh_from_db()
    assert (image.status, image.width, image.height) == ("ready", 1600, 1200)
    assert generation() != before
    html = visitor.get(page).content.decode()
    assert "No photo yet" not in html
    assert ".webp" in html


def test_a_drafts_photos_never_empty_the_cached_pages(
    owner_client, draft, django_capture_on_commit_callbacks
):
    before = generation()
    with django_capture_on_commit_callbacks(execute=True):
        response = owner_client.post(photos_url(draft), {"photos": [upload(images.jpeg_bytes())]})
    assert response.status_code == 302
    photo = draft.images.get()
    assert photo.image.status == "ready"
    with django_capture_on_commit_callbacks(execute=True):
        owner_client.post(f"/en/dashboard/products/{draft.pk}/photos/{photo.pk}/delete/")
    assert not draft.images.exists()
    assert generation() == before


def test_a_photo_the_worker_cannot_process_keeps_the_cached_pages_and_the_vendor_is_told(
    owner_client, public_product, django_capture_on_commit_callbacks
):
    before = generation()
    with django_capture_on_commit_callbacks(execute=True):
        response = owner_client.post(
            photos_url(public_product, "id"), {"photos": [upload(images.truncated_jpeg_bytes())]}
        )
    assert response.status_code == 302
    image = public_product.images.get().image
    assert (image.status, image.error) == ("failed", "damaged")
    assert generation() == before
    edit = f"dashboard/products/{public_product.pk}/"
    html = owner_client.get(f"/id/{edit}").content.decode()
    assert "Tidak dapat diproses: Berkas rusak atau tidak lengkap." in html
    html = owner_client.get(f"/en/{edit}").content.decode()
    assert "Could not be processed: The file is damaged or incomplete." in html


def test_removing_a_photo_visitors_see_empties_the_cached_pages(
    owner_client, public_product, visitor, django_capture_on_commit_callbacks
):
    photo = ProductImageFactory(product=public_product)
    page = f"/en/products/{public_product.slug}/"
    assert "No photo yet" not in visitor.get(page).content.decode()
    before = generation()
    with django_capture_on_commit_callbacks(execute=True):
        owner_client.post(f"/en/dashboard/products/{public_product.pk}/photos/{photo.pk}/delete/")
    assert generation() != before
    assert "No photo yet" in visitor.get(page).content.decode()


@pytest.mark.integration
def test_the_images_worker_processes_what_the_dashboard_stored(
    workers, owner_client, public_product, settings
):
    """With a real Celery worker: the request answers before any decoding happens (no worker runs
    yet), then the worker makes the renditions of the good photo and refuses the truncated one."""
    response = owner_client.post(
        photos_url(public_product),
        {"photos": [upload(images.jpeg_bytes(orientation=6), "IMG_0001.JPG"),
                    upload(images.truncated_jpeg_bytes(), "half.jpg")]},
    )  # fmt: skip
    assert response.status_code == 302
    assert set(Image.objects.values_list("status", flat=True)) == {"pending"}

    workers.start()
    wait_for(
        lambda: not Image.objects.filter(status="pending").exists(),
        message="the images worker to process both photos",
    )
    good, half = (photo.image for photo in public_product.images.order_by("position"))
    assert (good.status, good.width, good.height) == ("ready", 1200, 1600)
    assert (half.status, half.error, half.renditions) == ("failed", "damaged", {})
    assert all((settings.MEDIA_ROOT / name).exists() for name in good.renditions["webp"].values())
    html = owner_client.get(f"/en/dashboard/products/{public_product.pk}/").content.decode()
    assert html.count('class="photo-item photo-item--ready"') == 1
    assert "Could not be processed: The file is damaged or incomplete." in html
    html = Client().get(f"/en/products/{public_product.slug}/").content.decode()
    assert good.renditions["webp"]["640"] in html
