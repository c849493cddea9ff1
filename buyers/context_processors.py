from functools import cache

from django.http import HttpRequest

from .selectors import nav_areas, unread_count


def nav_unread(request: HttpRequest) -> dict:
    """Threads with unread messages, for the badge beside "My page".

    A callable: templates call it when they show it (once, cached), so pages without the site
    navigation, like the admin, run no query for it.
    """
    user = getattr(request, "user", None)
    if user is None or not user.is_authenticated or user.pk is None:
        return {"nav_unread": 0, "nav_areas": None}
    return {
        "nav_unread": cache(lambda: unread_count(user=user)),
        # The header's areas (buyer, business) with each one's unread threads; read once per
        # request, though the page's own parts (core.personal) each have their own context.
        "nav_areas": lambda: _request_nav_areas(request, user),
    }


def _request_nav_areas(request: HttpRequest, user) -> dict:
    if getattr(request, "_nav_areas", None) is None:
        request._nav_areas = nav_areas(user=user)
    return request._nav_areas
