"""`{% load formats %}`: how every page writes money, prices, countries, times and people's text.

One place for each format, in the page's language and the viewer's time zone and currency.
"""

import datetime as dt
import zoneinfo

from django import template
from django.utils import timezone
from django.utils.formats import date_format
from django.utils.html import format_html, urlize
from django.utils.safestring import SafeString, mark_safe
from django.utils.text import normalize_newlines
from django.utils.translation import gettext as _

from core.countries import country_name
from core.money import format_money
from core.units import quantity_text
from core.viewer import viewer_for

register = template.Library()
WIB = zoneinfo.ZoneInfo("Asia/Jakarta")


@register.filter
def money(amount, currency: str = "IDR") -> str:
    """`{{ product.price_min_idr|money }}` → `Rp 125.000`; `{{ x|money:"QAR" }}` → `QAR 12.50`."""
    if amount is None or amount == "":
        return ""
    return format_money(amount, currency)


@register.filter
def quantity(count, unit: str) -> str:
    """`{{ product.moq|quantity:product.unit }}` → `5 pieces`, `1 piece`, `5 buah`."""
    return quantity_text(count, unit)


@register.filter
def country(code: str) -> str:
    """`{{ "QA"|country }}` → `Qatar`, in the page's language."""
    return country_name(code) if code else ""


@register.filter
def countries(codes) -> str:
    return ", ".join(country_name(code) for code in codes or [])


@register.filter
def approx(amount_idr, viewer) -> str:
    """`{{ product.price_min_idr|approx:viewer }}` → `QAR 68.50` (empty without a rate)."""
    return viewer.approx(amount_idr) if viewer else ""


@register.filter
def machine_time(moment) -> str:
    """`<time datetime="{{ moment|machine_time }}">`: ISO 8601 to the second.

    HTML's `datetime` allows at most three digits of a fraction of a second; none are needed.
    """
    return moment.isoformat(timespec="seconds") if moment else ""


def _viewer(context, viewer):
    if viewer:
        return viewer
    if context.get("viewer"):
        return context["viewer"]
    request = context.get("request")
    return viewer_for(request) if request is not None else None


@register.simple_tag(takes_context=True)
def price(context, product, viewer=None) -> str:
    """`Rp 250.000` or `Rp 250.000 – Rp 300.000`, then `≈ USD 16.67` in the viewer's currency.

    The viewer is the one passed, else the page's `viewer`, else the request's (core.viewer).
    """
    viewer = _viewer(context, viewer)
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


@register.simple_tag(takes_context=True)
def rate_note(context, viewer=None) -> str:
    """`Bank Indonesia rate of 27 Nov 2026` under a price shown with "≈" (empty without one)."""
    viewer = _viewer(context, viewer)
    if not viewer or not viewer.rate_idr or not viewer.rate_date:
        return ""
    values = {"source": viewer.rate_source, "date": day(viewer.rate_date)}
    if viewer.rate_source in ("", "Bank Indonesia"):
        note = _("≈ at Bank Indonesia's rate of %(date)s") % values
    else:
        note = _("≈ at the rate of %(date)s (%(source)s)") % values
    return format_html('<p class="price__rate">{}</p>', note)


@register.simple_tag(takes_context=True)
def amount(context, value, currency: str = "IDR", viewer=None) -> str:
    """`{% amount quote.unit_price quote.currency %}`: the amount, and "≈" the viewer's currency
    when it is in rupiah."""
    if value is None or value == "":
        return ""
    text = format_money(value, currency or "IDR")
    viewer = _viewer(context, viewer)
    converted = viewer.approx(value) if viewer and (currency or "IDR") == "IDR" else ""
    if converted:
        return format_html(
            '<span class="price__idr">{}</span> <span class="price__approx">≈ {}</span>',
            text,
            converted,
        )
    return text


@register.filter
def day(value) -> str:
    """`27 Nov 2026` (the same in both languages, month names translated)."""
    if not value:
        return ""
    if isinstance(value, dt.datetime):
        value = timezone.localtime(value) if timezone.is_aware(value) else value
    return date_format(value, "j M Y")


@register.filter
def moment(value) -> str:
    """`27 Nov 2026, 19:02` in the viewer's time zone (the same pattern in both languages)."""
    if not value:
        return ""
    if isinstance(value, dt.datetime) and timezone.is_aware(value):
        value = timezone.localtime(value)
    return date_format(value, "j M Y, H:i")


@register.simple_tag
def when(moment, with_date: bool = True):
    """`{% when moment %}`: a time in the viewer's zone with WIB beside it."""
    if moment is None:
        return ""
    zone = timezone.get_current_timezone()
    local = moment.astimezone(zone)
    text = f"{date_format(local, 'D j M Y')}, {local:%H:%M}" if with_date else f"{local:%H:%M}"
    if getattr(zone, "key", "") == "Asia/Jakarta":
        return format_html('<time datetime="{}">{} WIB</time>', machine_time(moment), text)
    return format_html(
        '<time datetime="{}">{} <span class="tz">({})</span></time> '
        '<span class="wib">· {} WIB</span>',
        machine_time(moment),
        text,
        getattr(zone, "key", str(zone)),
        moment.astimezone(WIB).strftime("%H:%M"),
    )


@register.filter(is_safe=True)
def user_text(value: str) -> SafeString:
    """Text a person wrote, for HTML: escaped, links made clickable but safe, line breaks kept.

    `urlize` escapes the text itself; it adds rel="nofollow", and the opener is cut off too so a
    linked page cannot reach back into the thread.
    """
    html = urlize(str(value or ""), nofollow=True, autoescape=True)
    html = html.replace('rel="nofollow"', 'rel="nofollow noopener noreferrer" target="_blank"')
    return mark_safe(normalize_newlines(html).replace("\n", "<br>"))  # noqa: S308 - escaped above
