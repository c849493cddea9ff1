"""Item 8: a buyer in Doha asks for a price, an Indonesian seller quotes, the buyer accepts."""

import re

import pytest
from django.core import mail
from django.urls import reverse
from django.utils import translation
from playwright.sync_api import expect

from buyers.models import Inquiry
from tests.factories import (
    PASSWORD,
    CategoryFactory,
    ProductFactory,
    VendorFactory,
    VerifiedUserFactory,
)

pytestmark = pytest.mark.browser


def english(function, *args) -> str:
    with translation.override("en"):
        return function(*args)


def subjects(to: str) -> list[str]:
    return [m.subject for m in mail.outbox if m.to == [to]]


def test_buyer_in_qatar_asks_a_price_and_accepts_the_sellers_quote(visitor_factory, regions):
    owner = VerifiedUserFactory(
        email="pemilik@example.com", name="Bu Sri", language="id", password=PASSWORD
    )
    vendor = VendorFactory(name="Kerupuk Bu Sri", owner=owner)
    ProductFactory(
        vendor=vendor,
        category=CategoryFactory(name_en="Snacks", name_id="Camilan"),
        name_en="Lamongan fish crackers",
        name_id="Kerupuk ikan Lamongan",
        unit="pack",
        moq=50,
    )

    # --- The buyer signs up in English from the home page and confirms the email ----------
    buyer = visitor_factory(locale="en-US", timezone_id="Asia/Qatar")
    page = buyer.page
    buyer.goto("/en/")
    page.get_by_role("link", name="Sign up as a buyer").click()
    expect(page.locator("h1")).to_have_text("Sign Up")
    page.get_by_label("Email").fill("aisyah@example.com")
    page.get_by_label("Password", exact=True).fill("warung-nusantara-doha")
    page.get_by_label("Password (again)").fill("warung-nusantara-doha")
    page.get_by_role("button", name="Sign Up").click()
    expect(page.locator("h1")).to_have_text("Verify Your Email Address")
    [confirmation] = mail.outbox
    link = re.search(r"https?://\S+/confirm-email/\S+/", confirmation.body).group(0)
    page.goto(link)
    page.get_by_role("button", name="Confirm").click()

    # --- The short profile, time zone filled from the browser --------------------------------
    expect(page.locator("h1")).to_have_text("Buyer profile")
    expect(page.get_by_label("Time zone")).to_have_value("Asia/Qatar")
    buyer.assert_accessible()
    page.get_by_label("Your name").fill("Aisyah Rahman")
    page.get_by_label("I am").select_option("shop")
    page.get_by_label("Organisation").fill("Warung Nusantara Doha")
    page.get_by_label("Country", exact=True).select_option("QA")
    page.get_by_label("City").fill("Doha")
    page.get_by_label("Show prices in").select_option("QAR")
    page.locator("#id_language").select_option("en")
    page.get_by_role("button", name="Save profile").click()
    expect(page.get_by_text("Your buyer profile is saved.")).to_be_visible()
    buyer.assert_accessible()

    # --- Search, favourite, ask for a price --------------------------------------------------
    buyer.goto(english(reverse, "catalog:list") + "?q=crackers")
    page.get_by_role("link", name=re.compile("Lamongan fish crackers")).first.click()
    expect(page.locator("h1")).to_have_text("Lamongan fish crackers")
    save = page.get_by_role("button", name=re.compile("^Save"))
    save.click()
    expect(page.get_by_role("button", name=re.compile("^Saved"))).to_have_attribute(
        "aria-pressed", "true"
    )
    buyer.assert_accessible()
    page.get_by_role("link", name="Ask the seller for a quote").click()
    expect(page.get_by_label("Quantity")).to_have_value("50")
    expect(page.get_by_label("Currency")).to_have_value("QAR")
    buyer.assert_accessible()
    page.get_by_label("Quantity").fill("200")
    page.get_by_label("Target price per unit").fill("4")
    page.get_by_label("Message to the seller").fill("Can you ship 200 packs to Doha for Ramadan?")
    page.get_by_role("button", name="Send inquiry").click()
    expect(page.get_by_text("Your inquiry was sent to the seller.")).to_be_visible()
    expect(page.locator(".inquiry-summary .status")).to_have_text("Open")
    buyer.assert_accessible()
    inquiry = Inquiry.objects.get()

    # --- The seller, in Indonesian, answers with a quote -------------------------------------
    seller = visitor_factory(locale="id-ID")
    spage = seller.page
    seller.goto("/id/accounts/login/")
    spage.locator("input[name=login]").fill("pemilik@example.com")
    spage.locator("input[name=password]").fill(PASSWORD)
    spage.locator("main form button[type=submit]").click()
    seller.goto("/id/dashboard/inquiries/")
    expect(spage.locator(".site-nav .badge")).to_contain_text("1 permintaan penawaran")
    seller.assert_accessible()
    spage.get_by_role("link", name=re.compile("Aisyah Rahman")).click()
    expect(spage.get_by_text("Can you ship 200 packs to Doha for Ramadan?")).to_be_visible()
    expect(spage.get_by_text("aisyah@example.com")).to_have_count(0)
    seller.assert_accessible()
    spage.get_by_label("Pesan Anda").fill("Bisa. Harga per pak CIF Doha, produksi 30 hari.")
    spage.get_by_label("Harga satuan").fill("4.50")
    spage.locator("#id_quote_currency").select_option("QAR")
    spage.get_by_label("Incoterm").select_option("CIF")
    spage.get_by_label("Waktu produksi (hari)").fill("30")
    spage.get_by_role("button", name="Kirim balasan").click()
    expect(spage.get_by_text("Penawaran Anda terkirim ke pembeli.")).to_be_visible()
    expect(spage.locator(".inquiry-summary .status")).to_have_text("Diberi penawaran")

    # --- The buyer accepts ----------------------------------------------------------------------
    buyer.goto(english(inquiry.get_absolute_url))
    expect(page.locator(".inquiry-summary .status")).to_have_text("Quoted")
    expect(page.get_by_text("QAR\u00a04.50")).to_be_visible()
    buyer.assert_accessible()
    page.get_by_role("button", name="Accept this quote").click()
    expect(page.get_by_text("You accepted the quote. The seller has been told.")).to_be_visible()
    expect(page.locator(".inquiry-summary .status")).to_have_text("Won")

    spage.reload()
    expect(spage.locator(".inquiry-summary .status")).to_have_text("Berhasil")
    seller.assert_accessible()

    # --- Each side received exactly the expected emails, in their own language -----------------
    assert subjects("aisyah@example.com") == [
        confirmation.subject,
        "Kerupuk Bu Sri sent you a quote",
    ]
    assert subjects("pemilik@example.com") == [
        f"Permintaan baru #{inquiry.pk} dari pembeli",
        f"Pembeli menulis di permintaan #{inquiry.pk}",
    ]
