import logging

from django.conf import settings
from django.core import signing
from django.core.cache import cache
from django.db import connection
from django.http import (
    FileResponse,
    Http404,
    HttpRequest,
    HttpResponse,
    HttpResponseRedirect,
    JsonResponse,
)
from django.shortcuts import get_object_or_404, redirect, render
from django.template import loader
from django.templatetags.static import static
from django.urls import reverse
from django.utils import translation
from django.utils.cache import patch_cache_control
from django.utils.http import url_has_allowed_host_and_scheme
from django.utils.translation import gettext as _
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_safe

from core.exports import EXPORT_SALT
from core.models import ReportExport

logger = logging.getLogger(__name__)


def _check_database() -> str:
    with connection.cursor() as cursor:
        cursor.execute("SELECT 1")
        cursor.fetchone()
    return "ok"


def _check_cache() -> str:
    probe = getattr(cache, "probe", None)
    if probe is not None:  # the fail-open Redis cache: ask Redis itself, not the fallback
        probe()
        return "ok"
    cache.set("health-check", "ok", 10)
    if cache.get("health-check") != "ok":
        raise RuntimeError("cache did not return what was written")
    return "ok"


def _check_broker() -> str:
    if settings.CELERY_TASK_ALWAYS_EAGER:
        return "eager"  # no broker configured: tasks run in-process
    from config.celery import app

    with app.connection_for_write() as conn:
        conn.ensure_connection(max_retries=1, timeout=2)
    return "ok"


@never_cache
@require_safe
def health(request: HttpRequest) -> JsonResponse:
    """JSON for uptime checks: each component "ok" (or "eager": no broker) or "error".

    Status "ok" (200) when every component answers; "degraded" (503) when the database answers
    but the cache or the broker does not — pages and forms still work, see docs/operations.md;
    "error" (503) when the database does not answer.
    """
    checks = {"database": _check_database, "cache": _check_cache, "broker": _check_broker}
    result = {}
    for name, check in checks.items():
        try:
            result[name] = check()
        except Exception as exc:  # any failure of a component is reported, never raised
            logger.warning("Health check %s failed: %s", name, exc)
            result[name] = "error"
    if "error" not in result.values():
        status = "ok"
    elif result["database"] == "error":
        status = "error"
    else:
        status = "degraded"
    return JsonResponse({"status": status, **result}, status=200 if status == "ok" else 503)


@require_safe
def report_export_download(request: HttpRequest, token: str) -> FileResponse:
    """A finished export: the link is signed, expires, and works only for its requester."""
    try:
        export_id = signing.loads(
            token, salt=EXPORT_SALT, max_age=settings.REPORTS_EXPORT_LINK_MAX_AGE
        )
    except signing.BadSignature as error:  # SignatureExpired is one too
        raise Http404(_("This link has expired or is not valid.")) from error
    export = get_object_or_404(
        ReportExport, pk=export_id, requested_by=request.user, status=ReportExport.Status.READY
    )
    return FileResponse(
        export.file.open("rb"),
        as_attachment=True,
        filename=f"{export.model.split('.')[-1].lower()}-{export.pk}.{export.format}",
    )


def permission_denied(request: HttpRequest, exception=None) -> HttpResponse:
    return render(request, "403.html", status=403)


def page_not_found(request: HttpRequest, exception=None) -> HttpResponse:
    return render(request, "404.html", status=404)


def server_error(request: HttpRequest) -> HttpResponse:
    # No context processors and no request: whatever broke may be what they need.
    try:
        return HttpResponse(loader.get_template("500.html").render(), status=500)
    except Exception:  # the error page itself must never fail
        logger.exception("Rendering 500.html failed")
        return HttpResponse("<h1>Server error (500)</h1>", status=500)


@require_safe
def favicon(request: HttpRequest) -> HttpResponse:
    """Browsers ask for /favicon.ico on pages that name no icon (the admin's, files): the site's."""
    response = redirect(static("img/favicon.svg"), permanent=True)
    response["Cache-Control"] = "public, max-age=86400"
    return response


@require_safe
def language_switch(request: HttpRequest, language: str) -> HttpResponse:
    """The ID/EN switch: remember the language (the cookie decides where `/` and links without a
    language lead) and go to `next`, the same page in that language.

    A plain link (GET, no token), so pages cached for everyone can carry it; `next` must be an
    address of this site under the chosen language's prefix, else the language's home page.
    """
    if language not in dict(settings.LANGUAGES):
        raise Http404
    target = request.GET.get("next", "")
    if not (
        url_has_allowed_host_and_scheme(target, allowed_hosts={request.get_host()})
        and target.startswith(f"/{language}/")
    ):
        with translation.override(language):
            target = reverse("home")
    response = HttpResponseRedirect(target)
    response.set_cookie(
        settings.LANGUAGE_COOKIE_NAME,
        language,
        max_age=settings.LANGUAGE_COOKIE_AGE,
        path=settings.LANGUAGE_COOKIE_PATH,
        domain=settings.LANGUAGE_COOKIE_DOMAIN,
        secure=settings.LANGUAGE_COOKIE_SECURE,
        httponly=settings.LANGUAGE_COOKIE_HTTPONLY,
        samesite=settings.LANGUAGE_COOKIE_SAMESITE,
    )
    patch_cache_control(response, private=True, no_store=True)
    return response
