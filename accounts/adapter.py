from allauth.account.adapter import DefaultAccountAdapter
from django.utils import translation

from core.services import outbox_add_message


class AccountAdapter(DefaultAccountAdapter):
    def save_user(self, request, user, form, commit=True):
        # The language the person signed up in is the one their emails are written in.
        user.language = translation.get_language() or user.language
        return super().save_user(request, user, form, commit=commit)

    def send_mail(self, template_prefix: str, email: str, context: dict) -> None:
        """Confirmation and password-reset mail goes through the outbox like every other email."""
        message = self.render_mail(template_prefix, email, context)
        outbox_add_message(message=message, kind=template_prefix.rsplit("/", 1)[-1])
