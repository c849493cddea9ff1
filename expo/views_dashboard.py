"""The vendor area of the expo: booth applications, availability, meetings and statistics.

Every view goes through `vendor_area` and looks objects up inside `request.vendor` only.
Applying for and withdrawing a booth commit the business, so they are owner-only; editing the
presentation, availability and meetings are open to the whole team.
"""

from django.contrib import messages
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods, require_POST, require_safe

from core.views_helpers import service_errors
from expo import selectors, services
from expo.forms import (
    AvailabilityForm,
    BoothForm,
    MeetingConfirmForm,
    MeetingOutcomeForm,
    SessionLinksForm,
)
from expo.models import AvailabilitySlot, Booth, Expo, ExpoSession, Meeting
from vendors.access import is_owner, vendor_area


def _booth_fields(form: BoothForm) -> dict:
    """What the booth form gives the apply and update services."""
    data = form.cleaned_data
    fields = ("preferred_hall", "tagline_id", "tagline_en", "video_url", "products")
    return {**{name: data[name] for name in fields}, "banner_upload": data["banner"]}


@vendor_area
@require_safe
def booths(request: HttpRequest) -> HttpResponse:
    mine = list(selectors.booths_of_vendor(vendor=request.vendor))
    applied = {b.expo_id for b in mine if b.status != Booth.Status.WITHDRAWN}
    open_expos = [
        e
        for e in selectors.expos_taking_applications()
        if services.applications_open(e) and e.pk not in applied
    ]
    return render(
        request,
        "expo/dashboard/booths.html",
        {
            "booths": mine,
            "open_expos": open_expos,
            "is_owner": is_owner(request),
            "dashboard_section": "booths",
        },
    )


@vendor_area(owner_only=True)
@require_http_methods(["GET", "HEAD", "POST"])
def booth_apply(request: HttpRequest, slug: str) -> HttpResponse:
    expo = get_object_or_404(Expo, slug=slug, status=Expo.Status.APPLICATIONS_OPEN)
    form = BoothForm(
        *((request.POST, request.FILES) if request.method == "POST" else ()),
        expo=expo,
        vendor=request.vendor,
    )
    if request.method == "POST" and form.is_valid():
        success = _("Your application was sent to the curators.")
        with service_errors(request, form=form, success=success) as outcome:
            services.booth_apply(expo=expo, vendor=request.vendor, **_booth_fields(form))
        if outcome.ok:
            return redirect("dashboard_expo:booths")
    return render(
        request,
        "expo/dashboard/booth_form.html",
        {"form": form, "expo": expo, "dashboard_section": "booths"},
        status=400 if form.errors else 200,
    )


@vendor_area
@require_http_methods(["GET", "HEAD", "POST"])
def booth_edit(request: HttpRequest, pk: int) -> HttpResponse:
    booth = get_object_or_404(Booth.objects.select_related("expo"), vendor=request.vendor, pk=pk)
    initial = {
        "preferred_hall": booth.preferred_hall_id,
        "tagline_id": booth.tagline_id,
        "tagline_en": booth.tagline_en,
        "video_url": booth.video_url,
        "products": list(booth.featured_products.values_list("pk", flat=True)),
    }
    form = BoothForm(
        *((request.POST, request.FILES) if request.method == "POST" else ()),
        expo=booth.expo,
        vendor=request.vendor,
        initial=initial,
    )
    if request.method == "POST" and form.is_valid():
        with service_errors(request, form=form, success=_("Your booth was saved.")) as outcome:
            services.booth_update(booth=booth, **_booth_fields(form))
        if outcome.ok:
            return redirect("dashboard_expo:booths")
    return render(
        request,
        "expo/dashboard/booth_form.html",
        {"form": form, "expo": booth.expo, "booth": booth, "dashboard_section": "booths"},
        status=400 if form.errors else 200,
    )


@vendor_area(owner_only=True)
@require_POST
def booth_withdraw(request: HttpRequest, pk: int) -> HttpResponse:
    booth = get_object_or_404(Booth, vendor=request.vendor, pk=pk)
    with service_errors(request, success=_("Your application was withdrawn.")):
        services.booth_withdraw(booth=booth)
    return redirect("dashboard_expo:booths")


@vendor_area
@require_safe
def booth_stats(request: HttpRequest, pk: int) -> HttpResponse:
    booth = get_object_or_404(Booth.objects.select_related("expo"), vendor=request.vendor, pk=pk)
    return render(
        request,
        "expo/dashboard/booth_stats.html",
        {
            "booth": booth,
            "days": selectors.booth_visit_days(booth=booth),
            "totals": selectors.booth_visit_totals(booth=booth),
            "daily": selectors.vendor_daily_stats(vendor=request.vendor, booth=booth),
            "products": selectors.product_views_of_vendor(vendor=request.vendor),
            "dashboard_section": "booths",
        },
    )


@vendor_area
@require_safe
def meetings(request: HttpRequest) -> HttpResponse:
    return render(
        request,
        "expo/dashboard/meetings.html",
        {
            "meetings": list(selectors.meetings_of_vendor(vendor=request.vendor)[:200]),
            "confirm_form": MeetingConfirmForm(),
            "outcome_form": MeetingOutcomeForm(),
            "booths": selectors.booths_for_meetings(vendor=request.vendor),
            "dashboard_section": "meetings",
        },
    )


