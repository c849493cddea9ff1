"""A visitor on a phone, in Indonesian: lobby → hall (filtered) → booth, where the video is a
local poster until the click; only then does the youtube-nocookie player appear. axe finds nothing
serious."""

import re
from urllib.parse import urlsplit

import pytest
from playwright.sync_api import expect

from tests.browser.layout import scroll_width
from tests.catalog.factories import ProductImageFactory, ready_image
from tests.factories import BoothFactory, HallFactory, ProductFactory

pytestmark = pytest.mark.browser


def test_lobby_hall_filter_and_booth_video_on_a_phone_in_indonesian(visitor, regions):
    hall = HallFactory(name_id="Paviliun Lamongan", name_en="Lamongan Pavilion")
    parengan = BoothFactory(
        expo=hall.expo,
        hall=hall,
        vendor__name="Sentra Tenun Ikat Parengan",
        vendor__export_countries=["QA", "EG"],
        vendor__logo=ready_image(size=(300, 300)),
        banner=ready_image(size=(1280, 400)),
        video_url="https://www.youtube.com/watch?v=dQw4w9WgXcQ",
    )
    sarong = ProductFactory(vendor=parengan.vendor, name_id="Sarung tenun ikat Parengan")
    ProductImageFactory(product=sarong, alt_id="Sarung ikat merah", alt_en="Red ikat sarong")
    parengan.featured_products.set([sarong])
    BoothFactory(expo=hall.expo, hall=hall, vendor__name="Keripik Tempe Sanan")

    page = visitor.page
    elsewhere = []  # every request the page makes to another host

    def route(request_route):
        host = urlsplit(request_route.request.url).hostname
        if host in {"127.0.0.1", "localhost"}:
            request_route.continue_()
        else:  # never leave the machine: a stand-in player answers
            elsewhere.append(request_route.request.url)
            request_route.fulfill(status=200, content_type="text/html", body="<p>player</p>")

    page.route("**/*", route)

    # Lobby: booth cards with banner, logo and product thumbnail.
    visitor.goto(f"/id/expos/{hall.expo.slug}/")
    expect(page.locator("html")).to_have_attribute("lang", "id")
    card = page.locator(".booth-card", has_text="Sentra Tenun Ikat Parengan")
    expect(card.locator(".booth-card__banner img")).to_be_visible()
    expect(card.get_by_role("img", name="Logo Sentra Tenun Ikat Parengan")).to_be_visible()
    expect(card.locator(".booth-card__thumbs img")).to_have_count(1)
    assert scroll_width(page) <= 360
    visitor.assert_accessible()

    # Hall: filter on businesses that already export.
    page.locator(".hall-list a", has_text="Paviliun Lamongan").click()
    expect(page.locator("h1")).to_have_text("Paviliun Lamongan")
    expect(page.locator(".booth-card")).to_have_count(2)
    page.locator("#f-export").check()
    page.locator(".hall-filters button[type=submit]").click()
    expect(page).to_have_url(re.compile(r"export_ready=1"))
    expect(page.locator(".booth-card")).to_have_count(1)
    expect(page.locator(".booth-card")).to_contain_text("Sentra Tenun Ikat Parengan")
    assert scroll_width(page) <= 360
    visitor.assert_accessible()

    # Booth: the video is a local poster; nothing from another host until the click.
    page.get_by_role("link", name="Sentra Tenun Ikat Parengan").click()
    expect(page.locator("h1")).to_have_text("Sentra Tenun Ikat Parengan")
    expect(page.get_by_role("img", name="Sarung ikat merah")).to_be_visible()
    expect(page.locator(".booth__markets")).to_contain_text("Qatar")
    expect(page.locator("iframe")).to_have_count(0)
    page.wait_for_load_state("networkidle")
    assert elsewhere == []
    assert scroll_width(page) <= 360
    visitor.assert_accessible()
    poster = page.locator(".video-poster__link")
    poster.scroll_into_view_if_needed()
    poster.click()
    player = page.locator("iframe.video-poster__frame")
    expect(player).to_have_count(1)
    assert player.get_attribute("src").startswith(
        "https://www.youtube-nocookie.com/embed/dQw4w9WgXcQ"
    )
    expect(page).to_have_url(re.compile(r"/booths/"))  # the page stayed: no navigation
    page.wait_for_load_state("networkidle")
    assert elsewhere, "the player is requested after the click"
    assert all(urlsplit(u).hostname == "www.youtube-nocookie.com" for u in elsewhere)
