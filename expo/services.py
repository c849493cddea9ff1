"""Writes of the expo: applications, curation, agenda registrations, matching and statistics."""

import datetime as dt
import uuid
import zoneinfo
from email.utils import parseaddr
from urllib.parse import urlsplit

import icalendar
from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.db.models import Max
from django.utils import timezone, translation
from django.utils.formats import date_format
from django.utils.translation import gettext as _

from accounts.models import User
from buyers.models import BuyerProfile
from catalog.models import Product
from core.images import image_replace
from core.links import absolute_url, email_language
from core.models import VisitEvent, site_url
from core.services import outbox_add
from core.visits import daily_rows_write, visit_record
from expo.links import validate_https
from expo.models import (
    AvailabilitySlot,
    Booth,
    BoothScore,
    BoothVisitDay,
    Expo,
    ExpoSession,
    Hall,
    Meeting,
    MeetingReminder,
    SessionReminder,
)
from vendors.admin_scoping import coordinator_regency_ids
from vendors.models import Vendor, VendorMember
from vendors.notify import Notified, vendor_notify

WIB = zoneinfo.ZoneInfo("Asia/Jakarta")
SLOT_MINUTES = 30
# Video links only to hosts everyone knows; the booth page links to them, it never embeds.
VIDEO_HOSTS = {"youtube.com", "www.youtube.com", "m.youtube.com", "youtu.be", "vimeo.com"}
VISIT_RETENTION_DAYS = 3


# ---------------------------------------------------------------- formatting shared with emails


def when_text(moment: dt.datetime, time_zone: str) -> str:
    """ "Sat 10 Jul 2021, 14:00 (Asia/Qatar) · 18:00 WIB" in the active language."""
    zone = zoneinfo.ZoneInfo(time_zone or "Asia/Jakarta")
    local = moment.astimezone(zone)
    text = f"{date_format(local, 'D j M Y')}, {local:%H:%M}"
    if zone.key == "Asia/Jakarta":
        return f"{text} WIB"
    return f"{text} ({zone.key}) · {moment.astimezone(WIB):%H:%M} WIB"


def _organizer(*, expo: Expo) -> icalendar.vCalAddress:
    """The expo, reachable at the site's sending address."""
    _name, address = parseaddr(settings.DEFAULT_FROM_EMAIL)
    return icalendar.vCalAddress.new(address, cn=expo.name)


def _attendee(*, name: str, email: str | None, key: str) -> icalendar.vCalAddress:
    """A party by name; its address only when the file goes to that person, else an opaque URN."""
    if email:
        return icalendar.vCalAddress.new(email, cn=name or None)
    address = icalendar.vCalAddress(f"urn:uuid:{uuid.uuid5(uuid.NAMESPACE_URL, site_url(key))}")
    if name:
        address.params["CN"] = name
    return address


def ics_event(
    *,
    uid: str,
    starts_at: dt.datetime,
    ends_at: dt.datetime,
    summary: str,
    description: str,
    url: str,
    organizer: icalendar.vCalAddress,
    attendees: list[icalendar.vCalAddress] | None = None,
    location: str | None = None,
) -> bytes:
    """One VEVENT in UTC; every recipient gets the same UID and instant."""
    event = icalendar.Event.new(
        uid=uid,
        stamp=timezone.now().astimezone(dt.UTC),
        start=starts_at.astimezone(dt.UTC),
        end=ends_at.astimezone(dt.UTC),
        summary=summary,
        description=description,
        url=url,
        organizer=organizer,
        attendees=attendees,
        location=location or None,
    )
    calendar = icalendar.Calendar.new(
        prodid="-//Expo UMKM//expo-umkm.id//EN",
        calscale="GREGORIAN",
        method="PUBLISH",
        subcomponents=[event],
    )
    calendar.pop("UID", None)  # icalendar adds a random one; the event's UID is what clients use
    return calendar.to_ical()


def session_ics(*, session: ExpoSession) -> bytes:
    """The session's calendar event; its stream or meeting link is the location, in the text too."""
    link = session.recording_url if session.state == "over" else session.stream_url
    return ics_event(
        uid=f"session-{session.pk}@expo-umkm.id",
        starts_at=session.starts_at,
        ends_at=session.ends_at,
        summary=f"{session.title} · {session.expo.name}",
        description="\n".join(filter(None, [session.speaker, link])),
        url=site_url(session.get_absolute_url()),
        organizer=_organizer(expo=session.expo),
        location=link,
    )


