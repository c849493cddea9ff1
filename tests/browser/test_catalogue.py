"""A vendor's photos go through a real Celery worker; a buyer abroad finds the product."""

import re
from decimal import Decimal

import pytest
from playwright.sync_api import expect

from catalog.models import Product
from tests.factories import ExchangeRateFactory, VendorFactory, VerifiedUserFactory
from tests.images import jpeg_bytes, png_bytes, webp_bytes

pytestmark = pytest.mark.browser


def sign_in(visitor, email: str, password: str) -> None:
    page = visitor.page
    visitor.goto("/id/accounts/login/")
    page.locator("input[name=login]").fill(email)
    page.locator("input[name=password]").fill(password)
    page.locator("form").filter(has=page.locator("input[name=password]")).locator(
        "button[type=submit]"
    ).click()


def test_vendor_uploads_photos_processed_by_a_worker_and_a_buyer_abroad_finds_them(
    visitor_factory, workers, regions, categories, password, settings
):
    settings.ROOT_URLCONF = "tests.browser.urls_media"
    import tests.browser.urls_media as media_urls

    media_urls.urlpatterns[-1].default_args["document_root"] = settings.MEDIA_ROOT
    workers.start()
    ExchangeRateFactory(currency="USD", rate_idr=Decimal(15000))
    owner = VerifiedUserFactory(email="penenun@example.com", password=password, language="id")
    VendorFactory(name="Sentra Tenun Ikat Parengan", owner=owner)

    vendor = visitor_factory()
    page = vendor.page
    sign_in(vendor, owner.email, password)
    vendor.goto("/id/dashboard/products/new/")
    page.locator("#id_name_id").fill("Sarung tenun ikat Parengan")
    page.locator("#id_name_en").fill("Parengan woven ikat sarong")
    page.locator("#id_category").select_option(label="Sarung tenun")
    page.locator("#id_description_id").fill("Ditenun dengan tangan.\n\nMotif khas Parengan.")
    page.locator("#id_description_en").fill("Hand-woven.\n\nParengan motifs.")
    page.locator("#id_price_min_idr").fill("250000")
    page.locator("#id_moq").fill("10")
    page.locator("#id_hs_code").fill("6304.91")
    page.get_by_role("button", name="Simpan sebagai draf").click()
    expect(page.locator("h1")).to_have_text("Sarung tenun ikat Parengan")

    # Three photos picked at once; the first a portrait phone photo stored sideways (EXIF 6).
    portrait = jpeg_bytes((1600, 1200), orientation=6)
    page.locator("input[type=file][name=photos]").set_input_files([
        {"name": "IMG_0001.JPG", "mimeType": "image/jpeg", "buffer": portrait},
        {"name": "kain.png", "mimeType": "image/png", "buffer": png_bytes()},
        {"name": "motif.webp", "mimeType": "image/webp", "buffer": webp_bytes()},
    ])  # fmt: skip
    page.get_by_role("button", name="Unggah foto").click()
    expect(page.locator(".messages")).to_contain_text("3 foto terunggah")
    # The page reloads itself while photos are processing (static/js/catalog.js).
    expect(page.locator(".photo-item--ready")).to_have_count(3, timeout=90_000)
    expect(page.locator(".photo-item__status").first).to_contain_text("Foto sampul")
    vendor.assert_accessible()

    page.get_by_role("button", name="Terbitkan").click()
    expect(page.locator(".messages")).to_contain_text("Produk sudah terbit di katalog.")
    assert Product.objects.get().status == Product.Status.PUBLISHED

    buyer = visitor_factory(locale="en-GB", timezone_id="Asia/Qatar")
    page = buyer.page
    buyer.goto("/en/products/")
    page.locator("#id_q").fill("ikat sarong")
    page.locator("#id_q").press("Enter")
    expect(page).to_have_url(re.compile(r"/en/products/\?q=ikat(\+|%20)sarong"))  # by htmx
    card = page.locator(".product-card")
    expect(card).to_have_count(1)
    expect(card).to_contain_text("Parengan woven ikat sarong")
    expect(card).to_contain_text("≈ USD\xa016.67")
    buyer.assert_accessible()

    card.get_by_role("link").click()
    expect(page.locator("h1")).to_have_text("Parengan woven ikat sarong")
    expect(page.locator(".price").first).to_contain_text("Rp\xa0250,000")
    expect(page.locator(".price").first).to_contain_text("≈ USD\xa016.67")
    cover = page.locator(".gallery__img").first
    expect(cover).to_have_js_property("complete", True)
    width, height = cover.evaluate("img => [img.naturalWidth, img.naturalHeight]")
    assert 0 < width < height  # upright: the worker applied the EXIF orientation
    expect(page.locator(".gallery__img")).to_have_count(3)
    buyer.assert_accessible()
