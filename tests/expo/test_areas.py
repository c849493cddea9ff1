"""The vendor's and the buyer's expo pages, the admin's curation and the statistics."""

import datetime as dt
import re

import pytest
from django.urls import reverse
from django.utils import timezone

from catalog.models import ProductViewDay
from catalog.services import product_view_record
from core.visits import visit_stats_aggregate
from expo.models import AvailabilitySlot, Booth, BoothScore, BoothVisitDay, Meeting
from tests.expo.factories import OpenExpoFactory
from tests.factories import (
    AvailabilitySlotFactory,
    BoothFactory,
    BuyerProfileFactory,
    HallFactory,
    MeetingFactory,
    ProductFactory,
    VendorFactory,
    VerifiedUserFactory,
    regency,
)
from vendors.models import RegionalCoordinator

pytestmark = pytest.mark.django_db


def owner_of(vendor):
    return vendor.members.get(role="owner").user


def test_owner_applies_through_the_dashboard_and_foreign_products_are_refused(client):
    expo = OpenExpoFactory()
    hall = HallFactory(expo=expo)
    vendor = VendorFactory()
    own = ProductFactory(vendor=vendor)
    foreign = ProductFactory()
    client.force_login(owner_of(vendor))
    url = reverse("dashboard_expo:booth_apply", args=[expo.slug])
    data = {"preferred_hall": hall.pk, "tagline_id": "Sarung Parengan", "products": [foreign.pk]}
    response = client.post(url, data)
    assert response.status_code == 400
    assert not Booth.objects.exists()
    response = client.post(url, {**data, "products": [own.pk], "video_url": "https://vimeo.com/1"})
    assert response.status_code == 302
    booth = Booth.objects.get()
    assert (booth.vendor, booth.status, booth.video_url) == (
        vendor,
        "applied",
        "https://vimeo.com/1",
    )
    assert list(booth.featured_products.all()) == [own]
    page = client.get(reverse("dashboard_expo:booths")).content.decode()
    assert expo.name in page


def test_hostile_banner_is_refused_and_nothing_is_saved(client):
    expo = OpenExpoFactory()
    vendor = VendorFactory()
    client.force_login(owner_of(vendor))
    from django.core.files.uploadedfile import SimpleUploadedFile

    fake = SimpleUploadedFile("x.png", b"<html>not an image</html>", content_type="image/png")
    response = client.post(
        reverse("dashboard_expo:booth_apply", args=[expo.slug]),
        {"tagline_id": "x", "banner": fake},
    )
    assert response.status_code == 400
    assert "field__errors" in response.content.decode()
    assert not Booth.objects.exists()


def test_availability_form_creates_slots_for_a_team_member(client):
    booth = BoothFactory()
    member = booth.vendor.members.get()
    client.force_login(member.user)
    day = booth.expo.ends_at.astimezone(dt.timezone(dt.timedelta(hours=7))).date()
    response = client.post(
        reverse("dashboard_expo:availability", args=[booth.expo.slug]),
        {"days": [day.isoformat()], "ranges": "00:00-01:00", "member": member.pk},
    )
    assert response.status_code == 302
    assert AvailabilitySlot.objects.filter(vendor=booth.vendor, member=member).count() == 2
    bad = client.post(
        reverse("dashboard_expo:availability", args=[booth.expo.slug]),
        {"days": [day.isoformat()], "ranges": "nine to ten"},
    )
    assert bad.status_code == 400
    assert AvailabilitySlot.objects.count() == 2
    AvailabilitySlotFactory(expo=booth.expo, vendor=booth.vendor, member=None)
    page = client.get(reverse("dashboard_expo:availability", args=[booth.expo.slug]))
    html = page.content.decode()
    assert html.count(">—</td>") == 1  # the slot without a team member


def test_buyer_books_a_slot_and_the_vendor_confirms_it(client):
    booth = BoothFactory()
    slot = AvailabilitySlotFactory(expo=booth.expo, vendor=booth.vendor)
    buyer = BuyerProfileFactory()
    client.force_login(buyer.user)
    url = reverse("me_expo:book", args=[booth.expo.slug, booth.vendor.slug])
    page = client.get(url).content.decode()
    assert "(Asia/Qatar)" in page
    assert "WIB" in page
    assert client.post(url, {"slot": slot.pk, "agenda": ""}).status_code == 400
    assert client.post(url, {"slot": slot.pk, "agenda": "500 sarongs"}).status_code == 302
    meeting = Meeting.objects.get()
    assert (meeting.buyer, meeting.slot, meeting.agenda) == (buyer, slot, "500 sarongs")
    client.force_login(owner_of(booth.vendor))
    client.post(
        reverse("dashboard_expo:meeting_confirm", args=[meeting.pk]),
        {"meeting_url": "https://meet.example.com/abc"},
    )
    meeting.refresh_from_db()
    assert meeting.status == "confirmed"
    client.force_login(buyer.user)
    page = client.get(reverse("me_expo:meetings")).content.decode()
    assert "https://meet.example.com/abc" in page
    ics = client.get(reverse("me_expo:meeting_ics", args=[meeting.pk])).content.decode()
    assert f"DTSTART:{slot.starts_at.astimezone(dt.UTC):%Y%m%dT%H%M%SZ}" in ics


def test_other_peoples_meetings_are_404_for_a_buyer(client):
    meeting = MeetingFactory()
    intruder = BuyerProfileFactory()
    client.force_login(intruder.user)
    assert client.get(reverse("me_expo:meeting_ics", args=[meeting.pk])).status_code == 404
    assert client.post(reverse("me_expo:meeting_cancel", args=[meeting.pk])).status_code == 404
    assert meeting.buyer.user.email not in client.get(reverse("me_expo:meetings")).content.decode()
    meeting.refresh_from_db()
    assert meeting.status == "requested"


