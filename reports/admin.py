from allauth.account.admin import EmailAddressAdmin as AllauthEmailAddressAdmin
from allauth.account.models import EmailAddress
from allauth.mfa.admin import AuthenticatorAdmin as AllauthAuthenticatorAdmin
from allauth.mfa.models import Authenticator
from django.contrib import admin

from reports.models import ReportExport

# allauth's own admins show each row's user with one query per row; staff use them to check a
# login address or to remove the authenticator of someone who lost their phone.
admin.site.unregister(EmailAddress)
admin.site.unregister(Authenticator)


@admin.register(EmailAddress)
class EmailAddressAdmin(AllauthEmailAddressAdmin):
    list_select_related = ["user"]
    search_fields = ["email", "user__name"]

    def get_search_fields(self, request):
        return self.search_fields


@admin.register(Authenticator)
class AuthenticatorAdmin(AllauthAuthenticatorAdmin):
    list_select_related = ["user"]
    search_fields = ["user__email", "user__name"]


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
