"""vendors.notify: the one way a business is emailed, and what happens when nobody can read it."""

import pytest
from django.conf import settings
from django.contrib.auth.models import Group
from django.db import transaction
from django.urls import reverse

from buyers.models import Inquiry
from core.models import OutboundEmail
from expo.models import Meeting
from expo.services import booth_approve
from tests.factories import (
    AvailabilitySlotFactory,
    BoothFactory,
    BuyerProfileFactory,
    ProductFactory,
    UserFactory,
    VendorFactory,
    VendorMemberFactory,
    VerifiedUserFactory,
)
from vendors.notify import OWNER_ONLY, vendor_notify, vendor_recipients

pytestmark = pytest.mark.django_db

NOTICE = "The business could not be reached by email; BI's curators were told and will follow up."
DECISION = {"template": "vendors/email/decision", "links": {"dashboard_url": "dashboard:home"}}


def decision_mail(vendor, **kwargs):
    context = {"vendor": vendor, "decision": "verified", "note": ""}
    return vendor_notify(
        vendor=vendor, kind="vendor_verified", context=context, **DECISION, **kwargs
    )


@pytest.fixture
def team():
    """A business with an English-reading owner, an Indonesian-reading staff member and two
    members who cannot be reached: one left (inactive), one never verified their address."""
    owner = VerifiedUserFactory(email="owner@example.com", language="en")
    vendor = VendorFactory(owner=owner, name="UD Tenun Sejati")
    VendorMemberFactory(vendor=vendor, user__email="staf@example.com", user__language="id")
    VendorMemberFactory(vendor=vendor, user__email="left@example.com", user__is_active=False)
    VendorMemberFactory(vendor=vendor, user=UserFactory(email="typo@example.com"))
    return vendor


@pytest.fixture
def curator():
    user = VerifiedUserFactory(email="kurator@example.com", language="en", is_staff=True)
    user.groups.add(Group.objects.get(name="Curator"))
    return user


def test_recipients_are_chosen_by_role_and_only_reachable_members_count(team):
    everyone = [u.email for u in vendor_recipients(vendor=team)]
    assert everyone == ["owner@example.com", "staf@example.com"]
    assert [u.email for u in vendor_recipients(vendor=team, roles=OWNER_ONLY)] == [
        "owner@example.com"
    ]
    result = decision_mail(team, roles=OWNER_ONLY)
    assert (result.delivered, result.recipients) == (True, ("owner@example.com",))
    assert list(OutboundEmail.objects.values_list("to", flat=True)) == [["owner@example.com"]]


def test_each_member_gets_the_mail_in_their_language_with_links_in_it(team):
    result = decision_mail(team)
    assert result.recipients == ("owner@example.com", "staf@example.com")
    english = OutboundEmail.objects.get(to=["owner@example.com"])
    indonesian = OutboundEmail.objects.get(to=["staf@example.com"])
    assert english.subject == "UD Tenun Sejati is verified on Expo UMKM"
    assert indonesian.subject != english.subject
    assert f"{settings.SITE_URL}/en/dashboard/" in english.body_text
    assert f'href="{settings.SITE_URL}/en/dashboard/"' in english.body_html
    assert f"{settings.SITE_URL}/id/dashboard/" in indonesian.body_text
    assert "/en/" not in indonesian.body_text


def test_booth_decision_reaches_every_member_in_their_own_language(team):
    booth = BoothFactory(vendor=team, status="applied")
    booth_approve(booth=booth, by=VerifiedUserFactory(is_staff=True))
    mails = {e.to[0]: e for e in OutboundEmail.objects.filter(kind="booth_decision")}
    assert sorted(mails) == ["owner@example.com", "staf@example.com"]
    assert "is approved" in mails["owner@example.com"].subject
    assert f"{settings.SITE_URL}/en/dashboard/expos/" in mails["owner@example.com"].body_text
    assert f"{settings.SITE_URL}/id/dashboard/expos/" in mails["staf@example.com"].body_text


