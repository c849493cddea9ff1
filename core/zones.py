"""Time zones a person picks from: the common ones of the diaspora and trade partners, grouped by
region; any other IANA zone (one the browser reports, one saved before) is accepted too."""

import zoneinfo
from functools import cache

from django import forms
from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _

COMMON_ZONES = [
    (_("Indonesia"), ["Asia/Jakarta", "Asia/Makassar", "Asia/Jayapura"]),
    (
        _("Asia"),
        [
            "Asia/Kuala_Lumpur",
            "Asia/Singapore",
            "Asia/Bangkok",
            "Asia/Manila",
            "Asia/Ho_Chi_Minh",
            "Asia/Hong_Kong",
            "Asia/Taipei",
            "Asia/Shanghai",
            "Asia/Tokyo",
            "Asia/Seoul",
            "Asia/Kolkata",
        ],
    ),
    (
        _("Middle East"),
        [
            "Asia/Qatar",
            "Asia/Riyadh",
            "Asia/Dubai",
            "Asia/Kuwait",
            "Asia/Bahrain",
            "Asia/Muscat",
            "Europe/Istanbul",
        ],
    ),
    (
        _("Africa"),
        [
            "Africa/Cairo",
            "Africa/Johannesburg",
            "Africa/Nairobi",
            "Africa/Lagos",
            "Africa/Casablanca",
        ],
    ),
    (
        _("Europe"),
        [
            "Europe/London",
            "Europe/Amsterdam",
            "Europe/Berlin",
            "Europe/Paris",
            "Europe/Zurich",
            "Europe/Madrid",
            "Europe/Rome",
            "Europe/Moscow",
        ],
    ),
    (
        _("Americas"),
        [
            "America/New_York",
            "America/Chicago",
            "America/Denver",
            "America/Los_Angeles",
            "America/Toronto",
            "America/Vancouver",
            "America/Mexico_City",
            "America/Sao_Paulo",
        ],
    ),
    (
        _("Oceania"),
        [
            "Australia/Perth",
            "Australia/Darwin",
            "Australia/Brisbane",
            "Australia/Adelaide",
            "Australia/Sydney",
            "Australia/Melbourne",
            "Pacific/Auckland",
        ],
    ),
    (_("Other"), ["UTC"]),
]


@cache
def _available() -> frozenset[str]:
    return frozenset(zoneinfo.available_timezones() - {"localtime", "Factory"})


def zone_label(key: str) -> str:
    """`Asia/Ho_Chi_Minh` → `Ho Chi Minh (Asia/Ho_Chi_Minh)`."""
    return f"{key.rsplit('/', 1)[-1].replace('_', ' ')} ({key})" if "/" in key else key


def time_zone_choices(extra: str | None = None) -> list:
    """Grouped choices for a <select>; `extra` (a valid zone not in the list) is added on top."""
    groups = [(region, [(key, zone_label(key)) for key in keys]) for region, keys in COMMON_ZONES]
    listed = {key for _region, keys in COMMON_ZONES for key in keys}
    if extra and extra not in listed and extra in _available():
        groups.insert(0, (_("Your time zone"), [(extra, zone_label(extra))]))
    return groups


def validate_zone(value: str) -> None:
    if value not in _available():
        raise ValidationError(_("Unknown time zone."), code="invalid_time_zone")


class TimeZoneField(forms.ChoiceField):
    """A select of the common zones that accepts any IANA zone (validated against zoneinfo)."""

    def __init__(self, **kwargs):
        kwargs.setdefault("choices", time_zone_choices)
        super().__init__(**kwargs)
        self.widget.attrs.setdefault("data-browser-time-zone", "1")

    def valid_value(self, value) -> bool:
        return value in _available()

    def validate(self, value) -> None:
        if value in self.empty_values and self.required:
            raise ValidationError(self.error_messages["required"], code="required")
        if value not in self.empty_values:
            validate_zone(value)
