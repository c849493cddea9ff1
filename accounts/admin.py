from django.contrib import admin
from django.contrib.auth.admin import UserAdmin as BaseUserAdmin
from django.urls import reverse
from django.utils.html import format_html
from django.utils.translation import gettext_lazy as _

from accounts.forms import AdminPasswordChangeForm, AdminUserChangeForm, AdminUserCreationForm
from accounts.models import User


@admin.register(User)
class UserAdmin(BaseUserAdmin):
    form = AdminUserChangeForm
    add_form = AdminUserCreationForm
    change_password_form = AdminPasswordChangeForm
    ordering = ["email"]
    list_display = ["email", "name", "language", "is_staff", "is_active", "date_joined"]
    list_filter = ["is_staff", "is_superuser", "is_active", "language", "groups"]
    search_fields = ["email", "name"]
    fieldsets = (
        (None, {"fields": ("email", "password_change")}),
        (_("Personal info"), {"fields": ("name", "language", "time_zone")}),
        (
            _("Permissions"),
            {"fields": ("is_active", "is_staff", "is_superuser", "groups", "user_permissions")},
        ),
        (_("Important dates"), {"fields": ("last_login", "date_joined")}),
    )
    add_fieldsets = ((None, {"classes": ("wide",), "fields": ("email", "password1", "password2")}),)
    readonly_fields = ["password_change", "last_login", "date_joined"]

    @admin.display(description=_("Password"))
    def password_change(self, obj: User):
        """A link instead of Django's disabled password widget (a `disabled` div is not HTML)."""
        if obj.pk is None:
            return "—"
        url = reverse("admin:auth_user_password_change", args=[obj.pk])  # Django's own name
        return format_html('<a class="button" href="{}">{}</a>', url, _("Change the password"))
