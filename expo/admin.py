"""BI staff run the expo here: editions and their halls and agenda, booth curation (scores,
decisions, numbering), nominations by regional coordinators, meetings and visit statistics."""

from django import forms
from django.contrib import admin, messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import models
from django.db.models import Avg, Count, F, FloatField, Q, QuerySet
from django.db.models.functions import Cast
from django.http import HttpResponseRedirect
from django.template.response import TemplateResponse
from django.urls import path, reverse
from django.utils.translation import gettext_lazy as _
from django.utils.translation import ngettext

from core.admin_display import thumbnail
from core.admin_queue import admin_queue_register, queue_part
from core.countries import country_name
from core.exports import Column, ExportSpec, attr, display, local_time
from core.exports_admin import ExportMixin
from core.models import Image
from expo import services
from expo.models import (
    AvailabilitySlot,
    Booth,
    BoothScore,
    BoothVisitDay,
    Expo,
    ExpoSession,
    Hall,
    Meeting,
)
from vendors.admin_scoping import (
    RegionScopedAdminMixin,
    RegionScopedInlineMixin,
    ScopedReadOnlyAdmin,
    coordinator_regency_ids,
    regency_scope_register,
)
from vendors.models import Vendor

for _model in (Booth, AvailabilitySlot, Meeting):
    regency_scope_register(_model, "vendor__regency")
regency_scope_register(BoothScore, "booth__vendor__regency")
regency_scope_register(
    Image, lambda ids: Q(pk__in=Booth.objects.filter(vendor__regency__in=ids).values("banner"))
)


class HallInline(admin.TabularInline):
    model = Hall
    extra = 1
    prepopulated_fields = {"slug": ["name_en"]}
    fields = ["name_id", "name_en", "slug", "kind", "regency", "position"]
    autocomplete_fields = ["regency"]


class ExpoSessionInline(admin.StackedInline):
    model = ExpoSession
    extra = 0
    fields = [
        ("kind", "speaker", "vendor"),
        ("title_id", "title_en"),
        ("starts_at", "ends_at", "capacity"),
        ("description_id", "description_en"),
        ("stream_url", "recording_url"),
    ]
    autocomplete_fields = ["vendor"]


def _status_action(status: str, label):
    def action(modeladmin, request, queryset):
        updated = 0
        for expo in queryset:
            services.expo_status_set(expo=expo, status=status)
            updated += 1
        modeladmin.message_user(
            request,
            ngettext("%(count)d expo updated.", "%(count)d expos updated.", updated)
            % {"count": updated},
            messages.SUCCESS,
        )

    action.__name__ = f"mark_{status}"
    return admin.action(description=label)(action)


@admin.register(Expo)
class ExpoAdmin(admin.ModelAdmin):
    list_display = [
        "name",
        "status",
        "applications_open_at",
        "applications_close_at",
        "starts_at",
        "ends_at",
    ]
    list_filter = ["status"]
    search_fields = ["name", "slug"]
    prepopulated_fields = {"slug": ["name"]}
    date_hierarchy = "starts_at"
    inlines = [HallInline, ExpoSessionInline]
    fieldsets = [
        (None, {"fields": ["name", "slug", "organiser", "status", "time_zone"]}),
        (_("Theme"), {"fields": [("theme_id", "theme_en"), "description_id", "description_en"]}),
        (_("Application window"), {"fields": [("applications_open_at", "applications_close_at")]}),
        (_("Live window"), {"fields": [("starts_at", "ends_at")]}),
    ]
    actions = [
        _status_action(Expo.Status.APPLICATIONS_OPEN, _("Open applications")),
        _status_action(Expo.Status.CURATION, _("Start curation")),
        _status_action(Expo.Status.PUBLISHED, _("Publish")),
        _status_action(Expo.Status.LIVE, _("Go live")),
        _status_action(Expo.Status.CLOSED, _("Close (keep as archive)")),
    ]


@admin.register(Hall)
class HallAdmin(admin.ModelAdmin):
    list_display = ["name_en", "expo", "kind", "regency", "position"]
    list_filter = ["expo", "kind"]
    search_fields = ["name_id", "name_en", "expo__name"]
    list_select_related = ["expo", "regency"]
    autocomplete_fields = ["expo", "regency"]


SCORE_FIELDS = ["originality", "quality_capacity", "packaging", "legality", "comment"]


class BoothScoreInline(RegionScopedInlineMixin, admin.TabularInline):
    """Each curator scores once; their own row is saved under their name."""

    model = BoothScore
    extra = 1
    max_num = 20
    fields = ["curator", *SCORE_FIELDS]
    readonly_fields = ["curator"]
    # Narrow number boxes and a short comment: the table fits a 1366 px laptop beside the menu.
    formfield_overrides = {
        models.PositiveSmallIntegerField: {
            "widget": forms.NumberInput(attrs={"min": 1, "max": 5, "class": "score-input"})
        },
        models.TextField: {"widget": forms.Textarea(attrs={"rows": 2, "cols": 30})},
    }


