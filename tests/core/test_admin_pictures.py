"""Curators see pictures in the admin, never image ids: logos, booth banners, product photos."""

import re

from catalog.models import ProductImage
from tests.factories import BoothFactory, ImageFactory, ProductFactory, VendorFactory


def _pictures(html: str) -> list[str]:
    return re.findall(r"<picture>.*?</picture>", html, re.S)


def test_logo_banner_and_photos_show_as_thumbnails(admin_client, regions):
    vendor = VendorFactory(logo=ImageFactory(processed=True))
    booth = BoothFactory(vendor=vendor, banner=ImageFactory(processed=True))
    product = ProductFactory(vendor=vendor)
    ProductImage.objects.create(product=product, image=ImageFactory(processed=True), position=0)
    for url in (
        f"/admin/vendors/vendor/{vendor.pk}/change/",
        f"/admin/expo/booth/{booth.pk}/change/",
        f"/admin/catalog/product/{product.pk}/change/",
    ):
        html = admin_client.get(url).content.decode()
        [picture] = _pictures(html)
        assert 'sizes="80px"' in picture
        assert "320.jpeg" in picture  # the smallest rendition, not the full photo
        assert 'name="logo"' not in html
        assert 'name="banner"' not in html