def _meeting(request, pk: int) -> Meeting:
    return get_object_or_404(Meeting, vendor=request.vendor, pk=pk)


@vendor_area
@require_POST
def meeting_confirm(request: HttpRequest, pk: int) -> HttpResponse:
    meeting = _meeting(request, pk)
    form = MeetingConfirmForm(request.POST)
    if not form.is_valid():
        messages.error(request, " ".join(e for errors in form.errors.values() for e in errors))
        return redirect("dashboard_expo:meetings")
    success = _("The meeting is confirmed; both of you get a calendar file.")
    with service_errors(request, success=success):
        services.meeting_confirm(meeting=meeting, meeting_url=form.cleaned_data["meeting_url"])
    return redirect("dashboard_expo:meetings")


@vendor_area
@require_POST
def meeting_decline(request: HttpRequest, pk: int) -> HttpResponse:
    meeting = _meeting(request, pk)
    with service_errors(request, success=_("The meeting was declined; the buyer was told.")):
        services.meeting_decline(meeting=meeting)
    return redirect("dashboard_expo:meetings")


@vendor_area
@require_POST
def meeting_outcome(request: HttpRequest, pk: int) -> HttpResponse:
    meeting = _meeting(request, pk)
    form = MeetingOutcomeForm(request.POST)
    if not form.is_valid():
        messages.error(request, " ".join(e for errors in form.errors.values() for e in errors))
        return redirect("dashboard_expo:meetings")
    with service_errors(request, success=_("The outcome was saved.")):
        services.meeting_outcome(
            meeting=meeting, status=form.cleaned_data["status"], notes=form.cleaned_data["notes"]
        )
    return redirect("dashboard_expo:meetings")


@vendor_area
@require_safe
def meeting_ics(request: HttpRequest, pk: int) -> HttpResponse:
    meeting = get_object_or_404(
        Meeting.objects.select_related("vendor", "buyer__user", "slot__expo"),
        vendor=request.vendor,
        pk=pk,
        status__in=Meeting.ACTIVE,
    )
    response = HttpResponse(
        services.meeting_ics(meeting=meeting, recipient=request.user), content_type="text/calendar"
    )
    response["Content-Disposition"] = 'attachment; filename="meeting.ics"'
    return response


@vendor_area
@require_http_methods(["GET", "HEAD", "POST"])
def availability(request: HttpRequest, slug: str) -> HttpResponse:
    booth = get_object_or_404(
        Booth.objects.select_related("expo"),
        vendor=request.vendor,
        expo__slug=slug,
        status=Booth.Status.APPROVED,
    )
    expo = booth.expo
    form = AvailabilityForm(
        request.POST if request.method == "POST" else None, expo=expo, vendor=request.vendor
    )
    if request.method == "POST" and form.is_valid():
        with service_errors(request, form=form) as outcome:
            created = services.slots_create_bulk(
                expo=expo,
                vendor=request.vendor,
                days=form.cleaned_data["days"],
                ranges=form.cleaned_data["ranges"],
                member=form.cleaned_data["member"],
            )
        if outcome.ok:
            messages.success(request, _("%(count)d slots were added.") % {"count": created})
            return redirect("dashboard_expo:availability", slug=expo.slug)
    slots = list(selectors.slots_of_vendor(vendor=request.vendor, expo=expo))
    return render(
        request,
        "expo/dashboard/availability.html",
        {"form": form, "expo": expo, "slots": slots, "dashboard_section": "meetings"},
        status=400 if form.errors else 200,
    )


@vendor_area
@require_POST
def slot_delete(request: HttpRequest, pk: int) -> HttpResponse:
    slot = get_object_or_404(
        AvailabilitySlot.objects.select_related("expo"), vendor=request.vendor, pk=pk
    )
    with service_errors(request, success=_("The slot was removed.")):
        services.slot_delete(slot=slot)
    return redirect("dashboard_expo:availability", slug=slot.expo.slug)


@vendor_area
@require_safe
def sessions(request: HttpRequest) -> HttpResponse:
    """The agenda sessions the business hosts, with their stream and recording links."""
    return render(
        request,
        "expo/dashboard/sessions.html",
        {
            "sessions": selectors.sessions_hosted_by(vendor=request.vendor),
            "dashboard_section": "booths",
        },
    )


@vendor_area
@require_http_methods(["GET", "HEAD", "POST"])
def session_edit(request: HttpRequest, pk: int) -> HttpResponse:
    session = get_object_or_404(
        ExpoSession.objects.select_related("expo"), vendor=request.vendor, pk=pk
    )
    initial = {"stream_url": session.stream_url, "recording_url": session.recording_url}
    form = SessionLinksForm(request.POST if request.method == "POST" else None, initial=initial)
    if request.method == "POST" and form.is_valid():
        with service_errors(request, form=form, success=_("The links were saved.")) as outcome:
            services.session_links_set(session=session, vendor=request.vendor, **form.cleaned_data)
        if outcome.ok:
            return redirect("dashboard_expo:sessions")
    return render(
        request,
        "expo/dashboard/session_form.html",
        {"form": form, "session": session, "dashboard_section": "booths"},
        status=400 if form.errors else 200,
    )
