"""The expo from both ends: a curator creates an edition in the admin, a vendor applies, Lamongan's
coordinator nominates it, a curator scores and approves it, a buyer in Doha books a slot, the
vendor confirms, and both calendar files hold the same instant."""

import datetime as dt
import re
import zoneinfo

import pytest
from django.contrib.auth.models import Group
from django.core import mail
from playwright.sync_api import expect

from expo.models import Booth, Expo, Meeting
from tests.factories import (
    PASSWORD,
    BuyerProfileFactory,
    ProductFactory,
    VendorFactory,
    VerifiedUserFactory,
    regency,
)
from vendors.models import RegionalCoordinator

pytestmark = pytest.mark.browser
WIB = zoneinfo.ZoneInfo("Asia/Jakarta")
QATAR = zoneinfo.ZoneInfo("Asia/Qatar")


def sign_in(visitor, email: str) -> None:
    page = visitor.page
    visitor.goto("/en/accounts/login/")
    page.get_by_label("Email").fill(email)
    page.get_by_label("Password").fill(PASSWORD)
    page.get_by_role("button", name="Sign In").click()
    # Each role lands where it works (staff in the admin): signed in means off the sign-in page.
    expect(page).not_to_have_url(re.compile(r"/accounts/login/"))


def fill_admin_datetime(page, field: str, moment: dt.datetime) -> None:
    page.fill(f"#id_{field}_0", moment.strftime("%Y-%m-%d"))
    page.fill(f"#id_{field}_1", moment.strftime("%H:%M:%S"))


