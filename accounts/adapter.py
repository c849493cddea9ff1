from dataclasses import dataclass
from urllib.parse import urlsplit

from allauth.account.adapter import DefaultAccountAdapter
from allauth.core.internal import ratelimit
from django.conf import settings
from django.core.exceptions import ValidationError
from django.urls import reverse
from django.utils import translation
from django.utils.translation import gettext

from core.models import site_url
from core.services import outbox_add_message

# Failed sign-ins counted per (account, address): an attacker at one address is slowed down
# while the owner, from another network, can still sign in. The per-address and account-wide
# limits stay allauth's own `login_failed` rates (settings.ACCOUNT_RATE_LIMITS).
LOGIN_FAILED_FROM_ADDRESS = "login_failed_from_address"


def rebase_on_site_url(url: str) -> str:
    """`SITE_URL` + the path, query and fragment of `url`: a link never carries the Host header
    (or port) the request came with."""
    bits = urlsplit(url)
    rest = bits.path or "/"
    if bits.query:
        rest += "?" + bits.query
    if bits.fragment:
        rest += "#" + bits.fragment
    return site_url(rest)


@dataclass(frozen=True)
class ExpoSite:
    """What allauth's emails call `current_site`: the product's name and SITE_URL's host."""

    name: str
    domain: str


def expo_site() -> ExpoSite:
    return ExpoSite(name=gettext("Expo UMKM"), domain=urlsplit(settings.SITE_URL).netloc)


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

    # --- Links in emails: always SITE_URL, never the request's host ------------------------

    def get_reset_password_from_key_url(self, key: str) -> str:
        return rebase_on_site_url(super().get_reset_password_from_key_url(key))

    def get_email_confirmation_url(self, request, emailconfirmation) -> str:
        return rebase_on_site_url(super().get_email_confirmation_url(request, emailconfirmation))

    def send_mail(self, template_prefix: str, email: str, context: dict) -> None:
        """Confirmation and password-reset mail goes through the outbox like every other email.

        Every link allauth puts in the context (`activate_url`, `password_reset_url`,
        `signup_url`…) is rebased on SITE_URL, so no emailed link comes from the Host header."""
        context = {
            "email": email,
            "current_site": expo_site(),  # "Hello from Expo UMKM!", never the Host header
            **context,
        }
        context = {
            name: rebase_on_site_url(value)
            if name.endswith("_url") and isinstance(value, str) and "://" in value
            else value
            for name, value in context.items()
        }
        message = self.render_mail(template_prefix, email, context)
        outbox_add_message(message=message, kind=template_prefix.rsplit("/", 1)[-1])

    # --- Failed sign-ins: per address, per (account, address), and an account-wide ceiling --

    def _login_failed_from_address_key(self, request, **credentials) -> str:
        account = self._get_login_attempts_cache_key(request, **credentials)
        return f"{account}:{ratelimit.get_ip(request)}"

    def pre_authenticate(self, request, **credentials) -> None:
        pair = ratelimit.consume(
            request,
            app="allauth.account",
            action=LOGIN_FAILED_FROM_ADDRESS,
            config=settings.ACCOUNT_RATE_LIMITS,
            key=self._login_failed_from_address_key(request, **credentials),
        )
        if not pair:
            raise self.validation_error("too_many_login_attempts")
        try:
            super().pre_authenticate(request, **credentials)  # per address, account ceiling
        except ValidationError:
            pair.rollback()  # a refused attempt is not counted against the pair
            raise
        # A successful sign-in rolls back all of it (allauth's `authenticate`).
        self._login_failed_rl_usage.usage.extend(pair.usage)

    def _delete_login_attempts_cached_email(self, request, **credentials) -> None:
        """After a password reset, the owner's slate is clean from the address they reset it at."""
        super()._delete_login_attempts_cached_email(request, **credentials)
        ratelimit.clear(
            request,
            app="allauth.account",
            action=LOGIN_FAILED_FROM_ADDRESS,
            config=settings.ACCOUNT_RATE_LIMITS,
            key=self._login_failed_from_address_key(request, **credentials),
        )
