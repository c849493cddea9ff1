"""Accounts against abuse: emailed links come from SITE_URL, and failed sign-ins slow an attacker
at one address without locking the owner out from another."""

import re

import pytest
from django.core import mail

TOO_MANY = "Too many failed login attempts"


@pytest.fixture
def evil_host(settings):
    # Even a host the site answers to must not decide where emailed links point.
    settings.ALLOWED_HOSTS = [*settings.ALLOWED_HOSTS, "evil.example"]
    return "evil.example:666"


def links(message) -> list[str]:
    return re.findall(r"https?://\S+", message.body)


def test_password_reset_link_is_built_from_site_url_not_the_host_header(
    client, verified_user, settings, evil_host, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        client.post(
            "/en/accounts/password/reset/", {"email": verified_user.email}, HTTP_HOST=evil_host
        )
    [message] = mail.outbox
    found = links(message)
    assert any("/en/accounts/password/reset/key/" in link for link in found)
    assert all(link.startswith(settings.SITE_URL + "/") for link in found)
    assert "evil.example" not in message.body


def test_signup_confirmation_link_is_built_from_site_url_not_the_host_header(
    client, db, settings, evil_host, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        client.post(
            "/en/accounts/signup/",
            {
                "email": "new.owner@example.com",
                "password1": "tenun-ikat-parengan",
                "password2": "tenun-ikat-parengan",
            },
            HTTP_HOST=evil_host,
        )
    [message] = mail.outbox
    found = links(message)
    assert any("/en/accounts/confirm-email/" in link for link in found)
    assert all(link.startswith(settings.SITE_URL + "/") for link in found)
    assert "evil.example" not in message.body


def sign_in(client, email, password, address):
    return client.post(
        "/en/accounts/login/", {"login": email, "password": password}, REMOTE_ADDR=address
    )


def test_failures_from_one_address_do_not_lock_the_owner_out_from_another(
    client, verified_user, password
):
    for _ in range(5):
        response = sign_in(client, verified_user.email, "wrong-password-x", "203.0.113.7")
        assert TOO_MANY not in response.content.decode()
    # The attacker's address is refused, even with the right password…
    response = sign_in(client, verified_user.email, password, "203.0.113.7")
    assert TOO_MANY in response.content.decode()
    assert "_auth_user_id" not in client.session
    # …while the owner, on another network, signs in.
    response = sign_in(client, verified_user.email, password, "198.51.100.20")
    assert response.status_code == 302
    assert client.session["_auth_user_id"] == str(verified_user.pk)


def test_one_address_is_refused_after_ten_failures_a_minute_across_accounts(client, db):
    for n in range(10):
        response = sign_in(client, f"nobody{n}@example.com", "wrong-password-x", "203.0.113.8")
        assert TOO_MANY not in response.content.decode()
    response = sign_in(client, "nobody-else@example.com", "wrong-password-x", "203.0.113.8")
    assert TOO_MANY in response.content.decode()


def test_an_account_has_a_ceiling_of_failures_across_all_addresses(
    client, verified_user, password, settings
):
    settings.ACCOUNT_RATE_LIMITS = {
        **settings.ACCOUNT_RATE_LIMITS,
        "login_failed": "10/m/ip,8/h/key",
    }
    for n in range(8):
        sign_in(client, verified_user.email, "wrong-password-x", f"203.0.113.{n + 10}")
    response = sign_in(client, verified_user.email, password, "198.51.100.20")
    assert TOO_MANY in response.content.decode()
