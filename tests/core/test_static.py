import gzip

from django.contrib.staticfiles.storage import staticfiles_storage
from django.core.management import call_command
from django.http import HttpResponse
from django.test import RequestFactory
from whitenoise.middleware import WhiteNoiseMiddleware

from core.views_public import server_error


def test_collected_static_files_are_hashed_and_cached_for_years(settings, tmp_path):
    settings.STATIC_ROOT = tmp_path / "static"
    settings.WHITENOISE_USE_FINDERS = False
    settings.STORAGES = {
        **settings.STORAGES,
        "staticfiles": {"BACKEND": "whitenoise.storage.CompressedManifestStaticFilesStorage"},
    }
    call_command("collectstatic", interactive=False, verbosity=0)
    url = staticfiles_storage.url("css/app.css")
    assert url.startswith("/static/css/app.")
    assert url != "/static/css/app.css"

    middleware = WhiteNoiseMiddleware(lambda request: HttpResponse(status=404))
    response = middleware(RequestFactory().get(url, headers={"accept-encoding": "gzip"}))
    assert response.status_code == 200
    assert response["Cache-Control"] == "max-age=315360000, public, immutable"
    assert response["Content-Encoding"] == "gzip"
    assert b"--c-primary" in gzip.decompress(b"".join(response.streaming_content))

    unhashed = middleware(RequestFactory().get("/static/css/app.css"))
    assert unhashed["Cache-Control"] == "max-age=60, public"


def test_htmx_is_vendored_with_its_version_in_the_name():
    from django.contrib.staticfiles import finders

    assert finders.find("js/htmx-2.0.11.min.js")


def test_the_error_page_survives_a_broken_static_manifest(settings, tmp_path):
    settings.STATIC_ROOT = tmp_path / "empty"
    settings.STORAGES = {
        **settings.STORAGES,
        "staticfiles": {"BACKEND": "whitenoise.storage.CompressedManifestStaticFilesStorage"},
    }
    response = server_error(RequestFactory().get("/"))
    assert response.status_code == 500
    assert b"500" in response.content


def test_the_error_page_is_translated(db):
    from django.utils import translation

    with translation.override("id"):
        response = server_error(RequestFactory().get("/id/"))
    assert response.status_code == 500
    assert "Terjadi kesalahan" in response.content.decode()


def test_favicon_ico_leads_to_the_sites_icon(client, db):
    """Pages naming no icon (files, some browsers) ask for /favicon.ico: no 404 in the console."""
    response = client.get("/favicon.ico")
    assert response.status_code == 301
    assert response["Location"].endswith(".svg")
    assert "/img/favicon" in response["Location"]
