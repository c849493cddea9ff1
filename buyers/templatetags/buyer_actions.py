"""`{% load buyer_actions %}`: what a buyer can do with a product or a business — save it, ask."""

from django import template
from django.urls import reverse

from buyers.selectors import favourite_ids

register = template.Library()


@register.inclusion_tag("buyers/partials/favourite_button.html", takes_context=True)
def favourite_button(context, target, kind: str = "product"):
    """`{% favourite_button product %}` / `{% favourite_button vendor "vendor" %}`.

    The page's favourites are read once per request and reused for every button on it.
    """
    request = context.get("request")
    user = getattr(request, "user", None)
    cache = getattr(request, "_favourite_ids", None) if request is not None else None
    if cache is None and user is not None:
        cache = favourite_ids(user=user)
        request._favourite_ids = cache
    products, vendors = cache or (set(), set())
    ids = products if kind == "product" else vendors
    return {
        "request": request,
        "user": user,
        "kind": kind,
        "target": target,
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