class DecisionForm(forms.Form):
    note = forms.CharField(
        label=_("Note to the business"), required=False, widget=forms.Textarea(attrs={"rows": 4})
    )


class NominationForm(forms.Form):
    expo = forms.ModelChoiceField(
        label=_("Expo"),
        queryset=Expo.objects.filter(
            status__in=[Expo.Status.APPLICATIONS_OPEN, Expo.Status.CURATION]
        ),
    )
    vendors = forms.ModelMultipleChoiceField(
        label=_("Businesses"), queryset=Vendor.objects.none(), widget=forms.CheckboxSelectMultiple
    )

    def __init__(self, *args, user, **kwargs):
        super().__init__(*args, **kwargs)
        vendors = Vendor.objects.filter(status=Vendor.Status.VERIFIED).select_related("regency")
        regency_ids = coordinator_regency_ids(user)
        if regency_ids is not None:  # a coordinator sees only the businesses of their regencies
            vendors = vendors.filter(regency_id__in=regency_ids)
        self.fields["vendors"].queryset = vendors
        self.fields["vendors"].label_from_instance = lambda v: f"{v.name} · {v.regency or '—'}"


def _booth_scores(qs: QuerySet) -> QuerySet:
    return qs.annotate(
        score_count=Count("scores"),
        score_originality=Avg("scores__originality"),
        score_quality=Avg("scores__quality_capacity"),
        score_packaging=Avg("scores__packaging"),
        score_legality=Avg("scores__legality"),
    )


def _booth_average(booth: Booth) -> float | None:
    parts = [
        booth.score_originality, booth.score_quality, booth.score_packaging, booth.score_legality
    ]  # fmt: skip
    return None if booth.score_count == 0 else round(sum(parts) / 4, 2)


def _score(field: str):
    return lambda booth: None if getattr(booth, field) is None else round(getattr(booth, field), 2)


