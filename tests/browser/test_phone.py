"""Phone first: the product page, the catalogue and every page of the vendor area at 360×740.

Each page is opened in Chromium at the size of a small Android phone, in Indonesian and in
English, and checked for what a person holding it sees: the product's name, price, minimum
order and quote button on the first screen; a gallery that swipes; products before filters;
no page that scrolls sideways; dashboard tabs and buttons big enough for a thumb (44 px).
"""

import re
from decimal import Decimal

import pytest
from django.urls import reverse
from django.utils import translation
from playwright.sync_api import expect

from tests.browser.conftest import PHONE
from tests.browser.layout import scroll_width
from tests.factories import (
    BuyerProfileFactory,
    ExchangeRateFactory,
    ProductFactory,
    VendorFactory,
)
from tests.render_world import world_full
from tests.test_pages_render import PAGES

pytestmark = pytest.mark.browser

LAPTOP = {"width": 1366, "height": 900}
LOCALES = {"id": "id-ID", "en": "en-GB"}
TARGET = 44  # px: the smallest tap target on a phone
# Dashboard URLs that answer a file, not a page.
DOWNLOADS = {
    "dashboard:certification_document",
    "dashboard_expo:meeting_ics",
    "dashboard:leads_csv",
}


@pytest.fixture
def media(settings):
    """Serve the renditions the image pipeline wrote (tests run with DEBUG off)."""
    settings.ROOT_URLCONF = "tests.browser.urls_media"
    import tests.browser.urls_media as media_urls

    media_urls.urlpatterns[-1].default_args["document_root"] = settings.MEDIA_ROOT


@pytest.fixture
def sarong(regions, categories, media):
    from tests.catalog.factories import ProductImageFactory, ready_image

    ExchangeRateFactory(currency="USD", rate_idr=Decimal(15000))
    vendor = VendorFactory(name="Sentra Tenun Ikat Parengan", slug="parengan")
    product = ProductFactory(
        vendor=vendor,
        name_id="Sarung tenun ikat motif Parengan warna alam",
        name_en="Parengan ikat sarong in natural dyes",
        price_min_idr=250_000,
        moq=20,
        monthly_capacity=400,
        lead_time_days=21,
        hs_code="6304.91",
        export_markets=["QA", "SA"],
    )
    colours = [(180, 90, 40), (40, 90, 180), (60, 150, 60)]
    for position, colour in enumerate(colours):
        ProductImageFactory(
            product=product,
            position=position,
            image=ready_image(size=(1200, 900), color=colour),
            alt_id=f"Foto {position + 1}",
            alt_en=f"Photo {position + 1}",
        )
    return product


@pytest.fixture
def world(regions, media):
    """tests/render_world.py's demo-like data; the groups of the data migration first (the live
    server's tests flush them)."""
    from django.contrib.auth.models import Group

    for name in ("Curator", "Regional coordinator"):
        Group.objects.get_or_create(name=name)
    return world_full()


def within_width(found: dict) -> bool:
    return 0 <= found["x"] <= found["x"] + found["width"] <= PHONE["width"]


def on_first_screen(found: dict) -> bool:
    """Wholly inside the 360×740 screen the page opens on."""
    return (
        within_width(found) and 0 <= found["y"] <= found["y"] + found["height"] <= PHONE["height"]
    )


def box(locator) -> dict:
    found = locator.bounding_box()
    assert found is not None, locator
    return found


