"""The viewer's currency: prices show in IDR plus "≈" this currency.

Which currency: a buyer's profile choice; else the one picked this session (the currency form);
else a default from the page's language (English → USD, Indonesian → none). Anonymous visitors
with a chosen currency carry a session, so `core.cache.anonymous_cache` never stores their page
(it is rendered for them, privately); the shared copy of an English page shows "≈ USD" to every
anonymous visitor alike, since the address's language decides it.

Which rate: the newest on or before today, but none older than `RATES_STALE_AFTER_DAYS`: a
missing or stale rate hides the "≈" rather than showing a wrong number.
"""

import datetime as dt
from dataclasses import dataclass
from decimal import ROUND_HALF_UP, Decimal

from django.conf import settings
from django.core.cache import cache
from django.utils import timezone, translation

from core.models import ExchangeRate
from core.money import CURRENCY_CODES, format_money

SESSION_KEY = "catalog_currency"
RATE_SECONDS = 300
RATE_KEY = "core:rate:{}"
# The currency shown by default for each page language (None: rupiah only).
LANGUAGE_CURRENCY = {"en": "USD", "id": None}


def viewer_currency(request) -> str | None:
    """A buyer's chosen currency; else the one picked this session; else the language's.

    Decided once per request (core.cache keys the shared page by it, then renders that page as
    an anonymous visitor would, in the same currency)."""
    if not hasattr(request, "_viewer_currency"):
        request._viewer_currency = _viewer_currency(request)
    return request._viewer_currency


def _viewer_currency(request) -> str | None:
    user = request.user
    if user.is_authenticated:
        chosen = profile_currency(user)
        if chosen:
            return None if chosen == "IDR" else chosen
    chosen = request.session.get(SESSION_KEY) if hasattr(request, "session") else None
    if chosen in CURRENCY_CODES:
        return None if chosen == "IDR" else chosen
    return LANGUAGE_CURRENCY.get((translation.get_language() or "id").split("-")[0])


PROFILE_CURRENCY_KEY = "core:profile-currency:{}"


def profile_currency(user) -> str:
    """The currency of the person's buyer profile, "" without one. Asked on every page a
    signed-in person opens, so kept in the cache; the buyers app drops it when a profile
    changes (`profile_currency_forget`)."""
    key = PROFILE_CURRENCY_KEY.format(user.pk)
    found = cache.get(key)
    if found is None:
        profile = getattr(user, "buyer_profile", None)  # RelatedObjectDoesNotExist → None
        found = profile.display_currency if profile is not None else ""
        cache.set(key, found, 3600)
    return found


def profile_currency_forget(user_id: int) -> None:
    cache.delete(PROFILE_CURRENCY_KEY.format(user_id))


@dataclass(frozen=True)
class Viewer:
    """The currency and its rate (rupiah per unit), looked up once per page."""

    currency: str | None
    rate_idr: Decimal | None
    rate_date: dt.date | None = None
    rate_source: str = ""

    def approx(self, amount_idr) -> str:
        if amount_idr is None or not self.currency or not self.rate_idr:
            return ""
        value = (Decimal(amount_idr) / self.rate_idr).quantize(
            Decimal("0.01"), rounding=ROUND_HALF_UP
        )
        return format_money(value, self.currency)


NO_CONVERSION = Viewer(None, None)


def rate_current(currency: str, day: dt.date | None = None) -> tuple[Decimal, dt.date, str] | None:
    """The newest rate of `currency` on or before `day` (today), unless it is stale.

    Cached briefly (RATE_SECONDS); an import clears the cache (`rates_forget`).
    """
    day = day or timezone.localdate()
    key = RATE_KEY.format(currency)
    found = cache.get(key)
    if found is None or found[0] != day:
        row = (
            ExchangeRate.objects.filter(currency=currency, date__lte=day)
            .order_by("-date")
            .values_list("rate_idr", "date", "source")
            .first()
        )
        found = (day, row)
        cache.set(key, found, RATE_SECONDS)
    row = found[1]
    if row is None or (day - row[1]).days > settings.RATES_STALE_AFTER_DAYS:
        return None
    return row


def rates_forget() -> None:
    """New rates were saved: look them up again on the next page."""
    cache.delete_many([RATE_KEY.format(code) for code in CURRENCY_CODES])


def viewer_for(request) -> Viewer:
    """The viewer of this request (computed once per request)."""
    cached = getattr(request, "_viewer", None)
    if cached is not None:
        return cached
    currency = viewer_currency(request)
    viewer = NO_CONVERSION
    if currency and currency != "IDR":
        rate = rate_current(currency)
        viewer = Viewer(currency, *rate) if rate else Viewer(currency, None)
    request._viewer = viewer
    return viewer
