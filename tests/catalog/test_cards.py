"""Product cards come from cached fragments (catalog.cards): an edit, a new photo or a new rate
shows at once, and each listing keeps its own links."""

import re
from decimal import Decimal

import pytest
from django.core.cache import cache

from catalog.cards import local_cards_clear
from catalog.services import product_search_refresh, product_update
from tests.catalog.factories import ProductImageFactory
from tests.factories import ExchangeRateFactory, ProductFactory, VerifiedUserFactory

pytestmark = pytest.mark.django_db


def card(client, slug: str, **params) -> str:
    """The card of this product, with the amounts' no-break spaces as plain ones."""
    html = client.get("/en/products/", params).content.decode().replace("\u00a0", " ")
    pattern = rf'<article class="product-card" data-product="{slug}">.*?</article>'
    found = re.search(pattern, html, re.S)
    assert found, f"no card for {slug}"
    return found.group(0)


@pytest.fixture
def signed_in(client):
    """A signed-in visitor: every page is rendered for them (never the anonymous page cache)."""
    client.force_login(VerifiedUserFactory())
    return client


def test_an_edited_name_and_price_show_on_the_card_at_once(signed_in, regions):
    ExchangeRateFactory(currency="USD", rate_idr=Decimal(15000))
    item = ProductFactory(name_en="Ikat sarong", price_min_idr=300_000, price_max_idr=None)
    product_search_refresh(product_ids=[item.pk])
    before = card(signed_in, item.slug)
    assert "Ikat sarong" in before
    assert "Rp 300,000" in before
    assert "≈ USD 20.00" in before
    assert card(signed_in, item.slug) == before  # the second time from the fragment cache

    product_update(product=item, name_en="Ikat sarong, hand-woven", price_min_idr=450_000)
    after = card(signed_in, item.slug)
    assert "Ikat sarong, hand-woven" in after
    assert "Rp 450,000" in after
    assert "≈ USD 30.00" in after
    assert "Rp 300,000" not in after


def test_a_new_rate_and_a_new_photo_show_on_the_card_at_once(signed_in, regions):
    rate = ExchangeRateFactory(currency="USD", rate_idr=Decimal(15000))
    item = ProductFactory(name_en="Batik scarf", price_min_idr=150_000, price_max_idr=None)
    product_search_refresh(product_ids=[item.pk])
    before = card(signed_in, item.slug)
    assert "≈ USD 10.00" in before
    assert "<picture>" not in before

    rate.rate_idr = Decimal(10000)
    rate.save()
    cache.delete("core:rate:USD")  # as an import does (core.viewer.rates_forget)
    ProductImageFactory(product=item)
    after = card(signed_in, item.slug)
    assert "≈ USD 15.00" in after
    assert "<picture>" in after


def test_search_results_link_through_the_search_log_and_the_listing_does_not(client, regions):
    item = ProductFactory(name_en="Ikat sarong")
    product_search_refresh(product_ids=[item.pk])
    listed = card(client, item.slug)
    found = card(client, item.slug, q="ikat")
    assert f'href="/en/products/{item.slug}/"' in listed
    assert re.search(rf'href="/en/products/found/{item.slug}/\?s=[^"]+"', found)
    local_cards_clear()  # from the shared cache this time: the same links
    assert card(client, item.slug, page="1") == listed
    assert card(client, item.slug, q="ikat", sort="newest") == found


def test_a_product_name_that_looks_like_markup_is_escaped_in_the_card(signed_in, regions):
    item = ProductFactory(name_en='<b>Bold</b> "sarong" @@card-href@@')
    product_search_refresh(product_ids=[item.pk])
    html = card(signed_in, item.slug)
    assert "&lt;b&gt;Bold&lt;/b&gt; &quot;sarong&quot; @@card-href@@" in html
    assert f'href="/en/products/{item.slug}/"' in html
