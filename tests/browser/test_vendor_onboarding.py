"""A new UMKM owner registers on a phone, in Indonesian, and a curator verifies them."""

import io
import re

import pytest
from django.core import mail
from PIL import Image as PILImage
from playwright.sync_api import expect

from accounts.models import User
from core.models import Province, Regency
from tests.factories import PASSWORD, VerifiedUserFactory
from vendors.models import Vendor

pytestmark = pytest.mark.browser


def _logo_png() -> bytes:
    buffer = io.BytesIO()
    PILImage.new("RGB", (200, 200), (138, 59, 18)).save(buffer, "PNG")
    return buffer.getvalue()


def _save(page) -> None:
    page.get_by_role("button", name="Simpan dan lanjut").click()


def test_a_new_owner_registers_and_a_curator_verifies_them(visitor_factory, regions):
    owner = visitor_factory()  # 360×740, id-ID, Asia/Jakarta
    page = owner.page
    owner.goto("/id/")
    page.get_by_role("link", name="Daftar sebagai UMKM").click()
    expect(page).to_have_url(re.compile(r"/id/accounts/signup/\?next="))
    owner.assert_accessible()
    page.locator("input[name=email]").fill("siti.parengan@example.com")
    page.locator("input[name=password1]").fill("tenun-ikat-parengan-46")
    page.locator("input[name=password2]").fill("tenun-ikat-parengan-46")
    page.locator("main form button[type=submit]").click()
    expect(page.locator("h1")).to_have_text("Verifikasi Alamat E-mail Anda")

    [message] = mail.outbox
    assert message.to == ["siti.parengan@example.com"]
    link = re.search(r"https?://\S+/confirm-email/\S+/", message.body).group(0)
    page.goto(link)
    owner.assert_accessible()
    page.locator("main form button[type=submit]").click()

    # Step 1: identity (the signup's `next` brought the owner here).
    expect(page).to_have_url(re.compile(r"/id/dashboard/register/1/$"))
    expect(page.locator("#step-heading")).to_have_text("Langkah 1 dari 6: Identitas usaha")
    owner.assert_accessible()
    page.locator("[name=name]").fill("Sentra Tenun Siti")
    page.locator("[name=legal_form]").select_option("ud")
    page.locator("[name=nib]").fill("123")
    _save(page)
    expect(page.locator(".field__errors")).to_contain_text("tepat 13 angka")
    owner.assert_accessible()
    page.locator("[name=nib]").fill("9120 0010 0088 8")
    _save(page)

    # Step 2: province first, then its regencies (no JavaScript needed).
    expect(page).to_have_url(re.compile(r"/register/2/$"))
    owner.assert_accessible()
    page.locator("[name=province]").select_option(str(Province.objects.get(code="35").pk))
    # htmx brings the regencies in on change; the button does the same without JavaScript.
    expect(page.locator("[name=regency]")).to_contain_text("Kabupaten Lamongan")
    owner.assert_accessible()
    page.locator("[name=regency]").select_option(str(Regency.objects.get(code="35.24").pk))
    page.locator("[name=address]").fill("Desa Parengan, Maduran, Lamongan")
    _save(page)

    # Step 3: WhatsApp, normalised to +62.
    expect(page).to_have_url(re.compile(r"/register/3/$"))
    owner.assert_accessible()
    page.locator("[name=whatsapp]").fill("0812-3456-7890")
    _save(page)

    # Step 4: profile with a logo.
    expect(page).to_have_url(re.compile(r"/register/4/$"))
    owner.assert_accessible()
    page.locator("[name=description_id]").fill("Sarung tenun ikat motif khas Parengan.")
    page.locator("[name=description_en]").fill("Ikat sarongs with Parengan motifs.")
    page.locator("[name=logo_upload]").set_input_files(
        {"name": "logo.png", "mimeType": "image/png", "buffer": _logo_png()}
    )
    page.locator("[name=year_founded]").fill("1980")
    page.locator("[name=employees]").fill("120")
    page.locator("[name=monthly_capacity]").fill("2.000 sarung")
    page.locator("[name=export_countries]").select_option(["QA", "SA"])
    page.locator("[name=is_cluster]").check()
    page.locator("[name=cluster_members]").fill("46")
    _save(page)

    # Step 5: a certificate with its document.
    expect(page).to_have_url(re.compile(r"/register/5/$"))
    owner.assert_accessible()
    page.locator("[name=cert-kind]").select_option("halal")
    page.locator("[name=cert-number]").fill("ID35110000999")
    page.locator("[name=cert-document]").set_input_files(
        {"name": "halal.pdf", "mimeType": "application/pdf", "buffer": b"%PDF-1.7\n%%EOF\n"}
    )
    page.get_by_role("button", name="Tambahkan sertifikasi ini").click()
    expect(page.get_by_text("ID35110000999")).to_be_visible()
    owner.assert_accessible()
    page.get_by_role("button", name="Lanjut").click()

    # Step 6: submit.
    expect(page).to_have_url(re.compile(r"/register/6/$"))
    owner.assert_accessible()
    page.get_by_role("button", name="Kirim untuk verifikasi").click()
    expect(page.locator(".status-label")).to_have_text("Menunggu verifikasi")
    owner.assert_accessible()
    vendor = Vendor.objects.get(nib="9120001000888")
    assert (vendor.whatsapp, vendor.regency.code, vendor.cluster_members) == (
        "+6281234567890",
        "35.24",
        46,
    )
    assert vendor.logo.status == "ready"

    # A curator verifies in the admin.
    VerifiedUserFactory(email="kurator@bi.go.id", is_staff=True, is_superuser=True)
    curator = visitor_factory()
    admin = curator.page
    curator.goto("/id/accounts/login/")
    admin.locator("input[name=login]").fill("kurator@bi.go.id")
    admin.locator("input[name=password]").fill(PASSWORD)
    admin.locator("main form button[type=submit]").click()
    expect(admin.get_by_role("button", name="Keluar")).to_be_visible()
    curator.goto("/admin/vendors/vendor/?status__exact=submitted")
    admin.locator(f"input[name=_selected_action][value='{vendor.pk}']").check()
    admin.locator("select[name=action]").select_option("verify")
    admin.locator("button[name=index]").click()
    expect(admin.locator(".messagelist")).to_be_visible()

    # The owner sees it on the next visit.
    page.reload()
    expect(page.locator(".status-label")).to_have_text("Terverifikasi")
    owner.assert_accessible()
    assert User.objects.get(email="siti.parengan@example.com").language == "id"
