"""The demo expo that `make run` loads (DESIGN §8). Every step is idempotent."""

import importlib
import importlib.util
from dataclasses import dataclass

from allauth.account.models import EmailAddress
from django.db import transaction

from accounts.models import User

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


# Each app adds its part of the demo in `<app>/demo.py`, in this order (later parts build on
# earlier ones).
DEMO_PARTS = ["catalog.demo", "buyers.demo", "expo.demo"]


@transaction.atomic
def seed_demo() -> list[DemoLogin]:
    from vendors import demo as vendors_demo

    users = {login.email: demo_user(login) for login in DEMO_LOGINS}
    vendors_demo.seed(
        owner=users["rnd.handycraft@demo.expo-umkm.id"],
        coordinator=users["koordinator.lamongan@demo.expo-umkm.id"],
    )
    for name in DEMO_PARTS:
        if importlib.util.find_spec(name) is not None:
            importlib.import_module(name).seed()
    return DEMO_LOGINS
