"""`{% load storefront_format %}`: export figures as people read them in the news."""

from decimal import Decimal

from django import template
from django.utils.translation import gettext as _

from reports.formatting import format_change, format_number

register = template.Library()
BILLION = Decimal(1_000_000_000)


@register.filter
def billions(value) -> str:
    """`55721000000` → `Rp 55.721 bn` in English, `Rp 55,721 miliar` in Indonesian."""
    if value is None:
        return "—"
    return _("Rp %(amount)s bn") % {"amount": format_number(Decimal(value) / BILLION, 3)}


@register.filter
def change(value) -> str:
    """A change on the year before: `−21.5%`; `—` when there is nothing to compare."""
    return format_change(value)
