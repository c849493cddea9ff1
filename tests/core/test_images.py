import io

import pytest
from django.core.exceptions import ValidationError
from django.core.files.storage import default_storage
from django.core.files.uploadedfile import SimpleUploadedFile
from django.db import transaction
from django.utils import translation
from PIL import Image as PILImage

from core.files import private_storage
from core.images import (
    image_copies,
    image_create,
    image_delete,
    image_process,
    image_replace,
    validate_image_upload,
)
from core.models import Image
from tests import images
from tests.factories import ImageFactory

HOSTILE = {
    "decompression bomb": (images.decompression_bomb_bytes, Image.Error.TOO_LARGE),
    "10000x10000 png": (images.huge_png_bytes, Image.Error.TOO_LARGE),
    "png with html appended": (images.png_with_html_bytes, Image.Error.DAMAGED),
    "svg": (lambda: images.SVG, Image.Error.UNSUPPORTED),
    "psd renamed .jpg": (lambda: images.PSD, Image.Error.UNSUPPORTED),
    "eps renamed .jpg": (lambda: images.EPS, Image.Error.UNSUPPORTED),
    "pdf renamed .jpg": (lambda: images.PDF, Image.Error.UNSUPPORTED),
    "tiff renamed .jpg": (images.tiff_bytes, Image.Error.UNSUPPORTED),
}


def upload(data: bytes, name: str = "photo.jpg") -> SimpleUploadedFile:
    return SimpleUploadedFile(name, data, content_type="image/jpeg")


def stored_image(db, data: bytes, django_capture_on_commit_callbacks, execute=False) -> Image:
    with django_capture_on_commit_callbacks(execute=execute):
        image = image_create(upload=upload(data))
    image.refresh_from_db()
    return image


def public_files() -> list[str]:
    def walk(path):
        folders, files = default_storage.listdir(path)
        for file in files:
            yield f"{path}/{file}".lstrip("/")
        for folder in folders:
            yield from walk(f"{path}/{folder}".lstrip("/"))

    return sorted(walk("")) if default_storage.exists("") else []


@pytest.mark.parametrize("kind", list(HOSTILE))
def test_hostile_files_are_refused_at_upload_with_a_clear_reason(kind):
    make, code = HOSTILE[kind]
    with pytest.raises(ValidationError) as error:
        validate_image_upload(upload(make()))
    assert error.value.code == code
    assert str(Image.Error(code).label) in error.value.messages


@pytest.mark.parametrize("kind", [*HOSTILE, "truncated jpeg"])
def test_hostile_files_that_reach_the_worker_fail_and_store_nothing_public(
    kind, db, django_capture_on_commit_callbacks
):
    make = images.truncated_jpeg_bytes if kind == "truncated jpeg" else HOSTILE[kind][0]
    image = stored_image(db, make(), django_capture_on_commit_callbacks, execute=True)
    assert image.status == Image.Status.FAILED
    assert image.error in Image.Error.values
    assert image.renditions == {}
    assert public_files() == []


def test_photo_is_turned_upright_and_stripped_of_all_metadata(
    db, django_capture_on_commit_callbacks
):
    data = images.jpeg_bytes((1600, 1200), orientation=6, gps=True, comment=b"secret comment")
    image = stored_image(db, data, django_capture_on_commit_callbacks, execute=True)
    assert image.status == Image.Status.READY
    assert (image.width, image.height) == (1200, 1600)  # orientation 6: rotated to portrait
    assert set(image.renditions) == {"webp", "jpeg"}
    assert sorted(image.renditions["jpeg"], key=int) == ["320", "640", "1200"]
    for kind, sizes in image.renditions.items():
        for width, name in sizes.items():
            with default_storage.open(name) as fh:
                im = PILImage.open(io.BytesIO(fh.read()))
                im.load()
            assert im.width == int(width)
            assert im.height > im.width
            assert dict(im.getexif()) == {}
            assert not {"exif", "xmp", "comment", "icc_profile", "XML:com.adobe.xmp"} & set(im.info)
            # the blue marker painted in the top-left corner ends up in the top-right corner
            r, _g, b = im.convert("RGB").getpixel((im.width - 3, 3))
            assert b > 120, (kind, width)
            assert r < 80, (kind, width)
    assert image.dominant_color.startswith("#")
    assert len(image.dominant_color) == 7


def test_the_original_is_private(db, django_capture_on_commit_callbacks, settings):
    image = stored_image(db, images.jpeg_bytes(), django_capture_on_commit_callbacks)
    assert image.original.name.startswith("originals/")
    assert not default_storage.exists(image.original.name)
    with pytest.raises(ValueError, match="not accessible via a URL"):
        image.original.url  # noqa: B018