def test_a_business_nobody_can_read_is_reported_to_the_curators(curator):
    vendor = VendorFactory(owner=UserFactory(), name="UD Sunyi", whatsapp="+6281111111111")
    result = decision_mail(vendor)
    assert (result.delivered, result.recipients) == (False, ())
    [report] = OutboundEmail.objects.all()
    assert (report.kind, report.to) == ("vendor_unreachable", ["kurator@example.com"])
    assert report.subject == "Nobody at UD Sunyi could be emailed"
    assert "UD Sunyi is verified on Expo UMKM (vendor_verified)" in report.body_text
    assert "+6281111111111" in report.body_text
    assert f"{settings.SITE_URL}/admin/vendors/vendor/{vendor.pk}/change/" in report.body_text


def test_without_curators_the_configured_address_gets_the_report(settings):
    settings.CURATORS_EMAIL = ["kurasi@bi.example"]
    vendor = VendorFactory(owner=UserFactory())
    assert decision_mail(vendor).delivered is False
    assert list(OutboundEmail.objects.values_list("to", flat=True)) == [["kurasi@bi.example"]]


@pytest.mark.parametrize("reachable", [True, False])
def test_the_mail_is_written_in_the_callers_transaction_and_rolls_back_with_it(
    reachable, team, curator
):
    vendor = team if reachable else VendorFactory(owner=UserFactory())
    queued = []

    def event_that_fails():
        with transaction.atomic():
            queued.append(decision_mail(vendor).delivered)
            queued.append(OutboundEmail.objects.count())
            raise RuntimeError("the event failed after the mail was queued")

    with pytest.raises(RuntimeError):
        event_that_fails()
    assert queued == [reachable, 2 if reachable else 1]
    assert not OutboundEmail.objects.exists()


def test_a_buyer_whose_inquiry_reaches_nobody_is_told_and_the_curators_are(client, curator):
    product = ProductFactory(vendor=VendorFactory(owner=UserFactory(), name="UD Sunyi"))
    buyer = BuyerProfileFactory()
    client.force_login(buyer.user)
    form = {
        "product": product.pk,
        "quantity": "10",
        "unit": "pack",
        "target_currency": "USD",
        "destination_country": "QA",
        "message": "Do you ship to Doha?",
        "website": "",
    }
    response = client.post("/en/me/inquiries/new/", form, follow=True)
    page = response.content.decode()
    assert Inquiry.objects.get().vendor == product.vendor  # kept: the business sees it later
    assert "Your inquiry was sent to the seller." in page
    assert NOTICE.replace("'", "&#x27;") in page
    [report] = OutboundEmail.objects.all()
    assert (report.kind, report.to) == ("vendor_unreachable", ["kurator@example.com"])
    assert "(inquiry_new)" in report.body_text


def test_a_buyer_whose_inquiry_reaches_the_team_sees_no_notice(client):
    product = ProductFactory()
    buyer = BuyerProfileFactory()
    client.force_login(buyer.user)
    form = {
        "product": product.pk,
        "quantity": "10",
        "unit": "pack",
        "target_currency": "USD",
        "destination_country": "QA",
        "message": "Do you ship to Doha?",
        "website": "",
    }
    page = client.post("/en/me/inquiries/new/", form, follow=True).content.decode()
    assert "Your inquiry was sent to the seller." in page
    assert "could not be reached by email" not in page
    assert list(OutboundEmail.objects.values_list("kind", flat=True)) == ["inquiry_new"]


def test_a_meeting_request_to_a_business_nobody_can_read_tells_the_buyer(client, curator):
    booth = BoothFactory(vendor=VendorFactory(owner=UserFactory()))
    slot = AvailabilitySlotFactory(expo=booth.expo, vendor=booth.vendor)
    buyer = BuyerProfileFactory()
    client.force_login(buyer.user)
    url = reverse("me_expo:book", args=[booth.expo.slug, booth.vendor.slug])
    response = client.post(url, {"slot": slot.pk, "agenda": "500 sarongs"}, follow=True)
    assert Meeting.objects.get().buyer == buyer
    assert NOTICE.replace("'", "&#x27;") in response.content.decode()
    [report] = OutboundEmail.objects.all()
    assert (report.kind, report.to) == ("vendor_unreachable", ["kurator@example.com"])
    assert "(meeting_requested)" in report.body_text
