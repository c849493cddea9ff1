"""The demo expo that `make run` loads (DESIGN §8). Every step is idempotent."""

from dataclasses import dataclass

from allauth.account.models import EmailAddress
from django.db import transaction

from accounts.models import User
from buyers.models import BuyerProfile

DEMO_PASSWORD = "expo-umkm-demo"  # noqa: S105 - printed for everyone by `make run`


@dataclass(frozen=True)
class DemoLogin:
    role: str
    email: str
    name: str
    language: str = "id"
    time_zone: str = "Asia/Jakarta"
    is_staff: bool = False
    is_superuser: bool = False


DEMO_LOGINS = [
    DemoLogin(
        "BI curator (admin)",
        "kurator@demo.expo-umkm.id",
        "Sari Kurator",
        is_staff=True,
        is_superuser=True,
    ),
    DemoLogin(
        "Lamongan coordinator",
        "koordinator.lamongan@demo.expo-umkm.id",
        "Dewi Lestari",
        is_staff=True,
    ),
    DemoLogin("UMKM owner", "rnd.handycraft@demo.expo-umkm.id", "Rudi Hartono"),
    DemoLogin("UMKM staff member", "staf.rnd@demo.expo-umkm.id", "Nur Aini"),
    DemoLogin(
        "Diaspora buyer (Doha)", "buyer.doha@demo.expo-umkm.id", "Aisyah Rahman", "en", "Asia/Qatar"
    ),
]


def demo_user(login: DemoLogin) -> User:
    user = User.objects.filter(email=login.email).first()
    if user is None:
        user = User.objects.create_user(login.email, DEMO_PASSWORD)
    user.name = login.name
    user.language = login.language
    user.time_zone = login.time_zone
    user.is_staff = login.is_staff
    user.is_superuser = login.is_superuser
    user.save()
    EmailAddress.objects.update_or_create(
        user=user, email=login.email, defaults={"verified": True, "primary": True}
    )
    return user


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


@transaction.atomic
def seed_demo() -> list[DemoLogin]:
    """Each app adds its part in `<app>/demo.py`; later parts build on earlier ones."""
    from buyers import demo as buyers_demo
    from catalog import demo as catalog_demo
    from expo import demo as expo_demo
    from vendors import demo as vendors_demo

    users = {login.email: demo_user(login) for login in DEMO_LOGINS}
    vendors_demo.seed(
        owner=users["rnd.handycraft@demo.expo-umkm.id"],
        staff=users["staf.rnd@demo.expo-umkm.id"],
        coordinator=users["koordinator.lamongan@demo.expo-umkm.id"],
    )
    demo_buyers()
    catalog_demo.seed()
    buyers_demo.seed()
    expo_demo.seed()
    return DEMO_LOGINS
