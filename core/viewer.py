"""The viewer's currency: prices show in IDR plus "≈" this currency."""

from dataclasses import dataclass
from decimal import ROUND_HALF_UP, Decimal

from django.core.cache import cache
from django.utils import timezone, translation

from core.models import ExchangeRate
from core.money import CURRENCY_CODES, format_money

SESSION_KEY = "catalog_currency"
RATE_SECONDS = 300


def viewer_currency(request) -> str | None:
    """A buyer's chosen currency; else the one picked this session; else USD in English."""
    user = request.user
    if user.is_authenticated:
        profile = getattr(user, "buyer_profile", None)  # RelatedObjectDoesNotExist → None
        if profile is not None:
            return profile.display_currency
    chosen = request.session.get(SESSION_KEY) if hasattr(request, "session") else None
    if chosen in CURRENCY_CODES:
        return None if chosen == "IDR" else chosen
    if (translation.get_language() or "id").startswith("en"):
        return "USD"
    return None


@dataclass(frozen=True)
class Viewer:
    """The currency and its rate (rupiah per unit), looked up once per page."""

    currency: str | None
    rate_idr: Decimal | None

    def approx(self, amount_idr) -> str:
        if amount_idr is None or not self.currency or not self.rate_idr:
            return ""
        value = (Decimal(amount_idr) / self.rate_idr).quantize(
            Decimal("0.01"), rounding=ROUND_HALF_UP
        )
        return format_money(value, self.currency)


def viewer_for(request) -> Viewer:
    currency = viewer_currency(request)
    if not currency or currency == "IDR":
        return Viewer(None, None)
    day = timezone.localdate()
    key = f"catalog:rate:{currency}:{day.isoformat()}"
    rate = cache.get(key)
    if rate is None:
        # Cached briefly: a rate changed in the admin shows within RATE_SECONDS.
        rate = ExchangeRate.rates_on(day, [currency]).get(currency) or Decimal(0)
        cache.set(key, rate, RATE_SECONDS)
    return Viewer(currency, rate or None)
