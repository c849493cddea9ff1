"""Who may see a buyer's thread: a table of every buyer-area and thread URL × every party.

The wrong party gets a 404 (never a 403, never the data), also for the neighbouring ids.
"""

from dataclasses import dataclass

import pytest
from django.test import Client
from django.urls import URLPattern, get_resolver, reverse

from buyers.models import Inquiry
from buyers.services import unsubscribe_token
from tests.buyers.factories import quote_message
from tests.factories import (
    BuyerProfileFactory,
    InquiryFactory,
    InquiryMessageFactory,
    ProductFactory,
    VendorFactory,
    VerifiedUserFactory,
)

PARTIES = ("anonymous", "buyer", "other_buyer", "member", "other_member", "curator")
SECRET = "Our secret order for Doha, 7777 packs"


@dataclass
class World:
    inquiry: Inquiry
    neighbours: list[Inquiry]
    quote_id: int
    users: dict
    token: str
    product_id: int


@pytest.fixture
def world(db) -> World:
    buyer = BuyerProfileFactory(user__email="buyer@example.com")
    product = ProductFactory(vendor__name="Vendor A")
    stranger = BuyerProfileFactory()
    far_vendor = VendorFactory()
    before = InquiryFactory(buyer=stranger, product=ProductFactory(vendor=far_vendor))
    inquiry = InquiryFactory(buyer=buyer, product=product)
    after = InquiryFactory(buyer=stranger, product=ProductFactory(vendor=far_vendor))
    InquiryMessageFactory(inquiry=inquiry, body=SECRET)
    quote = quote_message(inquiry)
    other_vendor = VendorFactory()
    return World(
        inquiry=inquiry,
        neighbours=[before, after],
        quote_id=quote.pk,
        users={
            "anonymous": None,
            "buyer": buyer.user,
            "other_buyer": BuyerProfileFactory().user,
            "member": product.vendor.members.get().user,
            "other_member": other_vendor.members.get().user,
            "curator": VerifiedUserFactory(is_staff=True, is_superuser=True),
        },
        token=unsubscribe_token(user=buyer.user),
        product_id=product.pk,
    )


def signed_in(party: str, world: World) -> Client:
    client = Client()
    if world.users[party] is not None:
        client.force_login(world.users[party])
    return client


LOGIN, OWN, PROFILE_FIRST, NOT_FOUND, ONBOARDING = "login", 200, "profile", 404, "onboarding"


def everyone(ok, *, without_profile=None) -> dict:
    """A page every signed-in person has (their own); people without a buyer profile may be sent
    to write one first."""
    other = without_profile or ok
    return {
        "anonymous": LOGIN, "buyer": ok, "other_buyer": ok,
        "member": other, "other_member": other, "curator": other,
    }  # fmt: skip


def only(party: str, ok) -> dict:
    table = dict.fromkeys(PARTIES, NOT_FOUND)
    table["anonymous"] = LOGIN
    table[party] = ok
    return table


def vendor_only(ok, *, other=NOT_FOUND) -> dict:
    return {
        "anonymous": LOGIN, "buyer": ONBOARDING, "other_buyer": ONBOARDING,
        "member": ok, "other_member": other, "curator": ONBOARDING,
    }  # fmt: skip


@dataclass(frozen=True)
class Case:
    name: str
    expected: dict
    method: str = "get"
    args: object = None  # world -> args
    query: object = None  # world -> query string
    data: object = None  # world -> POST data


THREAD = lambda w: [w.inquiry.pk]  # noqa: E731

