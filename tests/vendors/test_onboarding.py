import io

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from PIL import Image as PILImage

from core.models import Image, Province, Regency
from tests.factories import VendorFactory, VerifiedUserFactory
from vendors.models import Certification, Vendor, VendorMember, VendorReview


def _png() -> bytes:
    buffer = io.BytesIO()
    PILImage.new("RGB", (64, 64), (140, 60, 20)).save(buffer, "PNG")
    return buffer.getvalue()


def step(n: int) -> str:
    return reverse("dashboard:onboarding_step", kwargs={"step": n})


@pytest.fixture
def person(client, regions):
    user = VerifiedUserFactory(email="siti@example.com")
    client.force_login(user)
    return user


def test_home_page_link_leads_anonymous_people_through_signup_back_to_onboarding(client, db):
    response = client.get("/id/")
    onboarding = reverse("dashboard:onboarding")
    assert f'href="/id/accounts/signup/?next={onboarding}"' in (response.content.decode())


def test_a_person_without_business_starts_at_step_one_and_cannot_post_ahead(client, person):
    assert client.get(reverse("dashboard:onboarding"))["Location"] == step(1)
    response = client.post(step(3), {"whatsapp": "081234567890"})
    assert response["Location"] == step(1)
    assert not Vendor.objects.exists()


def test_the_whole_registration_saves_every_step_and_submits(
    client, person, django_capture_on_commit_callbacks
):
    response = client.post(
        step(1), {"name": "UD Anyaman Maju", "legal_form": "ud", "nib": "9120 0010 0099 9"}
    )
    vendor = Vendor.objects.get()
    assert response["Location"] == step(2)
    assert (vendor.nib, vendor.slug, vendor.status, vendor.onboarding_step) == (
        "9120001000999",
        "ud-anyaman-maju",
        "draft",
        1,
    )
    assert VendorMember.objects.get(vendor=vendor).user == person

    # Province first (a plain GET form), then its regencies only.
    jatim = Province.objects.get(code="35")
    page = client.get(step(2), {"province": jatim.pk}).content.decode()
    assert "Kabupaten Lamongan" in page
    assert "Kabupaten Bandung" not in page
    lamongan = Regency.objects.get(code="35.24")
    malang_in_bali = client.post(
        step(2), {"province": "51", "regency": lamongan.pk, "address": "Jl. Raya"}
    )
    assert malang_in_bali.status_code == 200  # a regency of another province is refused
    client.post(step(2), {"province": jatim.pk, "regency": lamongan.pk, "address": "Jl. Raya 1"})

    client.post(step(3), {"whatsapp": "0812-3456-7890"})
    vendor.refresh_from_db()
    assert (vendor.regency, vendor.whatsapp, vendor.onboarding_step) == (
        lamongan,
        "+6281234567890",
        3,
    )

    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(
            step(4),
            {
                "description_id": "Anyaman bambu buatan tangan.",
                "description_en": "Hand-made bamboo weaving.",
                "logo_upload": SimpleUploadedFile("logo.png", _png(), "image/png"),
                "year_founded": "2005",
                "employees": "25",
                "monthly_capacity": "4.000 keranjang",
                "export_countries": ["NL", "MY"],
                "is_cluster": "on",
                "cluster_members": "12",
            },
        )
    assert response["Location"] == step(5)
    vendor.refresh_from_db()
    assert vendor.export_countries == ["NL", "MY"]
    assert vendor.cluster_members == 12
    assert vendor.logo.status == Image.Status.READY  # processed by the (eager) image task

    client.post(
        step(5),
        {
            "action": "add",
            "cert-kind": "halal",
            "cert-number": "ID35110000123",
            "cert-document": SimpleUploadedFile("halal.pdf", b"%PDF-1.7\n...", "application/pdf"),
        },
    )
    certification = Certification.objects.get(vendor=vendor)
    assert certification.document.name.endswith(".pdf")
    assert "halal" not in certification.document.name  # generated name, never the uploader's
    client.post(step(5), {"action": "continue"})

    response = client.post(step(6))
    assert response["Location"] == reverse("dashboard:home")
    vendor.refresh_from_db()
    assert vendor.status == Vendor.Status.SUBMITTED
    assert vendor.submitted_at is not None
    review = VendorReview.objects.get(vendor=vendor)
    assert (review.decision, review.decided_by) == ("submitted", person)


def test_progress_is_kept_when_the_owner_returns(client, person):
    client.post(step(1), {"name": "UD Kembali", "legal_form": "cv", "nib": "9120001000555"})
    client.logout()
    client.force_login(person)
    assert client.get(reverse("dashboard:onboarding"))["Location"] == step(2)
    page = client.get(step(1)).content.decode()
    assert 'value="UD Kembali"' in page
    assert 'value="9120001000555"' in page


