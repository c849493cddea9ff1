"""Request bodies over REQUEST_BODY_MAX_BYTES are refused before anything reads them."""

from django.core.files.uploadedfile import SimpleUploadedFile
from django.core.files.uploadhandler import FileUploadHandler

from catalog.models import ProductImage
from core import images

STARTED: list[str] = []


class RecordingUploadHandler(FileUploadHandler):
    """Records every file Django starts to receive (where a temporary file would be written)."""

    def new_file(self, field_name, *args, **kwargs):
        STARTED.append(field_name)
        super().new_file(field_name, *args, **kwargs)

    def receive_data_chunk(self, raw_data, start):
        return None

    def file_complete(self, file_size):
        return None


def test_the_cap_holds_a_full_product_upload(settings):
    assert settings.REQUEST_BODY_MAX_BYTES > ProductImage.MAX_PER_PRODUCT * images.MAX_BYTES


def test_a_body_over_the_cap_is_refused_before_any_file_is_received(client, db, settings):
    settings.REQUEST_BODY_MAX_BYTES = 1000
    settings.FILE_UPLOAD_HANDLERS = ["tests.core.test_request_limits.RecordingUploadHandler"]
    STARTED.clear()
    photo = SimpleUploadedFile("photo.jpg", b"\xff\xd8" + b"x" * 2000, content_type="image/jpeg")
    response = client.post("/en/accounts/login/", {"photo": photo, "login": "a@example.com"})
    assert response.status_code == 413
    assert "The upload is too large." in response.content.decode()
    assert STARTED == []


def test_a_declared_length_over_the_cap_is_refused_in_the_page_language(client, db, settings):
    response = client.generic(
        "POST",
        "/id/accounts/login/",
        b"x",
        content_type="application/x-www-form-urlencoded",
        CONTENT_LENGTH=str(settings.REQUEST_BODY_MAX_BYTES + 1),
    )
    assert response.status_code == 413
    html = response.content.decode()
    assert '<html lang="id">' in html
    assert "Unggahan terlalu besar." in html


def test_a_body_under_the_cap_reaches_the_view(client, db, settings):
    settings.REQUEST_BODY_MAX_BYTES = 100_000
    response = client.post("/en/accounts/login/", {"login": "a@example.com", "password": "x"})
    assert response.status_code == 200