@pytest.mark.parametrize(
    "make", [images.png_bytes, images.webp_bytes, images.heic_bytes], ids=["png", "webp", "heic"]
)
def test_png_webp_and_iphone_heic_are_accepted(make, db, django_capture_on_commit_callbacks):
    validate_image_upload(upload(make()))
    image = stored_image(db, make(), django_capture_on_commit_callbacks, execute=True)
    assert image.status == Image.Status.READY
    assert image.url("webp").endswith(".webp")
    assert "320" in image.renditions["jpeg"]


def test_processing_twice_gives_the_same_result(db, django_capture_on_commit_callbacks):
    image = stored_image(db, images.jpeg_bytes(), django_capture_on_commit_callbacks, execute=True)
    first = (image.renditions, image.width, image.height, image.dominant_color, public_files())
    image_process(image=image)
    image.refresh_from_db()
    assert (
        image.renditions,
        image.width,
        image.height,
        image.dominant_color,
        public_files(),
    ) == first


def test_small_photos_are_not_enlarged(db, django_capture_on_commit_callbacks):
    image = stored_image(
        db, images.jpeg_bytes((500, 400)), django_capture_on_commit_callbacks, execute=True
    )
    assert sorted(image.renditions["webp"], key=int) == ["320", "500"]


def test_oversized_upload_is_refused_before_it_is_read(settings, monkeypatch):
    monkeypatch.setattr("core.images.MAX_BYTES", 2 * 1024 * 1024)
    with translation.override("id"), pytest.raises(ValidationError) as error:
        validate_image_upload(upload(images.jpeg_bytes() + b"\0" * 3 * 1024 * 1024))
    assert error.value.messages == ["Ukuran foto lebih dari 2 MB."]


def stored_files(image: Image) -> list[tuple[object, str]]:
    """(storage, name) of the original and every rendition of a processed image."""
    renditions = [name for sizes in image.renditions.values() for name in sizes.values()]
    assert len(renditions) == 6  # 320, 640 and 1280 px, WebP and JPEG
    return [(private_storage(), image.original.name)] + [(default_storage, n) for n in renditions]


def rolled_back(change) -> None:
    """Make the change in a transaction that then fails and rolls back."""
    with transaction.atomic():
        change()
        raise RuntimeError("the request failed after the change")


def test_image_delete_removes_the_row_now_and_every_file_after_commit(
    db, django_capture_on_commit_callbacks
):
    image = ImageFactory(processed=True)
    files = stored_files(image)
    with django_capture_on_commit_callbacks() as callbacks:
        image_delete(image=image)
        assert not Image.objects.filter(pk=image.pk).exists()
        assert all(storage.exists(name) for storage, name in files)  # not before the commit
    for callback in callbacks:
        callback()
    assert [name for storage, name in files if storage.exists(name)] == []
    assert public_files() == []


def test_image_delete_rolled_back_keeps_the_row_and_its_files(
    db, django_capture_on_commit_callbacks
):
    image = ImageFactory(processed=True)
    pk, files = image.pk, stored_files(image)
    with django_capture_on_commit_callbacks(execute=True) as callbacks, pytest.raises(RuntimeError):
        rolled_back(lambda: image_delete(image=image))
    assert callbacks == []
    assert Image.objects.filter(pk=pk).exists()
    assert all(storage.exists(name) for storage, name in files)


def test_image_delete_keeps_files_that_copies_still_use(db, django_capture_on_commit_callbacks):
    image = ImageFactory(processed=True)
    files = stored_files(image)
    (copy,) = image_copies(image=image, count=1)
    with django_capture_on_commit_callbacks(execute=True):
        image_delete(image=image)
    assert all(storage.exists(name) for storage, name in files)
    with django_capture_on_commit_callbacks(execute=True):
        image_delete(image=copy)
    assert [name for storage, name in files if storage.exists(name)] == []


def test_image_replace_deletes_the_old_image_and_its_files_after_commit(
    db, django_capture_on_commit_callbacks
):
    old = ImageFactory(processed=True)
    files = stored_files(old)
    with django_capture_on_commit_callbacks(execute=True):
        new = image_replace(image=old, upload=upload(images.jpeg_bytes((800, 600))))
    new.refresh_from_db()
    assert list(Image.objects.all()) == [new]
    assert new.status == Image.Status.READY  # processed by the task enqueued after commit
    assert [name for storage, name in files if storage.exists(name)] == []
    assert public_files() == sorted(
        name for sizes in new.renditions.values() for name in sizes.values()
    )


def test_image_replace_rolled_back_keeps_the_old_image_and_its_files(
    db, django_capture_on_commit_callbacks
):
    old = ImageFactory(processed=True)
    pk, files = old.pk, stored_files(old)
    with django_capture_on_commit_callbacks(execute=True) as callbacks, pytest.raises(RuntimeError):
        rolled_back(lambda: image_replace(image=old, upload=upload(images.jpeg_bytes())))
    assert callbacks == []
    assert list(Image.objects.values_list("pk", flat=True)) == [pk]
    assert all(storage.exists(name) for storage, name in files)
