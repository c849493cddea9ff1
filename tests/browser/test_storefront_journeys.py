"""Issue 11 item 9: the storefront walked on the demo expo as people use it.

- An anonymous visitor on a phone, in Indonesian: home → expo → hall → booth → product → quote
  (sent to sign in), pictures on every page, nothing wider than the screen.
- Aisyah, the demo buyer in Doha, signed in on a laptop in English: the same path with prices in
  rupiah and "≈ QAR", a live session she can watch or join, then home → region → product.
Each page visited passes axe (no serious or critical violation).
"""

import re
from urllib.parse import urlparse

import pytest
from playwright.sync_api import expect

from demo.demo import seed_demo
from tests.browser.test_phone import sign_in_as

pytestmark = pytest.mark.browser
LAPTOP = {"width": 1366, "height": 900}
DOHA = "buyer.doha@demo.expo-umkm.id"
PICTURES_SHOWN = """(selector) => [...document.querySelectorAll(selector)]
  .filter(img => img.complete && img.naturalWidth > 0).length"""


@pytest.fixture
def demo(regions, categories, settings):
    settings.ROOT_URLCONF = "tests.browser.urls_media"
    import tests.browser.urls_media as media_urls

    media_urls.urlpatterns[-1].default_args["document_root"] = settings.MEDIA_ROOT
    seed_demo()


def pictures(page, selector: str) -> int:
    page.wait_for_load_state("networkidle")
    return page.evaluate(PICTURES_SHOWN, selector)


def fits(page, width: int) -> None:
    assert page.evaluate("document.documentElement.scrollWidth") <= width


def walk_to_a_product(visitor, *, enter: str, width: int) -> None:
    """home → the live expo → its first hall → a booth → a featured product, checking pictures."""
    page = visitor.page
    page.get_by_role("link", name=enter).first.click()
    expect(page.locator(".hall-link").first).to_be_visible()
    assert pictures(page, "img") > 0
    fits(page, width)
    visitor.assert_accessible()

    page.locator(".hall-link").first.click()
    expect(page.locator(".booth-card").first).to_be_visible()
    assert pictures(page, ".booth-card img") > 0  # banners, logos, product thumbnails
    fits(page, width)
    visitor.assert_accessible()

    page.locator(".booth-card__title a").first.click()
    expect(page.locator("h1")).to_be_visible()
    assert pictures(page, "main img") > 0
    fits(page, width)
    visitor.assert_accessible()

    page.locator("main .product-card__link").first.click()
    expect(page.locator(".price--large")).to_be_visible()
    assert pictures(page, "main img") > 0
    fits(page, width)
    visitor.assert_accessible()


def test_anonymous_phone_visitor_walks_from_home_to_a_quote_in_indonesian(visitor, demo):
    page = visitor.page
    visitor.goto("/id/")
    expect(page.get_by_role("link", name="Masuk ke pameran")).to_be_visible()
    assert pictures(page, "main img") > 0
    fits(page, 360)
    visitor.assert_accessible()

    walk_to_a_product(visitor, enter="Masuk ke pameran", width=360)
    price = page.locator(".price--large")
    expect(price).to_contain_text("Rp")
    expect(price).not_to_contain_text("≈")  # Indonesian, nothing chosen: rupiah only
    quote = page.get_by_role("link", name="Masuk untuk meminta penawaran ke penjual")
    box = quote.bounding_box()
    assert box is not None
    assert box["y"] + box["height"] <= 740  # the first screen of a phone
    quote.click()
    expect(page).to_have_url(re.compile(r"/id/accounts/login/\?next="))


def test_doha_buyer_sees_qatari_riyals_and_a_live_session_then_finds_a_region(
    visitor_factory, demo
):
    from accounts.models import User

    visitor = visitor_factory(locale="en-GB", timezone_id="Asia/Qatar", viewport=LAPTOP)
    sign_in_as(visitor, User.objects.get(email=DOHA))
    page = visitor.page
    visitor.goto("/en/")
    expect(page.get_by_role("heading", name=re.compile("For you"))).to_be_visible()
    expect(page.get_by_role("link", name="Sign up as a buyer")).to_have_count(0)
    visitor.assert_accessible()

    walk_to_a_product(visitor, enter="Enter the expo", width=LAPTOP["width"])
    first_product = urlparse(page.url).path
    price = page.locator(".price--large")
    expect(price).to_contain_text("Rp")
    expect(price).to_contain_text("≈ QAR")
    expect(page.locator(".price__rate")).to_contain_text("rate of")  # and its date
    page.get_by_role("link", name="Ask the seller for a quote").click()
    expect(page.locator("form textarea").first).to_be_visible()
    visitor.assert_accessible()

    # The agenda's live session: Watch (a stream) or Join (a meeting), with its own page.
    visitor.goto("/en/")
    page.get_by_role("link", name="Enter the expo").first.click()
    page.get_by_role("link", name="Agenda").first.click()
    live = page.locator(".session", has=page.locator(".session__live")).first
    expect(live).to_be_visible()
    expect(live.get_by_role("link", name=re.compile("^(Watch|Join)"))).to_be_visible()
    visitor.assert_accessible()

    # home → region → product
    visitor.goto("/en/")
    page.locator(".sf-chips a[href*='/regions/']").first.click()
    expect(page.locator("h1")).to_be_visible()
    assert pictures(page, "main img") > 0
    visitor.assert_accessible()
    page.locator(f"main .product-card__link:not([href='{first_product}'])").first.click()
    expect(page.locator(".price--large")).to_contain_text("≈ QAR")
    # Her own parts of the shared page: the product she opened before arrives once the
    # "Recently viewed" section comes into view (htmx), and her menu is hers.
    page.locator("#recent-heading").scroll_into_view_if_needed()
    recent = page.locator("section[aria-labelledby='recent-heading'] .product-card")
    expect(recent.first).to_be_visible()
    expect(page.get_by_role("button", name="Sign out")).to_be_visible()
    visitor.assert_accessible()
