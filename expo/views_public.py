"""Public expo pages: list, lobby, hall, booth, agenda with registration and calendar files."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST, require_safe

from catalog.selectors import product_cards
from core.cache import anonymous_cache
from core.viewer import viewer_for
from core.views_helpers import service_errors
from expo import selectors, services
from expo.models import ExpoSession


def _expo(slug: str):
    return get_object_or_404(selectors.expos_public(), slug=slug)


@require_safe
def expo_list(request: HttpRequest) -> HttpResponse:
    expos = list(selectors.expos_public().prefetch_related("halls"))
    return render(request, "expo/expo_list.html", {"expos": expos})


@require_safe
@anonymous_cache()
def lobby(request: HttpRequest, slug: str) -> HttpResponse:
    expo = _expo(slug)
    live, upcoming = selectors.sessions_now_and_next(expo=expo)
    featured = list(selectors.booths_public(expo=expo)[:8])
    return render(
        request,
        "expo/expo_lobby.html",
        {
            "expo": expo,
            "halls": list(expo.halls.all()),
            "featured": featured,
            "live_sessions": live,
            "upcoming_sessions": upcoming,
        },
    )


@require_safe
@anonymous_cache()
def hall(request: HttpRequest, slug: str, hall: str) -> HttpResponse:
    expo = _expo(slug)
    hall_obj = get_object_or_404(expo.halls.all(), slug=hall)
    regency = request.GET.get("regency", "")[:100]
    category = request.GET.get("category", "")[:100]
    booths = list(
        selectors.hall_booths(hall=hall_obj, regency_slug=regency, category_slug=category)
    )
    regencies, categories = selectors.hall_filters(hall=hall_obj)
    return render(
        request,
        "expo/hall_detail.html",
        {
            "expo": expo,
            "hall": hall_obj,
            "booths": booths,
            "regencies": regencies,
            "categories": categories,
            "regency": regency,
            "category": category,
        },
    )


@require_safe
@anonymous_cache()
def booth(request: HttpRequest, slug: str, vendor_slug: str) -> HttpResponse:
    expo = _expo(slug)
    booth_obj = get_object_or_404(selectors.booths_public(expo=expo), vendor__slug=vendor_slug)
    services.booth_visit_record(booth=booth_obj, request=request)
    return render(
        request,
        "expo/booth_detail.html",
        {
            "expo": expo,
            "booth": booth_obj,
            "vendor": booth_obj.vendor,
            "products": product_cards(booth_obj.featured_products.public()),
            "viewer": viewer_for(request),
            "free_slots": selectors.slots_free(expo=expo, vendor=booth_obj.vendor).count(),
        },
    )


@require_safe
def agenda(request: HttpRequest, slug: str) -> HttpResponse:
    expo = _expo(slug)
    sessions = list(expo.sessions.all())
    registered = set()
    if request.user.is_authenticated:
        registered = selectors.sessions_registered_ids(user=request.user, expo=expo)
    return render(
        request,
        "expo/agenda.html",
        {"expo": expo, "sessions": sessions, "registered": registered, "now": timezone.now()},
    )


@require_safe
def session_ics(request: HttpRequest, slug: str, pk: int) -> HttpResponse:
    session = get_object_or_404(ExpoSession, expo=_expo(slug), pk=pk)
    response = HttpResponse(services.session_ics(session=session), content_type="text/calendar")
    response["Content-Disposition"] = f'attachment; filename="session-{session.pk}.ics"'
    return response


@login_required
@require_POST
def session_register(request: HttpRequest, slug: str, pk: int) -> HttpResponse:
    expo = _expo(slug)
    session = get_object_or_404(ExpoSession, expo=expo, pk=pk)
    if request.POST.get("action") == "cancel":
        services.session_unregister(session=session, user=request.user)
        messages.success(request, _("Your registration was cancelled."))
    else:
        success = _("You are registered for %(title)s.") % {"title": session.title}
        with service_errors(request, success=success):
            services.session_register(session=session, user=request.user)
    return redirect("expo:agenda", slug=expo.slug)