def meeting_ics(*, meeting: Meeting, recipient: User) -> bytes:
    """The meeting's calendar file for one recipient: the buyer or a member of the vendor's team.

    Both parties are attendees by name; only the recipient's own email address is written,
    since the buyer shares contact details with sellers only by choice."""
    buyer = meeting.buyer.user
    for_buyer = recipient.pk == buyer.pk
    return ics_event(
        uid=f"meeting-{meeting.pk}@expo-umkm.id",
        starts_at=meeting.starts_at,
        ends_at=meeting.ends_at,
        summary=f"{meeting.vendor.name} × {buyer.name or buyer.email}",
        description=meeting.agenda,
        url=meeting.meeting_url or site_url(meeting.slot.expo.get_absolute_url()),
        organizer=_organizer(expo=meeting.slot.expo),
        attendees=[
            _attendee(
                name=meeting.vendor.name,
                email=None if for_buyer else recipient.email,
                key=f"/vendors/{meeting.vendor.pk}",
            ),
            _attendee(
                name=buyer.name, email=buyer.email if for_buyer else None, key=f"/buyers/{buyer.pk}"
            ),
        ],
    )


# ---------------------------------------------------------------- booth applications


def validate_video_url(url: str) -> None:
    if not url:
        return
    parts = urlsplit(url)
    if parts.scheme != "https" or (parts.hostname or "") not in VIDEO_HOSTS:
        raise ValidationError(
            _("Link a video on YouTube or Vimeo (an https:// address)."), code="video_host"
        )


def applications_open(expo: Expo, now: dt.datetime | None = None) -> bool:
    now = now or timezone.now()
    return (
        expo.status == Expo.Status.APPLICATIONS_OPEN
        and expo.applications_open_at <= now < expo.applications_close_at
    )


def booth_feature_products(*, booth: Booth, products) -> None:
    """Feature up to 12 of the booth's vendor's own published products; refuses anything else."""
    products = list(products)
    if len(products) > Booth.MAX_FEATURED_PRODUCTS:
        raise ValidationError(
            _("Choose at most %(count)d products.") % {"count": Booth.MAX_FEATURED_PRODUCTS},
            code="too_many",
        )
    allowed = set(
        Product.objects.filter(
            vendor=booth.vendor, status=Product.Status.PUBLISHED, pk__in=[p.pk for p in products]
        ).values_list("pk", flat=True)
    )
    if any(p.pk not in allowed for p in products):
        raise ValidationError(
            _("Only your own published products can be featured."), code="foreign_product"
        )
    booth.featured_products.set(products)


@transaction.atomic
def expo_status_set(*, expo: Expo, status: str) -> Expo:
    """Staff move an expo through its stages: applications, curation, published, live, closed."""
    expo.status = status
    expo.save(update_fields=["status"])
    return expo


def _check_can_apply(*, expo: Expo, vendor: Vendor) -> None:
    if vendor.status != Vendor.Status.VERIFIED:
        raise ValidationError(
            _("Only verified businesses can apply for a booth."), code="not_verified"
        )
    if not applications_open(expo):
        raise ValidationError(_("Applications for this expo are closed."), code="closed")


def _booth_save(*, booth: Booth, banner_upload, products) -> Booth:
    """What applying and editing share: the banner, the row (one per business and expo, held by
    the database) and the featured products."""
    if banner_upload is not None:
        booth.banner = image_replace(image=booth.banner, upload=banner_upload)
    try:
        with transaction.atomic():  # a savepoint: the outer transaction survives a refusal
            booth.save()
    except IntegrityError as exc:  # expo_booth_once_per_vendor: a parallel first application
        raise ValidationError(
            _("You have already applied for this expo."), code="duplicate"
        ) from exc
    booth_feature_products(booth=booth, products=products)
    return booth


