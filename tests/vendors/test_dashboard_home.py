"""The dashboard home says what to do next, and the business's response figures."""

import datetime as dt

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone, translation

from buyers.models import Inquiry, InquiryMessage
from buyers.selectors import vendor_response_stats
from catalog.models import Product
from tests.factories import (
    AvailabilitySlotFactory,
    BoothFactory,
    ExpoFactory,
    InquiryFactory,
    InquiryMessageFactory,
    MeetingFactory,
    ProductFactory,
    VendorFactory,
    VerifiedUserFactory,
)


@pytest.fixture(autouse=True)
def _english():
    with translation.override("en"):  # reverse() gives the /en/ pages
        yield


@pytest.fixture
def vendor(client, regions):
    user = VerifiedUserFactory()
    vendor = VendorFactory(owner=user)
    client.force_login(user)
    return vendor


def _thread(vendor, *, age_hours: float, reply_after_hours: float | None) -> Inquiry:
    """An inquiry sent `age_hours` ago, answered by the business after `reply_after_hours`."""
    inquiry = InquiryFactory(product=None, vendor=vendor)
    sent = timezone.now() - dt.timedelta(hours=age_hours)
    Inquiry.objects.filter(pk=inquiry.pk).update(created_at=sent)
    InquiryMessageFactory(inquiry=inquiry)
    if reply_after_hours is not None:
        reply = InquiryMessageFactory(
            inquiry=inquiry, side=InquiryMessage.Side.VENDOR, sender=None, body="Price: 2 USD"
        )
        InquiryMessage.objects.filter(pk=reply.pk).update(
            created_at=sent + dt.timedelta(hours=reply_after_hours)
        )
    return inquiry


def test_an_empty_business_sees_its_progress_and_that_nothing_waits(client, vendor):
    page = client.get(reverse("dashboard:home")).content.decode()
    assert "Registration: 6 of 6 steps done" in page
    assert "Nothing is waiting for you" in page
    assert "No inquiries in the last 90 days yet" in page


def test_the_home_lists_what_to_do_with_links_and_ages(client, vendor):
    ProductFactory(vendor=vendor, name_en="")  # has no photo and no English
    ProductFactory(vendor=vendor, status=Product.Status.ARCHIVED)  # archived: not counted
    waiting = _thread(vendor, age_hours=50, reply_after_hours=None)
    _thread(vendor, age_hours=10, reply_after_hours=1)
    MeetingFactory(slot=AvailabilitySlotFactory(vendor=vendor), status="requested")
    now = timezone.now()
    open_expo = ExpoFactory(
        name="Expo Ramadan",
        status="applications_open",
        applications_open_at=now - dt.timedelta(days=1),
        applications_close_at=now + dt.timedelta(days=9),
        starts_at=now + dt.timedelta(days=20),
        ends_at=now + dt.timedelta(days=25),
    )
    page = client.get(reverse("dashboard:home")).content.decode()
    products = reverse("dashboard_products:list")
    assert f'href="{products}?missing=photos">1 product has no photo' in page
    assert f'href="{products}?missing=english">1 product has no English name' in page
    assert "1 inquiry waits for your answer" in page
    assert reverse("dashboard_inquiries:detail", args=[waiting.pk]) in page
    assert "waiting 2\xa0days" in page
    assert "1 meeting request to confirm" in page
    assert f"Apply for a booth at {open_expo.name}" in page
    assert "Applications close" in page
    assert "50%" in page  # one of two threads answered within 48 hours
    # Once the business applied, the deadline no longer shows.
    BoothFactory(expo=open_expo, vendor=vendor, status="applied", hall=None, number=None)
    assert "Apply for a booth" not in client.get(reverse("dashboard:home")).content.decode()


def test_the_product_list_filters_what_is_missing(client, vendor):
    ProductFactory(vendor=vendor, name_id="Tanpa Inggris", name_en="")
    ProductFactory(vendor=vendor, name_id="Lengkap", name_en="Complete")
    page = client.get(reverse("dashboard_products:list"), {"missing": "english"}).content.decode()
    assert "Tanpa Inggris" in page
    assert "Complete" not in page
    page = client.get(reverse("dashboard_products:list"), {"missing": "photos"}).content.decode()
    assert "Tanpa Inggris" in page
    assert "Complete" in page
    page = client.get(reverse("dashboard_products:list"), {"missing": "<x>"}).content.decode()
    assert "Tanpa Inggris" in page
    assert "Complete" in page
    assert "Show all products" not in page


def test_the_home_runs_the_same_queries_for_one_or_many_items(client, vendor):
    def count() -> int:
        with CaptureQueriesContext(connection) as queries:
            assert client.get(reverse("dashboard:home")).status_code == 200
        return len(queries)

    _thread(vendor, age_hours=5, reply_after_hours=None)
    MeetingFactory(slot=AvailabilitySlotFactory(vendor=vendor), status="requested")
    before = count()
    for hours in (6, 7, 8, 9, 70, 80):
        _thread(vendor, age_hours=hours, reply_after_hours=None)
        MeetingFactory(slot=AvailabilitySlotFactory(vendor=vendor), status="requested")
    assert count() == before


def test_response_rate_and_median_reply_time(vendor):
    _thread(vendor, age_hours=100, reply_after_hours=2)
    _thread(vendor, age_hours=100, reply_after_hours=4)
    _thread(vendor, age_hours=100, reply_after_hours=60)  # answered, but after 48 hours
    _thread(vendor, age_hours=30, reply_after_hours=None)
    _thread(vendor, age_hours=24 * 100, reply_after_hours=1)  # older than 90 days
    _thread(VendorFactory(), age_hours=5, reply_after_hours=1)  # another business
    stats = vendor_response_stats(vendor=vendor)
    assert (stats.threads, stats.answered, stats.rate, stats.median_hours) == (4, 2, 50, 4)


def test_buyers_see_the_figures_on_the_profile_only_from_three_threads(client, vendor):
    client.logout()
    few = VendorFactory()
    _thread(few, age_hours=50, reply_after_hours=3)
    _thread(few, age_hours=50, reply_after_hours=5)
    page = client.get(few.get_absolute_url()).content.decode()
    assert "Response rate" not in page
    assert "Usually replies" not in page
    _thread(vendor, age_hours=50, reply_after_hours=3)
    _thread(vendor, age_hours=50, reply_after_hours=5)
    _thread(vendor, age_hours=50, reply_after_hours=None)
    page = client.get(vendor.get_absolute_url()).content.decode()
    assert "Usually replies within 4 hours" in page
    assert "Response rate 67%" in page
