"""`{% load personal %}{% personal "name" key=value … %}`: a part of the page that is the
visitor's own (see core.personal)."""

from django import template
from django.utils.safestring import SafeString

from core.personal import personal_part

register = template.Library()


@register.simple_tag(takes_context=True)
def personal(context, name: str, **arguments) -> SafeString:
    return personal_part(context["request"], name, **arguments)