@admin.register(Booth)
class BoothAdmin(ExportMixin, RegionScopedAdminMixin, admin.ModelAdmin):
    regency_path = "vendor__regency"
    list_display = [
        "vendor",
        "expo",
        "status",
        "hall",
        "number",
        "average_score",
        "nominated_by",
        "created_at",
    ]
    list_filter = ["status", "expo", "hall", ("vendor__regency", admin.RelatedOnlyFieldListFilter)]
    search_fields = ["vendor__name", "vendor__nib", "tagline_id", "tagline_en"]
    list_select_related = ["vendor", "expo", "hall", "nominated_by"]
    autocomplete_fields = ["expo", "hall", "preferred_hall", "vendor", "featured_products"]
    exclude = ["banner"]  # uploaded by the business with its application; shown as a picture
    # A decision numbers the booth and emails the business: only the approve and reject actions
    # (expo.services.booth_approve / booth_reject) change the status.
    readonly_fields = [
        "banner_picture", "status", "nominated_by", "nominated_at",
        "decided_by", "decided_at", "created_at",
    ]  # fmt: skip
    inlines = [BoothScoreInline]
    # Grouped, with short text boxes: the change page fits a 1366 px laptop (issue 12, item 6).
    fieldsets = [
        (None, {"fields": ["expo", "vendor", ("preferred_hall", "hall", "number")]}),
        (
            _("The booth"),
            {"fields": ["tagline_id", "tagline_en", "video_url", "featured_products",
                        "banner_picture"]},
        ),
        (
            _("Decision"),
            {"fields": ["status", ("nominated_by", "nominated_at"), ("decided_by", "decided_at"),
                        "decision_note", "created_at"]},
        ),
    ]  # fmt: skip
    formfield_overrides = {
        models.TextField: {"widget": forms.Textarea(attrs={"rows": 3, "cols": 60})}
    }
    actions = ["approve", "reject", "nominate"]
    change_list_template = "admin/expo/booth/change_list.html"
    export_spec = ExportSpec(
        columns=[
            Column(_("Expo"), attr("expo.name")),
            Column(_("Business name"), attr("vendor.name")),
            Column(_("Regency or city"), attr("vendor.regency.name")),
            Column(_("Hall"), attr("hall.name")),
            Column(_("Booth number"), attr("number")),
            Column(_("Status"), display("status")),
            Column(_("Scores"), attr("score_count")),
            Column(_("Originality"), _score("score_originality")),
            Column(_("Quality and capacity"), _score("score_quality")),
            Column(_("Packaging"), _score("score_packaging")),
            Column(_("Legality"), _score("score_legality")),
            Column(_("Average score"), _booth_average),
        ],
        select_related=("expo", "vendor__regency", "hall"),
        annotate=_booth_scores,
    )

    @admin.display(description=_("banner"))
    def banner_picture(self, obj: Booth):
        return thumbnail(obj.banner, alt=obj.vendor.name)

    def get_queryset(self, request):
        total = (
            F("scores__originality")
            + F("scores__quality_capacity")
            + F("scores__packaging")
            + F("scores__legality")
        )
        return super().get_queryset(request).annotate(_average=Avg(Cast(total, FloatField()) / 4.0))

    @admin.display(description=_("average score"), ordering="_average")
    def average_score(self, obj):
        return f"{obj._average:.2f}" if obj._average is not None else "—"

    def get_actions(self, request):
        actions = super().get_actions(request)
        if coordinator_regency_ids(request.user) is not None:  # coordinators nominate, never decide
            actions.pop("approve", None)
            actions.pop("reject", None)
        return actions

    def save_formset(self, request, form, formset, change):
        if formset.model is not BoothScore:
            return super().save_formset(request, form, formset, change)
        # Scores are written by the same service as everywhere else: 1–5, each curator their own.
        refused = []
        for score in formset.save(commit=False):
            try:
                saved = services.booth_score(
                    booth=score.booth,
                    curator=score.curator if score.curator_id else request.user,
                    by=request.user,
                    **{field: getattr(score, field) for field in SCORE_FIELDS},
                )
            except ValidationError as exc:
                refused.extend(exc.messages)
            else:
                score.pk, score.curator = saved.pk, saved.curator  # for the admin's history
        for score in formset.deleted_objects:
            try:
                services.booth_score_delete(score=score, by=request.user)
            except ValidationError as exc:
                refused.extend(exc.messages)
        for message in dict.fromkeys(refused):
            # fail_silently: the rule holds even where no message can be shown
            self.message_user(request, message, messages.ERROR, fail_silently=True)

    def _decide(self, request, queryset, *, approve: bool):
        """Approve or reject with a note, after an intermediate page asks for the note."""
        if "apply" in request.POST:
            form = DecisionForm(request.POST)
            if form.is_valid():
                done, errors = 0, []
                for booth in queryset:
                    try:
                        if approve:
                            services.booth_approve(
                                booth=booth, by=request.user, note=form.cleaned_data["note"]
                            )
                        else:
                            services.booth_reject(
                                booth=booth, by=request.user, note=form.cleaned_data["note"]
                            )
                        done += 1
                    except ValidationError as exc:
                        errors.append(f"{booth.vendor}: {' '.join(exc.messages)}")
                self.message_user(
                    request,
                    ngettext(
                        "%(count)d booth decided; the business was emailed.",
                        "%(count)d booths decided; the businesses were emailed.",
                        done,
                    )
                    % {"count": done},
                    messages.SUCCESS,
                )
                for error in errors:
                    self.message_user(request, error, messages.ERROR)
                return HttpResponseRedirect(request.get_full_path())
        else:
            form = DecisionForm()
        return TemplateResponse(
            request,
            "admin/expo/booth/decide.html",
            {
                **self.admin_site.each_context(request),
                "title": _("Approve booths") if approve else _("Reject booths"),
                "booths": queryset.select_related("vendor", "expo"),
                "form": form,
                "action": "approve" if approve else "reject",
                "opts": self.model._meta,
                "action_checkbox_name": admin.helpers.ACTION_CHECKBOX_NAME,
            },
        )

    @admin.action(description=_("Approve selected booths (with a note)"))
    def approve(self, request, queryset):
        return self._decide(request, queryset, approve=True)

    @admin.action(description=_("Reject selected booths (with a note)"))
    def reject(self, request, queryset):
        return self._decide(request, queryset, approve=False)

    def has_nominate_permission(self, request) -> bool:
        return request.user.has_perm("expo.nominate_booth")

    @admin.action(
        description=_("Nominate selected applications for the region"),
        permissions=["nominate"],
    )
    def nominate(self, request, queryset):
        done = 0
        for booth in queryset.select_related("expo", "vendor"):
            try:
                services.booth_nominate(expo=booth.expo, vendor=booth.vendor, by=request.user)
                done += 1
            except ValidationError as exc:
                self.message_user(
                    request, f"{booth.vendor}: {' '.join(exc.messages)}", messages.ERROR
                )
        self.message_user(
            request,
            ngettext("%(count)d business nominated.", "%(count)d businesses nominated.", done)
            % {"count": done},
            messages.SUCCESS,
        )

    def get_urls(self):
        return [
            path(
                "nominate/",
                self.admin_site.admin_view(self.nominate_view),
                name="expo_booth_nominate",
            ),
            *super().get_urls(),
        ]

    def nominate_view(self, request):
        """A coordinator puts forward businesses of their regencies, applied or not."""
        if not self.has_nominate_permission(request):
            raise PermissionDenied
        form = NominationForm(request.POST or None, user=request.user)
        if request.method == "POST" and form.is_valid():
            done = 0
            for vendor in form.cleaned_data["vendors"]:
                try:
                    services.booth_nominate(
                        expo=form.cleaned_data["expo"], vendor=vendor, by=request.user
                    )
                    done += 1
                except ValidationError as exc:
                    self.message_user(
                        request, f"{vendor}: {' '.join(exc.messages)}", messages.ERROR
                    )
            self.message_user(
                request,
                ngettext("%(count)d business nominated.", "%(count)d businesses nominated.", done)
                % {"count": done},
                messages.SUCCESS,
            )
            return HttpResponseRedirect(reverse("admin:expo_booth_changelist"))
        return TemplateResponse(
            request,
            "admin/expo/booth/nominate.html",
            {
                **self.admin_site.each_context(request),
                "title": _("Nominate businesses"),
                "form": form,
                "opts": self.model._meta,
            },
        )


