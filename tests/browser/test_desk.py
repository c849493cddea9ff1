"""The curator's desk on a laptop and the owner's dashboard home on a phone (issue 12, items 3
and 6)."""

import datetime as dt
import re

import pytest
from django.contrib.auth.models import Group
from django.utils import timezone
from playwright.sync_api import expect

from buyers.models import Inquiry
from expo.models import BoothScore
from tests.browser.layout import scroll_width
from tests.factories import (
    PASSWORD,
    BoothFactory,
    ExpoFactory,
    InquiryFactory,
    ProductFactory,
    VendorFactory,
    VerifiedUserFactory,
)
from vendors.models import Vendor

pytestmark = pytest.mark.browser
LAPTOP = {"width": 1366, "height": 768}


def sign_in(visitor, email: str, path: str = "/en/accounts/login/") -> None:
    page = visitor.page
    visitor.goto(path)
    page.locator("input[name=login]").fill(email)
    page.locator("input[name=password]").fill(PASSWORD)
    page.locator("form").filter(has=page.locator("input[name=password]")).locator(
        "button[type=submit]"
    ).click()
    expect(page).not_to_have_url(re.compile(r"/accounts/login/"))


def test_a_curator_works_the_queue_on_a_laptop(visitor_factory, regions, settings):
    settings.STAFF_REQUIRE_MFA = False
    curator = VerifiedUserFactory(email="kurator@example.com", is_staff=True, language="en")
    curator.groups.add(Group.objects.get(name="Curator"))
    waiting = VendorFactory(name="UD Menunggu Verifikasi", status=Vendor.Status.SUBMITTED)
    Vendor.objects.filter(pk=waiting.pk).update(submitted_at=timezone.now() - dt.timedelta(days=3))
    expo = ExpoFactory(status="curation")
    booth = BoothFactory(
        expo=expo,
        status="applied",
        hall=None,
        number=None,
        vendor__name="Sentra Tenun Ikat Parengan dengan Nama yang Sangat Panjang Sekali",
    )
    ProductFactory(name_id="Keripik Tersembunyi", status="hidden", hidden_reason="Foto salah")

    visitor = visitor_factory(locale="en-GB", viewport=LAPTOP)
    page = visitor.page
    sign_in(visitor, curator.email)
    visitor.goto("/admin/")
    queue = page.locator(".work-queue")
    verification = queue.locator("#queue-verification")
    expect(verification.locator(".work-queue__count")).to_have_text("1")
    expect(verification).to_contain_text("UD Menunggu Verifikasi")
    expect(verification).to_contain_text("waiting 3\u00a0days")
    expect(queue.locator("#queue-hidden")).to_contain_text("Keripik Tersembunyi")
    expect(queue.locator("#queue-images")).to_contain_text("No image failed.")
    assert scroll_width(page) <= LAPTOP["width"]
    visitor.assert_accessible()

    # One click from the row to the booth's change page, which fits the laptop.
    queue.locator("#queue-scoring").get_by_role("link", name=booth.vendor.name).click()
    expect(page).to_have_url(re.compile(rf"/admin/expo/booth/{booth.pk}/change/"))
    assert scroll_width(page) <= LAPTOP["width"], scroll_width(page)
    page.locator("input[name$='-originality']").first.fill("4")
    page.locator("input[name$='-quality_capacity']").first.fill("4")
    page.locator("input[name$='-packaging']").first.fill("3")
    page.locator("input[name$='-legality']").first.fill("5")
    page.locator("input[name=_save]").click()
    expect(page.locator(".messagelist")).to_be_visible()
    assert BoothScore.objects.filter(booth=booth, curator=curator).exists()
    visitor.goto("/admin/")
    expect(page.locator("#queue-scoring")).to_contain_text(
        "Every booth application has your score."
    )


def test_the_owner_reads_the_dashboard_home_on_a_phone_in_indonesian(visitor_factory, regions):
    owner = VerifiedUserFactory(email="pemilik@example.com")
    vendor = VendorFactory(owner=owner, name="UD Rajut Lamongan")
    ProductFactory(vendor=vendor, name_id="Tas Rajut Tanpa Foto", name_en="")
    inquiry = InquiryFactory(product=None, vendor=vendor)
    Inquiry.objects.filter(pk=inquiry.pk).update(created_at=timezone.now() - dt.timedelta(days=2))

    visitor = visitor_factory()  # 360 × 740, Indonesian
    page = visitor.page
    sign_in(visitor, owner.email, "/id/accounts/login/")
    visitor.goto("/id/dashboard/")
    todo = page.locator(".todo-panel")
    expect(todo).to_contain_text("6 dari 6 langkah")
    expect(todo.get_by_role("link", name=re.compile("belum punya foto"))).to_be_visible()
    expect(todo).to_contain_text("menunggu 2\u00a0hari")
    assert scroll_width(page) <= 360
    visitor.assert_accessible()
    todo.get_by_role("link", name=re.compile("belum punya foto")).click()
    expect(page.locator("main")).to_contain_text("Tas Rajut Tanpa Foto")
