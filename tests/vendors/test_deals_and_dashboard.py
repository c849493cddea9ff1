import datetime as dt
from decimal import Decimal

import pytest
from django.urls import reverse

from tests.factories import (
    ExchangeRateFactory,
    InquiryFactory,
    MeetingFactory,
    ProductFactory,
    VendorFactory,
    VerifiedUserFactory,
)
from trade.models import Deal
from vendors.models import Vendor


@pytest.fixture
def owner(client, regions):
    user = VerifiedUserFactory()
    VendorFactory(owner=user, name="UD Ekspor Lamongan")
    client.force_login(user)
    return user


def _vendor(user) -> Vendor:
    return user.vendor_memberships.get().vendor


def _deal_data(**overrides) -> dict:
    return {
        "stage": "shipped",
        "amount": "1000",
        "currency": "USD",
        "date": "2026-03-10",
        "destination_country": "QA",
        **overrides,
    }


def test_a_deal_is_converted_with_the_newest_rate_on_or_before_its_date(client, owner):
    ExchangeRateFactory(currency="USD", date=dt.date(2026, 3, 7), rate_idr=Decimal("15500"))
    ExchangeRateFactory(currency="USD", date=dt.date(2026, 3, 11), rate_idr=Decimal("16900"))
    response = client.post(reverse("dashboard:deal_create"), _deal_data())
    assert response["Location"] == reverse("dashboard:deals")
    deal = Deal.objects.get(vendor=_vendor(owner))
    assert (deal.amount_idr, deal.exchange_rate, deal.created_by) == (
        Decimal(15_500_000),
        Decimal(15500),
        owner,
    )
    page = client.get(reverse("dashboard:deals")).content.decode()
    assert "Rp\xa015.500.000" in page


def test_a_deal_without_a_rate_gets_a_clear_error_and_is_not_saved(client, owner):
    ExchangeRateFactory(currency="USD", date=dt.date(2026, 3, 11))
    response = client.post(reverse("dashboard:deal_create"), _deal_data(currency="USD"))
    assert "Belum ada kurs USD pada atau sebelum" in response.content.decode()
    assert not Deal.objects.exists()


def test_a_deal_prefills_from_the_vendors_own_won_inquiry_only(client, owner):
    vendor = _vendor(owner)
    won = InquiryFactory(
        product=ProductFactory(vendor=vendor), status="won", destination_country="SA"
    )
    page = client.get(reverse("dashboard:deal_create"), {"inquiry": won.pk}).content.decode()
    assert f'<option value="{won.pk}" selected>' in page
    assert '<option value="SA" selected>' in page
    still_open = InquiryFactory(product=ProductFactory(vendor=vendor))
    foreign = InquiryFactory(status="won")
    for pk in (still_open.pk, foreign.pk, "x"):
        assert client.get(reverse("dashboard:deal_create"), {"inquiry": pk}).status_code == 404


def test_a_deal_prefills_from_the_vendors_own_meeting(client, owner):
    meeting = MeetingFactory(slot__vendor=_vendor(owner), buyer__country="AE")
    page = client.get(reverse("dashboard:deal_create"), {"meeting": meeting.pk}).content.decode()
    assert f'<option value="{meeting.pk}" selected>' in page
    assert '<option value="AE" selected>' in page
    other = MeetingFactory()
    assert client.get(reverse("dashboard:deal_create"), {"meeting": other.pk}).status_code == 404


def test_linking_another_vendors_inquiry_is_refused(client, owner):
    foreign = InquiryFactory(status="won")
    response = client.post(
        reverse("dashboard:deal_create"), _deal_data(currency="IDR", inquiry=foreign.pk)
    )
    assert response.status_code == 200
    assert not Deal.objects.exists()


def test_the_dashboard_shows_status_checklist_counts_and_next_steps(
    client, owner, django_assert_max_num_queries
):
    vendor = _vendor(owner)
    page = client.get(reverse("dashboard:home")).content.decode()
    assert '<p class="status-label">Terverifikasi</p>' in page
    assert "Belum ada produk." in page
    assert "5 dari 8 selesai" in page  # no logo, no certification, no product yet

    ProductFactory.create_batch(4, vendor=vendor)
    InquiryFactory.create_batch(3, product=ProductFactory(vendor=vendor))
    with django_assert_max_num_queries(20):
        page = client.get(reverse("dashboard:home")).content.decode()
    assert '<span class="stat-list__value">5</span>' in page  # products
    assert '<span class="stat-list__value">3</span>' in page  # inquiries
    assert "Belum ada produk." not in page
    assert "6 dari 8 selesai" in page


def test_the_dashboard_counts_views_of_the_vendors_products_and_booths(client, owner):
    import datetime as dt

    from catalog.models import ProductViewDay
    from expo.models import BoothVisitDay
    from tests.factories import BoothFactory

    vendor = _vendor(owner)
    day = dt.date(2021, 3, 1)
    ProductViewDay.objects.create(product=ProductFactory(vendor=vendor), day=day, views=7)
    BoothVisitDay.objects.create(booth=BoothFactory(vendor=vendor), day=day, visits=5)
    ProductViewDay.objects.create(product=ProductFactory(), day=day, views=100)  # someone else's
    page = client.get(reverse("dashboard:home")).content.decode()
    assert '<span class="stat-list__value">12</span> kunjungan ke produk dan stan Anda' in page


def test_the_deals_page_query_count_does_not_grow_with_deals(
    client, owner, django_assert_max_num_queries
):
    from tests.factories import DealFactory

    vendor = _vendor(owner)
    DealFactory.create_batch(2, vendor=vendor, inquiry=InquiryFactory(product__vendor=vendor))
    with django_assert_max_num_queries(15) as few:
        client.get(reverse("dashboard:deals"))
    DealFactory.create_batch(25, vendor=vendor, meeting=MeetingFactory(slot__vendor=vendor))
    with django_assert_max_num_queries(len(few.captured_queries)):
        page = client.get(reverse("dashboard:deals")).content.decode()
    assert page.count("<tr>") == 28  # header + 27 deals