@pytest.mark.parametrize("language", ["id", "en"])
def test_product_page_on_a_phone(visitor_factory, sarong, language):
    """In Indonesian an anonymous visitor; in English a signed-in buyer from Doha, whose header
    has more links and whose price also shows in riyal."""
    visitor = visitor_factory(locale=LOCALES[language])
    page = visitor.page
    if language == "en":
        ExchangeRateFactory(currency="QAR", rate_idr=Decimal(4100))
        sign_in_as(visitor, BuyerProfileFactory().user)
    visitor.goto(f"/{language}/products/{sarong.slug}/")

    # The first screen: name, price, minimum order and the quote button, nothing sideways.
    name = page.locator("h1")
    expect(name).to_have_text(sarong.name_id if language == "id" else sarong.name_en)
    price = page.locator(".product__summary .price")
    expect(price).to_contain_text("250")
    moq = page.locator(".product__moq")
    expect(moq).to_contain_text("20")
    quote = page.locator(".product__actions .btn").first
    expect(quote).to_contain_text(
        "Masuk untuk meminta penawaran" if language == "id" else "Ask the seller for a quote"
    )
    if language == "en":
        expect(price).to_contain_text("QAR")
    for element in (name, price, moq, quote):
        found = box(element)
        assert on_first_screen(found), found
    assert box(quote)["height"] >= TARGET
    assert scroll_width(page) <= PHONE["width"]

    # The photos swipe: the strip scrolls photo by photo and the next one comes into view.
    strip = page.locator(".gallery__strip")
    slides = page.locator(".gallery__slide")
    expect(slides).to_have_count(3)
    assert box(slides.nth(0))["x"] < PHONE["width"] / 2
    strip.evaluate("strip => strip.scrollBy({left: strip.clientWidth, behavior: 'instant'})")
    expect(page.locator(".gallery__thumb").nth(1)).to_have_attribute("aria-current", "true")
    second = box(slides.nth(1))
    assert second["x"] < 40, second  # snapped to the start of the strip
    assert within_width(second), second
    expect(slides.nth(1).locator("img")).to_have_js_property("complete", True)
    # A numbered anchor goes to its photo, without moving the page.
    page.locator(".gallery__thumb").nth(2).click()
    expect(page.locator(".gallery__thumb").nth(2)).to_have_attribute("aria-current", "true")
    third = box(slides.nth(2))
    assert third["x"] + third["width"] <= PHONE["width"] + 1, third
    assert page.evaluate("window.scrollY") == 0
    assert scroll_width(page) <= PHONE["width"]

    # Full size: the link goes to the large rendition; with JavaScript a dialog shows it.
    full = page.locator(".gallery__full").nth(2)
    href = full.get_attribute("href")
    assert re.search(r"1200\.jpeg$", href), href
    full.click()
    dialog = page.locator("dialog.gallery-dialog")
    expect(dialog).to_be_visible()
    expect(dialog.locator("img")).to_have_attribute("src", href)
    expect(dialog.locator("img")).to_have_attribute(
        "alt", "Foto 3" if language == "id" else "Photo 3"
    )
    expect(dialog.locator("img")).to_have_js_property("complete", True)
    assert dialog.locator("img").evaluate("img => img.naturalWidth") == 1200
    visitor.assert_accessible()
    dialog.get_by_role("button", name="Tutup" if language == "id" else "Close").click()
    expect(dialog).to_be_hidden()
    visitor.assert_accessible()


def test_product_page_without_javascript_still_swipes_and_links_full_size(
    browser, live_server, sarong, settings
):
    context = browser.new_context(locale="id-ID", viewport=PHONE, java_script_enabled=False)
    try:
        page = context.new_page()
        page.goto(f"{live_server.url}/id/products/{sarong.slug}/")
        strip = page.locator(".gallery__strip")
        assert strip.evaluate("s => getComputedStyle(s).scrollSnapType") == "x mandatory"
        strip.evaluate("strip => strip.scrollBy({left: strip.clientWidth, behavior: 'instant'})")
        second = box(page.locator(".gallery__slide").nth(1))
        assert 0 <= second["x"] < 40, second
        page.locator(".gallery__thumb").nth(2).click()
        expect(page).to_have_url(re.compile(r"#photo-3$"))
        third = page.locator(".gallery__slide").nth(2)
        expect(third).to_be_in_viewport(ratio=0.99)  # once the strip has scrolled there
        page.locator(".gallery__full").nth(2).click()
        expect(page).to_have_url(re.compile(r"/media/.+1200\.jpeg$"))
    finally:
        context.close()


