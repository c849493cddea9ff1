"""The demo (`make run`) fills every part of the home page and Lamongan's showcase."""

import pytest
from django.core.management import call_command

pytestmark = pytest.mark.django_db


def test_the_demo_shows_booths_products_regions_and_lamongans_figures(client, regions):
    call_command("seed_demo", verbosity=0)
    html = client.get("/en/").content.decode()
    assert "Live now: " in html
    booths = html[html.index('id="booths-heading"') : html.index('id="new-heading"')]
    assert booths.count('class="card booth-card sf-booth"') == 6
    assert "<picture>" in booths
    new = html[html.index('id="new-heading"') : html.index('id="categories-heading"')]
    assert new.count('class="product-card"') == 8
    assert 'href="/en/regions/kabupaten-lamongan/"' in html
    lamongan = client.get("/en/regions/kabupaten-lamongan/").content.decode()
    assert "Rp 55.721 bn" in lamongan
    assert "Rp 43.742 bn" in lamongan
    assert "\u221221.5%" in lamongan
    assert "Visit the " in lamongan  # the regency's pavilion in the live expo
    assert 'class="product-card"' in lamongan
