import datetime as dt

from django import forms
from django.contrib import admin, messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.db.models import Q
from django.http import HttpResponseRedirect
from django.template.response import TemplateResponse
from django.urls import path, reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from django.utils.translation import ngettext

from core.admin_queue import admin_queue_register, queue_part
from core.models import ExchangeRate, OutboundEmail, Province, Regency, ReportExport
from core.outbox import outbox_send
from core.rates import MAX_BYTES, RatesFormat, rates_parse
from core.services import exchange_rates_import


@admin.register(Province)
class ProvinceAdmin(admin.ModelAdmin):
    list_display = ["code", "name"]
    search_fields = ["name", "code"]


@admin.register(Regency)
class RegencyAdmin(admin.ModelAdmin):
    list_display = ["code", "name", "kind", "province"]
    list_filter = ["kind", "province"]
    search_fields = ["name", "code"]
    list_select_related = ["province"]


@admin.register(OutboundEmail)
class OutboundEmailAdmin(admin.ModelAdmin):
    list_display = ["subject", "kind", "status", "attempts", "created_at", "sent_at"]
    list_filter = ["status", "kind", "created_at"]
    search_fields = ["subject", "to"]
    date_hierarchy = "created_at"
    actions = ["send_now"]
    readonly_fields = [f.name for f in OutboundEmail._meta.fields]

    def has_add_permission(self, request) -> bool:
        return False

    @admin.action(description=_("Send the selected pending emails now"))
    def send_now(self, request, queryset) -> None:
        sent = sum(outbox_send(email_id=pk) for pk in queryset.values_list("pk", flat=True))
        self.message_user(
            request,
            ngettext("%(count)d email sent.", "%(count)d emails sent.", sent) % {"count": sent},
            messages.SUCCESS,
        )


class RatesUploadForm(forms.Form):
    use_required_attribute = False  # as the admin's own forms: the server checks
    file = forms.FileField(
        label=_("file"),
        help_text=_(
            "BI's Kurs Transaksi table (.xlsx, or saved as CSV) or a CSV of currency, rate, date."
        ),
    )
    format = forms.ChoiceField(label=_("format"), choices=RatesFormat.choices)
    source = forms.CharField(label=_("source"), max_length=100, initial="Bank Indonesia")

    def clean(self):
        data = super().clean()
        upload = data.get("file")
        if upload is None or not data.get("format"):
            return data
        if upload.size > MAX_BYTES:
            raise ValidationError(_("The file is larger than 2 MB."), code="rates_too_large")
        data["rates"] = rates_parse(upload.read(), data["format"])  # ValidationError: shown
        return data


@admin.register(ExchangeRate)
class ExchangeRateAdmin(admin.ModelAdmin):
    list_display = ["currency", "date", "rate_idr", "source"]
    list_filter = ["currency", "source"]
    search_fields = ["currency"]
    date_hierarchy = "date"
    change_list_template = "admin/core/exchangerate/change_list.html"

    def get_urls(self):
        return [
            path(
                "upload/",
                self.admin_site.admin_view(self.upload_view),
                name="core_exchangerate_upload",
            ),
            *super().get_urls(),
        ]

    def upload_view(self, request):
        """Curators load a file of rates; a malformed file saves nothing and says why."""
        if not (self.has_add_permission(request) and self.has_change_permission(request)):
            raise PermissionDenied
        form = RatesUploadForm(request.POST or None, request.FILES or None)
        if request.method == "POST" and form.is_valid():
            count = exchange_rates_import(
                rates=form.cleaned_data["rates"], source=form.cleaned_data["source"]
            )
            self.message_user(
                request,
                ngettext("%(count)d rate imported.", "%(count)d rates imported.", count)
                % {"count": count},
                messages.SUCCESS,
            )
            return HttpResponseRedirect(reverse("admin:core_exchangerate_changelist"))
        return TemplateResponse(
            request,
            "admin/core/exchangerate/upload.html",
            {
                **self.admin_site.each_context(request),
                "title": _("Upload exchange rates"),
                "form": form,
                "opts": self.model._meta,
            },
        )


@admin.register(ReportExport)
class ReportExportAdmin(admin.ModelAdmin):
    list_display = ["__str__", "requested_by", "format", "status", "row_count", "created_at"]
    list_filter = ["status", "format", "model", "created_at"]
    search_fields = ["requested_by__email", "model"]
    list_select_related = ["requested_by"]
    date_hierarchy = "created_at"
    # The file is private: the admin could only ask storage for a URL it refuses to give.
    # Its owner downloads it through the signed link of "My exports".
    exclude = ["file"]
    readonly_fields = [f.name for f in ReportExport._meta.fields if f.name != "file"]

    def has_add_permission(self, request) -> bool:
        return False

    def has_change_permission(self, request, obj=None) -> bool:
        return False


# --- The work queue on the admin's front page (core/admin_queue.py) -------------------------

UNDELIVERED_AFTER = dt.timedelta(hours=1)


def _queue_outbox(request, site):
    """Emails that failed for good, or still wait an hour after they were written."""
    late = timezone.now() - UNDELIVERED_AFTER
    return queue_part(
        request, site, OutboundEmail,
        key="emails",
        title=_("Undelivered emails"),
        empty=_("Every email was delivered."),
        condition=Q(status=OutboundEmail.Status.FAILED)
        | Q(status=OutboundEmail.Status.PENDING, created_at__lt=late),
        oldest_first="created_at",
        row=lambda e: (
            e.subject,
            f"{e.get_status_display()} · {_('attempts')}: {e.attempts}",
            e.created_at,
        ),
        list_query="status__exact=failed",
        list_label=_("All failed emails"),
        order=50,
    )  # fmt: skip


admin_queue_register(_queue_outbox)
