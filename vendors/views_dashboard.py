"""The vendor area (`/<lang>/dashboard/…`): onboarding, overview, profile, team and deals."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import FileResponse, Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods, require_POST, require_safe

from core.views_helpers import service_errors
from vendors import selectors, services
from vendors.access import is_owner, membership_for, vendor_area
from vendors.forms import (
    CertificationForm,
    ContactForm,
    IdentityForm,
    InvitationForm,
    LocationForm,
    ProfileForm,
    ProvinceForm,
)
from vendors.models import Certification, Vendor, VendorInvitation, VendorMember

STEPS = [
    (1, "identity"),
    (2, "location"),
    (3, "contact"),
    (4, "profile"),
    (5, "certifications"),
    (6, "submit"),
]


def _step_labels() -> dict[int, str]:
    return {
        1: _("Business identity"),
        2: _("Location"),
        3: _("Contact"),
        4: _("Profile"),
        5: _("Certifications"),
        6: _("Submit"),
    }


def _progress(vendor: Vendor | None, current: int) -> list[dict]:
    reached = vendor.onboarding_step if vendor else 0
    labels = _step_labels()
    return [
        {
            "number": number,
            "label": labels[number],
            "done": number <= reached,
            "current": number == current,
            "open": number <= reached + 1,
        }
        for number, _slug in STEPS
    ]


@require_safe
@login_required
def onboarding(request: HttpRequest) -> HttpResponse:
    """Where "Register your business" lands: the first step not done yet."""
    membership = membership_for(request.user)
    if membership is None:
        return redirect("dashboard:onboarding_step", step=1)
    vendor = membership.vendor
    if membership.role != VendorMember.Role.OWNER or vendor.status not in (
        services.EDITABLE_STATUSES
    ):
        return redirect("dashboard:home")
    return redirect("dashboard:onboarding_step", step=min(vendor.onboarding_step + 1, 6))


@require_http_methods(["GET", "POST"])
@login_required
def onboarding_step(request: HttpRequest, step: int) -> HttpResponse:
    """One step of the registration; also how an owner edits these parts later.

    Nobody reaches a step beyond the one after the furthest completed (posting ahead included).
    """
    membership = membership_for(request.user)
    vendor = membership.vendor if membership else None
    if membership is not None and membership.role != VendorMember.Role.OWNER:
        messages.info(request, _("Only the owner of %(name)s edits its registration.") % {
            "name": vendor.name
        })  # fmt: skip
        return redirect("dashboard:home")
    reached = vendor.onboarding_step if vendor else 0
    if step < 1 or step > 6:
        raise Http404
    if step > reached + 1:
        messages.warning(request, _("Please finish this step first."))
        return redirect("dashboard:onboarding_step", step=reached + 1)
    if step == 6 and vendor.status not in services.EDITABLE_STATUSES:
        return redirect("dashboard:home")
    handler = STEP_HANDLERS[step]
    context = handler(request, vendor)
    if isinstance(context, HttpResponse):
        return context
    context.update(
        vendor=vendor,
        step=step,
        steps=_progress(vendor, step),
        step_label=_step_labels()[step],
        editing=vendor is not None and vendor.status not in services.EDITABLE_STATUSES,
    )
    return render(request, f"vendors/dashboard/onboarding_{STEPS[step - 1][1]}.html", context)


def _next(vendor: Vendor, step: int) -> HttpResponse:
    if vendor.status in services.EDITABLE_STATUSES:
        return redirect("dashboard:onboarding_step", step=step + 1)
    return redirect("dashboard:profile")


def _step_identity(request, vendor):
    locked = vendor is not None and vendor.status not in services.EDITABLE_STATUSES
    form = IdentityForm(request.POST or None, instance=vendor, locked=locked)
    if request.method == "POST" and form.is_valid():
        data = {k: form.cleaned_data[k] for k in ("name", "legal_form", "nib")}
        if vendor is None:
            vendor = services.vendor_create(owner=request.user, **data)
        else:
            vendor = services.vendor_identity_update(vendor=vendor, **data)
        messages.success(request, _("Saved."))
        return _next(vendor, 1)
    return {"form": form, "locked": locked}


def _step_location(request, vendor):
    province = None
    if request.method == "POST":
        posted = ProvinceForm(request.POST)
        province = posted.cleaned_data["province"] if posted.is_valid() else None
    elif "province" in request.GET:
        province_form = ProvinceForm(request.GET)
        if province_form.is_valid():
            province = province_form.cleaned_data["province"]
    elif vendor.regency_id:
        province = vendor.regency.province
    province_form = ProvinceForm(initial={"province": province})
    if province is None:
        if "province" in request.GET:
            province_form = ProvinceForm(request.GET)
            province_form.is_valid()
        return {"province_form": province_form, "form": None}
    initial = {"address": vendor.address}
    if vendor.regency and vendor.regency.province_id == province.pk:
        initial["regency"] = vendor.regency
    form = LocationForm(request.POST or None, province=province, initial=initial)
    if request.method == "POST" and form.is_valid():
        services.vendor_location_update(vendor=vendor, **form.cleaned_data)
        messages.success(request, _("Saved."))
        return _next(vendor, 2)
    return {"province_form": province_form, "province": province, "form": form}


def _step_contact(request, vendor):
    form = ContactForm(request.POST or None, instance=vendor)
    if request.method == "POST" and form.is_valid():
        services.vendor_contact_update(vendor=vendor, whatsapp=form.cleaned_data["whatsapp"])
        messages.success(request, _("Saved."))
        return _next(vendor, 3)
    return {"form": form}


def _step_profile(request, vendor):
    form = ProfileForm(request.POST or None, request.FILES or None, instance=vendor)
    if request.method == "POST" and form.is_valid():
        services.vendor_profile_update(
            vendor=vendor, **{name: form.cleaned_data[name] for name in ProfileForm.Meta.fields}
        )
        messages.success(request, _("Saved."))
        return _next(vendor, 4)
    return {"form": form}


def _step_certifications(request, vendor):
    form = CertificationForm(prefix="cert")
    if request.method == "POST":
        if request.POST.get("action") == "continue":
            services.vendor_certifications_done(vendor=vendor)
            return _next(vendor, 5)
        form = CertificationForm(request.POST, request.FILES, prefix="cert")
        if form.is_valid():
            services.certification_add(vendor=vendor, **form.cleaned_data)
            messages.success(request, _("Certification added."))
            return redirect("dashboard:onboarding_step", step=5)
    return {"form": form, "certifications": vendor.certifications.all()}


def _step_submit(request, vendor):
    missing = services.vendor_missing(vendor)
    if request.method == "POST":
        success = _("Thank you! A curator will check your business within a few days.")
        with service_errors(request, success=success) as outcome:
            services.vendor_submit(vendor=vendor, by=request.user)
        if outcome.ok:
            return redirect("dashboard:home")
    return {"missing": missing, "certifications": vendor.certifications.all()}


STEP_HANDLERS = {
    1: _step_identity,
    2: _step_location,
    3: _step_contact,
    4: _step_profile,
    5: _step_certifications,
    6: _step_submit,
}


@require_safe
@vendor_area
def home(request: HttpRequest) -> HttpResponse:
    vendor = request.vendor
    counts = selectors.vendor_counts(vendor)
    checklist = selectors.vendor_checklist(
        vendor,
        certification_count=counts["certifications"],
        product_count=counts["published_products"],
    )
    return render(
        request,
        "vendors/dashboard/home.html",
        {
            "dashboard_section": "home",
            "vendor": vendor,
            "counts": counts,
            "checklist": checklist,
            "checklist_done": sum(item.done for item in checklist),
            "progress": selectors.onboarding_progress(vendor),
            "tasks": selectors.vendor_tasks(vendor),
            "is_owner": is_owner(request),
            "editable": vendor.status in services.EDITABLE_STATUSES,
        },
    )


@require_safe
@vendor_area
def profile(request: HttpRequest) -> HttpResponse:
    vendor = request.vendor
    return render(
        request,
        "vendors/dashboard/profile.html",
        {
            "dashboard_section": "profile",
            "vendor": vendor,
            "certifications": vendor.certifications.all(),
            "is_owner": is_owner(request),
        },
    )


CONTENT_TYPES = {"pdf": "application/pdf", "jpg": "image/jpeg", "png": "image/png"}


@require_safe
@vendor_area
def certification_document(request: HttpRequest, pk: int) -> FileResponse:
    """The private certificate file, for this vendor's owner and staff only."""
    certification = get_object_or_404(Certification, pk=pk, vendor=request.vendor)
    if not certification.document:
        raise Http404
    ext = certification.document.name.rsplit(".", 1)[-1]
    response = FileResponse(
        certification.document.open("rb"),
        as_attachment=True,
        filename=f"{certification.kind}-{certification.pk}.{ext}",
        content_type=CONTENT_TYPES.get(ext, "application/octet-stream"),
    )
    response["Cache-Control"] = "private, no-store"
    return response


