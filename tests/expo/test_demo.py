import pytest
from django.utils import timezone

from core.models import Image
from demo.demo import seed_demo
from expo.demo import ARCHIVE_SLUG, OPEN_CALL_SLUG, live_slug
from expo.models import Booth, Expo, ExpoSession, Hall, Meeting
from tests.factories import ExpoFactory
from trade.models import Deal


@pytest.mark.django_db
def test_demo_expo_is_built_and_seeding_twice_changes_nothing(django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        seed_demo()
    counts = (
        Expo.objects.count(),
        Booth.objects.count(),
        Meeting.objects.count(),
        Deal.objects.filter(expo__isnull=False).count(),
        Image.objects.count(),
    )
    with django_capture_on_commit_callbacks(execute=True):
        seed_demo()
    assert counts == (
        Expo.objects.count(),
        Booth.objects.count(),
        Meeting.objects.count(),
        Deal.objects.filter(expo__isnull=False).count(),
        Image.objects.count(),
    )
    booths = Booth.objects.filter(status="approved").select_related("banner")
    assert {booth.banner.status for booth in booths} == {"ready"}
    assert len({booth.banner_id for booth in booths}) == len(booths)  # each booth its own
    statuses = dict(Expo.objects.values_list("name", "status"))
    live = Expo.objects.get(status="live")
    assert live.starts_at <= timezone.now() < live.ends_at
    assert statuses == {  # each edition is named after the year it is held in
        "UMKM Virtual Expo Jawa Timur 2021 · I": "closed",
        f"UMKM Virtual Expo Jawa Timur {timezone.localtime(live.starts_at).year}": "live",
        Expo.objects.get(slug=OPEN_CALL_SLUG).name: "applications_open",
    }
    # The open call: two applications waiting for the curators' scores.
    assert Booth.objects.filter(expo__slug=OPEN_CALL_SLUG, status="applied").count() == 2
    assert Expo.objects.get(status="closed").starts_at.year == 2021
    assert Hall.objects.filter(name_id="Paviliun Lamongan").count() == 2
    rnd = Booth.objects.get(expo__status="live", vendor__slug="rnd-handycraft")
    assert rnd.hall.name_id == "Paviliun Lamongan"
    assert rnd.banner.status == "ready"
    assert Meeting.objects.filter(
        buyer__user__email="buyer.doha@demo.expo-umkm.id", status="confirmed"
    ).exists()
    assert counts[3] == 3
    # Sessions one can attend: live on YouTube (Watch), a business's demo on Zoom (Join), a past
    # talk with its recording.
    sessions = {s.kind: s for s in ExpoSession.objects.filter(expo=live)}
    assert sessions["opening"].state == "live"
    assert sessions["opening"].embed_url.startswith("https://www.youtube-nocookie.com/embed/")
    assert sessions["demo"].stream_service == "zoom"
    assert sessions["demo"].vendor.slug == "tenun-ikat-parengan"
    assert sessions["talk"].state == "over"
    assert sessions["talk"].recording_url


@pytest.mark.django_db
def test_demo_live_edition_seeded_in_an_earlier_year_takes_this_year_s_name():
    earlier = ExpoFactory(
        slug="umkm-virtual-expo-jawa-timur-2021-ii", name="UMKM Virtual Expo Jawa Timur 2021 · II"
    )
    seed_demo()
    earlier.refresh_from_db()
    assert earlier.slug == live_slug()
    assert (
        earlier.name == f"UMKM Virtual Expo Jawa Timur {timezone.localtime(earlier.starts_at).year}"
    )
    assert earlier.status == "live"
    assert set(Expo.objects.values_list("slug", flat=True)) == {
        ARCHIVE_SLUG,
        live_slug(),
        OPEN_CALL_SLUG,
    }
