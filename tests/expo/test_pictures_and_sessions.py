"""Expo pages with pictures (lobby, halls, booths), a hall's search and filters, the click-to-load
video, and sessions one can attend: Watch/Join while live, the recording afterwards, the link in
the reminder email."""

import datetime as dt
import re

import pytest
from django.core.exceptions import ValidationError
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone, translation

from core.models import Image
from expo import links
from expo.models import ExpoSession, SessionReminder
from expo.services import session_links_set, session_reminders_send
from expo.views_public import FREE_SLOTS_SHOWN
from tests.catalog.factories import ProductImageFactory, ready_image
from tests.expo.factories import ExpoSessionFactory
from tests.factories import (
    AvailabilitySlotFactory,
    BoothFactory,
    CertificationFactory,
    ExpoFactory,
    HallFactory,
    ProductFactory,
    VendorFactory,
    VerifiedUserFactory,
    regency,
)

pytestmark = pytest.mark.django_db

YOUTUBE = "https://www.youtube.com/watch?v=dQw4w9WgXcQ"
ZOOM = "https://us02web.zoom.us/j/81234567890"


def clone(image: Image) -> Image:
    """Another ready image with the same renditions (processing one per booth would be slow)."""
    image.pk = None
    image.save()
    return image


def pictured_booth(hall, photo: Image, **vendor):
    booth = BoothFactory(
        expo=hall.expo, hall=hall, banner=clone(photo), vendor__logo=clone(photo), **vendor
    )
    product = ProductFactory(vendor=booth.vendor)
    ProductImageFactory(product=product, image=clone(photo), alt_id="Foto", alt_en="Photo")
    booth.featured_products.set([product])
    return booth


def third_party_requests(page: str) -> list[str]:
    """Every address the browser would fetch by itself: src, srcset, poster, data of <object>."""
    found = re.findall(r'\s(?:src|srcset|poster|data)="([^"]*)"', page)
    return [url for url in found if re.search(r"(^|[\s,])(https?:)?//", url)]


# ---------------------------------------------------------------- pictures


def test_lobby_hall_and_booth_show_banners_logos_and_product_thumbnails(client):
    photo = ready_image(size=(1200, 400))
    hall = HallFactory()
    booth = pictured_booth(hall, photo, vendor__name="Tenun Ikat Parengan")
    product = booth.featured_products.get()
    for url in (
        f"/en/expos/{hall.expo.slug}/",
        f"/en/expos/{hall.expo.slug}/halls/{hall.slug}/",
        f"/en/expos/{hall.expo.slug}/booths/{booth.vendor.slug}/",
    ):
        page = client.get(url).content.decode()
        assert "Logo of Tenun Ikat Parengan" in page, url
        assert page.count("<picture>") >= 3, url  # banner, logo, product photo
        assert f'alt="{product.name_en}"' in page or 'alt="Photo"' in page, url
        assert booth.banner.renditions["jpeg"], url
        assert third_party_requests(page) == [], url


def test_hall_and_lobby_queries_do_not_grow_with_booths_and_products():
    photo = ready_image(size=(800, 300))

    def queries(count: int) -> tuple[int, int]:
        hall = HallFactory()
        for _ in range(count):
            pictured_booth(hall, photo)
        from django.test import Client

        client = Client()
        counts = []
        for url in (
            f"/id/expos/{hall.expo.slug}/",
            f"/id/expos/{hall.expo.slug}/halls/{hall.slug}/",
        ):
            with CaptureQueriesContext(connection) as context:
                assert client.get(url).status_code == 200
            counts.append(len(context))
        return tuple(counts)

    assert queries(2) == queries(10)


def test_booth_queries_do_not_grow_with_products_sessions_and_slots():
    photo = ready_image(size=(800, 300))

    def queries(count: int) -> int:
        booth = BoothFactory(banner=clone(photo), vendor__logo=clone(photo))
        products = ProductFactory.create_batch(count, vendor=booth.vendor)
        for product in products:
            ProductImageFactory(product=product, image=clone(photo))
        booth.featured_products.set(products)
        for _ in range(count):
            CertificationFactory(vendor=booth.vendor)
            ExpoSessionFactory(expo=booth.expo, vendor=booth.vendor, stream_url=ZOOM)
        # More slots than the page lists, which it then counts.
        for _ in range(FREE_SLOTS_SHOWN + count):
            AvailabilitySlotFactory(expo=booth.expo, vendor=booth.vendor)
        from django.test import Client

        with CaptureQueriesContext(connection) as context:
            assert Client().get(booth.get_absolute_url()).status_code == 200
        return len(context)

    assert queries(2) == queries(10)


