import datetime as dt
import threading
import zoneinfo

import pytest
from django.core.exceptions import ValidationError
from django.db import IntegrityError, connection, transaction
from django.utils import timezone

from expo.models import AvailabilitySlot, Meeting, MeetingReminder
from expo.services import (
    meeting_cancel,
    meeting_confirm,
    meeting_decline,
    meeting_outcome,
    meeting_reminders_send,
    meeting_request,
    slots_create_bulk,
)
from tests.factories import (
    AvailabilitySlotFactory,
    BoothFactory,
    BuyerProfileFactory,
    ExpoFactory,
    MeetingFactory,
    VendorMemberFactory,
)

JAKARTA = zoneinfo.ZoneInfo("Asia/Jakarta")


def live_booth():
    expo = ExpoFactory(
        starts_at=dt.datetime(2030, 7, 5, 8, 0, tzinfo=JAKARTA),
        ends_at=dt.datetime(2030, 7, 7, 17, 0, tzinfo=JAKARTA),
        applications_open_at=dt.datetime(2030, 5, 1, tzinfo=JAKARTA),
        applications_close_at=dt.datetime(2030, 6, 1, tzinfo=JAKARTA),
    )
    return BoothFactory(expo=expo)


@pytest.mark.django_db
def test_bulk_availability_cuts_days_and_ranges_into_half_hours_within_the_live_window():
    booth = live_booth()
    member = VendorMemberFactory(vendor=booth.vendor)
    days = [dt.date(2030, 7, 4), dt.date(2030, 7, 5), dt.date(2030, 7, 7)]  # the 4th is before
    created = slots_create_bulk(
        expo=booth.expo,
        vendor=booth.vendor,
        days=days,
        ranges=[(dt.time(7, 0), dt.time(9, 0)), (dt.time(16, 0), dt.time(18, 0))],
        member=member,
    )
    starts = sorted(
        s.astimezone(JAKARTA).strftime("%d %H:%M")
        for s in AvailabilitySlot.objects.values_list("starts_at", flat=True)
    )
    # Nothing on the 4th or before 08:00 on the 5th (the opening), nothing after 17:00 on the
    # 7th (the closing).
    assert starts == [
        "05 08:00", "05 08:30", "05 16:00", "05 16:30", "05 17:00", "05 17:30",
        "07 07:00", "07 07:30", "07 08:00", "07 08:30", "07 16:00", "07 16:30",
    ]  # fmt: skip
    assert created == 12
    assert set(AvailabilitySlot.objects.values_list("member", flat=True)) == {member.pk}
    again = slots_create_bulk(
        expo=booth.expo, vendor=booth.vendor, days=days[1:2],
        ranges=[(dt.time(8, 0), dt.time(9, 0))], member=None,
    )  # fmt: skip
    assert again == 0  # existing slots are kept, not duplicated


@pytest.mark.django_db
def test_availability_needs_an_approved_booth():
    booth = live_booth()
    booth.status = "applied"
    booth.save()
    with pytest.raises(ValidationError):
        slots_create_bulk(
            expo=booth.expo, vendor=booth.vendor, days=[dt.date(2030, 7, 5)],
            ranges=[(dt.time(9, 0), dt.time(10, 0))], member=None,
        )  # fmt: skip
    assert not AvailabilitySlot.objects.exists()


