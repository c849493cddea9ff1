"""Money: prices are stored in IDR and shown in IDR plus "≈" the viewer's currency."""

from decimal import Decimal

from babel.numbers import format_decimal, get_currency_name
from django.utils import translation

# Currencies buyers and deals use (the diaspora's countries and common trade currencies).
CURRENCY_CODES = [
    "IDR", "USD", "EUR", "GBP", "AUD", "JPY", "CNY", "KRW", "HKD", "TWD", "SGD", "MYR",
    "THB", "PHP", "VND", "INR", "SAR", "AED", "QAR", "KWD", "OMR", "BHD", "EGP", "ZAR",
    "TRY", "CHF", "CAD", "NZD",
]  # fmt: skip


def _locale() -> str:
    return (translation.get_language() or "id").split("-")[0]


def currency_choices() -> list[tuple[str, str]]:
    """Currency codes with their names in the active language (a callable for `choices`)."""
    return [
        (code, f"{code} — {get_currency_name(code, locale=_locale())}") for code in CURRENCY_CODES
    ]


def format_money(
    amount: Decimal | int | float, currency: str, *, decimals: int | None = None
) -> str:
    """`Rp 55.721.000.000` in Indonesian, `Rp 55,721,000,000` in English, `QAR 123.50`.

    Rupiah (and other currencies without minor units in practice) show no decimals.
    """
    if decimals is None:
        decimals = 0 if currency in ("IDR", "JPY", "KRW", "VND") else 2
    pattern = "#,##0" + ("." + "0" * decimals if decimals else "")
    number = format_decimal(
        Decimal(amount), format=pattern, locale=_locale(), decimal_quantization=True
    )
    return f"{'Rp' if currency == 'IDR' else currency}\u00a0{number}"