# ---------------------------------------------------------------- hall search and filters


def test_hall_search_and_filters_narrow_the_booths_and_say_when_nothing_matches(client):
    hall = HallFactory()
    parengan = BoothFactory(
        expo=hall.expo,
        hall=hall,
        vendor__name="Sentra Tenun Ikat Parengan",
        vendor__export_countries=["QA", "EG"],
    )
    malang = BoothFactory(
        expo=hall.expo,
        hall=hall,
        vendor__name="Keripik Tempe Sanan",
        vendor__regency=regency("35.07"),
        tagline_id="Keripik tempe renyah dari Malang",
        tagline_en="Crispy tempe chips from Malang",
    )
    url = f"/en/expos/{hall.expo.slug}/halls/{hall.slug}/"

    def names(**query):
        page = client.get(url, query).content.decode()
        return {b.vendor.name for b in (parengan, malang) if b.vendor.name in page}

    assert names() == {parengan.vendor.name, malang.vendor.name}
    assert names(q="tenun") == {parengan.vendor.name}
    assert names(q="TEMPE") == {malang.vendor.name}
    assert names(export_ready="1") == {parengan.vendor.name}
    assert names(province=regency("35.07").province.slug) == {
        parengan.vendor.name,
        malang.vendor.name,
    }
    assert names(regency=regency("35.07").slug, q="tenun") == set()
    page = client.get(url, {"q": "batik"}).content.decode()
    assert "No booth matches “batik”." in page
    assert "See every booth of this hall" in page
    # Nonsense input is not an error: an empty list or the first page.
    assert client.get(url, {"province": "atlantis"}).status_code == 200
    assert client.get(url, {"page": "abc"}).status_code == 200


def test_hall_pages_through_its_booths_with_the_filters_kept(client):
    hall = HallFactory()
    booths = [
        BoothFactory(expo=hall.expo, hall=hall, vendor__name=f"Anyaman Lamongan {n:02d}")
        for n in range(26)
    ]
    url = f"/en/expos/{hall.expo.slug}/halls/{hall.slug}/"
    first = client.get(url, {"q": "anyaman"}).content.decode()
    assert "26 booths" in first
    assert "Page 1 of 2" in first
    assert 'href="?q=anyaman&amp;page=2"' in first
    second = client.get(url, {"q": "anyaman", "page": 2}).content.decode()
    shown = [b for b in booths if b.vendor.name in second]
    assert len(shown) == 2


# ---------------------------------------------------------------- the booth


def test_booth_video_is_a_local_poster_until_the_click(client):
    booth = BoothFactory(video_url=YOUTUBE, banner=ready_image(size=(1200, 400)))
    response = client.get(booth.get_absolute_url())
    page = response.content.decode()
    assert "<iframe" not in page
    assert third_party_requests(page) == []  # nothing from another host before the click
    assert "ytimg" not in page
    assert f'href="{YOUTUBE}"' in page  # without JavaScript the poster is a link
    assert (
        'data-embed="https://www.youtube-nocookie.com/embed/dQw4w9WgXcQ?autoplay=1&amp;rel=0"'
        in page
    )
    assert "js/expo.js" in page
    # The player may load only from youtube-nocookie (after the click).
    assert "frame-src https://www.youtube-nocookie.com" in response["Content-Security-Policy"]


def test_a_vimeo_video_stays_a_plain_link(client):
    booth = BoothFactory(video_url="https://vimeo.com/76979871")
    page = client.get(booth.get_absolute_url()).content.decode()
    assert 'href="https://vimeo.com/76979871"' in page
    assert "data-embed" not in page