@transaction.atomic
def booth_apply(
    *,
    expo: Expo,
    vendor: Vendor,
    preferred_hall: Hall | None,
    tagline_id: str,
    tagline_en: str,
    video_url: str = "",
    products=(),
    banner_upload=None,
) -> Booth:
    """Apply for a booth (or apply again after withdrawing); the curators see it in the admin."""
    _check_can_apply(expo=expo, vendor=vendor)
    validate_video_url(video_url)
    if preferred_hall is not None and preferred_hall.expo_id != expo.pk:
        raise ValidationError(_("Choose a hall of this expo."), code="hall")
    booth = (
        Booth.objects.order_by("pk")
        .select_for_update(of=("self",))
        .filter(expo=expo, vendor=vendor)
        .first()
    )
    if booth is not None and booth.status != Booth.Status.WITHDRAWN:
        raise ValidationError(_("You have already applied for this expo."), code="duplicate")
    booth = booth or Booth(expo=expo, vendor=vendor)
    booth.status = Booth.Status.APPLIED
    booth.preferred_hall = preferred_hall
    booth.tagline_id, booth.tagline_en, booth.video_url = tagline_id, tagline_en, video_url
    return _booth_save(booth=booth, banner_upload=banner_upload, products=products)


@transaction.atomic
def booth_update(
    *,
    booth: Booth,
    preferred_hall: Hall | None,
    tagline_id: str,
    tagline_en: str,
    video_url: str = "",
    products=(),
    banner_upload=None,
) -> Booth:
    """Edit an application, or an approved booth's presentation (tagline, banner, products)."""
    if booth.status in (Booth.Status.REJECTED, Booth.Status.WITHDRAWN) or (
        booth.expo.status == Expo.Status.CLOSED
    ):
        raise ValidationError(_("This booth can no longer be changed."), code="locked")
    validate_video_url(video_url)
    if preferred_hall is not None and preferred_hall.expo_id != booth.expo_id:
        raise ValidationError(_("Choose a hall of this expo."), code="hall")
    if booth.status != Booth.Status.APPROVED:  # the hall is the curators' call once approved
        booth.preferred_hall = preferred_hall
    booth.tagline_id, booth.tagline_en, booth.video_url = tagline_id, tagline_en, video_url
    return _booth_save(booth=booth, banner_upload=banner_upload, products=products)


@transaction.atomic
def booth_withdraw(*, booth: Booth) -> Booth:
    if booth.status not in (Booth.Status.APPLIED, Booth.Status.NOMINATED, Booth.Status.APPROVED):
        raise ValidationError(_("This application cannot be withdrawn."), code="state")
    booth.status = Booth.Status.WITHDRAWN
    booth.number = None  # frees the number in its hall
    booth.save(update_fields=["status", "number"])
    return booth


@transaction.atomic
def booth_nominate(*, expo: Expo, vendor: Vendor, by: User) -> Booth:
    """A regional coordinator puts forward a vendor of their regencies (creating the
    application when the vendor has not applied yet)."""
    regency_ids = coordinator_regency_ids(by)
    if regency_ids is not None and vendor.regency_id not in regency_ids:
        raise ValidationError(_("You can only nominate businesses of your regencies."))
    if vendor.status != Vendor.Status.VERIFIED:
        raise ValidationError(_("Only verified businesses can be nominated."), code="not_verified")
    if expo.status not in (Expo.Status.APPLICATIONS_OPEN, Expo.Status.CURATION):
        raise ValidationError(_("This expo does not take nominations now."), code="closed")
    booth, _created = (
        Booth.objects.order_by("pk")
        .select_for_update(of=("self",))
        .get_or_create(expo=expo, vendor=vendor)
    )
    if booth.status in (Booth.Status.APPROVED, Booth.Status.REJECTED):
        raise ValidationError(_("The curators have already decided on this booth."))
    booth.status = Booth.Status.NOMINATED
    booth.nominated_by, booth.nominated_at = by, timezone.now()
    booth.save()
    return booth


def _check_own_score(*, curator: User, by: User | None) -> None:
    if by is not None and by.pk != curator.pk:
        raise ValidationError(
            _("Each curator's score is their own: only they can change it."), code="not_own"
        )


