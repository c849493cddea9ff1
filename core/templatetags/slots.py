from django import template

from core.slots import slot_render

register = template.Library()


@register.simple_tag(takes_context=True)
def slot(context, name: str, **kwargs):
    """`{% slot "product_actions" product=product %}`: what the apps above put here."""
    return slot_render(name, context, **kwargs)
