from django.http import HttpRequest

from .selectors import unread_count


def nav_unread(request: HttpRequest) -> dict:
    """Threads with unread messages, for the badge beside "My page" (one query when signed in)."""
    user = getattr(request, "user", None)
    if user is None or not user.is_authenticated or user.pk is None:
        return {"nav_unread": 0}
    return {"nav_unread": unread_count(user=user)}
