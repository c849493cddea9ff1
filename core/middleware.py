import logging
import zoneinfo

from django.conf import settings
from django.http import HttpResponse, HttpResponseBadRequest
from django.template import loader
from django.utils import timezone, translation
from django.utils.translation import gettext as _

logger = logging.getLogger(__name__)


class RequestBodyLimitMiddleware:
    """Answer 413 to a request whose declared body is larger than `REQUEST_BODY_MAX_BYTES`,
    before anything reads it.

    Django writes multipart uploads to temporary files while parsing them, long before a view
    or a form can refuse an oversized photo; nginx refuses such bodies first in production
    (deploy/nginx.conf), this covers every other way in (the demo, a proxy without the limit).
    A body without Content-Length (chunked) is never read by Django: its WSGI request reads at
    most Content-Length bytes, i.e. none, so only the declared length needs checking.
    """

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        try:
            length = int(request.META.get("CONTENT_LENGTH") or 0)
        except ValueError:
            length = 0
        if length > settings.REQUEST_BODY_MAX_BYTES:
            return _request_too_large(request)
        return self.get_response(request)


def _request_too_large(request) -> HttpResponse:
    # Runs before LocaleMiddleware: the language comes from the address (/en/…) or the browser.
    language = translation.get_language_from_request(request, check_path=True)
    with translation.override(language):
        try:
            content = loader.get_template("413.html").render(
                {"max_mb": settings.REQUEST_BODY_MAX_BYTES // (1024 * 1024)}
            )
        except Exception:  # the error page itself must never fail
            logger.exception("Rendering 413.html failed")
            content = f"<h1>{_('The upload is too large.')}</h1>"
    # No `Connection: close` here: hop-by-hop headers are the WSGI server's (gunicorn's sync
    # workers close every connection anyway).
    return HttpResponse(content, status=413)


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
