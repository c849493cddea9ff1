"""Item 1: staff sign in through allauth, TOTP is required when set, idle staff sessions end."""

import time

import pytest
from django.contrib.auth import SESSION_KEY
from django.core.cache import cache

from reports.middleware import LAST_SEEN_KEY
from tests.factories import PASSWORD, VerifiedUserFactory
from tests.reports.factories import activate_totp, staff_user, totp_code


def test_admin_login_form_redirects_to_allauth_login_with_next(client, db):
    response = client.get("/admin/login/?next=/admin/reports/ledger/")
    assert response.status_code == 302
    assert response["Location"] == "/id/accounts/login/?next=%2Fadmin%2Freports%2Fledger%2F"


def test_posting_a_password_to_the_admin_login_form_signs_nobody_in(client, db):
    user = staff_user()
    response = client.post("/admin/login/", {"username": user.email, "password": PASSWORD})
    assert response.status_code == 302
    assert response["Location"].startswith("/id/accounts/login/")
    assert SESSION_KEY not in client.session


def test_anonymous_admin_page_goes_to_the_allauth_login(client, db):
    response = client.get("/admin/reports/ledger/", follow=True)
    assert response.redirect_chain[-1][0] == (
        "/id/accounts/login/?next=%2Fadmin%2Freports%2Fledger%2F"
    )


def test_signed_in_non_staff_user_is_refused_by_the_admin_login(client, db):
    client.force_login(VerifiedUserFactory())
    assert client.get("/admin/login/").status_code == 403


def test_allauth_login_rate_limit_covers_staff_sign_in(client, db):
    """Five failed passwords for one staff account (allauth's "5/5m/key") lock it for a while."""
    user = staff_user()
    for _ in range(5):
        response = client.post("/en/accounts/login/", {"login": user.email, "password": "wrong"})
        assert "The email address and/or password you specified are not correct." in (
            response.content.decode()
        )
    response = client.post("/en/accounts/login/", {"login": user.email, "password": PASSWORD})
    assert "Too many failed login attempts. Try again later." in response.content.decode()
    assert SESSION_KEY not in client.session


@pytest.fixture
def mfa_on(settings):
    settings.STAFF_REQUIRE_MFA = True


def test_staff_without_totp_are_sent_to_set_it_up(client, db, mfa_on):
    client.force_login(staff_user())
    response = client.get("/admin/reports/ledger/")
    assert response.status_code == 302
    assert (
        response["Location"]
        == "/id/accounts/2fa/totp/activate/?next=%2Fadmin%2Freports%2Fledger%2F"
    )


def test_staff_who_did_not_pass_totp_must_enter_a_code(client, db, mfa_on):
    user = staff_user()
    activate_totp(user)
    client.force_login(user)  # a session without a TOTP step in it
    response = client.get("/admin/")
    assert response.status_code == 302
    assert response["Location"] == "/id/accounts/2fa/reauthenticate/?next=%2Fadmin%2F"


def test_staff_signing_in_with_password_and_totp_reach_the_admin(client, db, mfa_on):
    user = staff_user()
    secret = activate_totp(user)
    response = client.post(
        "/en/accounts/login/?next=/admin/reports/ledger/",
        {"login": user.email, "password": PASSWORD, "next": "/admin/reports/ledger/"},
    )
    assert response["Location"] == "/en/accounts/2fa/authenticate/"
    assert SESSION_KEY not in client.session  # the password alone does not sign in

    response = client.post("/en/accounts/2fa/authenticate/", {"code": "000000"})
    assert response.status_code == 200
    assert SESSION_KEY not in client.session

    response = client.post("/en/accounts/2fa/authenticate/", {"code": totp_code(secret)})
    assert response.status_code == 302
    assert response["Location"] == "/admin/reports/ledger/"
    page = client.get("/admin/reports/ledger/", HTTP_ACCEPT_LANGUAGE="en")
    assert page.status_code == 200
    assert "<title>Export ledger | " in page.content.decode()


def test_without_the_setting_staff_reach_the_admin_without_totp(client, db, settings):
    settings.STAFF_REQUIRE_MFA = False
    client.force_login(staff_user())
    assert client.get("/admin/reports/ledger/").status_code == 200


def test_totp_requirement_does_not_touch_buyers_and_vendors(client, db, mfa_on):
    client.force_login(VerifiedUserFactory())
    response = client.get("/en/")
    assert response.status_code == 200  # no detour to a two-factor page
    assert response.templates[0].name == "storefront/home.html"