@pytest.mark.django_db
def test_request_confirm_sends_both_sides_the_same_ics(
    mailoutbox, django_capture_on_commit_callbacks
):
    slot = AvailabilitySlotFactory()
    buyer = BuyerProfileFactory()
    with django_capture_on_commit_callbacks(execute=True):
        meeting = meeting_request(buyer=buyer, slot=slot, agenda="Harga 500 sarung ke Doha")
    assert [m.to for m in mailoutbox] == [[slot.vendor.member_emails()[0]]]
    assert "Harga 500 sarung" in mailoutbox[0].body
    mailoutbox.clear()
    with django_capture_on_commit_callbacks(execute=True):
        meeting_confirm(meeting=meeting, meeting_url="https://meet.example.com/abc")
    meeting.refresh_from_db()
    assert meeting.status == Meeting.Status.CONFIRMED
    recipients = sorted(m.to[0] for m in mailoutbox)
    assert recipients == sorted([buyer.user.email, *slot.vendor.member_emails()])
    calendars = [m.attachments[0] for m in mailoutbox]
    assert {name for name, _content, _type in calendars} == {"meeting.ics"}
    bodies = {
        content if isinstance(content, str) else content.decode() for _n, content, _t in calendars
    }
    start = slot.starts_at.astimezone(dt.UTC).strftime("%Y%m%dT%H%M%SZ")
    for body in bodies:
        assert f"UID:meeting-{meeting.pk}@expo-umkm.id" in body
        assert f"DTSTART:{start}" in body
    buyer_mail = next(m for m in mailoutbox if m.to == [buyer.user.email])
    local = slot.starts_at.astimezone(zoneinfo.ZoneInfo("Asia/Qatar")).strftime("%H:%M")
    wib = slot.starts_at.astimezone(JAKARTA).strftime("%H:%M")
    assert f"{local} (Asia/Qatar) · {wib} WIB" in buyer_mail.body


@pytest.mark.django_db
def test_taken_slot_and_overlapping_meeting_are_refused():
    slot = AvailabilitySlotFactory()
    first, second = BuyerProfileFactory(), BuyerProfileFactory()
    meeting_request(buyer=first, slot=slot, agenda="a")
    with pytest.raises(ValidationError) as refused:
        meeting_request(buyer=second, slot=slot, agenda="b")
    assert refused.value.code == "taken"
    # Another vendor's slot at the same moment: the same buyer cannot be in two meetings.
    other = AvailabilitySlotFactory(
        starts_at=slot.starts_at + dt.timedelta(minutes=15),
        ends_at=slot.ends_at + dt.timedelta(minutes=15),
    )
    with pytest.raises(ValidationError) as refused:
        meeting_request(buyer=first, slot=other, agenda="c")
    assert refused.value.code == "overlap"
    assert Meeting.objects.count() == 1


@pytest.mark.django_db
def test_database_refuses_overlapping_meetings_of_one_buyer_even_without_the_service():
    meeting = MeetingFactory()
    other = AvailabilitySlotFactory(starts_at=meeting.starts_at, ends_at=meeting.ends_at)
    with pytest.raises(IntegrityError), transaction.atomic():
        Meeting.objects.create(
            slot=other,
            vendor=other.vendor,
            buyer=meeting.buyer,
            starts_at=other.starts_at,
            ends_at=other.ends_at,
        )
    # A declined meeting no longer blocks the time.
    meeting.status = Meeting.Status.DECLINED
    meeting.save()
    Meeting.objects.create(
        slot=other,
        vendor=other.vendor,
        buyer=meeting.buyer,
        starts_at=other.starts_at,
        ends_at=other.ends_at,
    )
    # Back to back is not an overlap.
    later = AvailabilitySlotFactory(
        starts_at=other.ends_at, ends_at=other.ends_at + dt.timedelta(minutes=30)
    )
    Meeting.objects.create(
        slot=later,
        vendor=later.vendor,
        buyer=meeting.buyer,
        starts_at=later.starts_at,
        ends_at=later.ends_at,
    )
    assert Meeting.objects.filter(status__in=Meeting.ACTIVE).count() == 2


@pytest.mark.django_db(transaction=True)
def test_two_buyers_requesting_one_slot_at_once_exactly_one_wins(regions):
    slot = AvailabilitySlotFactory()
    buyers = [BuyerProfileFactory(), BuyerProfileFactory()]
    barrier = threading.Barrier(2)
    results = []

    def book(buyer):
        try:
            barrier.wait(timeout=30)
            meeting_request(buyer=buyer, slot=slot, agenda="at once")
            results.append("ok")
        except ValidationError as exc:
            results.append(exc.code)
        finally:
            connection.close()  # each thread had its own connection

    threads = [threading.Thread(target=book, args=(b,)) for b in buyers]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=60)
    assert sorted(results) == ["ok", "taken"]
    assert Meeting.objects.filter(slot=slot).count() == 1


