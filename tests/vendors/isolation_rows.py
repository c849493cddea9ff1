"""The vendor area's own URLs in the isolation table (see tests/isolation.py)."""

from decimal import Decimal

from django.core.files.base import ContentFile

from tests.isolation import Row, expect
from trade.models import Deal
from vendors.models import Certification, VendorInvitation, VendorMember

PDF = b"%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n"


def _certification(world) -> dict:
    certification = Certification.objects.create(
        vendor=world.vendor, kind=Certification.Kind.HALAL, number="ID3524000001"
    )
    certification.document.save("certificate.pdf", ContentFile(PDF))
    return {"pk": certification.pk}


def _deal(world) -> dict:
    deal = Deal.objects.create(
        vendor=world.vendor,
        stage=Deal.Stage.ORDER,
        amount=Decimal(5_000_000),
        currency="IDR",
        amount_idr=Decimal(5_000_000),
        exchange_rate=Decimal(1),
        destination_country="QA",
        date="2026-01-10",
    )
    return {"pk": deal.pk}


def _staff(world) -> dict:
    member = VendorMember.objects.get(vendor=world.vendor, user__email="member@example.com")
    return {"pk": member.pk}


def _invitation(world) -> dict:
    invitation = VendorInvitation.objects.create(vendor=world.vendor, email="new@example.com")
    return {"pk": invitation.pk}


DEAL_DATA = {
    "stage": "order",
    "amount": "7500000",
    "currency": "IDR",
    "date": "2026-01-12",
    "destination_country": "SA",
}
NO_BUSINESS_REDIRECT = {"anonymous": 302, "buyer": 302, "curator": 302}

ROWS = [
    Row("dashboard:home", expect(200, other_vendor=200)),
    # Everyone with a business is sent on: owners to their next step (here: already verified,
    # so the overview), staff members to the overview; people without one to step 1.
    Row(
        "dashboard:onboarding",
        {
            **NO_BUSINESS_REDIRECT,
            "member": 302,
            "staff_member": 302,
            "owner": 302,
            "other_vendor_member": 302,
        },
    ),
    Row(
        "dashboard:onboarding_step",
        {
            "anonymous": 302,
            "buyer": 200,
            "member": 302,
            "staff_member": 302,
            "owner": 200,
            "other_vendor_member": 200,
            "curator": 200,
        },
        kwargs=lambda world: {"step": 1},
    ),
    Row(
        "dashboard:onboarding_step",
        {
            **NO_BUSINESS_REDIRECT,
            "member": 302,
            "staff_member": 302,
            "owner": 200,
            "other_vendor_member": 200,
        },
        kwargs=lambda world: {"step": 4},
    ),
    Row("dashboard:profile", expect(200, other_vendor=200)),
    Row("dashboard:certification_document", expect(200), kwargs=_certification),
    Row("dashboard:certification_delete", expect(200, owner_only=True), kwargs=_certification),
    Row(
        "dashboard:certification_delete",
        expect(302, owner_only=True),
        kwargs=_certification,
        method="post",
    ),
    Row("dashboard:team", expect(200, owner_only=True, other_vendor=200)),
    Row(
        "dashboard:team",
        expect(302, owner_only=True, other_vendor=302),
        method="post",
        data=lambda world: {"email": "helper@example.com"},
    ),
    Row("dashboard:member_remove", expect(200, owner_only=True), kwargs=_staff),
    Row("dashboard:member_remove", expect(302, owner_only=True), kwargs=_staff, method="post"),
    Row(
        "dashboard:invitation_revoke",
        expect(302, owner_only=True),
        kwargs=_invitation,
        method="post",
    ),
    Row("dashboard:deals", expect(200, other_vendor=200)),
    Row("dashboard:leads_csv", expect(200, other_vendor=200)),
    Row("dashboard:deal_create", expect(200, other_vendor=200)),
    Row(
        "dashboard:deal_create",
        expect(302, other_vendor=302),
        method="post",
        data=lambda world: DEAL_DATA,
    ),
    Row("dashboard:deal_edit", expect(200), kwargs=_deal),
    Row("dashboard:deal_edit", expect(302), kwargs=_deal, method="post", data=lambda w: DEAL_DATA),
    Row("dashboard:deal_delete", expect(200), kwargs=_deal),
    Row("dashboard:deal_delete", expect(302), kwargs=_deal, method="post"),
]