def test_idle_staff_session_ends_and_asks_to_sign_in_again(client, db, settings):
    settings.STAFF_SESSION_IDLE_TIMEOUT = 1800
    client.force_login(staff_user())
    assert client.get("/admin/reports/ledger/").status_code == 200
    session = client.session
    session[LAST_SEEN_KEY] = int(time.time()) - 1801
    session.save()

    response = client.get("/admin/reports/ledger/")
    assert response.status_code == 302
    assert response["Location"] == "/id/accounts/login/?next=/admin/reports/ledger/"
    assert SESSION_KEY not in client.session


def test_active_staff_session_is_kept_and_expires_with_the_idle_timeout(client, db, settings):
    settings.STAFF_SESSION_IDLE_TIMEOUT = 1800
    client.force_login(staff_user())
    client.get("/admin/reports/ledger/")
    session = client.session
    session[LAST_SEEN_KEY] = int(time.time()) - 1700
    session.save()
    assert client.get("/admin/reports/ledger/").status_code == 200
    assert client.session.get_expiry_age() == 1800
    assert client.session[LAST_SEEN_KEY] >= int(time.time()) - 5


def test_buyers_keep_their_normal_session(client, db, settings):
    client.force_login(VerifiedUserFactory())
    session = client.session
    session[LAST_SEEN_KEY] = int(time.time()) - 10 * 24 * 3600
    session.save()
    client.get("/en/")
    assert SESSION_KEY in client.session
    assert client.session.get_expiry_age() == settings.SESSION_COOKIE_AGE


def test_staff_set_up_totp_then_pass_it_to_reach_the_admin(client, db, mfa_on):
    from allauth.mfa.models import Authenticator

    user = staff_user()
    response = client.post("/en/accounts/login/", {"login": user.email, "password": PASSWORD})
    assert response.status_code == 302
    response = client.get("/admin/", HTTP_ACCEPT_LANGUAGE="en")
    assert response["Location"] == "/en/accounts/2fa/totp/activate/?next=%2Fadmin%2F"

    activate = response["Location"]
    # allauth asks for the password once more before a second factor is added.
    response = client.get(activate)
    assert response["Location"].startswith("/en/accounts/reauthenticate/")
    response = client.post(response["Location"], {"password": PASSWORD})
    assert response["Location"] == activate

    page = client.get(activate, HTTP_ACCEPT_LANGUAGE="en")
    html = page.content.decode()
    assert page.status_code == 200
    assert "Staff accounts need two-factor authentication. Please set it up." in html
    assert 'src="data:image/svg+xml;base64,' in html  # the QR code, allowed by the CSP
    secret = client.session["mfa.totp.secret"]
    response = client.post("/en/accounts/2fa/totp/activate/", {"code": totp_code(secret)})
    assert response.status_code == 302
    assert Authenticator.objects.filter(user=user, type=Authenticator.Type.TOTP).exists()

    # Setting it up is not passing it: the admin asks for a fresh code once.
    response = client.get("/admin/", HTTP_ACCEPT_LANGUAGE="en")
    assert response["Location"] == "/en/accounts/2fa/reauthenticate/?next=%2Fadmin%2F"
    # The set-up code may not be used twice, and the next 30-second window may not have begun.
    cache.clear()
    response = client.post(
        "/en/accounts/2fa/reauthenticate/?next=%2Fadmin%2F",
        {"code": totp_code(secret), "next": "/admin/"},
    )
    assert response["Location"] == "/admin/"
    assert client.get("/admin/").status_code == 200


@pytest.mark.parametrize(
    ("env", "expected"),
    [
        ({"DJANGO_HTTPS": "1"}, "True 1800"),
        ({"DJANGO_HTTPS": "0"}, "False 1800"),
        ({"DJANGO_HTTPS": "1", "DJANGO_STAFF_REQUIRE_MFA": "0"}, "False 1800"),
        ({"DJANGO_STAFF_REQUIRE_MFA": "1", "DJANGO_STAFF_SESSION_IDLE_TIMEOUT": "600"}, "True 600"),
    ],
)
def test_totp_is_required_by_default_in_production(env, expected):
    import os
    import subprocess
    import sys

    from tests.config.test_settings import ROOT

    code = (
        "from django.conf import settings; "
        "print(settings.STAFF_REQUIRE_MFA, settings.STAFF_SESSION_IDLE_TIMEOUT)"
    )
    ours = ("DJANGO_HTTPS", "DJANGO_STAFF_REQUIRE_MFA", "DJANGO_STAFF_SESSION_IDLE_TIMEOUT")
    base = {key: value for key, value in os.environ.items() if key not in ours}
    result = subprocess.run(
        [sys.executable, "-c", f"import django; django.setup(); {code}"],
        cwd=ROOT, env={**base, "DJANGO_SETTINGS_MODULE": "config.settings", **env},
        capture_output=True, text=True, timeout=120,
    )  # fmt: skip
    assert result.stdout.strip() == expected, result.stderr
