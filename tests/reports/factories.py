"""Staff users for the reports tests, with and without TOTP."""

import time

from allauth.mfa.models import Authenticator
from allauth.mfa.totp.internal.auth import TOTP, format_hotp_value, generate_totp_secret, hotp_value

from tests.factories import VerifiedUserFactory


def staff_user(**kwargs):
    return VerifiedUserFactory(is_staff=True, is_superuser=True, **kwargs)


def activate_totp(user) -> str:
    """Give `user` a TOTP authenticator; returns the secret (as the phone app would hold it)."""
    secret = generate_totp_secret()
    TOTP.activate(user, secret)
    assert Authenticator.objects.filter(user=user, type=Authenticator.Type.TOTP).exists()
    return secret


def totp_code(secret: str) -> str:
    """The code an authenticator app shows now (allauth's own HOTP over the time counter)."""
    return format_hotp_value(hotp_value(secret, int(time.time()) // 30))
