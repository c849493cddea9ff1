"""Vendor-area URLs of the expo (format: tests/isolation.py). Objects belong to `world.vendor`;
another vendor's member gets a 404 for them."""

import datetime as dt

from django.utils import timezone

from tests.isolation import Row, World, expect


def _booth(world: World):
    from tests.factories import BoothFactory

    return BoothFactory(vendor=world.vendor)


def _meeting(world: World, **kwargs):
    from tests.factories import AvailabilitySlotFactory, MeetingFactory

    slot = AvailabilitySlotFactory(vendor=world.vendor, **kwargs)
    return MeetingFactory(slot=slot)


def _open_expo(world: World):
    from tests.expo.factories import OpenExpoFactory

    return OpenExpoFactory()


def _past_confirmed(world: World):
    start = timezone.now() - dt.timedelta(hours=3)
    meeting = _meeting(world, starts_at=start, ends_at=start + dt.timedelta(minutes=30))
    meeting.status = "confirmed"
    meeting.save()
    return meeting


ROWS = [
    Row("dashboard_expo:booths", expect(200, other_vendor=200)),
    Row(
        "dashboard_expo:booth_apply",
        expect(200, owner_only=True, other_vendor=200),
        kwargs=lambda w: {"slug": _open_expo(w).slug},
    ),
    Row(
        "dashboard_expo:booth_apply",
        # An empty form: the owner gets the form back with errors, nothing is created.
        expect(400, owner_only=True, other_vendor=400),
        kwargs=lambda w: {"slug": _open_expo(w).slug},
        method="post",
    ),
    Row("dashboard_expo:booth_edit", expect(200), kwargs=lambda w: {"pk": _booth(w).pk}),
    Row(
        "dashboard_expo:booth_edit",
        expect(400),
        kwargs=lambda w: {"pk": _booth(w).pk},
        method="post",
    ),
    Row(
        "dashboard_expo:booth_withdraw",
        expect(302, owner_only=True),
        kwargs=lambda w: {"pk": _booth(w).pk},
        method="post",
    ),
    Row("dashboard_expo:booth_stats", expect(200), kwargs=lambda w: {"pk": _booth(w).pk}),
    Row("dashboard_expo:meetings", expect(200, other_vendor=200)),
    Row(
        "dashboard_expo:meeting_confirm",
        expect(302),
        kwargs=lambda w: {"pk": _meeting(w).pk},
        method="post",
        data=lambda w: {"meeting_url": "https://meet.example.com/x"},
    ),
    Row(
        "dashboard_expo:meeting_decline",
        expect(302),
        kwargs=lambda w: {"pk": _meeting(w).pk},
        method="post",
    ),
    Row(
        "dashboard_expo:meeting_outcome",
        expect(302),
        kwargs=lambda w: {"pk": _past_confirmed(w).pk},
        method="post",
        data=lambda w: {"status": "held", "notes": "Good talk"},
    ),
    Row("dashboard_expo:meeting_ics", expect(200), kwargs=lambda w: {"pk": _meeting(w).pk}),
    Row(
        "dashboard_expo:availability",
        expect(200),
        kwargs=lambda w: {"slug": _booth(w).expo.slug},
    ),
    Row(
        "dashboard_expo:availability",
        expect(400),
        kwargs=lambda w: {"slug": _booth(w).expo.slug},
        method="post",
    ),
    Row(
        "dashboard_expo:slot_delete",
        expect(302),
        kwargs=lambda w: {"pk": _free_slot(w).pk},
        method="post",
    ),
    Row("dashboard_expo:sessions", expect(200, other_vendor=200)),
    Row("dashboard_expo:session_edit", expect(200), kwargs=lambda w: {"pk": _session(w).pk}),
    Row(
        "dashboard_expo:session_edit",
        expect(302),
        kwargs=lambda w: {"pk": _session(w).pk},
        method="post",
        data=lambda w: {"stream_url": "https://meet.google.com/abc-defg-hij"},
    ),
]


def _session(world: World):
    from tests.expo.factories import ExpoSessionFactory

    return ExpoSessionFactory(vendor=world.vendor)


def _free_slot(world: World):
    from tests.factories import AvailabilitySlotFactory

    return AvailabilitySlotFactory(vendor=world.vendor)