@admin.register(BoothVisitDay)
class BoothVisitDayAdmin(ScopedReadOnlyAdmin):
    regency_path = "booth__vendor__regency"
    list_display = ["booth", "day", "visits", "unique_visitors"]
    list_filter = ["booth__expo", "day"]
    search_fields = ["booth__vendor__name"]
    list_select_related = ["booth__vendor", "booth__expo"]
    date_hierarchy = "day"


@admin.register(AvailabilitySlot)
class AvailabilitySlotAdmin(RegionScopedAdminMixin, admin.ModelAdmin):
    regency_path = "vendor__regency"
    list_display = ["vendor", "expo", "starts_at", "member"]
    list_filter = ["expo"]
    search_fields = ["vendor__name"]
    list_select_related = ["vendor", "expo", "member__user"]
    raw_id_fields = ["member"]
    autocomplete_fields = ["expo", "vendor"]


@admin.register(Meeting)
class MeetingAdmin(ExportMixin, RegionScopedAdminMixin, admin.ModelAdmin):
    regency_path = "vendor__regency"
    export_spec = ExportSpec(
        columns=[
            Column(_("Starts (your time zone)"), local_time("starts_at")),
            Column(_("Expo"), attr("slot.expo.name")),
            Column(_("Business name"), attr("vendor.name")),
            Column(_("Buyer"), attr("buyer.user.name")),
            Column(_("Buyer country"), lambda m: country_name(m.buyer.country)),
            Column(_("Status"), display("status")),
        ],
        select_related=("slot__expo", "vendor", "buyer__user"),
    )
    list_display = ["vendor", "buyer", "starts_at", "status"]
    list_filter = ["status", "slot__expo"]
    search_fields = ["vendor__name", "buyer__user__email", "buyer__organisation"]
    list_select_related = ["vendor", "buyer__user"]
    raw_id_fields = ["slot", "buyer"]
    autocomplete_fields = ["vendor"]
    readonly_fields = ["created_at", "updated_at"]


# --- The work queue on the admin's front page (core/admin_queue.py) -------------------------


def _queue_expo(request, site):
    """Booth applications this curator has not scored yet (expos still deciding); failed
    banners."""
    parts = queue_part(
        request, site, Booth,
        key="scoring",
        title=_("Booth applications to score"),
        empty=_("Every booth application has your score."),
        condition=Q(
            status__in=[Booth.Status.APPLIED, Booth.Status.NOMINATED],
            expo__status__in=[Expo.Status.APPLICATIONS_OPEN, Expo.Status.CURATION],
        ),
        exclude=Q(scores__curator=request.user),
        oldest_first="created_at",
        row=lambda b: (b.vendor.name, f"{b.expo.name} · {b.get_status_display()}", b.created_at),
        select_related=("vendor", "expo"),
        list_query="status__exact=applied",
        list_label=_("All booth applications"),
        order=20,
    )  # fmt: skip
    parts += queue_part(
        request, site, Booth,
        key="images",
        title=_("Failed image jobs"),
        empty=_("No image failed."),
        condition=Q(banner__status=Image.Status.FAILED),
        oldest_first="banner__created_at",
        row=lambda b: (
            f"{b.vendor.name} · {b.expo.name}",
            f"{_('banner')}: {b.banner.get_error_display()}",
            b.banner.created_at,
        ),
        select_related=("vendor", "expo", "banner"),
        list_query=None,
        list_label="",
        order=40,
    )  # fmt: skip
    return parts


admin_queue_register(_queue_expo)