@transaction.atomic
def booth_score(
    *,
    booth: Booth,
    curator: User,
    originality: int,
    quality_capacity: int,
    packaging: int,
    legality: int,
    comment: str = "",
    by: User | None = None,
) -> BoothScore:
    """`curator`'s one score of `booth` (created or replaced); `by`, when given, must be them."""
    _check_own_score(curator=curator, by=by)
    values = {
        "originality": originality,
        "quality_capacity": quality_capacity,
        "packaging": packaging,
        "legality": legality,
    }
    if any(not 1 <= v <= 5 for v in values.values()):
        raise ValidationError(_("Each score is from 1 to 5."), code="range")
    score, _created = BoothScore.objects.update_or_create(
        booth=booth, curator=curator, defaults={**values, "comment": comment}
    )
    return score


@transaction.atomic
def booth_score_delete(*, score: BoothScore, by: User) -> None:
    _check_own_score(curator=score.curator, by=by)
    score.delete()


def _booth_decision_email(booth: Booth) -> Notified:
    return vendor_notify(
        vendor=booth.vendor,
        kind="booth_decision",
        template="expo/email/booth_decision",
        context={
            "booth": booth,
            "expo_name": booth.expo.name,
            "approved": booth.status == Booth.Status.APPROVED,
            "hall_name": booth.hall.name if booth.hall else "",
        },
        links={"booth_url": booth, "dashboard_url": "dashboard_expo:booths"},
    )


@transaction.atomic
def booth_approve(*, booth: Booth, by: User, note: str = "", hall: Hall | None = None) -> Booth:
    """Approve, place in a hall with the next free number there, and email the vendor."""
    booth = (
        Booth.objects.order_by("pk")
        .select_for_update(of=("self",))
        .select_related("expo", "vendor")
        .get(pk=booth.pk)
    )
    if booth.status not in (Booth.Status.APPLIED, Booth.Status.NOMINATED, Booth.Status.APPROVED):
        raise ValidationError(_("Only open applications can be approved."), code="state")
    hall = hall or booth.hall or booth.preferred_hall or booth.expo.halls.first()
    if hall is None:
        raise ValidationError(_("Add a hall to the expo first."), code="no_hall")
    if booth.status != Booth.Status.APPROVED or booth.hall_id != hall.pk or booth.number is None:
        # Lock the hall so two approvals at once never take the same number.
        Hall.objects.select_for_update().get(pk=hall.pk)
        top = Booth.objects.filter(hall=hall).exclude(pk=booth.pk).aggregate(n=Max("number"))["n"]
        booth.hall, booth.number = hall, (top or 0) + 1
    booth.status = Booth.Status.APPROVED
    booth.decided_by, booth.decided_at, booth.decision_note = by, timezone.now(), note
    booth.save()
    _booth_decision_email(booth)
    return booth


@transaction.atomic
def booth_reject(*, booth: Booth, by: User, note: str = "") -> Booth:
    booth = (
        Booth.objects.order_by("pk")
        .select_for_update(of=("self",))
        .select_related("expo", "vendor")
        .get(pk=booth.pk)
    )
    if booth.status == Booth.Status.WITHDRAWN:
        raise ValidationError(_("The business has withdrawn this application."), code="state")
    booth.status, booth.number = Booth.Status.REJECTED, None
    booth.decided_by, booth.decided_at, booth.decision_note = by, timezone.now(), note
    booth.save()
    _booth_decision_email(booth)
    return booth


# ---------------------------------------------------------------- agenda


@transaction.atomic
def session_register(*, session: ExpoSession, user: User) -> None:
    session = ExpoSession.objects.select_for_update().get(pk=session.pk)
    if session.ends_at <= timezone.now():
        raise ValidationError(_("This session is over."), code="over")
    if session.registrations.filter(pk=user.pk).exists():
        return
    if session.capacity is not None and session.registrations.count() >= session.capacity:
        raise ValidationError(_("This session is full."), code="full")
    session.registrations.add(user)


@transaction.atomic
def session_unregister(*, session: ExpoSession, user: User) -> None:
    session.registrations.remove(user)


def _check_https(url: str, field: str) -> None:
    try:
        validate_https(url)
    except ValidationError as error:
        raise ValidationError({field: error.messages}, code="not_https") from error


