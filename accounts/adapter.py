from allauth.account.adapter import DefaultAccountAdapter
from django.urls import reverse
from django.utils import translation

from core.services import outbox_add_message


class AccountAdapter(DefaultAccountAdapter):
    def save_user(self, request, user, form, commit=True):
        # The language the person signed up in is the one their emails are written in.
        user.language = translation.get_language() or user.language
        return super().save_user(request, user, form, commit=commit)

    def get_login_redirect_url(self, request) -> str:
        """Each role lands where it works (a `next` address, when given, still wins): staff in the
        admin, a business's members on its dashboard, a buyer in their area.

        The apps above accounts are reached through the user's relations, never imported."""
        user = request.user
        if user.is_staff:
            return reverse("admin:index")
        if user.vendor_memberships.exists():
            return reverse("dashboard:home")
        if hasattr(user, "buyer_profile"):
            return reverse("buyers:home")
        return super().get_login_redirect_url(request)

    def send_mail(self, template_prefix: str, email: str, context: dict) -> None:
        """Confirmation and password-reset mail goes through the outbox like every other email."""
        message = self.render_mail(template_prefix, email, context)
        outbox_add_message(message=message, kind=template_prefix.rsplit("/", 1)[-1])
