"""Public pages of the vendors app: the business profile and accepting a team invitation."""

from django.contrib.auth.views import redirect_to_login
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods, require_safe

from core.views_helpers import service_errors
from vendors import services
from vendors.models import Vendor


@require_safe
def profile(request: HttpRequest, slug: str) -> HttpResponse:
    """Verified vendors only: anything else (draft, rejected, suspended) is a 404."""
    vendor = get_object_or_404(
        Vendor.objects.public().select_related("regency__province", "logo"), slug=slug
    )
    return render(
        request,
        "vendors/vendor_profile.html",
        {
            "vendor": vendor,
            "certifications": vendor.certifications.all(),
        },
    )


@require_http_methods(["GET", "POST"])
def invitation_accept(request: HttpRequest, token: str) -> HttpResponse:
    invitation = services.invitation_from_token(token)
    if invitation is None:
        return render(request, "vendors/invitation_invalid.html", status=404)
    if not request.user.is_authenticated:
        return redirect_to_login(request.get_full_path())
    if invitation.email.lower() != request.user.email.lower():
        return render(
            request, "vendors/invitation_wrong_email.html", {"invitation": invitation}, status=403
        )
    if request.method == "POST":
        success = _("Welcome to the team of %(name)s.") % {"name": invitation.vendor.name}
        with service_errors(request, success=success) as outcome:
            services.invitation_accept(invitation=invitation, user=request.user)
        if outcome.ok:
            return redirect("dashboard:home")
    return render(request, "vendors/invitation_accept.html", {"invitation": invitation})
