"""A buyer types in the catalogue's search box, picks a suggestion with the arrow keys and Enter;
the combobox is announced and passes axe; Escape closes it and Enter then searches as typed."""

import re

import pytest
from playwright.sync_api import expect

from tests.catalog.factories import category
from tests.factories import ProductFactory, VendorFactory, regency

pytestmark = pytest.mark.browser


@pytest.fixture
def snacks(regions, categories):
    bandung = VendorFactory(name="Keripik Mak Ijah", regency=regency("32.73"))
    return [
        ProductFactory(vendor=bandung, category=category("camilan"),
                       name_id="Kripik singkong balado", name_en="Spicy cassava chips"),
        ProductFactory(vendor=bandung, category=category("camilan"),
                       name_id="Kripik singkong keju", name_en="Cheese cassava chips"),
    ]  # fmt: skip


def test_a_buyer_picks_a_suggestion_with_the_keyboard(visitor, snacks):
    page = visitor.page
    visitor.goto("/id/products/")
    box = page.get_by_role("combobox", name="Cari produk, usaha, atau daerah")
    expect(box).to_have_attribute("aria-expanded", "false")

    box.press_sequentially("kripik sing", delay=30)
    listbox = page.get_by_role("listbox", name="Saran")
    expect(listbox).to_be_visible()
    options = listbox.get_by_role("option")
    expect(options).to_have_count(2)
    expect(box).to_have_attribute("aria-expanded", "true")
    expect(page.locator("#q-suggestions-status")).to_have_text(
        "2 saran, pilih dengan tombol panah atas dan bawah."
    )
    visitor.assert_accessible()

    box.press("ArrowDown")
    expect(options.nth(0)).to_have_attribute("aria-selected", "true")
    expect(box).to_have_attribute("aria-activedescendant", "q-suggestion-1")
    box.press("ArrowDown")
    expect(options.nth(1)).to_have_attribute("aria-selected", "true")
    expect(options.nth(0)).to_have_attribute("aria-selected", "false")
    box.press("ArrowDown")  # past the last: back to the first
    expect(box).to_have_attribute("aria-activedescendant", "q-suggestion-1")
    chosen = options.nth(0).locator(".suggest__label").inner_text()

    box.press("Enter")
    expect(page.locator("h1")).to_have_text(chosen)
    assert page.url.endswith(next(p for p in snacks if p.name_id == chosen).get_absolute_url())
    assert visitor.console_errors == []


def test_escape_closes_the_list_and_enter_searches_for_what_was_typed(visitor, snacks):
    page = visitor.page
    visitor.goto("/en/products/")
    box = page.get_by_role("combobox", name="Search products, businesses or regions")
    box.press_sequentially("cassava", delay=30)
    expect(page.get_by_role("listbox", name="Suggestions").get_by_role("option")).to_have_count(2)
    box.press("Escape")
    expect(page.locator("#q-suggestions")).to_be_hidden()
    expect(box).to_have_attribute("aria-expanded", "false")
    box.press("Enter")
    expect(page).to_have_url(re.compile(r"/en/products/\?q=cassava"))
    expect(page.locator(".product-card")).to_have_count(2)
    visitor.assert_accessible()