@transaction.atomic
def session_links_set(
    *, session: ExpoSession, stream_url: str, recording_url: str, vendor: Vendor | None = None
) -> ExpoSession:
    """The stream or meeting link and the recording link of a session (https only).

    With `vendor`, only a session that business hosts; the recording only once it has started.
    """
    session = ExpoSession.objects.select_for_update().get(pk=session.pk)
    if vendor is not None and session.vendor_id != vendor.pk:
        raise ValidationError(_("This session is not hosted by your business."), code="not_host")
    stream_url, recording_url = stream_url.strip(), recording_url.strip()
    _check_https(stream_url, "stream_url")
    _check_https(recording_url, "recording_url")
    if recording_url and session.starts_at > timezone.now():
        raise ValidationError(
            {"recording_url": _("Add the recording once the session has taken place.")},
            code="recording_early",
        )
    session.stream_url, session.recording_url = stream_url, recording_url
    session.save(update_fields=["stream_url", "recording_url"])
    return session


def _session_reminder_email(*, session: ExpoSession, user: User) -> None:
    language = email_language(user.language)
    with translation.override(language):
        when = when_text(session.starts_at, user.time_zone)
        title = session.title
    outbox_add(
        kind="session_reminder",
        to=[user.email],
        template="expo/email/session_reminder",
        context={
            "session": session,
            "title": title,
            "expo_name": session.expo.name,
            "when": when,
            "link": session.stream_url,
            "url": absolute_url(session, language=language),
        },
        language=language,
        attachments=[("session.ics", session_ics(session=session), "text/calendar")],
    )


def session_reminders_send(*, now: dt.datetime | None = None) -> int:
    """Remind everyone registered 24 hours and 1 hour before a session, with its link and `.ics`.

    Idempotent like the meeting reminders: a reminder row (unique per session, person and kind) is
    written in the same transaction as its email.
    """
    now = now or timezone.now()
    sent = 0
    due = ExpoSession.objects.filter(
        starts_at__gt=now,
        starts_at__lte=now + dt.timedelta(hours=24),
        expo__status__in=[Expo.Status.PUBLISHED, Expo.Status.LIVE],
    ).select_related("expo")
    for session in due:
        kind = (
            SessionReminder.Kind.HOUR
            if session.starts_at <= now + dt.timedelta(hours=1)
            else SessionReminder.Kind.DAY
        )
        done = SessionReminder.objects.filter(session=session, kind=kind).values("user_id")
        for user in session.registrations.filter(is_active=True).exclude(pk__in=done):
            with transaction.atomic():
                _reminder, created = SessionReminder.objects.get_or_create(
                    session=session, user=user, kind=kind
                )
                if created:
                    _session_reminder_email(session=session, user=user)
                    sent += 1
    return sent


# ---------------------------------------------------------------- business matching


@transaction.atomic
def slots_create_bulk(
    *,
    expo: Expo,
    vendor: Vendor,
    days: list[dt.date],
    ranges: list[tuple[dt.time, dt.time]],
    member: VendorMember | None,
) -> int:
    """Create 30-minute slots for every day × time range (in the expo's zone) within the live
    window; slots that already exist are kept. Returns how many were created."""
    if member is not None and member.vendor_id != vendor.pk:
        raise ValidationError(_("Choose a member of your team."), code="member")
    if not Booth.objects.filter(expo=expo, vendor=vendor, status=Booth.Status.APPROVED).exists():
        raise ValidationError(_("Only businesses with an approved booth can offer meetings."))
    zone = zoneinfo.ZoneInfo(expo.time_zone)
    slots = []
    for day in days:
        for start, end in ranges:
            if end <= start:
                raise ValidationError(_("Each time range must end after it starts."))
            moment = dt.datetime.combine(day, start, tzinfo=zone)
            stop = dt.datetime.combine(day, end, tzinfo=zone)
            while moment + dt.timedelta(minutes=SLOT_MINUTES) <= stop:
                ends = moment + dt.timedelta(minutes=SLOT_MINUTES)
                if expo.starts_at <= moment and ends <= expo.ends_at:
                    slots.append(
                        AvailabilitySlot(
                            expo=expo, vendor=vendor, member=member, starts_at=moment, ends_at=ends
                        )
                    )
                moment = ends
    if not slots:
        raise ValidationError(
            _("None of these times falls within the expo's live window."), code="outside"
        )
    before = AvailabilitySlot.objects.filter(vendor=vendor).count()
    AvailabilitySlot.objects.bulk_create(slots, ignore_conflicts=True)
    return AvailabilitySlot.objects.filter(vendor=vendor).count() - before


