"""The demo's people: each role's login (DESIGN §8). Every step is idempotent."""

from dataclasses import dataclass

from allauth.account.models import EmailAddress

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
