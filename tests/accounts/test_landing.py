"""After signing in, each role lands where it works; a `next` address still wins."""

import pytest

from tests.factories import (
    BuyerProfileFactory,
    VendorFactory,
    VendorMemberFactory,
    VerifiedUserFactory,
)

PASSWORD = "a-long-test-password-2024"


def sign_in(client, user, query: str = ""):
    return client.post(f"/en/accounts/login/{query}", {"login": user.email, "password": PASSWORD})


@pytest.mark.parametrize(
    ("role", "landing"),
    [
        ("owner", "/en/dashboard/"),
        ("staff member of a business", "/en/dashboard/"),
        ("buyer", "/en/me/"),
        ("curator", "/admin/"),
        ("nobody yet", "/en/"),
    ],
)
def test_each_role_lands_where_it_works(client, regions, role, landing):
    user = VerifiedUserFactory(is_staff=role == "curator")
    if role == "owner":
        VendorFactory(owner=user)
    elif role == "staff member of a business":
        VendorMemberFactory(user=user, role="staff")
    elif role == "buyer":
        BuyerProfileFactory(user=user)
    response = sign_in(client, user)
    assert response.status_code == 302
    assert response["Location"] == landing


def test_a_next_address_wins_over_the_landing_page(client, regions):
    user = VerifiedUserFactory()
    BuyerProfileFactory(user=user)
    response = sign_in(client, user, "?next=/en/products/")
    assert response["Location"] == "/en/products/"
