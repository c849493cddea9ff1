"""Demo favourites and inquiry threads between the demo buyers and demo vendors (idempotent)."""

import datetime as dt
from dataclasses import dataclass
from decimal import Decimal

from django.utils import timezone

from accounts.demo import DemoLogin, demo_user
from buyers.models import BuyerProfile, Favourite, Inquiry, InquiryMessage
from catalog.models import Product
from vendors.models import Vendor

# (buyer email, vendor slug, quantity, destination currency, the buyer's message, the vendor's
# reply, a quote (unit price, incoterm, lead days) or None, final status)
THREADS = [
    ("buyer.doha@demo.expo-umkm.id", 0, 200, "Assalamualaikum. We run a warung in Doha and would like 200 packs for Ramadan. Can you ship to Qatar?",
     "Waalaikumsalam. Bisa, kami sudah pernah kirim ke Timur Tengah. Harga per pak di bawah ini.", (Decimal("4.50"), "CIF", 30), Inquiry.Status.QUOTED),
    ("rotterdam@demo.expo-umkm.id", 1, 1000, "We import Indonesian foods to the Netherlands. Do you have BPOM and halal certificates? Please quote FOB Surabaya.",
     "Kami punya sertifikat halal dan BPOM. Harga FOB Tanjung Perak sebagai berikut.", (Decimal("1.20"), "FOB", 45), Inquiry.Status.WON),
    ("cairo@demo.expo-umkm.id", 2, 50, "Assalamualaikum, PPI Mesir ingin memesan untuk acara budaya. Berapa minimal pesanannya?",
     "Minimal pesanan 20 buah. Kami bisa kirim lewat pos.", None, Inquiry.Status.ANSWERED),
    ("capetown@demo.expo-umkm.id", 0, 500, "Hello, is a sample shipment possible before a larger order?", "", None, Inquiry.Status.OPEN),
    ("kualalumpur@demo.expo-umkm.id", 0, 300, "Boleh minta katalog lengkap dan harga untuk 300 pcs?",
     "Boleh, katalog kami kirim lewat pesan ini. Harga 300 pcs sudah termasuk kemasan.", None, Inquiry.Status.ANSWERED),
    ("jeddah@demo.expo-umkm.id", 0, 100, "Apakah bisa custom warna untuk restoran kami di Jeddah?",
     "Bisa, warna dan logo bisa disesuaikan. Waktu produksi sekitar tiga minggu.", None, Inquiry.Status.ANSWERED),
    ("taipei@demo.expo-umkm.id", 0, 80, "Do you have a price list in English?",
     "Yes, our English price list follows. Shipping to Taipei takes about ten days.", None, Inquiry.Status.ANSWERED),
    ("hongkong@demo.expo-umkm.id", 0, 150, "Halo, stok untuk Lebaran masih ada? Kami butuh 150 buah.", "", None, Inquiry.Status.OPEN),
]  # fmt: skip

# When some threads were sent and answered (days ago, hours to the business's first reply): the
# first business's response rate and median reply time show on its profile and dashboard.
TIMING = {
    "buyer.doha@demo.expo-umkm.id": (20, 2),
    "capetown@demo.expo-umkm.id": (3, None),
    "kualalumpur@demo.expo-umkm.id": (12, 3),
    "jeddah@demo.expo-umkm.id": (8, 5),
    "taipei@demo.expo-umkm.id": (6, 20),
    "hongkong@demo.expo-umkm.id": (1, None),
}


@dataclass(frozen=True)
class DemoBuyer:
    email: str
    name: str
    country: str
    city: str
    buyer_type: str
    currency: str
    time_zone: str
    language: str = "en"
    organisation: str = ""


# Diaspora buyers (DESIGN §8); the first is also a demo login.
DEMO_BUYERS = [
    DemoBuyer("buyer.doha@demo.expo-umkm.id", "Aisyah Rahman", "QA", "Doha", "shop", "QAR", "Asia/Qatar", "en", "Warung Nusantara Doha"),
    DemoBuyer("cairo@demo.expo-umkm.id", "Ahmad Fauzi", "EG", "Kairo", "association", "EGP", "Africa/Cairo", "id", "PPI Mesir"),
    DemoBuyer("capetown@demo.expo-umkm.id", "Nadia Abrahams", "ZA", "Cape Town", "importer", "ZAR", "Africa/Johannesburg", "en", "Cape Spice Traders"),
    DemoBuyer("kualalumpur@demo.expo-umkm.id", "Siti Nurhaliza Omar", "MY", "Kuala Lumpur", "importer", "MYR", "Asia/Kuala_Lumpur", "id", "Borneo Trading Sdn Bhd"),
    DemoBuyer("jeddah@demo.expo-umkm.id", "Hasan Basri", "SA", "Jeddah", "restaurant", "SAR", "Asia/Riyadh", "id", "Rumah Makan Lamongan Jeddah"),
    DemoBuyer("hongkong@demo.expo-umkm.id", "Wulan Sari", "HK", "Hong Kong", "shop", "HKD", "Asia/Hong_Kong", "id", "Toko Indo Causeway Bay"),
    DemoBuyer("taipei@demo.expo-umkm.id", "Lin Mei-hua", "TW", "Taipei", "importer", "TWD", "Asia/Taipei", "en", "Formosa Asia Foods"),
    DemoBuyer("rotterdam@demo.expo-umkm.id", "Daan de Vries", "NL", "Rotterdam", "importer", "EUR", "Europe/Amsterdam", "en", "Indisch Huis Import B.V."),
    DemoBuyer("sydney@demo.expo-umkm.id", "Made Wirawan", "AU", "Sydney", "individual", "AUD", "Australia/Sydney", "en"),
]  # fmt: skip


