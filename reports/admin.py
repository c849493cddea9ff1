from django.contrib import admin

from reports.models import ReportExport


@admin.register(ReportExport)
class ReportExportAdmin(admin.ModelAdmin):
    list_display = ["__str__", "requested_by", "format", "status", "row_count", "created_at"]
    list_filter = ["status", "format", "model", "created_at"]
    search_fields = ["requested_by__email", "model"]
    list_select_related = ["requested_by"]
    date_hierarchy = "created_at"
    readonly_fields = [f.name for f in ReportExport._meta.fields]

    def has_add_permission(self, request) -> bool:
        return False

    def has_change_permission(self, request, obj=None) -> bool:
        return False
