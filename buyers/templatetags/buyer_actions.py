"""`{% load buyer_actions %}`: what a buyer can do with a product or a business — save it, ask."""

from django import template
from django.urls import reverse

from buyers.selectors import page_favourites

register = template.Library()


@register.inclusion_tag("buyers/partials/favourite_button.html", takes_context=True)
def favourite_button(context, target, kind: str = "product"):
    """`{% favourite_button product %}` / `{% favourite_button vendor "vendor" %}`.

    The page's favourites are read once per request and reused for every button on it.
    """
    request = context.get("request")
    products, vendors = page_favourites(request)
    ids = products if kind == "product" else vendors
    return {
        "request": request,
        "user": getattr(request, "user", None),
        "kind": kind,
        "target_id": target.pk,
        "label": str(target),
        "is_favourite": target.pk in ids,
        "csrf_token": context.get("csrf_token"),
    }


@register.simple_tag
def inquiry_url(product=None, vendor=None, expo=None) -> str:
    """Where the "Ask for a price" button goes."""
    query = f"?product={product.pk}" if product is not None else f"?vendor={vendor.pk}"
    if expo is not None:
        query += f"&expo={expo.pk}"
    return reverse("buyers:inquiry_new") + query
