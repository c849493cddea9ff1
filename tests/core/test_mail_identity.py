"""Issue 12 item 8: mail that reads right — every email names the site and links to SITE_URL
(the address `make run PORT=…` serves), and the verification email says what to do next."""

import re

import pytest
from django.core import mail

from core.models import OutboundEmail
from demo.management.commands.rundemo import served_address
from tests.factories import VendorFactory, VerifiedUserFactory
from vendors.models import Vendor
from vendors.services import vendor_verify

SERVED = "http://127.0.0.1:8123"


@pytest.fixture
def served(settings):
    settings.SITE_URL = SERVED
    return SERVED


def links(text: str) -> list[str]:
    return re.findall(r"https?://[^\s\"<>]+", text)


def test_account_emails_say_hello_from_expo_umkm_with_links_to_the_served_site(
    client, db, served, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        client.post(
            "/en/accounts/signup/",
            {
                "email": "new.owner@example.com",
                "password1": "tenun-ikat-parengan",
                "password2": "tenun-ikat-parengan",
            },
        )
    [message] = mail.outbox
    assert message.subject.startswith("[Expo UMKM] ")
    assert message.body.startswith("Hello from Expo UMKM!")
    assert "Thank you for using Expo UMKM!\n127.0.0.1:8123" in message.body
    found = links(message.body)
    assert any("/en/accounts/confirm-email/" in link for link in found)
    assert all(link.startswith(served + "/") for link in found)


def test_account_emails_in_indonesian_name_the_site_too(
    client, db, served, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        client.post("/id/accounts/password/reset/", {"email": VerifiedUserFactory().email})
    [message] = mail.outbox
    first_line = message.body.splitlines()[0]
    assert "Expo UMKM" in first_line
    assert "Hello" not in first_line  # translated, not English


def test_every_queued_email_ends_with_the_site_name_and_address(
    db, served, django_capture_on_commit_callbacks
):
    owner = VerifiedUserFactory(language="id")
    vendor = VendorFactory(owner=owner, status=Vendor.Status.SUBMITTED)
    with django_capture_on_commit_callbacks(execute=True):
        vendor_verify(vendor=vendor, by=VerifiedUserFactory(is_staff=True))
    [message] = mail.outbox
    signature = message.body.rsplit("\n-- \n", 1)[1]
    assert "Expo UMKM" in signature
    assert signature.strip().endswith(f"{served}/")
    html = message.alternatives[0][0]
    assert f'href="{served}/"' in html


def test_the_verification_email_says_what_to_do_next_and_links_there(
    db, served, django_capture_on_commit_callbacks
):
    owner = VerifiedUserFactory(language="en")
    vendor = VendorFactory(owner=owner, status=Vendor.Status.SUBMITTED, name="UD Tenun Sejati")
    with django_capture_on_commit_callbacks(execute=True):
        vendor_verify(vendor=vendor, by=VerifiedUserFactory(is_staff=True))
    email = OutboundEmail.objects.get(kind="vendor_verified")
    assert "What to do next:" in email.body_text
    assert "1. Publish your products" in email.body_text
    assert f"{served}/en/dashboard/products/" in email.body_text
    assert f"{served}/en/dashboard/expos/" in email.body_text
    assert all(link.startswith(served + "/") for link in links(email.body_text))
    assert f'href="{served}/en/dashboard/products/"' in email.body_html


@pytest.mark.parametrize(
    ("addrport", "address"),
    [
        ("127.0.0.1:8000", "http://127.0.0.1:8000"),
        ("8123", "http://127.0.0.1:8123"),
        ("0.0.0.0:8124", "http://127.0.0.1:8124"),
        ("localhost:9000", "http://localhost:9000"),
    ],
)
def test_make_run_sets_site_url_to_the_address_it_serves(addrport, address):
    assert served_address(addrport) == address
