from django import template
from django.utils.html import format_html

from core.money import format_money

register = template.Library()


@register.filter
def approx(amount_idr, viewer) -> str:
    """`{{ product.price_min_idr|approx:viewer }}` → `QAR 68.50` (empty without a rate)."""
    return viewer.approx(amount_idr) if viewer else ""


@register.simple_tag
def price(product, viewer=None) -> str:
    """`Rp 250.000` or `Rp 250.000 – Rp 300.000`, then `≈ USD 16.67` in the viewer's currency."""
    text = format_money(product.price_min_idr, "IDR")
    if product.price_max_idr and product.price_max_idr != product.price_min_idr:
        text += " – " + format_money(product.price_max_idr, "IDR")
    converted = viewer.approx(product.price_min_idr) if viewer else ""
    if converted and product.price_max_idr and product.price_max_idr != product.price_min_idr:
        converted += " – " + viewer.approx(product.price_max_idr)
    if converted:
        return format_html(
            '<span class="price__idr">{}</span> <span class="price__approx">≈ {}</span>',
            text,
            converted,
        )
    return format_html('<span class="price__idr">{}</span>', text)