def test_booth_shows_certifications_markets_sessions_and_free_slots(client):
    booth = BoothFactory(vendor__export_countries=["QA", "ZA"])
    CertificationFactory(vendor=booth.vendor, kind="halal", number="ID35110000777")
    now = timezone.now()
    demo = ExpoSessionFactory(
        expo=booth.expo, vendor=booth.vendor, title_en="Live demo: weaving", stream_url=ZOOM
    )
    ExpoSessionFactory(
        expo=booth.expo,
        vendor=booth.vendor,
        title_en="Yesterday's demo",
        starts_at=now - dt.timedelta(days=1),
    )
    ExpoSessionFactory(expo=booth.expo, title_en="Someone else's talk")
    slot = AvailabilitySlotFactory(expo=booth.expo, vendor=booth.vendor)
    page = client.get(f"/en/expos/{booth.expo.slug}/booths/{booth.vendor.slug}/").content.decode()
    assert "Halal" in page
    assert "ID35110000777" in page
    assert "Export markets" in page
    assert "Qatar" in page
    assert "South Africa" in page
    assert "Live demo: weaving" in page
    assert f'href="/en/expos/{booth.expo.slug}/agenda/{demo.pk}/"' in page
    assert "Yesterday&#x27;s demo" not in page
    assert "Yesterday's demo" not in page
    assert "Someone else" not in page
    with translation.override("en"):
        book = reverse("me_expo:book", args=[booth.expo.slug, booth.vendor.slug])
    assert f'href="{book}?slot={slot.pk}"' in page
    assert "Book a meeting (1 free slot)" in page


# ---------------------------------------------------------------- sessions


def test_links_are_https_only():
    session = ExpoSessionFactory(stream_url="http://zoom.us/j/1")
    with pytest.raises(ValidationError) as error:
        session.full_clean()
    assert "stream_url" in error.value.message_dict
    assert links.service(ZOOM) == "zoom"
    assert links.service("https://meet.google.com/abc-defg-hij") == "meet"
    assert links.service("https://youtu.be/dQw4w9WgXcQ") == "youtube"
    assert links.embed_url("https://www.youtube.com/live/dQw4w9WgXcQ").endswith(
        "/embed/dQw4w9WgXcQ?autoplay=1&rel=0"
    )
    assert links.embed_url("https://evil.example/watch?v=dQw4w9WgXcQ") == ""


def test_live_youtube_session_is_watched_on_its_page_after_a_click(client):
    now = timezone.now()
    session = ExpoSessionFactory(
        starts_at=now - dt.timedelta(minutes=10), title_en="Opening", stream_url=YOUTUBE
    )
    expo = session.expo
    lobby = client.get(f"/en/expos/{expo.slug}/").content.decode()
    assert "Live now" in lobby
    assert f'href="/en/expos/{expo.slug}/agenda/{session.pk}/#stream"' in lobby
    assert ">Watch<" in lobby
    response = client.get(f"/en/expos/{expo.slug}/agenda/{session.pk}/")
    page = response.content.decode()
    assert "Live now" in page
    assert "<iframe" not in page
    assert third_party_requests(page) == []
    assert 'data-embed="https://www.youtube-nocookie.com/embed/dQw4w9WgXcQ' in page
    assert f'href="{YOUTUBE}"' in page
    agenda = client.get(f"/en/expos/{expo.slug}/agenda/").content.decode()
    assert f'href="/en/expos/{expo.slug}/agenda/{session.pk}/"' in agenda


def test_live_zoom_session_says_join_and_links_to_the_call(client):
    now = timezone.now()
    session = ExpoSessionFactory(starts_at=now - dt.timedelta(minutes=10), stream_url=ZOOM)
    lobby = client.get(f"/en/expos/{session.expo.slug}/").content.decode()
    assert f'href="{ZOOM}"' in lobby
    assert ">Join<" in lobby
    assert ">Watch<" not in lobby
    page = client.get(session.get_absolute_url().replace("/id/", "/en/")).content.decode()
    assert "Join on Zoom" in page


def test_after_the_session_the_recording_shows_instead_of_the_stream(client):
    now = timezone.now()
    session = ExpoSessionFactory(
        starts_at=now - dt.timedelta(hours=3),
        stream_url=ZOOM,
        recording_url="https://www.youtube.com/watch?v=abcdefghijk",
    )
    for url in (
        f"/en/expos/{session.expo.slug}/agenda/",
        f"/en/expos/{session.expo.slug}/agenda/{session.pk}/",
    ):
        page = client.get(url).content.decode()
        assert "Watch the recording" in page, url
        assert 'href="https://www.youtube.com/watch?v=abcdefghijk"' in page, url
        assert ZOOM not in page, url
        assert "Live now" not in page, url


def test_upcoming_session_page_has_the_link_but_is_not_live(client):
    session = ExpoSessionFactory(stream_url="https://meet.google.com/abc-defg-hij")
    page = client.get(f"/en/expos/{session.expo.slug}/agenda/{session.pk}/").content.decode()
    assert "Live now" not in page
    assert "Join on Google Meet" in page
    assert "The session has not started yet." in page


