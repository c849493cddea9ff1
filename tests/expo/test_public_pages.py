import datetime as dt

import pytest
from django.urls import reverse
from django.utils import timezone

from catalog.models import Product
from core.models import VisitEvent
from core.visits import visits_flush
from expo.models import ExpoSession
from tests.expo.factories import ExpoSessionFactory
from tests.factories import (
    BoothFactory,
    CategoryFactory,
    ExpoFactory,
    HallFactory,
    ProductFactory,
    VendorFactory,
    VerifiedUserFactory,
    regency,
)

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize(
    ("status", "visible"),
    [
        ("draft", False),
        ("applications_open", False),
        ("curation", False),
        ("published", True),
        ("live", True),
        ("closed", True),
    ],
)
def test_what_the_public_sees_follows_the_expo_status(client, status, visible):
    booth = BoothFactory(expo__status=status)
    listing = client.get(reverse("expo:list")).content.decode()
    assert (booth.expo.name in listing) is visible
    for url in (
        booth.expo.get_absolute_url(),
        reverse("expo:hall", args=[booth.expo.slug, booth.hall.slug]),
        booth.get_absolute_url(),
        reverse("expo:agenda", args=[booth.expo.slug]),
    ):
        assert client.get(url).status_code == (200 if visible else 404)


def test_closed_expo_stays_browsable_as_an_archive(client):
    booth = BoothFactory(expo__status="closed")
    page = client.get(f"/en/expos/{booth.expo.slug}/").content.decode()
    assert "Its booths stay open as an archive." in page
    assert booth.vendor.name in page


def test_booths_of_suspended_vendors_and_hidden_products_never_show(client):
    booth = BoothFactory()
    shown = ProductFactory(vendor=booth.vendor, name_id="Sarung tampil")
    hidden = ProductFactory(
        vendor=booth.vendor, name_id="Sarung disembunyikan", status=Product.Status.HIDDEN
    )
    booth.featured_products.set([shown, hidden])
    suspended = BoothFactory(expo=booth.expo, hall=booth.hall, vendor__status="suspended")
    page = client.get(f"/id/expos/{booth.expo.slug}/booths/{booth.vendor.slug}/").content.decode()
    assert "Sarung tampil" in page
    assert "Sarung disembunyikan" not in page
    hall = client.get(
        reverse("expo:hall", args=[booth.expo.slug, booth.hall.slug])
    ).content.decode()
    assert booth.vendor.name in hall
    assert suspended.vendor.name not in hall
    assert client.get(suspended.get_absolute_url()).status_code == 404


def test_booth_page_loads_no_video_from_another_host(client):
    booth = BoothFactory(video_url="https://www.youtube.com/watch?v=abc")
    page = client.get(booth.get_absolute_url()).content.decode()
    assert "<iframe" not in page
    assert 'href="https://www.youtube.com/watch?v=abc"' in page
    assert 'src="https://' not in page


def test_booth_page_counts_a_visit_with_an_insert_only(client, django_assert_max_num_queries):
    booth = BoothFactory()
    ProductFactory.create_batch(3, vendor=booth.vendor)
    booth.featured_products.set(Product.objects.filter(vendor=booth.vendor))
    with django_assert_max_num_queries(12):
        client.get(booth.get_absolute_url())
    client.get(booth.get_absolute_url())
    visits_flush()  # buffered in Redis until the periodic task moves them
    assert VisitEvent.objects.filter(kind="booth", object_id=booth.pk).count() == 2


def test_hall_filters_by_regency_and_category(client):
    hall = HallFactory()
    weaving, food = CategoryFactory(slug="tenun"), CategoryFactory(slug="makanan")
    lamongan = BoothFactory(expo=hall.expo, hall=hall)
    lamongan.featured_products.set([ProductFactory(vendor=lamongan.vendor, category=weaving)])
    malang = BoothFactory(expo=hall.expo, hall=hall, vendor__regency=regency("35.07"))
    malang.featured_products.set([ProductFactory(vendor=malang.vendor, category=food)])
    url = reverse("expo:hall", args=[hall.expo.slug, hall.slug])

    def names(**query):
        page = client.get(url, query).content.decode()
        return {b.vendor.name for b in (lamongan, malang) if b.vendor.name in page}

    assert names() == {lamongan.vendor.name, malang.vendor.name}
    assert names(regency=regency("35.07").slug) == {malang.vendor.name}
    assert names(category="tenun") == {lamongan.vendor.name}


