"""A buyer's profile in a browser: the time zone list takes the browser's zone, even one it does not
list, and the interests are grouped by category; the language switch keeps the page."""

import pytest
from playwright.sync_api import expect

from accounts.models import User
from buyers.models import BuyerProfile
from tests.factories import CategoryFactory, VerifiedUserFactory

pytestmark = pytest.mark.browser


def test_a_new_profile_takes_the_browser_s_time_zone_and_groups_interests(
    visitor_factory, password
):
    crafts = CategoryFactory(name_en="Woven goods", name_id="Barang tenun")
    CategoryFactory(name_en="Ikat sarongs", name_id="Sarung ikat", parent=crafts)
    user = VerifiedUserFactory(email="boise@example.com", password=password, language="en")
    visitor = visitor_factory(locale="en-US", timezone_id="America/Boise", viewport=None)
    page = visitor.page
    visitor.goto("/en/accounts/login/")
    page.locator("input[name=login]").fill(user.email)
    page.locator("input[name=password]").fill(password)
    page.locator("form").filter(has=page.locator("input[name=password]")).locator(
        "button[type=submit]"
    ).click()
    visitor.goto("/en/me/profile/")
    expect(page.get_by_label("Time zone")).to_have_value("America/Boise")  # added by buyers.js
    group = page.get_by_role("group", name="Woven goods")
    expect(group.get_by_label("All of Woven goods")).to_be_visible()
    group.get_by_label("Ikat sarongs").check()
    visitor.assert_accessible()
    page.get_by_label("Your name").fill("Dewi")
    page.get_by_label("I am").select_option("shop")
    page.get_by_label("Country", exact=True).select_option("US")
    page.get_by_role("button", name="Save profile").click()
    expect(page.locator(".messages")).to_contain_text("Your buyer profile is saved.")
    assert User.objects.get(pk=user.pk).time_zone == "America/Boise"
    profile = BuyerProfile.objects.get(user=user)
    assert [c.name_en for c in profile.interests.all()] == ["Ikat sarongs"]

    # The switch to Indonesian lands on the same page, in Indonesian.
    visitor.goto("/en/me/profile/")
    page.get_by_role("link", name="ID — Indonesian").click()
    expect(page).to_have_url(visitor.base_url + "/id/me/profile/")
    expect(page.get_by_role("group", name="Barang tenun")).to_be_visible()