def test_product_page_keeps_two_columns_on_a_laptop(visitor_factory, sarong):
    visitor = visitor_factory(locale="en-GB", timezone_id="Asia/Qatar", viewport=LAPTOP)
    page = visitor.page
    visitor.goto(f"/en/products/{sarong.slug}/")
    gallery = box(page.locator(".gallery"))
    summary = box(page.locator(".product__summary"))
    assert summary["x"] >= gallery["x"] + gallery["width"], (gallery, summary)
    assert abs(summary["y"] - gallery["y"]) < 5, (gallery, summary)
    assert gallery["width"] > 500
    # One photo at a time, the whole width of the gallery.
    assert abs(box(page.locator(".gallery__slide").first)["width"] - gallery["width"]) < 2
    expect(page.locator(".product__actions .btn").first).to_be_in_viewport()
    assert scroll_width(page) <= LAPTOP["width"]
    visitor.assert_accessible()


@pytest.mark.parametrize("language", ["id", "en"])
def test_catalogue_on_a_phone_shows_products_first_and_folds_the_filters(
    visitor_factory, sarong, language
):
    visitor = visitor_factory(locale=LOCALES[language])
    page = visitor.page
    visitor.goto(f"/{language}/products/")
    card = page.locator(".product-card").first
    expect(card).to_be_visible()
    assert box(card)["y"] < PHONE["height"] - 100, box(card)  # the photo starts on screen 1
    filters = page.locator("details.facets__panel")
    options = page.locator("details.catalogue__options")
    expect(filters).not_to_have_attribute("open", "")
    expect(options).not_to_have_attribute("open", "")
    category = page.locator(".facet a").first
    expect(category).to_be_hidden()
    assert scroll_width(page) <= PHONE["width"]
    visitor.assert_accessible()

    summary = filters.locator("summary")
    assert box(summary)["height"] >= TARGET
    summary.click()
    expect(category).to_be_visible()
    assert scroll_width(page) <= PHONE["width"]
    options.locator("summary").click()
    expect(page.locator("#id_min_price")).to_be_visible()
    assert scroll_width(page) <= PHONE["width"]
    visitor.assert_accessible()

    # A filter still works from the panel (htmx swaps the results) and nothing widens.
    category.click()
    expect(page).to_have_url(re.compile(r"category="))
    expect(page.locator(".product-card")).to_have_count(1)
    assert scroll_width(page) <= PHONE["width"]


def test_catalogue_on_a_laptop_shows_the_filters_open(visitor_factory, sarong):
    visitor = visitor_factory(locale="en-GB", viewport=LAPTOP)
    page = visitor.page
    visitor.goto("/en/products/")
    expect(page.locator(".facet a").first).to_be_visible()
    expect(page.locator("#id_sort")).to_be_visible()
    expect(page.locator("#id_min_price")).to_be_visible()
    expect(page.locator("details.facets__panel > summary")).to_be_hidden()
    results = box(page.locator(".catalogue__results"))
    facets = box(page.locator(".facets"))
    assert results["x"] >= facets["x"] + facets["width"]  # side by side
    visitor.assert_accessible()


# --- the vendor area ---


def dashboard_urls(world, language: str) -> list[tuple[str, str]]:
    """(label, URL) of every page of the vendor area the owner opens with a GET."""
    urls = []
    for page in PAGES:
        if not page.url_name.startswith("dashboard") or page.url_name in DOWNLOADS:
            continue
        if page.expected["owner"] != 200:
            continue
        with translation.override(language):
            url = reverse(page.url_name, kwargs=page.kwargs(world))
        urls.append((page.id, url))
    return urls


def sign_in_as(visitor, user) -> None:
    """The browser gets the session of a signed-in user (the sign-in form has its own test)."""
    from django.conf import settings as django_settings
    from django.test import Client

    client = Client()
    client.force_login(user)
    cookie = client.cookies[django_settings.SESSION_COOKIE_NAME]
    visitor.page.context.add_cookies(
        [{"name": cookie.key, "value": cookie.value, "url": visitor.base_url}]
    )


def small_targets(page, selector: str) -> list[str]:
    """Visible links and buttons under `selector` less than 44 px high."""
    return page.locator(selector).evaluate_all(
        """(elements, target) => elements
            .filter(e => e.getClientRects().length && getComputedStyle(e).visibility !== 'hidden')
            .filter(e => e.getBoundingClientRect().height < target)
            .map(e => `${e.tagName} “${e.textContent.trim().slice(0, 40)}” `
                      + `${Math.round(e.getBoundingClientRect().height)}px`)""",
        TARGET,
    )


