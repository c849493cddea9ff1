"""Numbers for staff, in their language: `1.234,5` in Indonesian, `1,234.5` in English."""

from decimal import Decimal

from babel.numbers import format_decimal
from babel.numbers import format_percent as babel_percent
from django.utils import translation

MINUS = "\u2212"  # a real minus sign, not a hyphen: −21.5%


def _locale() -> str:
    return (translation.get_language() or "id").split("-")[0]


def format_number(value: Decimal | int | float | None, decimals: int = 0) -> str:
    if value is None:
        return "—"
    pattern = "#,##0" + ("." + "0" * decimals if decimals else "")
    text = format_decimal(Decimal(value), format=pattern, locale=_locale())
    return text.replace("-", MINUS)


def format_change(fraction: Decimal | float | None) -> str:
    """A change on the year before: `−21.5%`, `+4.0%`; `—` when there is nothing to compare."""
    if fraction is None:
        return "—"
    text = babel_percent(Decimal(fraction), format="#,##0.0%", locale=_locale())
    text = text.replace("-", MINUS)
    return text if text.startswith(MINUS) or Decimal(fraction) == 0 else f"+{text}"
