"""Staff security: idle sessions end, and the admin opens only after TOTP (see settings)."""

import time

from allauth.account.authentication import get_authentication_records
from allauth.mfa.models import Authenticator
from allauth.mfa.utils import is_mfa_enabled
from django.conf import settings
from django.contrib import messages
from django.contrib.auth import logout
from django.contrib.auth.views import redirect_to_login
from django.shortcuts import redirect
from django.urls import reverse
from django.utils.http import urlencode
from django.utils.translation import gettext as _

LAST_SEEN_KEY = "staff_last_seen"
# Writing the session on every request costs a query; a minute of slack does not matter here.
TOUCH_EVERY = 60


def passed_mfa(request) -> bool:
    """Whether this session's sign-in (or a later re-check) included a TOTP or recovery code."""
    return any(
        record.get("method") == "mfa"
        for record in get_authentication_records(request, request.user)
    )


class StaffSecurityMiddleware:
    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        user = getattr(request, "user", None)
        if user is not None and user.is_authenticated and user.is_staff:
            response = self._check(request)
            if response is not None:
                return response
        return self.get_response(request)

    def _check(self, request):
        now = int(time.time())
        last_seen = request.session.get(LAST_SEEN_KEY)
        timeout = settings.STAFF_SESSION_IDLE_TIMEOUT
        if last_seen is not None and now - last_seen > timeout:
            logout(request)
            messages.info(request, _("You were signed out after a period of inactivity."))
            return redirect_to_login(request.get_full_path())
        if last_seen is None or now - last_seen >= TOUCH_EVERY:
            request.session[LAST_SEEN_KEY] = now
            request.session.set_expiry(timeout)

        if not settings.STAFF_REQUIRE_MFA or not request.path.startswith("/admin/"):
            return None
        next_query = urlencode({"next": request.get_full_path()})
        if not is_mfa_enabled(request.user, types=[Authenticator.Type.TOTP]):
            messages.warning(
                request, _("Staff accounts need two-factor authentication. Please set it up.")
            )
            return redirect(f"{reverse('mfa_activate_totp')}?{next_query}")
        if not passed_mfa(request):
            return redirect(f"{reverse('mfa_reauthenticate')}?{next_query}")
        return None
