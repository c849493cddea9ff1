"""The demo expo that `make run` loads (DESIGN §8): each app offers its part in `<app>/demo.py`,
this puts them together in order, later parts building on earlier ones. Every step is idempotent."""

from django.db import transaction

from accounts import demo as accounts_demo
from buyers import demo as buyers_demo
from catalog import demo as catalog_demo
from core import demo as core_demo
from expo import demo as expo_demo
from trade import demo as trade_demo
from vendors import demo as vendors_demo


@transaction.atomic
def seed_demo() -> list[accounts_demo.DemoLogin]:
    core_demo.seed()  # exchange rates: the prices' "≈" and the deals' values
    users = {login.email: accounts_demo.demo_user(login) for login in accounts_demo.DEMO_LOGINS}
    vendors = vendors_demo.seed(
        owner=users["rnd.handycraft@demo.expo-umkm.id"],
        staff=users["staf.rnd@demo.expo-umkm.id"],
        coordinator=users["koordinator.lamongan@demo.expo-umkm.id"],
    )
    buyers_demo.demo_buyers()
    catalog_demo.seed()
    buyers_demo.seed()
    expo_demo.seed()
    trade_demo.seed(vendors=vendors)
    return accounts_demo.DEMO_LOGINS