def test_expo_from_application_to_a_confirmed_meeting_across_time_zones(visitor_factory, regions):
    curator = VerifiedUserFactory(email="kurator@example.com", is_staff=True, is_superuser=True)
    owner = VerifiedUserFactory(email="rnd@example.com", language="en")
    vendor = VendorFactory(name="R n D Handycraft", slug="rnd-handycraft", owner=owner)
    ProductFactory(vendor=vendor, name_en="Kite key ring", name_id="Gantungan kunci layangan")
    coordinator = VerifiedUserFactory(email="lamongan@example.com", is_staff=True)
    coordinator.groups.add(Group.objects.get(name="Regional coordinator"))
    RegionalCoordinator.objects.create(user=coordinator).regencies.add(regency("35.24"))
    buyer = BuyerProfileFactory(user__email="doha@example.com")  # Asia/Qatar, English

    # 1. The curator creates the edition in the admin (times typed in WIB, the curator's zone).
    today = dt.datetime.now(WIB).replace(hour=0, minute=0, second=0, microsecond=0)
    live_day = today + dt.timedelta(days=3)
    staff = visitor_factory(locale="id-ID", timezone_id="Asia/Jakarta")
    sign_in(staff, curator.email)
    page = staff.page
    staff.goto("/admin/expo/expo/add/")
    page.fill("#id_name", "UMKM Virtual Expo Jawa Timur 2031 · I")
    page.select_option("#id_status", "applications_open")
    fill_admin_datetime(page, "applications_open_at", today - dt.timedelta(days=1))
    fill_admin_datetime(page, "applications_close_at", today + dt.timedelta(days=2))
    fill_admin_datetime(page, "starts_at", live_day.replace(hour=8))
    fill_admin_datetime(page, "ends_at", live_day.replace(hour=17))
    page.fill("#id_halls-0-name_id", "Paviliun Lamongan")
    page.fill("#id_halls-0-name_en", "Lamongan Pavilion")
    page.select_option("#id_halls-0-kind", "region")
    page.locator("input[name=_save]").click()
    expect(page.locator(".messagelist")).to_contain_text("UMKM Virtual Expo Jawa Timur 2031")
    expo = Expo.objects.get(name="UMKM Virtual Expo Jawa Timur 2031 · I")  # slug from the name
    assert expo.starts_at == live_day.replace(hour=8)

    # 2. The vendor applies from the business area.
    seller = visitor_factory(locale="en-GB", timezone_id="Asia/Jakarta")
    sign_in(seller, owner.email)
    seller.goto("/en/dashboard/expos/")
    seller.page.get_by_role("link", name="Apply for a booth").click()
    seller.page.get_by_label("Preferred hall").select_option(label="Lamongan Pavilion")
    seller.page.get_by_label("Tagline (Indonesian)").fill("Suvenir khas Lamongan")
    seller.page.get_by_label("Tagline (English)").fill("Souvenirs from Lamongan")
    seller.page.get_by_label("Video link").fill("https://www.youtube.com/watch?v=rnd")
    seller.page.get_by_label("Kite key ring").check()
    seller.page.get_by_role("button", name="Send the application").click()
    expect(seller.page.locator(".messages")).to_contain_text("sent to the curators")

    # 3. Lamongan's coordinator nominates it.
    regional = visitor_factory(locale="id-ID", timezone_id="Asia/Jakarta")
    sign_in(regional, coordinator.email)
    regional.goto("/admin/expo/booth/")
    regional.page.get_by_role("link", name="Usulkan usaha").click()
    regional.page.select_option("#id_expo", label=expo.name)
    regional.page.get_by_label(re.compile("R n D Handycraft")).check()
    regional.page.locator("input[type=submit]").click()
    expect(regional.page.locator(".messagelist")).to_contain_text("1")
    booth = Booth.objects.get(expo=expo, vendor=vendor)
    assert (booth.status, booth.nominated_by) == ("nominated", coordinator)

    # 4. The curator scores and approves it with a note, then publishes the expo.
    staff.goto(f"/admin/expo/booth/{booth.pk}/change/")
    for field, value in [("originality", "5"), ("quality_capacity", "4"), ("packaging", "4")]:
        page.fill(f"#id_scores-0-{field}", value)
    page.fill("#id_scores-0-legality", "5")
    page.fill("#id_scores-0-comment", "Orisinal dan rapi")
    page.locator("input[name=_save]").click()
    expect(page.locator(".messagelist")).to_be_visible()
    staff.goto("/admin/expo/booth/")
    expect(page.locator("td.field-average_score")).to_have_text("4.50")
    page.locator(f"input[name=_selected_action][value='{booth.pk}']").check()
    page.select_option("select[name=action]", "approve")
    page.locator("button[name=index]").click()
    page.fill("textarea[name=note]", "Selamat bergabung")
    page.locator("input[type=submit]").click()
    booth.refresh_from_db()
    assert (booth.status, booth.hall.slug, booth.number) == ("approved", "lamongan-pavilion", 1)
    staff.goto("/admin/expo/expo/")
    page.locator(f"input[name=_selected_action][value='{expo.pk}']").check()
    page.select_option("select[name=action]", "mark_published")
    page.locator("button[name=index]").click()
    expect(page.locator(".messagelist")).to_be_visible()

    # 5. The vendor opens 09:00-10:00 WIB on the live day.
    seller.goto(f"/en/dashboard/expos/{expo.slug}/availability/")
    seller.page.get_by_label(f"{live_day:%a} {live_day.day} {live_day:%b %Y}").check()
    seller.page.get_by_label("Time ranges").fill("09:00-10:00")
    seller.page.get_by_role("button", name="Add slots").click()
    expect(seller.page.locator(".messages")).to_contain_text("2 slots were added")

    # 6. A buyer in Doha visits the expo and books the 09:00 WIB slot (05:00 in Doha).
    doha = visitor_factory(locale="en-GB", timezone_id="Asia/Qatar")
    sign_in(doha, buyer.user.email)
    for path in (
        f"/en/expos/{expo.slug}/",
        f"/en/expos/{expo.slug}/halls/lamongan-pavilion/",
        f"/en/expos/{expo.slug}/agenda/",
        f"/en/expos/{expo.slug}/booths/{vendor.slug}/",
    ):
        doha.goto(path)
        doha.assert_accessible()
    expect(doha.page.locator("iframe")).to_have_count(0)
    doha.page.get_by_role("link", name=re.compile("Book a meeting")).click()
    slot_label = doha.page.get_by_label(re.compile(r"05:00 \(Asia/Qatar\) · 09:00 WIB"))
    expect(slot_label).to_have_count(1)
    doha.assert_accessible()
    slot_label.check()
    doha.page.get_by_label("What would you like to discuss?").fill("500 key rings for Doha")
    doha.page.get_by_role("button", name="Request the meeting").click()
    expect(doha.page.locator(".messages")).to_contain_text("Your request was sent")

    # 7. The vendor confirms with a video link.
    mail.outbox.clear()
    seller.goto("/en/dashboard/expos/meetings/")
    expect(seller.page.locator(".meeting__time")).to_contain_text("09:00 WIB")
    seller.page.get_by_label("Video call link").fill("https://meet.example.com/rnd-doha")
    seller.page.get_by_role("button", name="Confirm").click()
    expect(seller.page.locator(".messages")).to_contain_text("confirmed")
    meeting = Meeting.objects.get()
    assert meeting.status == "confirmed"

    # Both calendar files hold the same event at the same instant.
    starts = live_day.replace(hour=9)
    stamps = set()
    for message in mail.outbox:
        [(_name, content, _mimetype)] = message.attachments
        text = content.decode() if isinstance(content, bytes) else content
        stamps.add((re.search(r"UID:(\S+)", text)[1], re.search(r"DTSTART:(\S+)", text)[1]))
    assert sorted(m.to[0] for m in mail.outbox) == [buyer.user.email, owner.email]
    assert stamps == {
        (f"meeting-{meeting.pk}@expo-umkm.id", starts.astimezone(dt.UTC).strftime("%Y%m%dT%H%M%SZ"))
    }
    buyer_mail = next(m for m in mail.outbox if m.to == [buyer.user.email])
    assert "05:00 (Asia/Qatar) · 09:00 WIB" in buyer_mail.body

    # The buyer's page shows the local time with WIB beside it.
    doha.goto("/en/me/expo/meetings/")
    expect(doha.page.locator(".meeting__time")).to_contain_text("05:00 (Asia/Qatar)")
    expect(doha.page.locator(".meeting__time")).to_contain_text("09:00 WIB")
    assert starts.astimezone(QATAR).hour == 5
    doha.assert_accessible()
