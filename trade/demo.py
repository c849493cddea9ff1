"""Trade's part of the demo: Lamongan's official export figures (the article) and deals the demo
businesses recorded, some of them made at the demo expos. Idempotent: looked up by natural keys."""

import datetime as dt
from decimal import Decimal

from core.models import ExchangeRate, Regency
from expo import demo as expo_demo
from expo.models import Expo, Meeting
from trade.models import Deal, RegencyExportStat
from vendors.models import Vendor

LAMONGAN = "35.24"
# The article: Lamongan's small-industry exports, Rp 55.721 billion (2019), Rp 43.742 billion
# (2020) from 9 units.
LAMONGAN_EXPORTS = [
    (2019, Decimal("55721000000"), None),
    (2020, Decimal("43742000000"), 9),
]
EXPORT_SOURCE = "Dinas Perindustrian dan Perdagangan Kabupaten Lamongan (Antara, Maret 2021)"
# (vendor slug, stage, amount, currency, country, days ago, buyer)
DEMO_DEALS = [
    ("rnd-handycraft", "shipped", "4200", "USD", "MY", 120, "Borneo Trading Sdn Bhd"),
    ("rnd-handycraft", "order", "18500000", "IDR", "QA", 30, "Warung Nusantara Doha"),
    ("rnd-handycraft", "loi", "2500", "USD", "SA", 10, "Rumah Makan Lamongan Jeddah"),
    ("tenun-ikat-parengan", "shipped", "96000000", "IDR", "QA", 60, "Warung Nusantara Doha"),
    ("tenun-ikat-parengan", "mou", "12000", "USD", "SA", 14, "Rumah Makan Lamongan Jeddah"),
]


def seed(*, vendors: list[Vendor]) -> None:
    lamongan = Regency.objects.get(code=LAMONGAN)
    for year, value, units in LAMONGAN_EXPORTS:
        RegencyExportStat.objects.update_or_create(
            regency=lamongan,
            year=year,
            defaults={"value_idr": value, "units": units, "source": EXPORT_SOURCE},
        )
    by_slug = {vendor.slug: vendor for vendor in vendors}
    today = dt.date.today()
    for slug, stage, amount, currency, country, days_ago, buyer in DEMO_DEALS:
        day = today - dt.timedelta(days=days_ago)
        rate = Decimal(1)
        if currency != "IDR":
            rate = ExchangeRate.rates_on(day, {currency}).get(currency) or Decimal(16000)
        Deal.objects.update_or_create(
            vendor=by_slug[slug],
            buyer_name=buyer,
            stage=stage,
            expo=None,  # the deals made at an expo follow
            defaults={
                "amount": Decimal(amount),
                "currency": currency,
                "exchange_rate": rate,
                "amount_idr": (Decimal(amount) * rate).quantize(Decimal(1)),
                "destination_country": country,
                "date": day,
            },
        )
    _expo_deals(by_slug)


def _expo_deals(by_slug: dict[str, Vendor]) -> None:
    live_expo = expo_demo.live_slug()
    expos = {
        expo.slug: expo
        for expo in Expo.objects.filter(slug__in=[expo_demo.ARCHIVE_SLUG, live_expo])
    }
    rnd, parengan = by_slug.get("rnd-handycraft"), by_slug.get("tenun-ikat-parengan")
    if len(expos) < 2 or not (rnd and parengan):
        return
    archive, live = expos[expo_demo.ARCHIVE_SLUG], expos[live_expo]
    held_meeting = Meeting.objects.filter(
        vendor=rnd, slot__expo=archive, status=Meeting.Status.HELD
    ).first()
    deals = [
        (
            rnd,
            live,
            Deal.Stage.LOI,
            Decimal("2500"),
            "QAR",
            Decimal("4300"),
            "QA",
            "Warung Nusantara Doha",
            None,
        ),
        (
            rnd,
            archive,
            Deal.Stage.SHIPPED,
            Decimal("18000"),
            "MYR",
            Decimal("3450"),
            "MY",
            "Borneo Trading Sdn Bhd",
            held_meeting,
        ),
        (
            parengan,
            archive,
            Deal.Stage.ORDER,
            Decimal("12000"),
            "SAR",
            Decimal("3850"),
            "SA",
            "Rumah Makan Lamongan Jeddah",
            None,
        ),
    ]
    for vendor, expo, stage, amount, currency, rate, country, buyer_name, meeting in deals:
        Deal.objects.update_or_create(
            vendor=vendor,
            expo=expo,
            stage=stage,
            destination_country=country,
            defaults={
                "amount": amount,
                "currency": currency,
                "exchange_rate": rate,
                "amount_idr": (amount * rate).quantize(Decimal(1)),
                "date": (expo.starts_at + dt.timedelta(days=3)).date(),
                "buyer_name": buyer_name,
                "meeting": meeting,
            },
        )
