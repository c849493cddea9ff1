"""A business exports its leads as CSV; the statistics page counts its activity per day."""

import csv
import io

import pytest
from django.urls import reverse
from django.utils import timezone, translation

from tests.factories import (
    AvailabilitySlotFactory,
    BoothFactory,
    BuyerProfileFactory,
    DealFactory,
    InquiryFactory,
    MeetingFactory,
    ProductFactory,
    VendorFactory,
    VendorMemberFactory,
    VerifiedUserFactory,
)
from trade.views_dashboard import _csv_cell


@pytest.fixture
def vendor(regions):
    return VendorFactory(name="UD Rajut")


def _csv(response) -> list[list[str]]:
    assert response["Content-Type"] == "text/csv; charset=utf-8"
    assert response["Content-Disposition"].startswith('attachment; filename="leads-')
    body = response.content.decode("utf-8")
    assert body.startswith("\ufeff")  # Excel reads UTF-8 only with the BOM
    return list(csv.reader(io.StringIO(body[1:])))


@pytest.mark.parametrize("role", ["owner", "staff"])
def test_owner_and_staff_export_their_own_leads_without_buyer_contacts(client, vendor, role):
    buyer = BuyerProfileFactory(
        country="QA", organisation="Doha Trading", user__email="secret.buyer@example.com",
        user__name="Aisyah Rahman", phone="+97455512345",
    )  # fmt: skip
    InquiryFactory(buyer=buyer, product=ProductFactory(vendor=vendor, name_en="Knitted bag"))
    MeetingFactory(slot=AvailabilitySlotFactory(vendor=vendor), buyer=buyer, status="confirmed")
    InquiryFactory(product=ProductFactory(name_en="Someone else's product"))  # another business
    if role == "owner":
        user = vendor.members.get().user
    else:
        user = VendorMemberFactory(vendor=vendor, role="staff").user
    client.force_login(user)
    with translation.override("en"):
        rows = _csv(client.get(reverse("dashboard:leads_csv")))
    assert rows[0] == ["Type", "Date", "Buyer country", "Product", "Expo", "Status"]
    assert sorted(row[0] for row in rows[1:]) == ["Inquiry", "Meeting"]
    inquiry = next(row for row in rows if row[0] == "Inquiry")
    assert (inquiry[2], inquiry[3], inquiry[5]) == ("Qatar", "Knitted bag", "Open")
    text = "\n".join(",".join(row) for row in rows)
    for contact in ("secret.buyer", "Aisyah", "Doha Trading", "97455512345", "Someone else"):
        assert contact not in text


def test_the_headers_follow_the_language(client, vendor):
    client.force_login(vendor.members.get().user)
    with translation.override("id"):
        rows = _csv(client.get(reverse("dashboard:leads_csv")))
    assert rows[0][0] != "Type"
    assert len(rows) == 1  # no leads yet: the headers only


def test_a_person_without_a_business_gets_no_leads(client, vendor):
    InquiryFactory(product=ProductFactory(vendor=vendor))
    client.force_login(VerifiedUserFactory())
    response = client.get(reverse("dashboard:leads_csv"))
    assert response.status_code == 302
    assert "text/csv" not in response["Content-Type"]
    client.logout()
    assert client.get(reverse("dashboard:leads_csv")).status_code == 302


def test_cells_that_look_like_formulas_are_text():
    assert _csv_cell("=HYPERLINK(1)") == "'=HYPERLINK(1)"
    assert _csv_cell("Keripik") == "Keripik"


def test_the_statistics_page_counts_inquiries_meetings_and_deals_per_day(client, vendor):
    booth = BoothFactory(vendor=vendor)
    InquiryFactory(product=ProductFactory(vendor=vendor))
    InquiryFactory(product=ProductFactory(vendor=vendor))
    MeetingFactory(slot=AvailabilitySlotFactory(vendor=vendor))
    DealFactory(vendor=vendor, date=timezone.localdate())
    client.force_login(vendor.members.get().user)
    with translation.override("en"):
        page = client.get(reverse("dashboard_expo:booth_stats", args=[booth.pk])).content.decode()
    table = page[page.index('class="table daily-stats"') : page.index("</table>")]
    assert '<th scope="col">Deals</th>' in table
    # Visits 0, product views 0, 2 inquiries, 1 meeting request, 1 deal on today's row.
    assert "<td>0</td><td>0</td><td>2</td><td>1</td><td>1</td>" in table
