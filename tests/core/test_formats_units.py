"""One way to write quantities, dates and times per language."""

import datetime as dt
import zoneinfo

from django.template import Context, Template
from django.utils import timezone, translation
from django.utils.formats import date_format

from core.units import quantity_text


def _render(text: str, **context) -> str:
    return Template("{% load formats %}" + text).render(Context(context))


def test_units_are_pluralised_in_each_language():
    with translation.override("en"):
        assert quantity_text(1, "piece") == "1 piece"
        assert quantity_text(5, "piece") == "5 pieces"
        assert quantity_text(2000, "box") == "2,000 boxes"
        assert quantity_text(3, "dozen") == "3 dozen"
        assert _render("{{ n|quantity:'kg' }}", n=1) == "1 kilogram"
    with translation.override("id"):
        assert quantity_text(5, "piece") == "5 buah"
        assert quantity_text(1, "piece") == "1 buah"
        assert quantity_text(2000, "box") == "2.000 kotak"
        assert _render("{{ n|quantity:'sack' }}", n=12) == "12 karung"
    assert quantity_text(4, "barrel") == "4 barrel"  # an unknown unit as it is


def test_dates_and_times_have_one_format_per_language():
    moment = dt.datetime(2026, 11, 30, 0, 2, tzinfo=dt.UTC)
    with timezone.override(zoneinfo.ZoneInfo("Asia/Qatar")):
        with translation.override("en"):
            assert _render("{{ m|moment }}", m=moment) == "30 Nov 2026, 03:02"
            assert _render("{{ d|day }}", d=dt.date(2026, 12, 1)) == "1 Dec 2026"
            assert date_format(moment, "SHORT_DATETIME_FORMAT") == "30 Nov 2026, 00:02"
            assert date_format(dt.date(2026, 8, 17), "DATE_FORMAT") == "17 Aug 2026"
        with translation.override("id"):
            assert _render("{{ m|moment }}", m=moment) == "30 Nov 2026, 03:02"
            assert _render("{{ d|day }}", d=dt.date(2026, 12, 1)) == "1 Des 2026"
            assert date_format(dt.date(2026, 8, 17), "DATE_FORMAT") == "17 Agu 2026"
