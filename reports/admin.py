from allauth.account.admin import EmailAddressAdmin as AllauthEmailAddressAdmin
from allauth.account.models import EmailAddress
from allauth.mfa.admin import AuthenticatorAdmin as AllauthAuthenticatorAdmin
from allauth.mfa.models import Authenticator
from django.contrib import admin

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