@transaction.atomic
def slot_delete(*, slot: AvailabilitySlot) -> None:
    if slot.meetings.exists():
        raise ValidationError(_("This slot has a meeting; decline it first."), code="booked")
    slot.delete()


def _meeting_context(meeting: Meeting, user: User | None) -> dict:
    return {
        "meeting": meeting,
        "vendor_name": meeting.vendor.name,
        "buyer_name": meeting.buyer.user.name or meeting.buyer.user.email,
        "buyer_country": meeting.buyer.get_country_display(),
        "when": when_text(meeting.starts_at, user.time_zone if user else "Asia/Jakarta"),
    }


MEETING_LINKS = {"url": "me_expo:meetings", "dashboard_url": "dashboard_expo:meetings"}


def _meeting_attachments(meeting: Meeting, attach: bool, recipient: User) -> list:
    """The calendar file, made for its recipient (it names only their own address)."""
    if not attach:
        return []
    return [("meeting.ics", meeting_ics(meeting=meeting, recipient=recipient), "text/calendar")]


def _meeting_email_buyer(*, meeting: Meeting, kind: str, attach: bool = False) -> None:
    user = meeting.buyer.user
    language = email_language(user.language)
    with translation.override(language):
        context = _meeting_context(meeting, user)
    outbox_add(
        kind=kind,
        to=[user.email],
        template=f"expo/email/{kind}",
        context={
            **context,
            **{name: absolute_url(link, language=language) for name, link in MEETING_LINKS.items()},
        },
        language=language,
        attachments=_meeting_attachments(meeting, attach, user),
    )


def _meeting_email_vendor(*, meeting: Meeting, kind: str, attach: bool = False) -> Notified:
    return vendor_notify(
        vendor=meeting.vendor,
        kind=kind,
        template=f"expo/email/{kind}",
        context=lambda user: _meeting_context(meeting, user),
        links=MEETING_LINKS,
        attachments=lambda user: _meeting_attachments(meeting, attach, user),
    )


@transaction.atomic
def meeting_request(*, buyer: BuyerProfile, slot: AvailabilitySlot, agenda: str) -> Meeting:
    """Request a slot; the database refuses a taken slot or an overlapping meeting of the buyer.
    Emails the vendor's team."""
    slot = AvailabilitySlot.objects.select_related("expo", "vendor").get(pk=slot.pk)
    if slot.starts_at <= timezone.now():
        raise ValidationError(_("This slot has already started."), code="past")
    if slot.expo.status not in (Expo.Status.PUBLISHED, Expo.Status.LIVE) or (
        slot.vendor.status != Vendor.Status.VERIFIED
    ):
        raise ValidationError(_("This slot cannot be booked."), code="closed")
    if Meeting.objects.filter(
        buyer=buyer, vendor=slot.vendor, status=Meeting.Status.REQUESTED
    ).exists():  # one open request per business: no flood of requests to one team
        raise ValidationError(
            _("You already have a request waiting for this business."), code="pending"
        )
    meeting = Meeting(
        slot=slot,
        buyer=buyer,
        vendor=slot.vendor,
        starts_at=slot.starts_at,
        ends_at=slot.ends_at,
        agenda=agenda,
    )
    try:
        with transaction.atomic():  # a savepoint: the outer transaction survives a refusal
            meeting.save()
    except IntegrityError as exc:
        if "expo_meeting_one_open_request" in str(exc):
            raise ValidationError(
                _("You already have a request waiting for this business."), code="pending"
            ) from exc
        if "expo_meeting_buyer_no_overlap" in str(exc):
            raise ValidationError(
                _("You already have a meeting at this time."), code="overlap"
            ) from exc
        raise ValidationError(
            _("Someone else has just booked this slot. Please choose another."), code="taken"
        ) from exc
    _meeting_email_vendor(meeting=meeting, kind="meeting_requested")
    return meeting


def _locked(meeting: Meeting) -> Meeting:
    return (
        Meeting.objects.select_for_update(of=("self",))
        .select_related("slot__expo", "vendor", "buyer__user")
        .get(pk=meeting.pk)
    )