@pytest.mark.parametrize(
    ("nib", "message"),
    [
        ("12345", "NIB (Nomor Induk Berusaha) terdiri dari tepat 13 angka."),
        ("9120001000011", "Usaha lain sudah terdaftar dengan NIB ini."),
    ],
)
def test_a_wrong_or_taken_nib_gets_a_translated_error(client, person, nib, message):
    VendorFactory(nib="9120001000011")
    response = client.post(step(1), {"name": "UD Baru", "legal_form": "ud", "nib": nib})
    assert response.status_code == 200
    assert message in response.content.decode()
    assert Vendor.objects.count() == 1


def test_an_invalid_whatsapp_number_is_refused(client, person):
    client.post(step(1), {"name": "UD Baru", "legal_form": "ud", "nib": "9120001000777"})
    vendor = Vendor.objects.get()
    vendor.onboarding_step = 2
    vendor.save()
    response = client.post(step(3), {"whatsapp": "12ab"})
    assert "Masukkan nomor telepon yang benar" in response.content.decode()
    vendor.refresh_from_db()
    assert vendor.whatsapp == ""


@pytest.fixture
def owner_at_step_five(client, regions):
    owner = VerifiedUserFactory()
    vendor = VendorFactory(owner=owner, status=Vendor.Status.DRAFT, onboarding_step=4)
    client.force_login(owner)
    return vendor


@pytest.mark.parametrize(
    ("name", "content"),
    [
        ("certificate.pdf", b"<html><script>alert(1)</script></html>"),  # named PDF, is HTML
        ("certificate.png", b"GIF89a\x01\x00\x01\x00"),
        ("certificate.exe", b"MZ\x90\x00"),
    ],
)
def test_a_certificate_document_that_is_not_pdf_jpeg_or_png_is_refused(
    client, owner_at_step_five, name, content
):
    response = client.post(
        step(5),
        {
            "action": "add",
            "cert-kind": "pirt",
            "cert-number": "2063524010123",
            "cert-document": SimpleUploadedFile(name, content, "application/pdf"),
        },
    )
    assert "Dokumen harus berupa berkas PDF, JPEG, atau PNG." in response.content.decode()
    assert not Certification.objects.exists()


def test_a_certificate_document_over_the_cap_is_refused(client, owner_at_step_five):
    big = b"%PDF-1.7\n" + b"0" * (5 * 1024 * 1024)
    response = client.post(
        step(5),
        {
            "action": "add",
            "cert-kind": "sni",
            "cert-number": "SNI-1",
            "cert-document": SimpleUploadedFile("c.pdf", big, "application/pdf"),
        },
    )
    assert "Dokumen lebih besar dari 5 MB." in response.content.decode()
    assert not Certification.objects.exists()


def test_a_logo_that_is_not_a_photo_is_refused(client, owner_at_step_five):
    response = client.post(
        step(4),
        {
            "description_id": "Deskripsi",
            "logo_upload": SimpleUploadedFile("logo.png", b"<svg onload=alert(1)>", "image/png"),
        },
    )
    assert response.status_code == 200
    assert "Berkas ini bukan foto JPEG, PNG, WebP, atau HEIC." in response.content.decode()
    owner_at_step_five.refresh_from_db()
    assert owner_at_step_five.logo is None
    assert owner_at_step_five.onboarding_step == 4


def test_submitting_an_incomplete_registration_changes_nothing(client, regions):
    owner = VerifiedUserFactory()
    vendor = VendorFactory(owner=owner, status="draft", onboarding_step=5, whatsapp="")
    client.force_login(owner)
    response = client.post(step(6), follow=True)
    assert "<li>Nomor WhatsApp</li>" in response.content.decode()
    vendor.refresh_from_db()
    assert vendor.status == "draft"
    assert not vendor.reviews.exists()


def test_staff_members_cannot_edit_the_registration(client, regions):
    vendor = VendorFactory(status="draft", onboarding_step=3)
    staff = VerifiedUserFactory()
    VendorMember.objects.create(vendor=vendor, user=staff, role="staff")
    client.force_login(staff)
    response = client.post(step(1), {"name": "Diambil alih", "legal_form": "pt", "nib": vendor.nib})
    assert response["Location"] == reverse("dashboard:home")
    vendor.refresh_from_db()
    assert vendor.name != "Diambil alih"


def test_a_verified_vendors_identity_is_locked(client, regions):
    owner = VerifiedUserFactory()
    vendor = VendorFactory(owner=owner, name="UD Asli")
    client.force_login(owner)
    client.post(step(1), {"name": "UD Palsu", "legal_form": "pt", "nib": "9129999999999"})
    vendor.refresh_from_db()
    assert (vendor.name, vendor.legal_form) == ("UD Asli", "ud")


@pytest.mark.parametrize("province", ["abc", "999999", ""])
def test_a_hostile_province_on_the_location_step_changes_nothing(client, regions, province):
    owner = VerifiedUserFactory()
    vendor = VendorFactory(owner=owner, status="draft", onboarding_step=1, regency=None)
    client.force_login(owner)
    response = client.post(
        step(2),
        {"province": province, "regency": Regency.objects.get(code="35.24").pk, "address": "x"},
    )
    assert response.status_code == 200
    assert "Pilih provinsi" in response.content.decode()
    vendor.refresh_from_db()
    assert (vendor.regency, vendor.onboarding_step) == (None, 1)
