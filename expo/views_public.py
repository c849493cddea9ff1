"""Public expo pages: list, lobby, hall, booth, agenda with registration and calendar files."""

from csp.decorators import csp_replace
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.paginator import Paginator
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST, require_safe

from catalog.selectors import product_cards
from core.cache import anonymous_cache
from core.viewer import viewer_for
from core.views_helpers import service_errors
from expo import links, selectors, services
from expo.models import ExpoSession

HALL_PAGE_SIZE = 24
FREE_SLOTS_SHOWN = 6
# The booth video and a session's YouTube stream play in youtube-nocookie's player, after a click.
EMBED_CSP = csp_replace({"frame-src": [links.EMBED_ORIGIN]})


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
    featured = list(selectors.booth_cards(expo=expo)[:8])
    return render(
        request,
        "expo/expo_lobby.html",
        {
            "expo": expo,
            "halls": list(selectors.halls_with_counts(expo=expo)),
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
    filters = selectors.HallFilters.from_query(request.GET)
    paginator = Paginator(selectors.hall_booths(hall=hall_obj, filters=filters), HALL_PAGE_SIZE)
    page = paginator.get_page(request.GET.get("page"))
    provinces, regencies, categories = selectors.hall_filters(hall=hall_obj)
    query = request.GET.copy()
    query.pop("page", None)
    return render(
        request,
        "expo/hall_detail.html",
        {
            "expo": expo,
            "hall": hall_obj,
            "page": page,
            "booths": page.object_list,
            "provinces": provinces,
            "regencies": regencies,
            "categories": categories,
            "filters": filters,
            "page_base": f"?{query.urlencode()}&" if query else "?",
        },
    )


@EMBED_CSP
@require_safe
@anonymous_cache()
def booth(request: HttpRequest, slug: str, vendor_slug: str) -> HttpResponse:
    expo = _expo(slug)
    booths = selectors.booths_public(expo=expo).prefetch_related(None)  # cards come below
    booth_obj = get_object_or_404(booths, vendor__slug=vendor_slug)
    services.booth_visit_record(booth=booth_obj, request=request)
    vendor = booth_obj.vendor
    free_slots, free_slot_list = 0, []
    if expo.status != expo.Status.CLOSED:
        free = selectors.slots_free(expo=expo, vendor=vendor)
        free_slot_list = list(free[:FREE_SLOTS_SHOWN])
        free_slots = (
            free.count() if len(free_slot_list) == FREE_SLOTS_SHOWN else len(free_slot_list)
        )
    return render(
        request,
        "expo/booth_detail.html",
        {
            "expo": expo,
            "booth": booth_obj,
            "vendor": vendor,
            "products": product_cards(booth_obj.featured_products.public()),
            "certifications": list(vendor.certifications.all()),
            "sessions": selectors.sessions_of_vendor_upcoming(expo=expo, vendor=vendor),
            "viewer": viewer_for(request),
            "free_slots": free_slots,
            "free_slot_list": free_slot_list,
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


@EMBED_CSP
@require_safe
@anonymous_cache()
def session(request: HttpRequest, slug: str, pk: int) -> HttpResponse:
    """One session: when, who, and how to watch or join (the link is public: registration only
    reserves a place and brings the reminder email, see docs/architecture.md)."""
    expo = _expo(slug)
    try:
        session_obj = selectors.session_public(expo=expo, pk=pk)
    except ExpoSession.DoesNotExist:
        raise Http404 from None
    return render(request, "expo/session_detail.html", {"expo": expo, "session": session_obj})


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
    if request.POST.get("next") == "session":
        return redirect("expo:session", slug=expo.slug, pk=session.pk)
    return redirect("expo:agenda", slug=expo.slug)
