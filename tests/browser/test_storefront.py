"""A visitor on a phone, in Indonesian: home → region → product, with pictures, in a first load
of at most 150 KB, accessible (axe: no serious or critical violation) and never wider than the
screen."""

from decimal import Decimal

import pytest
from playwright.sync_api import expect

from tests.catalog.factories import ProductImageFactory, category, ready_image
from tests.factories import BoothFactory, ExpoFactory, ProductFactory, VendorFactory, regency
from trade.models import RegencyExportStat

pytestmark = pytest.mark.browser
FIRST_LOAD_BUDGET = 150 * 1024

# Bytes of everything the page loaded (document, CSS, JS, images), from the browser's own
# resource timing: transferSize with headers; encodedBodySize when a response says 0.
FIRST_LOAD_BYTES = """() => {
  const entries = [...performance.getEntriesByType("navigation"),
                   ...performance.getEntriesByType("resource")];
  return entries.reduce((sum, e) => sum + (e.transferSize || e.encodedBodySize || 0), 0);
}"""
IMAGES_SHOWN = """(selector) => [...document.querySelectorAll(selector)]
  .filter(img => img.complete && img.naturalWidth > 0).length"""


def _fits_the_screen(page) -> None:
    assert page.evaluate("document.documentElement.scrollWidth") <= 360


def test_phone_visitor_goes_from_home_to_a_region_to_a_product(
    visitor, regions, categories, settings
):
    settings.ROOT_URLCONF = "tests.browser.urls_media"
    import tests.browser.urls_media as media_urls

    media_urls.urlpatterns[-1].default_args["document_root"] = settings.MEDIA_ROOT
    lamongan = regency("35.24")
    vendor = VendorFactory(name="Sentra Tenun Ikat Parengan", slug="parengan")
    sarong = ProductFactory(
        vendor=vendor, category=category("tenun-ikat"), name_id="Sarung tenun ikat Parengan",
        name_en="Parengan ikat sarong", slug="sarung-parengan",
    )  # fmt: skip
    ProductImageFactory(product=sarong, alt_id="Sarung merah")
    basket = ProductFactory(
        vendor=VendorFactory(name="Anyaman Bambu Sukodadi"), category=category("kerajinan"),
        name_id="Keranjang anyaman bambu", name_en="Bamboo basket",
    )  # fmt: skip
    ProductImageFactory(product=basket, alt_id="Keranjang")
    expo = ExpoFactory(name="UMKM Virtual Expo Jawa Timur 2026", slug="jatim-2026")
    BoothFactory(expo=expo, vendor=vendor, banner=ready_image(size=(1600, 500)))
    RegencyExportStat.objects.create(regency=lamongan, year=2019, value_idr=Decimal(55721000000))
    RegencyExportStat.objects.create(
        regency=lamongan, year=2020, value_idr=Decimal(43742000000), units=9
    )

    page = visitor.page
    visitor.goto("/id/")
    page.wait_for_load_state("networkidle")
    first_load = page.evaluate(FIRST_LOAD_BYTES)
    print(f"home first load at 360 px: {first_load} bytes")
    assert 0 < first_load <= FIRST_LOAD_BUDGET
    expect(page.locator("h1")).to_have_text("UMKM Indonesia, siap mendunia")
    expect(page.locator("#expo-heading")).to_contain_text("Sedang berlangsung")
    expect(page.get_by_role("link", name="Masuk ke pameran")).to_be_visible()
    expect(page.get_by_role("searchbox", name="Cari produk")).to_be_visible()
    expect(page.get_by_role("link", name="Daftar sebagai pembeli")).to_be_visible()
    page.locator(".sf-booth").first.scroll_into_view_if_needed()
    page.locator(".product-card").last.scroll_into_view_if_needed()
    page.wait_for_load_state("networkidle")
    assert page.evaluate(IMAGES_SHOWN, ".sf-booth img") == 1
    assert page.evaluate(IMAGES_SHOWN, ".product-card img") == 2
    _fits_the_screen(page)
    visitor.assert_accessible()

    page.locator("#regions-heading ~ ul").get_by_role("link", name="Kabupaten Lamongan").click()
    expect(page.locator("h1")).to_have_text("Ayo beli produk Lamongan")
    exports = page.locator("table.sf-exports")
    expect(exports).to_contain_text("Rp 55,721 miliar")
    expect(exports).to_contain_text("Rp 43,742 miliar")
    expect(exports).to_contain_text("\u221221,5%")
    expect(page.locator(".sf-booth")).to_contain_text("Sentra Tenun Ikat Parengan")
    expect(page.locator(".product-card")).to_have_count(2)
    _fits_the_screen(page)
    visitor.assert_accessible()

    page.get_by_role("link", name="Sarung tenun ikat Parengan").click()
    expect(page.locator("h1")).to_have_text("Sarung tenun ikat Parengan")
    same_regency = page.locator("section", has=page.locator("#regency-heading"))
    expect(same_regency).to_contain_text("Keranjang anyaman bambu")
    expect(page.get_by_role("link", name="Bagikan lewat WhatsApp")).to_have_attribute(
        "href", f"https://wa.me/?text=Sarung%20tenun%20ikat%20Parengan%20{_quoted(page.url)}"
    )
    expect(page.get_by_role("link", name="Salin tautan")).to_have_attribute("href", page.url)
    _fits_the_screen(page)
    visitor.assert_accessible()


def _quoted(url: str) -> str:
    from urllib.parse import quote

    return quote(url, safe="")
