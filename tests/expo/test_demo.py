import pytest

from core.models import Image
from demo.demo import seed_demo
from expo.models import Booth, Expo, Hall, Meeting
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
    booths = Booth.objects.select_related("banner")
    assert {booth.banner.status for booth in booths} == {"ready"}
    assert len({booth.banner_id for booth in booths}) == len(booths)  # each booth its own
    statuses = dict(Expo.objects.values_list("name", "status"))
    assert statuses == {
        "UMKM Virtual Expo Jawa Timur 2021 · I": "closed",
        "UMKM Virtual Expo Jawa Timur 2021 · II": "live",
    }
    assert Hall.objects.filter(name_id="Paviliun Lamongan").count() == 2
    rnd = Booth.objects.get(expo__status="live", vendor__slug="rnd-handycraft")
    assert rnd.hall.name_id == "Paviliun Lamongan"
    assert rnd.banner.status == "ready"
    assert Meeting.objects.filter(
        buyer__user__email="buyer.doha@demo.expo-umkm.id", status="confirmed"
    ).exists()
    assert counts[3] == 3
