"""The vendor area's navigation shows only what the person may open (no link that answers 403)."""

import re

import pytest
from django.urls import reverse

from tests.factories import VendorFactory, VendorMemberFactory, VerifiedUserFactory


@pytest.mark.parametrize("role", ["owner", "staff"])
def test_every_dashboard_tab_opens_for_the_person_who_sees_it(client, regions, role):
    owner = VerifiedUserFactory()
    vendor = VendorFactory(owner=owner)
    user = owner if role == "owner" else VendorMemberFactory(vendor=vendor, role="staff").user
    client.force_login(user)
    html = client.get("/en/dashboard/").content.decode()
    nav = html[
        html.index('class="dashboard__nav"') : html.index("</nav>", html.index("dashboard__nav"))
    ]
    tabs = re.findall(r'href="([^"]+)"', nav)
    assert (reverse("dashboard:team") in tabs) == (role == "owner")
    for href in tabs:
        assert client.get(href).status_code == 200, href
