import zoneinfo

from django.http import HttpResponseBadRequest
from django.utils import timezone
from django.utils.translation import gettext as _


class RefuseNulMiddleware:
    """Answer 400 to a request whose query or form values contain a NUL character.

    No text on this site may hold one, and PostgreSQL refuses it in any string ("A string literal
    cannot contain NUL"), so a NUL in a search box, an admin filter or a form reaching a query
    was a 500. Forms already refuse it (`ProhibitNullCharactersValidator`), but many values
    never pass a form (search, filters, sort, the admin's changelist); refusing it here, once,
    covers every one of them, ours and third-party.
    """

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        # Multipart bodies are left to the view: parsing them here would raise the upload
        # limits' errors before the view can answer them; their text goes through forms, whose
        # CharFields refuse NUL already.
        form_post = request.method == "POST" and not request.content_type.startswith("multipart/")
        if (
            "\x00" in request.path
            or _has_nul(request.GET)
            or (form_post and _has_nul(request.POST))
        ):
            return HttpResponseBadRequest(
                _("The request contains a character that is not allowed.")
            )
        return self.get_response(request)


def _has_nul(values) -> bool:
    return any("\x00" in key or any("\x00" in v for v in values.getlist(key)) for key in values)


class UserTimezoneMiddleware:
    """Show times in the signed-in person's own time zone (stored in UTC, shown locally)."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        user = getattr(request, "user", None)
        if user is not None and user.is_authenticated and user.time_zone:
            try:
                timezone.activate(zoneinfo.ZoneInfo(user.time_zone))
            except (zoneinfo.ZoneInfoNotFoundError, ValueError):
                timezone.deactivate()
        else:
            timezone.deactivate()
        return self.get_response(request)
