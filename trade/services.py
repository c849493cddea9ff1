"""Writes of trade: deals, converted to rupiah with the exchange rate of their date."""

from decimal import ROUND_HALF_UP, Decimal

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils.translation import gettext_lazy as _

from accounts.models import User
from core.models import ExchangeRate
from trade.models import Deal
from vendors.models import Vendor


def _to_idr(amount: Decimal, currency: str, day) -> tuple[Decimal, Decimal]:
    if currency == "IDR":
        rate = Decimal(1)
    else:
        rate = ExchangeRate.rates_on(day, {currency}).get(currency)
        if rate is None:
            raise ValidationError(
                {"currency": _("There is no exchange rate for this currency and date yet.")},
                code="no_rate",
            )
    return (amount * rate).quantize(Decimal(1), rounding=ROUND_HALF_UP), rate


@transaction.atomic
def deal_save(*, deal: Deal, vendor: Vendor, by: User) -> Deal:
    """Create or update a deal of `vendor`, converting the amount with the rate of its date."""
    deal.vendor = vendor
    if deal.created_by_id is None:
        deal.created_by = by
    deal.amount_idr, deal.exchange_rate = _to_idr(deal.amount, deal.currency, deal.date)
    deal.full_clean()
    deal.save()
    return deal


@transaction.atomic
def deal_delete(*, deal: Deal) -> None:
    deal.delete()