@transaction.atomic
def meeting_confirm(*, meeting: Meeting, meeting_url: str) -> Meeting:
    """Confirm with a meeting link; both sides get an email with the same `.ics` event."""
    meeting = _locked(meeting)
    if meeting.status != Meeting.Status.REQUESTED:
        raise ValidationError(_("Only requested meetings can be confirmed."), code="state")
    if urlsplit(meeting_url).scheme != "https":
        raise ValidationError(_("Enter the https:// link of the video call."), code="url")
    meeting.status, meeting.meeting_url = Meeting.Status.CONFIRMED, meeting_url
    meeting.save(update_fields=["status", "meeting_url", "updated_at"])
    _meeting_email_buyer(meeting=meeting, kind="meeting_confirmed", attach=True)
    _meeting_email_vendor(meeting=meeting, kind="meeting_confirmed", attach=True)
    return meeting


@transaction.atomic
def meeting_decline(*, meeting: Meeting) -> Meeting:
    meeting = _locked(meeting)
    if meeting.status not in (Meeting.Status.REQUESTED, Meeting.Status.CONFIRMED):
        raise ValidationError(_("This meeting can no longer be declined."), code="state")
    meeting.status = Meeting.Status.DECLINED
    meeting.save(update_fields=["status", "updated_at"])
    _meeting_email_buyer(meeting=meeting, kind="meeting_declined")
    return meeting


@transaction.atomic
def meeting_cancel(*, meeting: Meeting) -> Meeting:
    """The buyer cancels; the slot becomes free again."""
    meeting = _locked(meeting)
    if meeting.status not in (Meeting.Status.REQUESTED, Meeting.Status.CONFIRMED):
        raise ValidationError(_("This meeting can no longer be cancelled."), code="state")
    meeting.status = Meeting.Status.CANCELLED
    meeting.save(update_fields=["status", "updated_at"])
    _meeting_email_vendor(meeting=meeting, kind="meeting_cancelled")
    return meeting


@transaction.atomic
def meeting_outcome(*, meeting: Meeting, status: str, notes: str) -> Meeting:
    meeting = _locked(meeting)
    if status not in (Meeting.Status.HELD, Meeting.Status.NO_SHOW):
        raise ValidationError(_("Choose held or no-show."), code="status")
    if meeting.status not in Meeting.OUTCOME_STATUSES:
        raise ValidationError(_("Only confirmed meetings have an outcome."), code="state")
    if not meeting.has_started:
        raise ValidationError(_("The meeting has not started yet."), code="future")
    meeting.status, meeting.outcome_notes = status, notes
    meeting.save(update_fields=["status", "outcome_notes", "updated_at"])
    return meeting


def meeting_reminders_send(*, now: dt.datetime | None = None) -> int:
    """Remind both sides 24 hours and 1 hour before each confirmed meeting.

    Idempotent: a reminder row (unique per meeting and kind) is written in the same
    transaction as its emails, so a second run — or a second beat — sends nothing twice.
    """
    now = now or timezone.now()
    sent = 0
    due = Meeting.objects.filter(
        status=Meeting.Status.CONFIRMED,
        starts_at__gt=now,
        starts_at__lte=now + dt.timedelta(hours=24),
    ).values_list("pk", "starts_at")
    for pk, starts_at in due:
        kind = (
            MeetingReminder.Kind.HOUR
            if starts_at <= now + dt.timedelta(hours=1)
            else MeetingReminder.Kind.DAY
        )
        with transaction.atomic():
            _reminder, created = MeetingReminder.objects.get_or_create(meeting_id=pk, kind=kind)
            if not created:
                continue
            meeting = _locked(Meeting(pk=pk))
            _meeting_email_buyer(meeting=meeting, kind="meeting_reminder")
            _meeting_email_vendor(meeting=meeting, kind="meeting_reminder")
            sent += 1
    return sent


# ---------------------------------------------------------------- statistics


def booth_visit_record(*, booth: Booth, request) -> None:
    """For the booth page: count a view of `booth` (see `core.visits`)."""
    visit_record(kind=VisitEvent.Kind.BOOTH, object_id=booth.pk, request=request)


def booth_visit_days_write(rows: list[dict]) -> int:
    """`core.visits` hands over the recounted days of booth views."""
    return daily_rows_write(rows, model=BoothVisitDay, object_field="booth", views_field="visits")
