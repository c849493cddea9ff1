"""Calendar files read back with icalendar: what a calendar application would see."""

import datetime as dt

import icalendar
import pytest

from expo.services import meeting_ics, session_ics
from tests.expo.factories import ExpoSessionFactory
from tests.factories import MeetingFactory, VendorMemberFactory

pytestmark = pytest.mark.django_db


def read_event(data: bytes) -> icalendar.Event:
    [event] = icalendar.Calendar.from_ical(data).events
    return event


def test_session_file_holds_utc_times_the_expo_as_organizer_and_the_session_page(settings):
    settings.DEFAULT_FROM_EMAIL = "Expo UMKM <noreply@expo-umkm.id>"
    settings.SITE_URL = "https://expo-umkm.id"
    session = ExpoSessionFactory(
        starts_at=dt.datetime(2030, 7, 5, 9, 0, tzinfo=dt.timezone(dt.timedelta(hours=7))),
        ends_at=dt.datetime(2030, 7, 5, 10, 30, tzinfo=dt.timezone(dt.timedelta(hours=7))),
        speaker="Ibu Sari, Bank Indonesia",
    )
    data = session_ics(session=session)
    event = read_event(data)
    assert event.start == dt.datetime(2030, 7, 5, 2, 0, tzinfo=dt.UTC)
    assert event.end == dt.datetime(2030, 7, 5, 3, 30, tzinfo=dt.UTC)
    assert b"\r\nDTSTART:20300705T020000Z\r\n" in data
    assert event.uid == f"session-{session.pk}@expo-umkm.id"
    assert event.DTSTAMP.tzinfo is not None
    assert str(event.summary) == f"{session.title} · {session.expo.name}"
    assert str(event.description) == "Ibu Sari, Bank Indonesia"
    assert str(event["URL"]) == (
        f"https://expo-umkm.id/id/expos/{session.expo.slug}/agenda/{session.pk}/"
    )
    assert event.organizer == "mailto:noreply@expo-umkm.id"
    assert event.organizer.params["CN"] == session.expo.name
    assert event.attendees == []  # a public file names nobody


def test_long_agenda_is_folded_and_special_characters_round_trip():
    agenda = (
        "Harga 500 sarung, tenun; ikat \\ songket ke Doha.\n"
        "Baris kedua: pengiriman FOB Surabaya, pembayaran L/C; contoh warna \\ ukuran. "
        "Kualitas ekspor — ≥ 20 kontainer."
    )
    meeting = MeetingFactory(agenda=agenda)
    data = meeting_ics(meeting=meeting, recipient=meeting.buyer.user)
    lines = data.split(b"\r\n")
    assert max(len(line) for line in lines) <= 75  # octets, not characters
    description = next(i for i, line in enumerate(lines) if line.startswith(b"DESCRIPTION:"))
    assert lines[description + 1].startswith(b" ")  # continued on a folded line
    event = read_event(data)
    assert str(event.description) == agenda
    assert str(event.summary) == f"{meeting.vendor.name} × {meeting.buyer.user.name}"


def test_meeting_file_names_both_parties_but_writes_only_the_recipients_address(settings):
    settings.DEFAULT_FROM_EMAIL = "Expo UMKM <noreply@expo-umkm.id>"
    meeting = MeetingFactory(meeting_url="https://meet.example.com/abc")
    buyer = meeting.buyer.user
    member = VendorMemberFactory(vendor=meeting.vendor).user
    owner = meeting.vendor.members.get(role="owner").user

    for_buyer = meeting_ics(meeting=meeting, recipient=buyer)
    event = read_event(for_buyer)
    assert event.start == meeting.starts_at.astimezone(dt.UTC)
    assert event.end == meeting.ends_at.astimezone(dt.UTC)
    assert str(event["URL"]) == "https://meet.example.com/abc"
    assert event.organizer == "mailto:noreply@expo-umkm.id"
    assert event.organizer.params["CN"] == meeting.slot.expo.name
    vendor, buyer_attendee = event.attendees
    assert (vendor.params["CN"], buyer_attendee.params["CN"]) == (meeting.vendor.name, buyer.name)
    assert buyer_attendee == f"mailto:{buyer.email}"
    assert vendor.startswith("urn:uuid:")
    assert owner.email.encode() not in for_buyer
    assert member.email.encode() not in for_buyer

    for_member = meeting_ics(meeting=meeting, recipient=member)
    vendor, buyer_attendee = read_event(for_member).attendees
    assert vendor == f"mailto:{member.email}"
    assert vendor.params["CN"] == meeting.vendor.name
    assert buyer_attendee.startswith("urn:uuid:")
    assert buyer_attendee.params["CN"] == buyer.name
    assert buyer.email.encode() not in for_member
    assert owner.email.encode() not in for_member
    assert read_event(for_member).uid == event.uid == f"meeting-{meeting.pk}@expo-umkm.id"