@require_http_methods(["GET", "POST"])
@vendor_area(owner_only=True)
def certification_delete(request: HttpRequest, pk: int) -> HttpResponse:
    certification = get_object_or_404(Certification, pk=pk, vendor=request.vendor)
    if request.method == "POST":
        services.certification_delete(certification=certification)
        messages.success(request, _("Certification removed."))
        if request.vendor.status in services.EDITABLE_STATUSES:
            return redirect("dashboard:onboarding_step", step=5)
        return redirect("dashboard:profile")
    return render(
        request,
        "vendors/dashboard/confirm_delete.html",
        {
            "dashboard_section": "profile",
            "title": _("Remove this certification?"),
            "object_label": str(certification),
            "cancel_url": reverse("dashboard:profile"),
        },
    )


@require_http_methods(["GET", "POST"])
@vendor_area(owner_only=True)
def team(request: HttpRequest) -> HttpResponse:
    vendor = request.vendor
    form = InvitationForm(request.POST or None, vendor=vendor)
    if request.method == "POST" and form.is_valid():
        services.invitation_create(vendor=vendor, email=form.cleaned_data["email"], by=request.user)
        messages.success(
            request,
            _("Invitation sent to %(email)s. The link is valid for 7 days.")
            % {"email": form.cleaned_data["email"]},
        )
        return redirect("dashboard:team")
    return render(
        request,
        "vendors/dashboard/team.html",
        {
            "dashboard_section": "team",
            "form": form,
            "members": selectors.team_members(vendor=vendor),
            "invitations": selectors.invitations_pending(vendor=vendor),
        },
    )


@require_POST
@vendor_area(owner_only=True)
def invitation_revoke(request: HttpRequest, pk: int) -> HttpResponse:
    invitation = get_object_or_404(
        VendorInvitation, pk=pk, vendor=request.vendor, accepted_at__isnull=True
    )
    services.invitation_revoke(invitation=invitation)
    messages.success(request, _("Invitation withdrawn."))
    return redirect("dashboard:team")


@require_http_methods(["GET", "POST"])
@vendor_area(owner_only=True)
def member_remove(request: HttpRequest, pk: int) -> HttpResponse:
    member = get_object_or_404(
        VendorMember.objects.select_related("user"),
        pk=pk,
        vendor=request.vendor,
        role=VendorMember.Role.STAFF,
    )
    if request.method == "POST":
        services.member_remove(member=member)
        messages.success(request, _("%(email)s was removed from the team.") % {
            "email": member.user.email
        })  # fmt: skip
        return redirect("dashboard:team")
    return render(
        request,
        "vendors/dashboard/confirm_delete.html",
        {
            "dashboard_section": "team",
            "title": _("Remove this team member?"),
            "object_label": member.user.email,
            "cancel_url": reverse("dashboard:team"),
        },
    )
