"""Quantities with their unit, pluralised in the page's language: "1 piece", "5 pieces", "5 buah".

The unit codes are those of `catalog.Product.Unit` (and the inquiries that copy them); an unknown
code shows the number and the code as they are.
"""

from babel.numbers import format_decimal
from django.utils import translation
from django.utils.translation import ngettext

UNIT_FORMS = {
    "piece": lambda n: ngettext("%(n)s piece", "%(n)s pieces", n),
    "pack": lambda n: ngettext("%(n)s pack", "%(n)s packs", n),
    "box": lambda n: ngettext("%(n)s box", "%(n)s boxes", n),
    "dozen": lambda n: ngettext("%(n)s dozen", "%(n)s dozen", n),
    "set": lambda n: ngettext("%(n)s set", "%(n)s sets", n),
    "meter": lambda n: ngettext("%(n)s metre", "%(n)s metres", n),
    "kg": lambda n: ngettext("%(n)s kilogram", "%(n)s kilograms", n),
    "ton": lambda n: ngettext("%(n)s tonne", "%(n)s tonnes", n),
    "liter": lambda n: ngettext("%(n)s litre", "%(n)s litres", n),
    "sack": lambda n: ngettext("%(n)s sack", "%(n)s sacks", n),
}


def quantity_text(count, unit: str) -> str:
    """`quantity_text(5, "piece")` → `5 pieces` in English, `5 buah` in Indonesian."""
    if count is None or count == "":
        return ""
    locale = (translation.get_language() or "id").split("-")[0]
    number = format_decimal(count, locale=locale)
    form = UNIT_FORMS.get(unit)
    if form is None:
        return f"{number} {unit}"
    return form(int(count) if float(count).is_integer() else 2) % {"n": number}
