from django.contrib.auth.forms import AdminPasswordChangeForm as BaseAdminPasswordChangeForm
from django.contrib.auth.forms import BaseUserCreationForm, SetUnusablePasswordMixin
from django.contrib.auth.forms import UserChangeForm as BaseUserChangeForm
from django.utils.text import format_lazy
from django.utils.translation import gettext_lazy as _

from accounts.models import User


class AdminUserCreationForm(BaseUserCreationForm):
    class Meta:
        model = User
        fields = ("email",)


class AdminUserChangeForm(BaseUserChangeForm):
    class Meta:
        model = User
        fields = "__all__"


class AdminPasswordChangeForm(BaseAdminPasswordChangeForm):
    # Django's help text ends in a <ul>, which its template prints inside a <p> (invalid HTML);
    # the same warning as phrasing content, with the id the admin's script hides it by.
    usable_password_help_text = format_lazy(
        '{} <span id="id_unusable_warning" class="warning">{}</span>',
        SetUnusablePasswordMixin.usable_password_help_text,
        _("If disabled, the current password for this user will be lost."),
    )
