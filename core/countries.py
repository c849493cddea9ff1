"""Countries by ISO 3166 code, named in the active language (Babel's CLDR data)."""

from functools import cache

from babel import Locale
from django.utils import translation

# Codes of current countries (CLDR also lists regions like "EU" and historical codes).
_EXCLUDED = {
    *("EU", "EZ", "UN", "QO", "XA", "XB", "ZZ"),
    *("AN", "BU", "CS", "DD", "FX", "NT", "SU", "TP", "YD", "YU", "ZR"),
}


@cache
def _names(language: str) -> dict[str, str]:
    territories = Locale.parse(language).territories
    return {
        code: name
        for code, name in territories.items()
        if len(code) == 2 and code.isalpha() and code not in _EXCLUDED
    }


def _language() -> str:
    return (translation.get_language() or "id").split("-")[0]


def country_name(code: str) -> str:
    return _names(_language()).get(code, code)


def country_choices() -> list[tuple[str, str]]:
    """All countries, sorted by their name in the active language (a callable for `choices`)."""
    return sorted(_names(_language()).items(), key=lambda item: item[1])