def test_hall_page_queries_do_not_grow_with_booths(client, django_assert_max_num_queries):
    hall = HallFactory()
    for _ in range(3):
        booth = BoothFactory(expo=hall.expo, hall=hall)
        booth.featured_products.set(ProductFactory.create_batch(2, vendor=booth.vendor))
    url = reverse("expo:hall", args=[hall.expo.slug, hall.slug])
    with django_assert_max_num_queries(10) as small:
        client.get(url)
    for _ in range(12):
        booth = BoothFactory(expo=hall.expo, hall=hall)
        booth.featured_products.set(ProductFactory.create_batch(2, vendor=booth.vendor))
    with django_assert_max_num_queries(len(small.captured_queries)):
        response = client.get(url)
    assert response.content.decode().count('class="card booth-card"') == 15


def test_lobby_shows_sessions_live_now_and_next_in_viewer_zone_with_wib(client):
    expo = ExpoFactory()
    now = timezone.now()
    ExpoSessionFactory(expo=expo, title_en="Opening now", starts_at=now - dt.timedelta(minutes=10))
    start = (now + dt.timedelta(days=1)).replace(hour=7, minute=0, second=0, microsecond=0)  # UTC
    ExpoSessionFactory(expo=expo, title_en="Export talk", starts_at=start)
    user = VerifiedUserFactory(time_zone="Asia/Qatar", language="en")
    client.force_login(user)
    page = client.get(f"/en/expos/{expo.slug}/").content.decode()
    live, upcoming = page.split("Live now")[1].split("Coming next")
    assert "Opening now" in live
    assert "Export talk" in upcoming
    assert '10:00 <span class="tz">(Asia/Qatar)</span>' in upcoming  # 07:00 UTC
    assert "· 14:00 WIB" in upcoming


def test_session_ics_and_registration(client):
    session = ExpoSessionFactory(capacity=1)
    ics = client.get(reverse("expo:session_ics", args=[session.expo.slug, session.pk]))
    assert ics["Content-Type"] == "text/calendar"
    body = ics.content.decode()
    assert f"UID:session-{session.pk}@expo-umkm.id" in body
    assert f"DTSTART:{session.starts_at.astimezone(dt.UTC):%Y%m%dT%H%M%SZ}" in body
    url = f"/id/expos/{session.expo.slug}/agenda/{session.pk}/register/"
    assert client.post(url).status_code == 302
    assert session.registrations.count() == 0  # anonymous: sent to sign in
    first, second = VerifiedUserFactory(), VerifiedUserFactory()
    client.force_login(first)
    client.post(url)
    client.force_login(second)
    response = client.post(url, follow=True)
    assert "Sesi ini sudah penuh." in response.content.decode()  # Indonesian, the default
    assert list(session.registrations.all()) == [first]
    assert client.get(url).status_code == 405


def test_registration_refused_after_the_session(client):
    session = ExpoSessionFactory(starts_at=timezone.now() - dt.timedelta(hours=3))
    client.force_login(VerifiedUserFactory())
    client.post(reverse("expo:session_register", args=[session.expo.slug, session.pk]))
    assert ExpoSession.objects.get().registrations.count() == 0


def test_unknown_expo_hall_and_vendor_are_404(client):
    booth = BoothFactory()
    other = VendorFactory()
    assert client.get(reverse("expo:lobby", args=["nope"])).status_code == 404
    assert client.get(reverse("expo:hall", args=[booth.expo.slug, "nope"])).status_code == 404
    assert client.get(reverse("expo:booth", args=[booth.expo.slug, other.slug])).status_code == 404
