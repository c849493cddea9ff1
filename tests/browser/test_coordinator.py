"""Issue 12 items 7 and 9: Lamongan's regional coordinator, on a laptop, signs in, lands in the
admin, reads their regency's reports (nothing of other regions) and nominates a business with the
"Nominate businesses" button — axe-clean on every page visited."""

from decimal import Decimal

import pytest
from playwright.sync_api import expect

from expo.models import Booth
from tests.expo.factories import OpenExpoFactory
from tests.factories import PASSWORD, VerifiedUserFactory, regency
from trade import demo as trade_demo
from trade.models import RegencyExportStat
from vendors import demo as vendors_demo

pytestmark = pytest.mark.browser
LAPTOP = {"width": 1366, "height": 900}


@pytest.fixture
def lamongan(regions):
    coordinator = VerifiedUserFactory(
        email="koordinator@example.com", is_staff=True, language="en", name="Koordinator"
    )
    vendors = vendors_demo.seed(
        owner=VerifiedUserFactory(), staff=VerifiedUserFactory(), coordinator=coordinator
    )
    trade_demo.seed(vendors=vendors)  # Lamongan's official figures
    RegencyExportStat.objects.create(
        regency=regency("35.73"), year=2020, value_idr=Decimal(10**9), units=3
    )
    return coordinator, vendors


def test_coordinator_reads_their_reports_and_nominates_on_a_laptop(visitor_factory, lamongan):
    coordinator, vendors = lamongan
    expo = OpenExpoFactory(name="Expo UMKM 2027 · I")
    visitor = visitor_factory(locale="en-GB", viewport=LAPTOP)
    page = visitor.page

    visitor.goto("/en/accounts/login/")
    page.get_by_label("Email").fill(coordinator.email)
    page.get_by_label("Password").fill(PASSWORD)
    page.get_by_role("button", name="Sign In").click()
    expect(page).to_have_url(visitor.base_url + "/admin/")  # staff land in the admin
    visitor.assert_accessible()

    page.get_by_role("link", name="Export ledger").click()
    expect(page.locator(".report-scope")).to_contain_text("Kabupaten Lamongan")
    lamongan_2020 = page.locator("#ledger tbody tr", has_text="2020")
    expect(lamongan_2020.locator("td").nth(2)).to_have_text("Rp\u00a043,742,000,000")
    expect(page.locator("#ledger")).not_to_contain_text("Kota Malang")
    visitor.assert_accessible()

    page.get_by_role("link", name="Expo results").first.click()
    page.get_by_role("link", name=expo.name).click()
    expect(page.locator("h1")).to_have_text(expo.name)
    expect(page.locator(".report-scope")).to_contain_text("Kabupaten Lamongan")
    visitor.assert_accessible()

    page.get_by_role("link", name="Market finder").first.click()
    expect(page.locator("h1")).to_have_text("Market finder")
    visitor.assert_accessible()

    visitor.goto("/admin/expo/booth/")
    page.get_by_role("link", name="Nominate businesses").click()
    expect(page.locator("h1")).to_have_text("Nominate businesses")
    visitor.assert_accessible()
    lamongan_vendor = next(v for v in vendors if v.regency.code == "35.24")
    choices = page.locator("#content form").inner_text()
    assert lamongan_vendor.name in choices
    assert not any(v.name in choices for v in vendors if v.regency.code != "35.24")
    page.select_option("#id_expo", label=expo.name)
    page.get_by_label(lamongan_vendor.name, exact=False).check()
    page.locator("input[type=submit]").click()
    expect(page.locator(".messagelist")).to_contain_text("1 business nominated.")
    booth = Booth.objects.get(expo=expo, vendor=lamongan_vendor)
    assert (booth.status, booth.nominated_by) == ("nominated", coordinator)