@pytest.mark.django_db
def test_decline_and_cancel_free_the_slot_for_someone_else():
    slot = AvailabilitySlotFactory()
    meeting = meeting_request(buyer=BuyerProfileFactory(), slot=slot, agenda="x")
    meeting_decline(meeting=meeting)
    second = meeting_request(buyer=BuyerProfileFactory(), slot=slot, agenda="y")
    meeting_cancel(meeting=second)
    third = meeting_request(buyer=BuyerProfileFactory(), slot=slot, agenda="z")
    assert list(Meeting.objects.order_by("pk").values_list("status", flat=True)) == [
        "declined",
        "cancelled",
        "requested",
    ]
    with pytest.raises(ValidationError):
        meeting_outcome(meeting=third, status="held", notes="")  # not confirmed, not started


@pytest.mark.django_db
def test_outcome_after_the_meeting():
    start = timezone.now() - dt.timedelta(hours=2)
    meeting = MeetingFactory(
        status="confirmed", slot__starts_at=start, slot__ends_at=start + dt.timedelta(minutes=30)
    )
    meeting_outcome(meeting=meeting, status="no_show", notes="Tidak hadir")
    meeting.refresh_from_db()
    assert (meeting.status, meeting.outcome_notes) == ("no_show", "Tidak hadir")


@pytest.mark.django_db
def test_reminders_go_24h_and_1h_before_and_never_twice(
    mailoutbox, django_capture_on_commit_callbacks
):
    now = timezone.now()
    start = now + dt.timedelta(hours=20)
    meeting = MeetingFactory(
        status="confirmed",
        meeting_url="https://meet.example.com/x",
        slot__starts_at=start,
        slot__ends_at=start + dt.timedelta(minutes=30),
    )
    MeetingFactory(status="requested")  # not confirmed: no reminder
    with django_capture_on_commit_callbacks(execute=True):
        assert meeting_reminders_send(now=now) == 1
        assert meeting_reminders_send(now=now + dt.timedelta(minutes=5)) == 0
    assert len(mailoutbox) == 2  # buyer and the vendor's owner
    with django_capture_on_commit_callbacks(execute=True):
        assert meeting_reminders_send(now=start - dt.timedelta(minutes=50)) == 1
        assert meeting_reminders_send(now=start - dt.timedelta(minutes=45)) == 0
    assert len(mailoutbox) == 4
    assert set(MeetingReminder.objects.filter(meeting=meeting).values_list("kind", flat=True)) == {
        "24h",
        "1h",
    }


@pytest.mark.django_db
def test_one_open_request_per_business():
    slot = AvailabilitySlotFactory()
    later = AvailabilitySlotFactory(
        vendor=slot.vendor, expo=slot.expo, starts_at=slot.ends_at,
        ends_at=slot.ends_at + dt.timedelta(minutes=30),
    )  # fmt: skip
    buyer = BuyerProfileFactory()
    meeting_request(buyer=buyer, slot=slot, agenda="first")
    with pytest.raises(ValidationError) as refused:
        meeting_request(buyer=buyer, slot=later, agenda="second")
    assert refused.value.code == "pending"
    assert Meeting.objects.filter(buyer=buyer).count() == 1


@pytest.mark.django_db
def test_the_outcome_form_shows_only_once_the_meeting_has_started(client, regions):
    now = timezone.now()
    later, earlier = (
        MeetingFactory(
            status="confirmed",
            slot__starts_at=start,
            slot__ends_at=start + dt.timedelta(minutes=30),
        )
        for start in (now + dt.timedelta(days=1), now - dt.timedelta(hours=2))
    )
    assert later.vendor != earlier.vendor
    for meeting, shown in ((later, False), (earlier, True)):
        client.force_login(meeting.vendor.members.get(role="owner").user)
        html = client.get("/en/dashboard/expos/meetings/").content.decode()
        action = f"/en/dashboard/expos/meetings/{meeting.pk}/outcome/"
        assert (action in html) is shown
