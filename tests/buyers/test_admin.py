from django.test import Client

from buyers.models import BuyerProfile
from tests.factories import (
    BuyerProfileFactory,
    InquiryFactory,
    InquiryMessageFactory,
    VerifiedUserFactory,
)


def staff_client(db) -> tuple[Client, object]:
    curator = VerifiedUserFactory(is_staff=True, is_superuser=True, email="kurator@example.com")
    client = Client()
    client.force_login(curator)
    return client, curator


def test_staff_mark_buyers_vetted_recording_who_and_when(db):
    client, curator = staff_client(db)
    first, second = BuyerProfileFactory(), BuyerProfileFactory()
    response = client.post(
        "/admin/buyers/buyerprofile/",
        {"action": "mark_vetted", "_selected_action": [first.pk, second.pk]},
        follow=True,
    )
    assert "2 pembeli ditandai terverifikasi." in response.content.decode()
    for profile in BuyerProfile.objects.all():
        assert profile.vetted is True
        assert profile.vetted_by == curator
        assert profile.vetted_at is not None


def test_staff_read_threads_but_cannot_change_them(db):
    client, _ = staff_client(db)
    inquiry = InquiryFactory()
    InquiryMessageFactory(inquiry=inquiry, body="<script>alert(1)</script>Price for 100?")
    page = client.get(f"/admin/buyers/inquiry/{inquiry.pk}/change/").content.decode()
    assert "Price for 100?" in page
    assert "<script>alert(1)</script>" not in page
    assert 'name="_save"' not in page
    response = client.post(
        f"/admin/buyers/inquiry/{inquiry.pk}/change/", {"status": "closed", "quantity": 1}
    )
    assert response.status_code == 403
    inquiry.refresh_from_db()
    assert inquiry.status == "open"
    assert client.get("/admin/buyers/inquiry/add/").status_code == 403
    assert client.get(f"/admin/buyers/inquiry/{inquiry.pk}/delete/").status_code == 403


def test_inquiry_admin_lists_searches_and_filters(db):
    client, _ = staff_client(db)
    vetted = InquiryFactory(buyer=BuyerProfileFactory(vetted=True, organisation="PPI Mesir"))
    InquiryFactory(buyer=BuyerProfileFactory(organisation="Toko Indo"))
    page = client.get("/admin/buyers/inquiry/?q=Mesir").content.decode()
    assert "PPI Mesir" in page
    assert "Toko Indo" not in page
    page = client.get("/admin/buyers/inquiry/?buyer__vetted__exact=1").content.decode()
    assert f"/admin/buyers/inquiry/{vetted.pk}/change/" in page
    assert "Toko Indo" not in page
