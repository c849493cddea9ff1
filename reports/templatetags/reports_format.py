"""`{% load reports_format %}`: numbers, changes and charts for the staff reports."""

from django import template

from core.money import format_money
from reports.charts import bar_chart
from reports.formatting import format_change, format_number

register = template.Library()


@register.filter
def number(value, decimals: int = 0) -> str:
    return format_number(value, decimals)


@register.filter
def change(value) -> str:
    return format_change(value)


@register.filter
def rupiah(value) -> str:
    return "—" if value is None else format_money(value, "IDR")


@register.simple_tag
def chart(rows, title: str, chart_id: str, kind: str = "number"):
    """`{% chart rows _("Deals by stage") "deals-stage" "money" %}`."""
    formatter = (lambda v: format_money(v, "IDR")) if kind == "money" else format_number
    return bar_chart(rows=rows, title=title, format_value=formatter, chart_id=chart_id)