def demo_buyers() -> list[BuyerProfile]:
    profiles = []
    for buyer in DEMO_BUYERS:
        user = demo_user(
            DemoLogin("buyer", buyer.email, buyer.name, buyer.language, buyer.time_zone)
        )
        profile, _ = BuyerProfile.objects.update_or_create(
            user=user,
            defaults={
                "country": buyer.country,
                "city": buyer.city,
                "buyer_type": buyer.buyer_type,
                "organisation": buyer.organisation,
                "display_currency": buyer.currency,
            },
        )
        profiles.append(profile)
    return profiles


def seed() -> None:
    vendors = list(Vendor.objects.public().order_by("pk"))
    buyers = {
        p.user.email: p
        for p in BuyerProfile.objects.select_related("user").filter(
            user__email__in=[b.email for b in DEMO_BUYERS]
        )
    }
    products_by_vendor = {
        vendor.pk: Product.objects.public().filter(vendor=vendor).order_by("pk").first()
        for vendor in vendors
    }
    # Favourites: each buyer saves the first products and a vendor.
    products = [p for p in products_by_vendor.values() if p is not None]
    for i, buyer in enumerate(buyers.values()):
        for product in products[i % 3 : i % 3 + 2]:
            Favourite.objects.get_or_create(user=buyer.user, product=product)
        if vendors:
            Favourite.objects.get_or_create(user=buyer.user, vendor=vendors[i % len(vendors)])
    now = timezone.now()
    for email, vendor_index, quantity, question, reply, quote, status in THREADS:
        buyer = buyers.get(email)
        if buyer is None or vendor_index >= len(vendors):
            continue
        vendor = vendors[vendor_index]
        product = products_by_vendor.get(vendor.pk)
        if product is None:  # this vendor has no published products yet: nothing to ask about
            continue
        if Inquiry.objects.filter(buyer=buyer, vendor=vendor, product=product).exists():
            continue
        inquiry = Inquiry.objects.create(
            buyer=buyer, vendor=vendor, product=product, quantity=quantity, unit=product.unit,
            target_currency=buyer.display_currency, destination_country=buyer.country,
            status=status, last_message_at=now, buyer_read_at=now,
        )  # fmt: skip
        InquiryMessage.objects.create(
            inquiry=inquiry, sender=buyer.user, side=InquiryMessage.Side.BUYER, body=question
        )
        if reply:
            owner = vendor.members.order_by("role").first()
            InquiryMessage.objects.create(
                inquiry=inquiry,
                sender=owner.user if owner else None,
                side=InquiryMessage.Side.VENDOR,
                body=reply,
                quote_unit_price=quote[0] if quote else None,
                quote_currency=buyer.display_currency if quote else "",
                quote_incoterm=quote[1] if quote else "",
                quote_lead_time_days=quote[2] if quote else None,
                quote_valid_until=timezone.localdate() + dt.timedelta(days=30) if quote else None,
                quote_status=(
                    ("accepted" if status == Inquiry.Status.WON else "pending") if quote else ""
                ),
            )
        if status == Inquiry.Status.WON:
            InquiryMessage.objects.create(
                inquiry=inquiry, sender=buyer.user, side=InquiryMessage.Side.BUYER,
                body="I accept your quote.",
            )  # fmt: skip
        if vendor_index == 0 and email in TIMING:
            _backdate(inquiry, *TIMING[email], now=now)


def _backdate(inquiry: Inquiry, days_ago: int, reply_hours: int | None, *, now) -> None:
    """The thread as if sent `days_ago` days ago and answered `reply_hours` later."""
    sent = now - dt.timedelta(days=days_ago)
    inquiry.messages.filter(side=InquiryMessage.Side.BUYER).update(created_at=sent)
    last = sent
    if reply_hours is not None:
        last = sent + dt.timedelta(hours=reply_hours)
        inquiry.messages.filter(side=InquiryMessage.Side.VENDOR).update(created_at=last)
    Inquiry.objects.filter(pk=inquiry.pk).update(
        created_at=sent,
        last_message_at=last,
        buyer_read_at=last,
        vendor_read_at=last if reply_hours is not None else None,
    )
