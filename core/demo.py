"""The demo's exchange rates: a realistic snapshot for every currency its buyers use, dated the
last five working days up to today (so the "≈" prices show whenever the demo is loaded).

Mid rates in rupiah per unit, late 2025. Bank Indonesia's transaction rates cover USD, EUR,
AUD, HKD, MYR, SAR, SGD, GBP, JPY, CNY; it does not quote QAR, EGP, ZAR, TWD or AED, whose
rates are crossed through the US dollar (QAR is pegged at 3.64 per USD).
"""

import datetime as dt
from decimal import Decimal

from django.utils import timezone

from core.rates import ParsedRate
from core.services import exchange_rates_import

BI_SNAPSHOT = {
    "USD": "16690.00", "EUR": "19330.50", "AUD": "10872.35", "HKD": "2145.20",
    "MYR": "4040.15", "SAR": "4450.40", "SGD": "12841.60", "GBP": "21954.80",
    "JPY": "107.12", "CNY": "2350.75",
}  # fmt: skip
CROSS_SNAPSHOT = {
    "QAR": "4585.16", "EGP": "352.60", "ZAR": "968.05", "TWD": "536.40", "AED": "4544.72",
}  # fmt: skip
# A small, fixed movement per day back from today (no randomness: the demo is repeatable).
DAILY_MOVES = [
    Decimal("1"),
    Decimal("0.9985"),
    Decimal("1.0021"),
    Decimal("0.9993"),
    Decimal("1.0008"),
]


def working_days(today: dt.date, count: int) -> list[dt.date]:
    days, day = [], today
    while len(days) < count:
        if day.weekday() < 5:
            days.append(day)
        day -= dt.timedelta(days=1)
    return days


def seed(today: dt.date | None = None) -> int:
    """Load the snapshot (idempotent: the same days get the same rates)."""
    today = today or timezone.localdate()
    count = 0
    for snapshot, source in ((BI_SNAPSHOT, "Bank Indonesia"), (CROSS_SNAPSHOT, "USD cross rate")):
        rates = [
            ParsedRate(code, day, (Decimal(rate) * move).quantize(Decimal("0.000001")))
            for day, move in zip(working_days(today, len(DAILY_MOVES)), DAILY_MOVES, strict=True)
            for code, rate in snapshot.items()
        ]
        count += exchange_rates_import(rates=rates, source=source)
    return count
