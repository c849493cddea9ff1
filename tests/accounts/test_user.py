import pytest
from django.db import IntegrityError

from accounts.models import User


def test_user_signs_in_with_email_and_has_no_username(db):
    user = User.objects.create_user("Owner@Example.com", "a-long-password-123")
    assert User.USERNAME_FIELD == "email"
    assert user.email == "Owner@example.com"  # the domain is normalised
    assert not hasattr(user, "username") or user.username is None
    assert user.language == "id"
    assert user.time_zone == "Asia/Jakarta"


def test_email_is_unique_regardless_of_case(db):
    User.objects.create_user("owner@example.com", "a-long-password-123")
    with pytest.raises(IntegrityError):
        User.objects.create_user("OWNER@example.com", "a-long-password-123")
