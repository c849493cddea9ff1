from django.contrib import admin, messages
from django.core.exceptions import PermissionDenied
from django.db.models import Q
from django.http import FileResponse, Http404
from django.shortcuts import get_object_or_404
from django.template.response import TemplateResponse
from django.urls import path, reverse
from django.utils.html import format_html
from django.utils.translation import gettext_lazy as _
from django.utils.translation import ngettext

from core.admin_display import thumbnail
from core.admin_queue import admin_queue_register, queue_part
from core.countries import country_name
from core.exports import Column, ExportSpec, attr, display
from core.exports_admin import ExportMixin
from core.models import Image
from vendors import services
from vendors.admin_scoping import RegionScopedAdminMixin, RegionScopedInlineMixin
from vendors.forms import RejectForm
from vendors.models import Certification, RegionalCoordinator, Vendor, VendorMember, VendorReview


class VendorMemberInline(RegionScopedInlineMixin, admin.TabularInline):
    model = VendorMember
    extra = 0
    autocomplete_fields = ["user"]


class CertificationInline(RegionScopedInlineMixin, admin.TabularInline):
    model = Certification
    extra = 0
    fields = ["kind", "number", "expires_on", "document_link"]
    readonly_fields = ["document_link"]

    @admin.display(description=_("document"))
    def document_link(self, obj: Certification) -> str:
        if not obj.pk or not obj.document:
            return "—"
        url = reverse("admin:vendors_vendor_certificate", args=[obj.vendor_id, obj.pk])
        return format_html('<a href="{}">{}</a>', url, _("Open the document"))


class VendorReviewInline(RegionScopedInlineMixin, admin.TabularInline):
    model = VendorReview
    extra = 0
    fields = ["decision", "note", "decided_by", "decided_at"]
    readonly_fields = fields
    can_delete = False

    def has_add_permission(self, request, obj=None) -> bool:
        return False


@admin.register(Vendor)
class VendorAdmin(ExportMixin, RegionScopedAdminMixin, admin.ModelAdmin):
    export_spec = ExportSpec(
        columns=[
            Column(_("Business name"), attr("name")),
            Column(_("Legal form"), display("legal_form")),
            Column(_("NIB"), attr("nib")),
            Column(_("Province"), attr("regency.province.name")),
            Column(_("Regency or city"), attr("regency.name")),
            Column(_("Status"), display("status")),
            Column(_("Cluster units"), attr("cluster_members")),
            Column(_("Employees"), attr("employees")),
            Column(_("Year founded"), attr("year_founded")),
            Column(
                _("Exported to"), lambda v: ", ".join(country_name(c) for c in v.export_countries)
            ),
            Column(_("WhatsApp"), attr("whatsapp")),
        ],
        select_related=("regency__province",),
    )
    list_display = ["name", "status", "legal_form", "regency", "submitted_at", "reviewed_at"]
    list_filter = [
        "status",
        ("regency__province", admin.RelatedOnlyFieldListFilter),
        ("regency", admin.RelatedOnlyFieldListFilter),
        "legal_form",
        "submitted_at",
    ]
    search_fields = ["name", "nib", "slug", "members__user__email", "whatsapp"]
    list_select_related = ["regency"]
    autocomplete_fields = ["regency"]
    exclude = ["logo"]  # replaced by the business through its profile; shown as a picture
    readonly_fields = [
        "logo_picture",
        "status",
        "onboarding_step",
        "submitted_at",
        "reviewed_by",
        "reviewed_at",
        "review_note",
        "created_at",
        "updated_at",
    ]
    prepopulated_fields = {"slug": ["name"]}
    date_hierarchy = "submitted_at"
    inlines = [VendorMemberInline, CertificationInline, VendorReviewInline]
    actions = ["verify", "reject", "suspend"]

    @admin.display(description=_("logo"))
    def logo_picture(self, obj: Vendor):
        return thumbnail(obj.logo, alt=obj.name)

    def save_model(self, request, obj, form, change) -> None:
        services.vendor_staff_save(vendor=obj)

    def get_urls(self):
        return [
            path(
                "<int:vendor_id>/certificates/<int:pk>/",
                self.admin_site.admin_view(self.certificate_view),
                name="vendors_vendor_certificate",
            ),
            *super().get_urls(),
        ]

    def certificate_view(self, request, vendor_id: int, pk: int):
        """Curators open a certificate document to check it (coordinators: their regencies)."""
        if not self.has_view_permission(request):
            raise PermissionDenied
        vendor = get_object_or_404(self.get_queryset(request), pk=vendor_id)
        certification = get_object_or_404(Certification, pk=pk, vendor=vendor)
        if not certification.document:
            raise Http404
        ext = certification.document.name.rsplit(".", 1)[-1]
        return FileResponse(
            certification.document.open("rb"),
            filename=f"{certification.kind}-{certification.pk}.{ext}",
            content_type={"pdf": "application/pdf", "png": "image/png"}.get(ext, "image/jpeg"),
        )

    def _done(self, request, count: int) -> None:
        self.message_user(
            request,
            ngettext("%(count)d business updated.", "%(count)d businesses updated.", count)
            % {"count": count},
            messages.SUCCESS,
        )

    @admin.action(description=_("Verify the selected businesses"), permissions=["change"])
    def verify(self, request, queryset) -> None:
        vendors = list(queryset)
        for vendor in vendors:
            services.vendor_verify(vendor=vendor, by=request.user)
        self._done(request, len(vendors))

    @admin.action(description=_("Send back with a coaching note"), permissions=["change"])
    def reject(self, request, queryset):
        form = RejectForm(request.POST if "apply" in request.POST else None)
        if "apply" in request.POST and form.is_valid():
            vendors = list(queryset)
            for vendor in vendors:
                services.vendor_reject(
                    vendor=vendor, by=request.user, note=form.cleaned_data["note"]
                )
            self._done(request, len(vendors))
            return None
        return TemplateResponse(
            request,
            "vendors/admin/reject.html",
            {
                **self.admin_site.each_context(request),
                "title": _("Send back with a coaching note"),
                "form": form,
                "vendors": queryset,
                "action_checkbox_name": admin.helpers.ACTION_CHECKBOX_NAME,
                "opts": self.model._meta,
            },
        )

    @admin.action(description=_("Suspend the selected businesses"), permissions=["change"])
    def suspend(self, request, queryset) -> None:
        vendors = list(queryset)
        for vendor in vendors:
            services.vendor_suspend(vendor=vendor, by=request.user)
        self._done(request, len(vendors))


