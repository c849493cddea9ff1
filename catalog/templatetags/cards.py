from django import template
from django.utils.safestring import mark_safe

from catalog.cards import card_fragments
from core.viewer import viewer_for

register = template.Library()


@register.simple_tag(takes_context=True)
def product_cards(context, products) -> str:
    """`{% product_cards page.object_list %}`: the cards of a grid, from cached fragments
    (catalog.cards); the viewer is the page's `viewer`, else the request's."""
    viewer = context.get("viewer")
    if viewer is None and context.get("request") is not None:
        viewer = viewer_for(context["request"])
    return mark_safe("".join(card_fragments(list(products), viewer=viewer)))  # noqa: S308
