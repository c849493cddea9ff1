import pytest
from django.utils import timezone

from core.middleware import UserTimezoneMiddleware
from tests.factories import UserFactory


@pytest.mark.parametrize(
    ("accept_language", "target"),
    [("en-GB,en;q=0.9", "/en/"), ("id-ID,id;q=0.9", "/id/"), ("fr-FR", "/id/"), ("", "/id/")],
)
def test_root_redirects_by_accept_language(client, db, accept_language, target):
    response = client.get("/", headers={"accept-language": accept_language})
    assert response.status_code == 302
    assert response["Location"] == target


def test_home_page_is_served_in_both_languages(client, db):
    indonesian = client.get("/id/").content.decode()
    english = client.get("/en/").content.decode()
    assert '<html lang="id">' in indonesian
    assert "Daftar sebagai UMKM" in indonesian
    assert '<html lang="en">' in english
    assert "Register your business" in english


def test_language_switch_keeps_the_current_page(client, db):
    response = client.post("/i18n/setlang/", {"language": "en", "next": "/id/accounts/login/"})
    assert response.status_code == 302
    assert response["Location"] == "/en/accounts/login/"
    assert client.get("/", headers={"accept-language": "id"})["Location"] == "/en/"  # remembered


@pytest.mark.parametrize(
    ("path", "text"),
    [("/id/tidak-ada/", "Halaman tidak ditemukan"), ("/en/no-such-page/", "Page not found")],
)
def test_not_found_page_is_translated(client, db, path, text):
    response = client.get(path)
    assert response.status_code == 404
    assert text in response.content.decode()


def test_middleware_activates_the_signed_in_users_time_zone(rf, db):
    seen = {}

    def view(request):
        seen["zone"] = timezone.get_current_timezone_name()
        return None

    request = rf.get("/")
    request.user = UserFactory(time_zone="Asia/Qatar")
    UserTimezoneMiddleware(view)(request)
    assert seen["zone"] == "Asia/Qatar"

    from django.contrib.auth.models import AnonymousUser

    request.user = AnonymousUser()
    UserTimezoneMiddleware(view)(request)
    assert seen["zone"] == "Asia/Jakarta"


def test_too_many_signups_from_one_address_get_the_translated_429_page(client, db):
    for _ in range(20):
        client.post("/id/accounts/signup/", {"email": "not-an-email"})
    response = client.post("/id/accounts/signup/", {"email": "not-an-email"})
    assert response.status_code == 429
    assert "Terlalu banyak percobaan" in response.content.decode()


def test_forbidden_page_is_translated(rf, db):
    from django.utils import translation

    from core.views_public import permission_denied

    request = rf.get("/en/")
    request.user = UserFactory()
    with translation.override("en"):
        response = permission_denied(request)
    assert response.status_code == 403
    assert "You are not allowed to do this" in response.content.decode()