def test_me_pages_require_sign_in(client):
    for name in ("me_expo:meetings", "me_expo:sessions"):
        response = client.get(reverse(name))
        assert response.status_code == 302
        assert "/accounts/login/" in response["Location"]


def test_visits_and_product_views_are_aggregated_per_day(client, rf):
    booth = BoothFactory()
    product = ProductFactory(vendor=booth.vendor)
    client.get(booth.get_absolute_url())
    client.get(booth.get_absolute_url())  # same visitor
    other = VerifiedUserFactory()
    client.force_login(other)
    client.get(booth.get_absolute_url())
    request = rf.get("/")
    request.user = other
    product_view_record(product=product, request=request)
    assert visit_stats_aggregate() == 2
    assert visit_stats_aggregate() == 2  # idempotent: recounts, never adds twice
    day = BoothVisitDay.objects.get(booth=booth)
    assert (day.day, day.visits, day.unique_visitors) == (timezone.localdate(), 3, 2)
    assert ProductViewDay.objects.get(product=product).views == 1
    client.force_login(owner_of(booth.vendor))
    page = client.get(reverse("dashboard_expo:booth_stats", args=[booth.pk])).content.decode()
    # The booth's day: 3 visits by 2 visitors (cells labelled for the phone's card layout).
    assert re.search(r"<td data-label=\"[^\"]+\">3</td><td data-label=\"[^\"]+\">2</td>", page)


def test_admin_decides_in_bulk_with_a_note_and_sorts_by_average(
    client, mailoutbox, django_capture_on_commit_callbacks
):
    curator = VerifiedUserFactory(is_staff=True, is_superuser=True)
    expo = OpenExpoFactory(status="curation")
    hall = HallFactory(expo=expo)
    low = BoothFactory(expo=expo, hall=None, number=None, preferred_hall=hall, status="applied")
    high = BoothFactory(expo=expo, hall=None, number=None, preferred_hall=hall, status="nominated")
    BoothScore.objects.create(
        booth=low, curator=curator, originality=2, quality_capacity=2, packaging=2, legality=3
    )
    BoothScore.objects.create(
        booth=high, curator=curator, originality=5, quality_capacity=4, packaging=5, legality=4
    )
    client.force_login(curator)
    changelist = reverse("admin:expo_booth_changelist")
    page = client.get(changelist + "?o=-6").content.decode()
    assert "4.50" in page
    assert "2.25" in page
    assert page.index(high.vendor.name) < page.index(low.vendor.name)
    data = {"action": "approve", "_selected_action": [low.pk, high.pk]}
    intermediate = client.post(changelist, data)
    assert 'name="note"' in intermediate.content.decode()  # asks for the note first
    assert Booth.objects.filter(status="approved").count() == 0
    with django_capture_on_commit_callbacks(execute=True):
        client.post(changelist, {**data, "apply": "1", "note": "Selamat bergabung"})
    assert sorted(Booth.objects.values_list("status", "number")) == [
        ("approved", 1),
        ("approved", 2),
    ]
    assert len(mailoutbox) == 2
    assert all("Selamat bergabung" in m.body for m in mailoutbox)


def test_coordinator_sees_and_nominates_only_their_regencies(client):
    expo = OpenExpoFactory()
    user = VerifiedUserFactory(is_staff=True)
    from django.contrib.auth.models import Group

    # The group's own permissions, as the migrations grant them (view booths, nominate).
    user.groups.add(Group.objects.get(name="Regional coordinator"))
    RegionalCoordinator.objects.create(user=user).regencies.add(regency("35.24"))
    lamongan, malang = VendorFactory(), VendorFactory(regency=regency("35.07"))
    malang_booth = BoothFactory(expo=expo, vendor=malang, status="applied")
    client.force_login(user)
    url = reverse("admin:expo_booth_nominate")
    page = client.get(url).content.decode()
    assert lamongan.name in page
    assert malang.name not in page
    response = client.post(url, {"expo": expo.pk, "vendors": [malang.pk]})
    assert response.status_code == 200  # not a choice for this coordinator
    client.post(url, {"expo": expo.pk, "vendors": [lamongan.pk]})
    booth = Booth.objects.get(vendor=lamongan)
    assert (booth.status, booth.nominated_by) == ("nominated", user)
    changelist = client.get(reverse("admin:expo_booth_changelist")).content.decode()
    assert malang.name not in changelist
    assert client.get(reverse("admin:expo_booth_change", args=[malang_booth.pk])).status_code == 302
    assert 'value="nominate"' in changelist
    assert 'value="approve"' not in changelist  # coordinators nominate; curators decide
    assert f'href="{url}"' in changelist  # the "Nominate businesses" button


def test_staff_without_the_nominate_permission_get_neither_button_nor_page(client):
    from django.contrib.auth.models import Permission

    user = VerifiedUserFactory(is_staff=True)
    user.user_permissions.add(Permission.objects.get(codename="view_booth"))
    client.force_login(user)
    url = reverse("admin:expo_booth_nominate")
    assert client.get(url).status_code == 403
    changelist = client.get(reverse("admin:expo_booth_changelist")).content.decode()
    assert f'href="{url}"' not in changelist
    assert 'value="nominate"' not in changelist


def test_curators_nominate_too(client):
    from django.contrib.auth.models import Group

    expo, vendor = OpenExpoFactory(), VendorFactory(regency=regency("35.07"))
    user = VerifiedUserFactory(is_staff=True)
    user.groups.add(Group.objects.get(name="Curator"))
    client.force_login(user)
    client.post(reverse("admin:expo_booth_nominate"), {"expo": expo.pk, "vendors": [vendor.pk]})
    assert Booth.objects.get(vendor=vendor).status == "nominated"
