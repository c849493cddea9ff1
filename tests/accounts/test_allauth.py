import re

from allauth.account.models import EmailAddress
from django.core import mail

from accounts.models import User
from core.models import OutboundEmail

SIGNUP = {
    "email": "new.owner@example.com",
    "password1": "tenun-ikat-parengan",
    "password2": "tenun-ikat-parengan",
}


def confirmation_path(message) -> str:
    return re.search(r"https?://[^/\s]+(/\S+/confirm-email/\S+/)", message.body).group(1)


def test_signup_sends_a_confirmation_email_through_the_outbox_in_the_page_language(
    client, db, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post("/en/accounts/signup/", SIGNUP)
    assert response.status_code == 302
    assert response["Location"] == "/en/accounts/confirm-email/"
    user = User.objects.get(email="new.owner@example.com")
    assert user.language == "en"
    assert EmailAddress.objects.get(user=user).verified is False
    assert OutboundEmail.objects.get().status == OutboundEmail.Status.SENT
    [message] = mail.outbox
    assert message.to == ["new.owner@example.com"]
    assert message.subject.startswith("[Expo UMKM] ")
    assert "/en/accounts/confirm-email/" in message.body


def test_unconfirmed_account_cannot_sign_in_until_the_link_is_used(
    client, db, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        client.post("/id/accounts/signup/", SIGNUP)
    client.logout()
    response = client.post(
        "/id/accounts/login/", {"login": SIGNUP["email"], "password": SIGNUP["password1"]}
    )
    assert response["Location"] == "/id/accounts/confirm-email/"
    assert "_auth_user_id" not in client.session

    path = confirmation_path(mail.outbox[0])
    assert path.startswith("/id/accounts/confirm-email/")
    page = client.get(path)
    assert "Konfirmasi" in page.content.decode()  # the page is in Indonesian
    assert EmailAddress.objects.get(email=SIGNUP["email"]).verified is False  # GET changes nothing
    client.post(path)
    assert EmailAddress.objects.get(email=SIGNUP["email"]).verified is True
    assert client.session["_auth_user_id"] == str(User.objects.get(email=SIGNUP["email"]).pk)


def test_password_shorter_than_twelve_characters_is_refused_in_indonesian(client, db):
    response = client.post(
        "/id/accounts/signup/",
        {"email": "a@example.com", "password1": "Pendek-123", "password2": "Pendek-123"},
    )
    assert response.status_code == 200
    assert "setidaknya 12 karakter" in response.content.decode()
    assert not User.objects.filter(email="a@example.com").exists()


def test_logout_needs_a_post(client, verified_user):
    client.force_login(verified_user)
    client.get("/en/accounts/logout/")
    assert "_auth_user_id" in client.session
    client.post("/en/accounts/logout/")
    assert "_auth_user_id" not in client.session


def test_repeated_failed_logins_are_rate_limited(client, verified_user):
    for _ in range(5):
        response = client.post(
            "/en/accounts/login/", {"login": verified_user.email, "password": "wrong-password-x"}
        )
        assert "Too many failed login attempts" not in response.content.decode()
    response = client.post(
        "/en/accounts/login/",
        {"login": verified_user.email, "password": "a-long-test-password-2024"},
    )
    assert "Too many failed login attempts" in response.content.decode()
    assert "_auth_user_id" not in client.session


def test_password_reset_mail_goes_through_the_outbox(
    client, verified_user, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        client.post("/en/accounts/password/reset/", {"email": verified_user.email})
    assert OutboundEmail.objects.get().kind == "password_reset_key"
    [message] = mail.outbox
    assert "/en/accounts/password/reset/key/" in message.body


def test_signin_page_uses_the_site_layout(client, db):
    html = client.get("/id/accounts/login/").content.decode()
    assert 'class="site-header"' in html
    assert '<html lang="id">' in html
    assert "Masuk" in html
