"""`{% when moment %}`: a time in the viewer's zone with WIB beside it."""

import zoneinfo

from django import template
from django.utils import timezone
from django.utils.formats import date_format
from django.utils.html import format_html

register = template.Library()
WIB = zoneinfo.ZoneInfo("Asia/Jakarta")


@register.simple_tag
def when(moment, with_date: bool = True):
    if moment is None:
        return ""
    zone = timezone.get_current_timezone()
    local = moment.astimezone(zone)
    text = f"{date_format(local, 'D j M Y')}, {local:%H:%M}" if with_date else f"{local:%H:%M}"
    if getattr(zone, "key", "") == "Asia/Jakarta":
        return format_html('<time datetime="{}">{} WIB</time>', moment.isoformat(), text)
    return format_html(
        '<time datetime="{}">{} <span class="tz">({})</span></time> '
        '<span class="wib">· {} WIB</span>',
        moment.isoformat(),
        text,
        getattr(zone, "key", str(zone)),
        moment.astimezone(WIB).strftime("%H:%M"),
    )
