"""Who may enter the vendor area (`/<lang>/dashboard/…`) and what they see there.

Every vendor-area view is wrapped in `vendor_area`; it sets `request.vendor` and
`request.membership`, and views look objects up only within `request.vendor`, so another
vendor's object is a 404 (never a 403, never its data).
"""

from functools import wraps

from django.contrib.auth.views import redirect_to_login
from django.core.exceptions import PermissionDenied
from django.shortcuts import redirect

from vendors.models import VendorMember


def membership_for(user) -> VendorMember | None:
    """The person's vendor membership (owners first), or None."""
    if not user.is_authenticated:
        return None
    return (
        VendorMember.objects.select_related("vendor", "vendor__regency")
        .filter(user=user)
        .order_by("role", "created_at")  # "owner" sorts before "staff"
        .first()
    )


def vendor_area(view=None, *, owner_only: bool = False):
    """Sign-in required; people without a business are sent to register one; `owner_only`
    actions (business identity, certifications, members) answer 403 to staff members."""

    def decorator(view_func):
        @wraps(view_func)
        def wrapper(request, *args, **kwargs):
            if not request.user.is_authenticated:
                return redirect_to_login(request.get_full_path())
            membership = membership_for(request.user)
            if membership is None:
                return redirect("dashboard:onboarding")
            if owner_only and membership.role != VendorMember.Role.OWNER:
                raise PermissionDenied
            request.membership = membership
            request.vendor = membership.vendor
            return view_func(request, *args, **kwargs)

        wrapper.vendor_area = True
        wrapper.owner_only = owner_only
        return wrapper

    return decorator(view) if view is not None else decorator


def is_owner(request) -> bool:
    return getattr(request, "membership", None) is not None and request.membership.role == "owner"
