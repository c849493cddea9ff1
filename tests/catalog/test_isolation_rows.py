"""Runs this app's rows of the vendor-area table (the full table, with every role, runs in
tests/test_vendor_area_isolation.py once the vendors app provides onboarding for people
without a business)."""

import pytest
from django.test import Client
from django.urls import reverse

from tests.catalog.isolation_rows import ROWS
from tests.isolation import world_build

ROLES_HERE = ("anonymous", "member", "staff_member", "owner", "other_vendor_member")


@pytest.mark.parametrize("row", ROWS, ids=lambda row: row.id)
def test_catalog_vendor_area_row(row, regions):
    world = world_build()
    for role in ROLES_HERE:
        client = Client()
        if world.users[role] is not None:
            client.force_login(world.users[role])
        url = reverse(row.url_name, kwargs=row.kwargs(world))
        response = getattr(client, row.method)(url, row.data(world))
        assert response.status_code == row.expected[role], (role, url)
        if role == "anonymous":
            assert "/accounts/login/?next=" in response["Location"]


def test_every_dashboard_products_url_has_a_row():
    from catalog.urls_dashboard import urlpatterns

    assert {f"dashboard_products:{p.name}" for p in urlpatterns} == {r.url_name for r in ROWS}