CASES = [
    Case("buyers:home", everyone(OWN, without_profile=PROFILE_FIRST)),
    Case("buyers:profile", everyone(OWN)),
    Case("buyers:favourites", everyone(OWN)),
    Case("buyers:recent", everyone(OWN)),
    Case(
        "buyers:favourite_toggle",
        everyone(302),
        method="post",
        data=lambda w: {"kind": "product", "id": w.product_id},
    ),
    Case("buyers:inquiries", everyone(OWN)),
    Case(
        "buyers:inquiry_new",
        everyone(OWN, without_profile=PROFILE_FIRST),
        query=lambda w: f"?product={w.product_id}",
    ),
    Case("buyers:inquiry", only("buyer", OWN), args=THREAD),
    Case(
        "buyers:inquiry_reply",
        only("buyer", 302),
        method="post",
        args=THREAD,
        data=lambda w: {"body": "Any news?"},
    ),
    Case(
        "buyers:inquiry_quote",
        only("buyer", 302),
        method="post",
        args=THREAD,
        data=lambda w: {"quote": w.quote_id, "decision": "decline"},
    ),
    # The signed token is the key: whoever holds the link may see the question.
    Case("buyers:unsubscribe", dict.fromkeys(PARTIES, OWN), args=lambda w: [w.token]),
    Case("dashboard_inquiries:list", vendor_only(OWN, other=OWN)),
    Case("dashboard_inquiries:detail", vendor_only(OWN), args=THREAD),
    Case(
        "dashboard_inquiries:reply",
        vendor_only(302),
        method="post",
        args=THREAD,
        data=lambda w: {"body": "Bisa."},
    ),
    Case(
        "dashboard_inquiries:status",
        vendor_only(302),
        method="post",
        args=THREAD,
        data=lambda w: {"status": "closed"},
    ),
]


def request(client: Client, case: Case, world: World, args):
    url = reverse(case.name, args=args) + (case.query(world) if case.query else "")
    if case.method == "post":
        return client.post(url, case.data(world) if case.data else {})
    return client.get(url)


def check(response, expected, party: str) -> None:
    if expected == LOGIN:
        assert response.status_code == 302
        assert "/accounts/login/" in response["Location"]
    elif expected == PROFILE_FIRST:
        assert response.status_code == 302
        assert "/me/profile/" in response["Location"]
    elif expected == ONBOARDING:
        assert response.status_code == 302
        assert reverse("dashboard:onboarding") in response["Location"]
    else:
        assert response.status_code == expected, party
        if expected == 200:
            # A page a party may open shows the thread's text only to its two sides.
            shown = SECRET in response.content.decode()
            assert shown is False or party in ("buyer", "member"), party


def check_all(world: World, party: str, cases, args_for) -> list[str]:
    """Run every case for one party; return what went wrong (all of it, not just the first)."""
    problems = []
    for case in cases:
        for args in args_for(case):
            try:
                response = request(signed_in(party, world), case, world, args)
                check(response, case.expected[party], party)
            except AssertionError as exc:
                problems.append(f"{case.method.upper()} {case.name} {args} as {party}: {exc}")
    return problems


@pytest.mark.parametrize("party", PARTIES)
def test_privacy_table(world, party):
    problems = check_all(
        world, party, CASES, lambda case: [case.args(world) if case.args else None]
    )
    assert problems == []


def neighbour_expectation(case: Case, party: str):
    expected = case.expected[party]
    return expected if expected in (LOGIN, ONBOARDING) else NOT_FOUND


@pytest.mark.parametrize("party", PARTIES)
def test_neighbouring_ids_are_404_for_everyone_here(world, party):
    problems = []
    for case in (c for c in CASES if c.args is THREAD):
        for neighbour in world.neighbours:
            response = request(signed_in(party, world), case, world, [neighbour.pk])
            try:
                check(response, neighbour_expectation(case, party), party)
            except AssertionError as exc:
                problems.append(f"{case.name} #{neighbour.pk} as {party}: {exc}")
    assert problems == []
    for neighbour in world.neighbours:
        neighbour.refresh_from_db()
        assert neighbour.status == "open"
        assert neighbour.messages.count() == 0


def test_only_the_buyer_and_the_vendor_changed_anything(world):
    """Run every POST as every wrong party: the thread is untouched."""
    for case in CASES:
        if case.method != "post" or case.args is not THREAD:
            continue
        for party in ("other_buyer", "other_member", "curator"):
            request(signed_in(party, world), case, world, THREAD(world))
    world.inquiry.refresh_from_db()
    assert world.inquiry.status == "open"
    assert world.inquiry.messages.count() == 2


def test_every_buyer_and_thread_url_is_in_the_table():
    names = set()
    for module, namespace in (
        ("buyers.urls_me", "buyers"),
        ("buyers.urls_dashboard", "dashboard_inquiries"),
    ):
        for pattern in get_resolver(module).url_patterns:
            assert isinstance(pattern, URLPattern)
            names.add(f"{namespace}:{pattern.name}")
    assert names == {case.name for case in CASES}
