import pytest
from django.contrib.auth.models import Group
from django.urls import reverse

from catalog.models import Product
from core.models import OutboundEmail
from tests.factories import ProductFactory, VendorFactory, VerifiedUserFactory
from vendors.models import Vendor, VendorReview

CHANGELIST = "admin:vendors_vendor_changelist"


@pytest.fixture
def curator(client, regions):
    user = VerifiedUserFactory(email="kurator@bi.go.id", is_staff=True)
    user.groups.add(Group.objects.get(name="Curator"))
    client.force_login(user)
    return user


def _submitted(language: str = "id", **kwargs) -> Vendor:
    owner = VerifiedUserFactory(language=language)
    return VendorFactory(owner=owner, status=Vendor.Status.SUBMITTED, **kwargs)


def test_groups_are_created_with_their_permissions(db):
    curator = Group.objects.get(name="Curator")
    coordinator = Group.objects.get(name="Regional coordinator")
    assert {"change_vendor", "view_certification", "change_product", "change_booth"} <= set(
        curator.permissions.values_list("codename", flat=True)
    )
    coordinator_perms = set(coordinator.permissions.values_list("codename", flat=True))
    assert "change_vendor" in coordinator_perms
    assert "delete_vendor" not in coordinator_perms


def test_submitted_vendors_are_listed_with_filters_and_search(client, curator):
    waiting = _submitted(name="UD Menunggu Verifikasi")
    VendorFactory(name="UD Sudah Terverifikasi")
    page = client.get(reverse(CHANGELIST), {"status__exact": "submitted"}).content.decode()
    assert "UD Menunggu Verifikasi" in page
    assert "UD Sudah Terverifikasi" not in page
    found = client.get(reverse(CHANGELIST), {"q": waiting.nib}).content.decode()
    assert "UD Menunggu Verifikasi" in found
    assert "UD Sudah Terverifikasi" not in found
    by_regency = client.get(reverse(CHANGELIST), {"regency__id__exact": waiting.regency_id})
    assert "UD Menunggu Verifikasi" in by_regency.content.decode()


def test_verify_records_who_and_when_and_emails_the_owner_in_their_language(
    client, curator, django_capture_on_commit_callbacks
):
    vendor = _submitted(language="en", name="UD Tenun Sejati")
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(
            reverse(CHANGELIST), {"action": "verify", "_selected_action": [vendor.pk]}
        )
    assert response.status_code == 302
    vendor.refresh_from_db()
    assert vendor.status == Vendor.Status.VERIFIED
    assert vendor.reviewed_by == curator
    assert vendor.reviewed_at is not None
    review = VendorReview.objects.get(vendor=vendor)
    assert (review.decision, review.decided_by) == ("verified", curator)
    email = OutboundEmail.objects.get(kind="vendor_verified")
    assert email.to == [vendor.members.get().user.email]
    assert email.subject == "UD Tenun Sejati is verified on Expo UMKM"
    assert email.status == OutboundEmail.Status.SENT


def test_reject_asks_for_a_note_then_sends_it_and_the_owner_can_resubmit(client, curator):
    vendor = _submitted(name="UD Perlu Perbaikan")
    data = {"action": "reject", "_selected_action": [vendor.pk]}
    form_page = client.post(reverse(CHANGELIST), data)
    assert "Kembalikan dengan catatan ini" in form_page.content.decode()
    empty = client.post(reverse(CHANGELIST), {**data, "apply": "1", "note": " "})
    assert empty.status_code == 200
    vendor.refresh_from_db()
    assert vendor.status == Vendor.Status.SUBMITTED

    note = "Foto logo buram dan NIB tidak cocok dengan OSS."
    client.post(reverse(CHANGELIST), {**data, "apply": "1", "note": note})
    vendor.refresh_from_db()
    assert (vendor.status, vendor.review_note) == (Vendor.Status.REJECTED, note)
    email = OutboundEmail.objects.get(kind="vendor_rejected")
    assert email.subject == "UD Perlu Perbaikan: mohon perbaiki pendaftaran Anda"
    assert note in email.body_text

    owner = vendor.members.get().user
    client.force_login(owner)
    dashboard = client.get(reverse("dashboard:home")).content.decode()
    assert '<p class="status-label">Perlu perbaikan</p>' in dashboard
    assert note in dashboard
    client.post(reverse("dashboard:onboarding_step", kwargs={"step": 6}))
    vendor.refresh_from_db()
    assert vendor.status == Vendor.Status.SUBMITTED
    assert list(vendor.reviews.values_list("decision", flat=True)) == ["submitted", "rejected"]


def test_suspend_hides_the_profile_and_products_on_the_next_request(client, curator):
    vendor = VendorFactory(slug="ud-ditangguhkan")
    product = ProductFactory(vendor=vendor)
    assert client.get(vendor.get_absolute_url()).status_code == 200
    client.post(reverse(CHANGELIST), {"action": "suspend", "_selected_action": [vendor.pk]})
    vendor.refresh_from_db()
    assert vendor.status == Vendor.Status.SUSPENDED
    assert client.get(vendor.get_absolute_url()).status_code == 404
    assert product not in Product.objects.public()
    assert VendorReview.objects.get(vendor=vendor).decided_by == curator


def test_the_curator_opens_a_certificate_document_in_the_admin(client, curator):
    from django.core.files.base import ContentFile

    from tests.factories import CertificationFactory

    certification = CertificationFactory()
    certification.document.save("c.pdf", ContentFile(b"%PDF-1.7 bukti"))
    url = reverse(
        "admin:vendors_vendor_certificate", args=[certification.vendor_id, certification.pk]
    )
    change_page = client.get(reverse("admin:vendors_vendor_change", args=[certification.vendor_id]))
    assert url in change_page.content.decode()
    response = client.get(url)
    assert b"".join(response.streaming_content) == b"%PDF-1.7 bukti"


def test_staff_renaming_a_business_makes_it_findable_by_the_new_name(regions):
    from vendors.selectors import businesses_matching
    from vendors.services import vendor_staff_save

    product = ProductFactory(vendor=VendorFactory(name="Sentra Tenun Parengan"))
    vendor = product.vendor
    vendor.name = "Koperasi Songket Sambas"

    vendor_staff_save(vendor=vendor)

    # The search's businesses section finds it; its products are found by what they are, not
    # by the business's name (every product of "Rumah Batik …" would match "batik").
    assert businesses_matching(["koperasi"]) == [vendor]
    assert businesses_matching(["sentra"]) == []
    assert not Product.objects.filter(search_vector="koperasi").exists()
