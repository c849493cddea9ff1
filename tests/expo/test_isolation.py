"""Runs this app's rows of the vendor-area permission table (tests/isolation.py) until the
shared runner lands, and fails when an expo dashboard URL has no row.

Buyers and curators are sent to `dashboard:onboarding`, which the vendors branch defines; the
shared runner covers those two roles once it is merged."""

import pytest
from django.urls import reverse

from expo import urls_dashboard
from tests.expo.isolation_rows import ROWS
from tests.isolation import ROLES, world_build

LOCAL_ROLES = [role for role in ROLES if role not in ("buyer", "curator")]


@pytest.mark.django_db
@pytest.mark.parametrize("row", ROWS, ids=[row.id for row in ROWS])
def test_vendor_area_row(client, row):
    world = world_build()
    seen = {}
    for role in LOCAL_ROLES:
        client.logout()
        if world.users[role] is not None:
            client.force_login(world.users[role])
        url = reverse(row.url_name, kwargs=row.kwargs(world))
        seen[role] = getattr(client, row.method)(url, row.data(world)).status_code
    assert seen == {role: row.expected[role] for role in LOCAL_ROLES}


def test_every_expo_dashboard_url_has_a_row():
    names = {f"dashboard_expo:{p.name}" for p in urls_dashboard.urlpatterns}
    assert names == {row.url_name for row in ROWS}
