"""Navigation shows each role only what it may open; the header's areas and their inboxes."""

import re

import pytest
from django.contrib.auth.models import Group
from django.utils import timezone

from buyers.models import Inquiry
from tests.factories import (
    BuyerProfileFactory,
    InquiryFactory,
    ProductFactory,
    VendorFactory,
    VendorMemberFactory,
    VerifiedUserFactory,
    regency,
)
from vendors.models import RegionalCoordinator


def _links(html: str, start_marker: str, end_marker: str) -> list[str]:
    start = html.index(start_marker)
    part = html[start : html.index(end_marker, start)]
    return [
        href.replace("&amp;", "&")
        for href in re.findall(r'href="([^"#]+)"', part)
        if href.startswith("/")
    ]


def _person(role: str):
    if role == "buyer":
        return BuyerProfileFactory().user
    if role in ("owner", "staff member"):
        vendor = VendorFactory()
        if role == "owner":
            return vendor.members.get().user
        return VendorMemberFactory(vendor=vendor, role="staff").user
    user = VerifiedUserFactory(is_staff=True)
    if role == "curator":
        user.groups.add(Group.objects.get(name="Curator"))
    else:
        user.groups.add(Group.objects.get(name="Regional coordinator"))
        RegionalCoordinator.objects.create(user=user).regencies.set([regency("35.24")])
    return user


START_PAGES = {
    "buyer": ["/en/", "/en/me/"],
    "owner": ["/en/", "/en/dashboard/"],
    "staff member": ["/en/", "/en/dashboard/"],
    "curator": ["/en/", "/admin/"],
    "coordinator": ["/en/", "/admin/"],
}


@pytest.mark.parametrize("role", list(START_PAGES))
def test_no_navigation_link_answers_403(client, regions, role):
    client.force_login(_person(role))
    followed = set()
    for start in START_PAGES[role]:
        html = client.get(start).content.decode()
        links = _links(html, 'class="site-nav"', "</nav>") if "site-nav" in html else []
        if 'class="dashboard__nav"' in html:
            links += _links(html, 'class="dashboard__nav"', "</nav>")
        if start == "/admin/":
            links += _links(html, 'id="content-main"', 'id="footer"')
        assert links, start
        for href in links:
            if href in followed or "logout" in href:
                continue
            followed.add(href)
            status = client.get(href).status_code
            assert status != 403, f"{role}: {href} answers 403"
            assert status in (200, 302), f"{role}: {href} answers {status}"


def test_the_owners_badge_opens_the_business_inbox_not_the_buyer_profile(client, regions):
    vendor = VendorFactory()
    InquiryFactory(product=ProductFactory(vendor=vendor))
    client.force_login(vendor.members.get().user)
    html = client.get("/en/").content.decode()
    assert 'nav-badge" href="/en/dashboard/inquiries/">1<' in html
    assert 'href="/en/me/"' not in html  # no buyer area for someone who only sells
    assert "Business dashboard" in html


def test_a_buyer_who_also_owns_a_business_switches_between_the_two_areas(client, regions):
    owner = VerifiedUserFactory()
    vendor = VendorFactory(owner=owner)
    buyer = BuyerProfileFactory(user=owner)
    InquiryFactory(product=ProductFactory(vendor=vendor))  # unread for the business
    InquiryFactory(product=ProductFactory(vendor=vendor))
    mine = InquiryFactory(buyer=buyer)  # the person's own inquiry, answered by another business
    Inquiry.objects.filter(pk=mine.pk).update(
        last_message_at=timezone.now(), buyer_read_at=timezone.now() - timezone.timedelta(hours=1)
    )
    client.force_login(owner)
    html = client.get("/en/dashboard/").content.decode()
    start = html.index('class="area-switch area-switch--both"')
    switch = html[start : html.index("</li>", start)]
    assert '<a class="area-switch__link" href="/en/dashboard/" aria-current="true">' in switch
    assert 'nav-badge" href="/en/dashboard/inquiries/">2<' in switch
    assert '<a class="area-switch__link" href="/en/me/">Buyer area</a>' in switch
    assert 'nav-badge" href="/en/me/inquiries/">1<' in switch
    html = client.get("/en/me/").content.decode()
    assert '<a class="area-switch__link" href="/en/me/" aria-current="true">' in html
