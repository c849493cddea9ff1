"""The vendor-area permission table (pretix style): every URL × every role → expected status.

Each app lists its vendor-area URLs in `tests/<app>/isolation_rows.py` as `ROWS = [Row(...)]`;
`tests/test_vendor_area_isolation.py` runs every row for every role, and fails when a URL under
`/<lang>/dashboard/` has no row.

Roles: anonymous; a buyer; a member of this vendor (staff role); a Django staff user who is a
staff-role member of this vendor (BI employees get no extra rights here); the owner; a member of
another vendor; a BI curator (staff, no business).
"""

from collections.abc import Callable
from dataclasses import dataclass, field

from accounts.models import User
from vendors.models import Vendor, VendorMember

ROLES = (
    "anonymous",
    "buyer",
    "member",
    "staff_member",
    "owner",
    "other_vendor_member",
    "curator",
)


@dataclass
class World:
    """Vendor A ("this vendor") with its people, vendor B, a buyer and a curator."""

    vendor: Vendor
    other_vendor: Vendor
    users: dict[str, User | None]


@dataclass(frozen=True)
class Row:
    """One vendor-area URL.

    `kwargs(world)` creates what the URL needs (objects of `world.vendor`) and returns the URL
    kwargs. `expected` maps role → status code; `expect()` builds the usual table.
    """

    url_name: str
    expected: dict[str, int]
    kwargs: Callable[[World], dict] = field(default=lambda world: {})
    method: str = "get"
    data: Callable[[World], dict] = field(default=lambda world: {})

    @property
    def id(self) -> str:
        return f"{self.method.upper()} {self.url_name}"


def expect(ok: int = 200, *, owner_only: bool = False, other_vendor: int = 404) -> dict[str, int]:
    """The usual expectations.

    Anonymous → 302 to sign-in; people without a business (buyer, curator) → 302 to register
    one; members → `ok` (403 on owner-only actions); the owner → `ok`; a member of another
    vendor → 404 for this vendor's objects (pass `other_vendor=ok` for pages like lists that
    show each vendor its own data).
    """
    member = 403 if owner_only else ok
    return {
        "anonymous": 302,
        "buyer": 302,
        "member": member,
        "staff_member": member,
        "owner": ok,
        "other_vendor_member": other_vendor,
        "curator": 302,
    }


def world_build() -> World:
    from tests.factories import BuyerProfileFactory, VendorFactory, VerifiedUserFactory

    owner = VerifiedUserFactory(email="owner@example.com")
    vendor = VendorFactory(name="Vendor A", slug="vendor-a", owner=owner)
    member = VerifiedUserFactory(email="member@example.com")
    VendorMember.objects.create(vendor=vendor, user=member, role=VendorMember.Role.STAFF)
    staff_member = VerifiedUserFactory(email="bi.staff.member@example.com", is_staff=True)
    VendorMember.objects.create(vendor=vendor, user=staff_member, role=VendorMember.Role.STAFF)
    other_owner = VerifiedUserFactory(email="other@example.com")
    other_vendor = VendorFactory(name="Vendor B", slug="vendor-b", owner=other_owner)
    buyer = BuyerProfileFactory(user__email="buyer@example.com").user
    curator = VerifiedUserFactory(email="curator@example.com", is_staff=True, is_superuser=True)
    return World(
        vendor=vendor,
        other_vendor=other_vendor,
        users={
            "anonymous": None,
            "buyer": buyer,
            "member": member,
            "staff_member": staff_member,
            "owner": owner,
            "other_vendor_member": other_owner,
            "curator": curator,
        },
    )
