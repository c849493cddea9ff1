"""The buyer's side of the expo: free slots, meeting requests, own meetings and sessions."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods, require_POST, require_safe

from buyers.models import BuyerProfile
from buyers.selectors import buyer_profile_of
from core.views_helpers import service_errors
from expo import selectors, services
from expo.forms import MeetingRequestForm
from expo.models import Meeting
from vendors.notify import UNREACHABLE_NOTICE, vendor_reachable


def _buyer(request) -> BuyerProfile | None:
    return buyer_profile_of(user=request.user)


@login_required
@require_safe
def meetings(request: HttpRequest) -> HttpResponse:
    buyer = _buyer(request)
    items = list(selectors.meetings_of_buyer(buyer=buyer)[:200]) if buyer else []
    return render(request, "expo/me/meetings.html", {"meetings": items, "buyer": buyer})


def _own_meeting(request, pk: int) -> Meeting:
    buyer = _buyer(request)
    if buyer is None:
        raise Http404
    return get_object_or_404(
        Meeting.objects.select_related("vendor", "buyer__user", "slot__expo"), buyer=buyer, pk=pk
    )


@login_required
@require_POST
def meeting_cancel(request: HttpRequest, pk: int) -> HttpResponse:
    meeting = _own_meeting(request, pk)
    with service_errors(request, success=_("The meeting was cancelled.")):
        services.meeting_cancel(meeting=meeting)
    return redirect("me_expo:meetings")


@login_required
@require_safe
def meeting_ics(request: HttpRequest, pk: int) -> HttpResponse:
    meeting = _own_meeting(request, pk)
    if meeting.status not in Meeting.ACTIVE:
        raise Http404
    response = HttpResponse(
        services.meeting_ics(meeting=meeting, recipient=request.user), content_type="text/calendar"
    )
    response["Content-Disposition"] = 'attachment; filename="meeting.ics"'
    return response


@login_required
@require_http_methods(["GET", "HEAD", "POST"])
def book(request: HttpRequest, slug: str, vendor_slug: str) -> HttpResponse:
    expo = get_object_or_404(selectors.expos_public(), slug=slug)
    booth = get_object_or_404(selectors.booths_public(expo=expo), vendor__slug=vendor_slug)
    buyer = _buyer(request)
    slots = list(selectors.slots_free(expo=booth.expo, vendor=booth.vendor)[:200])
    form = MeetingRequestForm(request.POST if request.method == "POST" else None)
    if request.method == "POST" and buyer is not None and form.is_valid():
        slot = next((s for s in slots if str(s.pk) == request.POST.get("slot")), None)
        if slot is None:
            form.add_error(None, _("Choose one of the free slots."))
        else:
            success = _("Your request was sent. The business will confirm it by email.")
            with service_errors(request, form=form, success=success) as outcome:
                services.meeting_request(buyer=buyer, slot=slot, agenda=form.cleaned_data["agenda"])
            if outcome.ok:
                if not vendor_reachable(vendor=booth.vendor):
                    messages.warning(request, UNREACHABLE_NOTICE)
                return redirect("me_expo:meetings")
        slots = list(selectors.slots_free(expo=booth.expo, vendor=booth.vendor)[:200])
    return render(
        request,
        "expo/me/book.html",
        {"booth": booth, "expo": booth.expo, "slots": slots, "form": form, "buyer": buyer},
        status=400 if form.errors else 200,
    )


@login_required
@require_safe
def sessions(request: HttpRequest) -> HttpResponse:
    items = list(selectors.sessions_of_user(user=request.user))
    return render(request, "expo/me/sessions.html", {"sessions": items})
