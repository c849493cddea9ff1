from django.contrib import admin

from reports.exports import ExportMixin
from trade.models import Deal, RegencyExportStat
from vendors.admin_scoping import RegionScopedAdminMixin, scope_to_coordinator


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

    def formfield_for_foreignkey(self, db_field, request, **kwargs):
        field = super().formfield_for_foreignkey(db_field, request, **kwargs)
        if db_field.name == "regency":
            # Coordinators enter figures for their own regencies only.
            field.queryset = scope_to_coordinator(field.queryset, request.user, "pk")
        return field


@admin.register(Deal)
class DealAdmin(ExportMixin, RegionScopedAdminMixin, admin.ModelAdmin):
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