def test_a_session_of_another_or_hidden_expo_is_not_found(client):
    session = ExpoSessionFactory(expo__status="draft")
    other = ExpoFactory()
    assert client.get(f"/en/expos/{session.expo.slug}/agenda/{session.pk}/").status_code == 404
    assert client.get(f"/en/expos/{other.slug}/agenda/{session.pk}/").status_code == 404


def test_the_host_business_sets_links_https_only_and_the_recording_after_the_start(client):
    owner = VerifiedUserFactory()
    vendor = VendorFactory(owner=owner)
    session = ExpoSessionFactory(vendor=vendor)
    client.force_login(owner)
    url = reverse("dashboard_expo:session_edit", args=[session.pk])
    response = client.post(url, {"stream_url": "http://zoom.us/j/1", "recording_url": ""})
    assert response.status_code == 400
    assert "Use an https:// link." in response.content.decode()
    response = client.post(url, {"stream_url": ZOOM, "recording_url": YOUTUBE})
    assert response.status_code == 400
    assert "once the session has taken place" in response.content.decode()
    session.refresh_from_db()
    assert (session.stream_url, session.recording_url) == ("", "")
    assert client.post(url, {"stream_url": ZOOM, "recording_url": ""}).status_code == 302
    session.refresh_from_db()
    assert session.stream_url == ZOOM
    listing = client.get(reverse("dashboard_expo:sessions")).content.decode()
    assert ZOOM in listing
    # Another business's session is not theirs to edit.
    foreign = ExpoSessionFactory(vendor=VendorFactory())
    assert client.get(reverse("dashboard_expo:session_edit", args=[foreign.pk])).status_code == 404
    with pytest.raises(ValidationError):
        session_links_set(session=foreign, stream_url=ZOOM, recording_url="", vendor=vendor)


def test_registered_people_get_the_link_and_the_calendar_file_in_their_reminder(
    mailoutbox, django_capture_on_commit_callbacks
):
    now = timezone.now()
    session = ExpoSessionFactory(
        starts_at=now + dt.timedelta(minutes=50), title_en="Export talk", stream_url=ZOOM
    )
    buyer = VerifiedUserFactory(email="doha@example.com", language="en", time_zone="Asia/Qatar")
    session.registrations.add(buyer)
    ExpoSessionFactory(starts_at=now + dt.timedelta(minutes=50))  # nobody registered
    with django_capture_on_commit_callbacks(execute=True):
        assert session_reminders_send(now=now) == 1
        assert session_reminders_send(now=now + dt.timedelta(minutes=5)) == 0
    assert len(mailoutbox) == 1
    email = mailoutbox[0]
    assert email.to == ["doha@example.com"]
    assert "Export talk" in email.subject
    assert ZOOM in email.body
    assert f"/en/expos/{session.expo.slug}/agenda/{session.pk}/" in email.body
    assert ZOOM in email.alternatives[0][0]
    (name, ics, mimetype) = email.attachments[0]
    assert (name, mimetype) == ("session.ics", "text/calendar")
    unfolded = (ics.decode() if isinstance(ics, bytes) else ics).replace("\r\n ", "")
    assert f"LOCATION:{ZOOM}" in unfolded
    assert SessionReminder.objects.filter(session=session, user=buyer, kind="1h").exists()


def test_public_calendar_file_carries_the_stream_link(client):
    session = ExpoSessionFactory(stream_url=ZOOM)
    ics = client.get(f"/en/expos/{session.expo.slug}/agenda/{session.pk}.ics").content.decode()
    assert f"LOCATION:{ZOOM}" in ics.replace("\r\n ", "")


def test_register_from_the_session_page_comes_back_to_it(client):
    user = VerifiedUserFactory()
    session = ExpoSessionFactory()
    client.force_login(user)
    url = f"/en/expos/{session.expo.slug}/agenda/{session.pk}/register/"
    response = client.post(url, {"next": "session"})
    assert response.status_code == 302
    assert response["Location"] == f"/en/expos/{session.expo.slug}/agenda/{session.pk}/"
    assert ExpoSession.objects.filter(pk=session.pk, registrations=user).exists()
    page = client.get(response["Location"]).content.decode()
    assert "You are registered." in page