@admin.register(VendorReview)
class VendorReviewAdmin(RegionScopedAdminMixin, admin.ModelAdmin):
    regency_path = "vendor__regency"
    list_display = ["vendor", "decision", "decided_by", "decided_at"]
    list_filter = ["decision", "decided_at"]
    search_fields = ["vendor__name", "note"]
    list_select_related = ["vendor", "decided_by"]
    readonly_fields = ["vendor", "decision", "note", "decided_by", "decided_at"]

    def has_add_permission(self, request) -> bool:
        return False

    def has_change_permission(self, request, obj=None) -> bool:
        return False


@admin.register(RegionalCoordinator)
class RegionalCoordinatorAdmin(admin.ModelAdmin):
    list_display = ["user", "regency_list"]
    list_filter = ["regencies__province"]
    search_fields = ["user__email", "user__name", "regencies__name"]
    autocomplete_fields = ["user", "regencies"]
    list_select_related = ["user"]

    def get_queryset(self, request):
        return super().get_queryset(request).prefetch_related("regencies")

    @admin.display(description=_("regencies"))
    def regency_list(self, obj: RegionalCoordinator) -> str:
        return ", ".join(r.name for r in obj.regencies.all())


# --- The work queue on the admin's front page (core/admin_queue.py) -------------------------


def _queue_vendors(request, site):
    """Businesses waiting for verification, oldest submission first; failed logos."""
    parts = queue_part(
        request, site, Vendor,
        key="verification",
        title=_("Businesses waiting for verification"),
        empty=_("No business is waiting for verification."),
        condition=Q(status=Vendor.Status.SUBMITTED),
        oldest_first="submitted_at",
        row=lambda v: (v.name, v.regency.name if v.regency else "", v.submitted_at),
        select_related=("regency",),
        list_query="status__exact=submitted&o=5",
        list_label=_("All businesses waiting"),
        order=10,
    )  # fmt: skip
    parts += queue_part(
        request, site, Vendor,
        key="images",
        title=_("Failed image jobs"),
        empty=_("No image failed."),
        condition=Q(logo__status=Image.Status.FAILED),
        oldest_first="logo__created_at",
        row=lambda v: (
            v.name, f"{_('logo')}: {v.logo.get_error_display()}", v.logo.created_at
        ),
        select_related=("logo",),
        list_query=None,
        list_label="",
        order=40,
    )  # fmt: skip
    return parts


admin_queue_register(_queue_vendors)
