"""A BI curator signs in with a password and a TOTP code, then reads the expo dashboard and the
export ledger (item 9)."""

import pytest
from playwright.sync_api import expect

from tests.factories import PASSWORD
from tests.reports.factories import activate_totp, staff_user, totp_code
from trade import demo as trade_demo
from vendors import demo as vendors_demo

pytestmark = pytest.mark.browser


@pytest.fixture
def curator(regions, settings):
    settings.STAFF_REQUIRE_MFA = True
    user = staff_user(name="Sari Kurator", email="kurator@example.com", language="en")
    vendors = vendors_demo.seed(owner=staff_user(), staff=staff_user(), coordinator=staff_user())
    trade_demo.seed(vendors=vendors)  # Lamongan's official figures
    return user, activate_totp(user)


def test_curator_signs_in_with_totp_and_reads_dashboard_and_ledger(
    visitor_factory, curator, regions
):
    from tests.factories import BoothFactory, DealFactory

    user, secret = curator
    booth = BoothFactory(
        vendor__name="Sentra Tenun Ikat Parengan", hall__name_en="Lamongan Pavilion"
    )
    DealFactory(vendor=booth.vendor, expo=booth.expo)  # 1,000 USD at 15,000: Rp 15,000,000

    visitor = visitor_factory(locale="en-GB", viewport={"width": 1280, "height": 900})
    page = visitor.page
    page.goto(visitor.base_url + "/admin/reports/ledger/")
    expect(page).to_have_url(
        visitor.base_url + "/en/accounts/login/?next=%2Fadmin%2Freports%2Fledger%2F"
    )
    page.get_by_label("Email").fill(user.email)
    page.get_by_label("Password").fill(PASSWORD)
    page.get_by_role("button", name="Sign In").click()

    expect(page.locator("h1")).to_have_text("Two-Factor Authentication")
    visitor.assert_accessible()
    page.get_by_label("Code").fill(totp_code(secret))
    page.get_by_role("button", name="Sign In").click()

    expect(page).to_have_url(visitor.base_url + "/admin/reports/ledger/")
    lamongan_2020 = page.locator("#ledger tbody tr", has_text="2020")
    expect(lamongan_2020).to_contain_text("Kabupaten Lamongan")
    expect(lamongan_2020.locator("td").nth(2)).to_have_text("Rp\u00a043,742,000,000")
    expect(lamongan_2020.locator("td").nth(3)).to_have_text("9")
    expect(lamongan_2020.locator("td").nth(4)).to_have_text("\u221221.5%")
    lamongan_2019 = page.locator("#ledger tbody tr", has_text="2019")
    expect(lamongan_2019.locator("td").nth(2)).to_have_text("Rp\u00a055,721,000,000")
    visitor.assert_accessible()

    page.goto(visitor.base_url + f"/admin/reports/expos/{booth.expo.pk}/")
    expect(page.locator("h1")).to_have_text(booth.expo.name)
    expect(page.get_by_role("img", name="Deals by stage")).to_be_visible()
    shipped = page.locator("#deals-stage-heading + svg + table tr", has_text="Shipped")
    expect(shipped.locator("td")).to_have_text(["1", "Rp\u00a015,000,000"])
    expect(page.locator(".report-figures li").first).to_have_text("1 approved booths")
    visitor.assert_accessible()
