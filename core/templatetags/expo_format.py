"""Formatting shared by every page: money, countries, currencies."""

from django import template

from core.countries import country_name
from core.money import format_money

register = template.Library()


@register.filter
def money(amount, currency: str = "IDR") -> str:
    """`{{ product.price_min_idr|money }}` → `Rp 125.000`; `{{ x|money:"QAR" }}` → `QAR 12.50`."""
    if amount is None or amount == "":
        return ""
    return format_money(amount, currency)


@register.filter
def country(code: str) -> str:
    """`{{ "QA"|country }}` → `Qatar`, in the page's language."""
    return country_name(code) if code else ""


@register.filter
def countries(codes) -> str:
    return ", ".join(country_name(code) for code in codes or [])