def wide_elements(page) -> list[str]:
    """What sticks out to the right of a 360 px screen (for the failure message)."""
    return page.evaluate(
        """() => [...document.querySelectorAll('body *')]
            .filter(e => e.getBoundingClientRect().right > document.documentElement.clientWidth + 1)
            .filter(e => !e.closest('.visually-hidden'))
            .slice(0, 8)
            .map(e => `${e.tagName}.${e.className} `
                      + `right=${Math.round(e.getBoundingClientRect().right)}`)"""
    )


@pytest.mark.parametrize("language", ["id", "en"])
def test_every_dashboard_page_fits_a_phone(visitor_factory, world, language):
    visitor = visitor_factory(locale=LOCALES[language])
    sign_in_as(visitor, world.users["owner"])
    page = visitor.page
    urls = dashboard_urls(world, language)
    assert len(urls) >= 20, urls
    problems = []
    for label, url in urls:
        visitor.goto(url)  # the registration steps have their own layout, without tabs
        expect(page.locator("#main h1")).to_be_visible()
        width = scroll_width(page)
        if width > PHONE["width"]:
            problems.append(f"{label} {url}: scrollWidth {width}: {wide_elements(page)}")
        small = small_targets(page, ".dashboard__nav a, #main button, #main .btn")
        if small:
            problems.append(f"{label} {url}: small targets {small}")
        visitor.assert_accessible()
    assert problems == [], "\n".join(problems)


@pytest.mark.parametrize("language", ["id", "en"])
def test_each_dashboard_tab_is_tapped_and_opens_its_page(visitor_factory, world, language):
    visitor = visitor_factory(locale=LOCALES[language])
    sign_in_as(visitor, world.users["owner"])
    page = visitor.page
    visitor.goto(f"/{language}/dashboard/")
    tabs = page.locator(".dashboard__nav a")
    count = tabs.count()
    assert count == 8  # the owner also sees the team tab
    assert small_targets(page, ".dashboard__nav a") == []
    for index in range(count):
        tab = page.locator(".dashboard__nav a").nth(index)
        href = tab.get_attribute("href")
        assert href.startswith(f"/{language}/dashboard/"), href
        tab.click()
        expect(page).to_have_url(visitor.base_url + href)
        current = page.locator(".dashboard__nav a").nth(index)
        expect(current).to_have_attribute("aria-current", "page")
        found = box(current)
        assert within_width(found), (href, found)
        assert scroll_width(page) <= PHONE["width"], href


# --- every other page a visitor or a buyer opens ---

SKIPPED_PREFIXES = ("dashboard", "admin", "account_", "mfa_")


@pytest.mark.parametrize(("role", "language"), [("anonymous", "id"), ("buyer", "en")])
def test_no_public_or_buyer_page_scrolls_sideways(visitor_factory, world, role, language):
    """Issue 11: no page scrolls sideways on a phone. Every page of the URL table that answers
    this visitor 200 with HTML (the vendor area, sign-in and admin pages have their own tests)."""
    visitor = visitor_factory(locale=LOCALES[language])
    if world.users[role] is not None:
        sign_in_as(visitor, world.users[role])
    page = visitor.page
    opened, problems = [], []
    for row in PAGES:
        if row.expected[role] != 200 or not row.i18n or row.url_name.startswith(SKIPPED_PREFIXES):
            continue
        with translation.override(language):
            url = reverse(row.url_name, kwargs=row.kwargs(world))
        if query := row.query(world):
            url += "?" + "&".join(f"{key}={value}" for key, value in query.items())
        answer = page.request.get(visitor.base_url + url, max_redirects=0)
        if not answer.headers.get("content-type", "").startswith("text/html"):
            continue  # a file (calendar, PDF), not a page
        visitor.goto(url)
        opened.append(url)
        width = scroll_width(page)
        if width > PHONE["width"]:
            problems.append(f"{url}: scrollWidth {width}: {wide_elements(page)}")
    assert len(opened) >= 10, opened
    assert problems == [], "\n".join(problems)
