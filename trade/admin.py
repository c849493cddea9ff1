from django.contrib import admin
from django.utils.translation import gettext_lazy as _

from core.countries import country_name
from core.exports import Column, ExportSpec, attr, display
from core.exports_admin import ExportMixin
from trade.models import Deal, RegencyExportStat
from vendors.admin_scoping import RegionScopedAdminMixin, regency_scope_register

regency_scope_register(Deal, "vendor__regency")
regency_scope_register(RegencyExportStat, "regency")


@admin.register(RegencyExportStat)
class RegencyExportStatAdmin(RegionScopedAdminMixin, admin.ModelAdmin):
    list_display = ["regency", "year", "value_idr", "units", "source"]
    list_filter = ["year", ("regency__province", admin.RelatedOnlyFieldListFilter)]
    search_fields = ["regency__name", "source"]
    autocomplete_fields = ["regency"]
    list_select_related = ["regency"]
    exclude = ["entered_by"]

    def save_model(self, request, obj, form, change) -> None:
        obj.entered_by = request.user
        super().save_model(request, obj, form, change)


@admin.register(Deal)
class DealAdmin(ExportMixin, RegionScopedAdminMixin, admin.ModelAdmin):
    export_spec = ExportSpec(
        columns=[
            Column(_("Date"), attr("date")),
            Column(_("Business name"), attr("vendor.name")),
            Column(_("Regency or city"), attr("vendor.regency.name")),
            Column(_("Stage"), display("stage")),
            Column(_("Amount"), attr("amount")),
            Column(_("Currency"), attr("currency")),
            Column(_("Value (Rp)"), attr("amount_idr")),
            Column(_("Destination country"), lambda d: country_name(d.destination_country)),
            Column(_("Buyer"), attr("buyer_name")),
            Column(_("Expo"), attr("expo.name")),
        ],
        select_related=("vendor__regency", "expo"),
    )
    regency_path = "vendor__regency"
    list_display = [
        "vendor",
        "stage",
        "amount",
        "currency",
        "amount_idr",
        "destination_country",
        "date",
    ]
    list_filter = ["stage", "currency", "date", "destination_country"]
    search_fields = ["vendor__name", "buyer_name"]
    list_select_related = ["vendor"]
    autocomplete_fields = ["vendor"]
    raw_id_fields = ["inquiry", "meeting", "expo"]
    date_hierarchy = "date"
