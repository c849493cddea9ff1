import re
import time

import pytest
from django.core import signing
from django.urls import reverse

from core.models import OutboundEmail
from tests.factories import VendorFactory, VerifiedUserFactory
from vendors.models import VendorInvitation, VendorMember
from vendors.services import INVITATION_SALT, invitation_token


@pytest.fixture
def owner(client, regions):
    user = VerifiedUserFactory(email="pemilik@example.com")
    VendorFactory(owner=user, name="UD Tim Solid")
    client.force_login(user)
    return user


def test_the_owner_invites_and_the_invitee_joins_as_staff(client, owner):
    response = client.post(reverse("dashboard:team"), {"email": "Rina@Example.com"})
    assert response["Location"] == reverse("dashboard:team")
    invitation = VendorInvitation.objects.get()
    assert invitation.email == "rina@example.com"
    email = OutboundEmail.objects.get(kind="vendor_invitation")
    assert email.to == ["rina@example.com"]
    path = re.search(r"https?://[^/]+(/\S+/)", email.body_text).group(1)

    rina = VerifiedUserFactory(email="rina@example.com")
    client.force_login(rina)
    page = client.get(path).content.decode()
    assert "UD Tim Solid" in page
    response = client.post(path)
    assert response["Location"] == reverse("dashboard:home")
    member = VendorMember.objects.get(user=rina)
    assert (member.vendor.name, member.role) == ("UD Tim Solid", "staff")
    invitation.refresh_from_db()
    assert invitation.accepted_at is not None
    assert client.post(path).status_code == 404  # used once only


def test_accepting_needs_the_invited_address(client, owner):
    invitation = VendorInvitation.objects.create(
        vendor=owner.vendor_memberships.get().vendor, email="rina@example.com"
    )
    path = reverse("vendors:invitation_accept", kwargs={"token": invitation_token(invitation)})
    client.logout()
    assert client.get(path)["Location"].startswith(reverse("account_login"))
    client.force_login(VerifiedUserFactory(email="orang.lain@example.com"))
    response = client.post(path)
    assert response.status_code == 403
    assert "rina@example.com" in response.content.decode()
    assert VendorMember.objects.count() == 1


class _EightDaysAgo(signing.TimestampSigner):
    def timestamp(self) -> str:
        return signing.b62_encode(int(time.time()) - 8 * 24 * 3600)


@pytest.mark.parametrize("make_token", ["expired", "forged", "revoked"])
def test_an_expired_forged_or_revoked_invitation_is_refused(client, owner, make_token):
    vendor = owner.vendor_memberships.get().vendor
    invitation = VendorInvitation.objects.create(vendor=vendor, email=owner.email)
    token = {
        "expired": lambda: _EightDaysAgo(salt=INVITATION_SALT).sign(str(invitation.pk)),
        "forged": lambda: invitation_token(invitation)[:-2] + "xx",
        "revoked": lambda: invitation_token(invitation),
    }[make_token]()
    if make_token == "revoked":
        client.post(reverse("dashboard:invitation_revoke", kwargs={"pk": invitation.pk}))
    response = client.post(reverse("vendors:invitation_accept", kwargs={"token": token}))
    assert response.status_code == 404
    assert "Undangan tidak berlaku" in response.content.decode()
    assert VendorMember.objects.count() == 1


def test_the_owner_removes_a_staff_member_but_not_themself(client, owner):
    vendor = owner.vendor_memberships.get().vendor
    staff = VendorMember.objects.create(vendor=vendor, user=VerifiedUserFactory(), role="staff")
    own = VendorMember.objects.get(user=owner)
    client.post(reverse("dashboard:member_remove", kwargs={"pk": staff.pk}))
    assert client.post(reverse("dashboard:member_remove", kwargs={"pk": own.pk})).status_code == 404
    assert list(vendor.members.values_list("role", flat=True)) == ["owner"]


def test_inviting_a_current_member_is_a_translated_error(client, owner):
    response = client.post(reverse("dashboard:team"), {"email": "PEMILIK@example.com"})
    assert "Orang ini sudah menjadi anggota tim Anda." in response.content.decode()
    assert not VendorInvitation.objects.exists()


def test_a_second_invitation_to_the_same_address_or_a_flood_is_refused(client, owner):
    client.post(reverse("dashboard:team"), {"email": "rina@example.com"})
    again = client.post(reverse("dashboard:team"), {"email": "RINA@example.com"})
    assert "Undangan ke alamat ini masih menunggu." in again.content.decode()
    vendor = owner.vendor_memberships.get().vendor
    VendorInvitation.objects.bulk_create(
        VendorInvitation(vendor=vendor, email=f"orang{n}@example.com") for n in range(19)
    )
    flood = client.post(reverse("dashboard:team"), {"email": "satu.lagi@example.com"})
    assert "Terlalu banyak undangan yang menunggu." in flood.content.decode()
    assert VendorInvitation.objects.count() == 20
    assert OutboundEmail.objects.filter(kind="vendor_invitation").count() == 1
