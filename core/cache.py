"""Public pages served from the cache: rendered once, as an anonymous visitor sees them, and
shared by everyone.

`@anonymous_cache(seconds=60)` on a view keeps its page in the cache, keyed by the full address
(language prefix, path and query), htmx's partial requests, the viewer's currency and time zone.
Anonymous visitors get it as it is, marked `Cache-Control: public` with an ETag and Last-Modified
so a CDN may hold it as well. A signed-in visitor gets the same stored page with their own parts
rendered into it (core.personal: the account menu, favourite and quote buttons, "for you"), as a
private answer. When the page is not stored yet, it is rendered as for an anonymous visitor, stored,
then personalised; a page that cannot be rendered that way (an owner's draft, a 404) is rendered
for the visitor alone. Flash messages waiting, or a request other than GET/HEAD, always get a
freshly rendered, private page.

Freshness: an entry lives `seconds` at most, and every entry stored before the last
`public_pages_changed()` is ignored; the apps call it from their receivers whenever something a
visitor can see changes (a product, a booth, a session, an expo, a business).

Two levels: the shared cache (Redis) and a small copy in each process's memory, which answers
without a round trip. A process looks at the shared generation at most every
`LOCAL_GENERATION_SECONDS`, so a change made in another process shows there within that time (at
once in the process that made it).

A page is stored only if rendering it used nothing per visitor: no CSRF token, no CSP nonce, no
cookie, no message, no session write. Anything else is served to that visitor, but not stored.
"""

import hashlib
import time
from collections.abc import Callable
from contextlib import contextmanager
from functools import wraps

from django.conf import settings
from django.contrib.auth.models import AnonymousUser
from django.contrib.messages import get_messages
from django.contrib.messages.storage.cookie import CookieStorage
from django.core.cache import cache
from django.core.cache.backends.locmem import LocMemCache
from django.core.exceptions import PermissionDenied
from django.db import transaction
from django.db.models.signals import m2m_changed, post_delete, post_save
from django.http import Http404, HttpRequest, HttpResponse
from django.utils import timezone
from django.utils.cache import get_conditional_response, patch_cache_control, patch_vary_headers
from django.utils.http import http_date

from core.personal import personal_splice
from core.viewer import viewer_currency
from core.visits import pending_clear, visit_record

GENERATION_KEY = "public-pages:generation"
PAGE_KEY = "public-pages:page:{}"
# Headers the view sets that belong to the page (the middleware adds the rest on every response).
KEPT_HEADERS = {"content-type", "vary", "content-language"}
LOCAL_GENERATION_SECONDS = 1.0
# Pages of 3–80 KB: a few MB per process at most.
_local = LocMemCache("public-pages", {"OPTIONS": {"MAX_ENTRIES": 200}})
_local_generation: dict[str, float | int | None] = {"value": None, "checked_at": 0.0}


def public_pages_changed() -> None:
    """Something anonymous visitors see has changed: no cached public page is served any more.

    Bumped at once, and again after the transaction commits: a page rendered from the old rows
    between the two would otherwise be stored under the new generation until it expires.
    """
    _generation_bump()
    transaction.on_commit(_generation_bump)


def _row_changed(sender, **kwargs) -> None:
    if kwargs.get("action", "post_").startswith("post_"):  # m2m_changed says pre_ and post_
        public_pages_changed()


def public_pages_show(*models) -> None:
    """Rows of these models appear on public pages: saving or deleting one, or linking rows
    (pass a many-to-many field's `through` model), calls `public_pages_changed()`.

    For each app's `receivers.py`; writes that bypass signals (`QuerySet.update()`) call
    `public_pages_changed()` themselves.
    """
    for model in models:
        for signal in (post_save, post_delete, m2m_changed):
            signal.connect(
                _row_changed, sender=model, dispatch_uid=f"public-pages:{model._meta.label}"
            )


def _generation_bump() -> None:
    try:
        cache.incr(GENERATION_KEY)
    except ValueError:  # not there yet, or evicted: start from a value never used before
        cache.set(GENERATION_KEY, time.time_ns(), None)
    _local_generation["checked_at"] = 0.0  # this process sees its own change at once


def local_copies_clear() -> None:
    """Forget this process's copies (the tests empty the shared cache between tests)."""
    _local.clear()
    _local_generation.update(value=None, checked_at=0.0)
    pending_clear()  # views of a page not yet pushed to the shared buffer


def _shared_generation() -> int:
    cache.add(GENERATION_KEY, time.time_ns(), None)
    return cache.get(GENERATION_KEY)


def _generation() -> int:
    """The shared generation, looked up at most every LOCAL_GENERATION_SECONDS."""
    now = time.monotonic()
    if now - _local_generation["checked_at"] >= LOCAL_GENERATION_SECONDS:
        _local_generation.update(value=_shared_generation(), checked_at=now)
    return _local_generation["value"]


def _cached_entry(key: str, generation: int) -> dict | None:
    entry = _local.get(key)
    if entry is not None and entry["generation"] == generation:
        return entry
    entry = cache.get(key)
    if entry is None or entry["generation"] != generation:
        return None
    _local.set(key, entry, max(1, int(entry["expires_at"] - time.time())))
    return entry


def is_shared_request(request: HttpRequest) -> bool:
    """True when the stored page may answer: a GET or HEAD with no flash message waiting."""
    if request.method not in ("GET", "HEAD") or CookieStorage.cookie_name in request.COOKIES:
        return False
    if settings.SESSION_COOKIE_NAME not in request.COOKIES:
        return True  # no session: nothing waits for this visitor
    return not len(get_messages(request))  # messages kept in the session


def _page_key(request: HttpRequest) -> str:
    # htmx asks for a fragment of the same address; a history restore wants the whole page.
    partial = bool(request.headers.get("HX-Request")) and not request.headers.get(
        "HX-History-Restore-Request"
    )
    address = "|".join(
        (
            request.build_absolute_uri(),
            "partial" if partial else "page",
            viewer_currency(request) or "-",  # prices show "≈" in it
            timezone.get_current_timezone_name(),  # times show in it
        )
    )
    return PAGE_KEY.format(hashlib.sha256(address.encode()).hexdigest())


def _rendered_for_everyone(request: HttpRequest, response: HttpResponse, before: dict) -> bool:
    """Whether the page just rendered may be shown to other visitors (`before`: the request's
    per-visitor marks as they were before the view ran)."""
    return (
        response.status_code == 200
        and not response.streaming
        and not response.cookies
        and "private" not in response.get("Cache-Control", "")
        and _visitor_marks(request) == before
    )


def _visitor_marks(request: HttpRequest) -> dict:
    """What rendering leaves on a request when the page used something per visitor."""
    session = getattr(request, "session", None)
    return {
        "csrf": bool(request.META.get("CSRF_COOKIE_NEEDS_UPDATE")),  # a CSRF token is in it
        "nonce": getattr(request, "_csp_nonce", None) is not None,  # a CSP nonce is in it
        "session": session is not None and session.modified,
        "messages": bool(len(get_messages(request))),
    }


@contextmanager
def _as_anonymous(request: HttpRequest):
    """Render as an anonymous visitor would see the page (their own parts are put in after)."""
    user = request.user
    request.user = AnonymousUser()
    try:
        yield
    finally:
        request.user = user


def _private(response: HttpResponse) -> HttpResponse:
    patch_cache_control(response, private=True, no_cache=True)
    patch_vary_headers(response, ["Cookie"])
    return response


def _private_copy(request: HttpRequest, entry: dict) -> HttpResponse:
    """The stored page for a visitor with a session, for them only: a signed-in visitor's own
    parts are put in (core.personal); an anonymous one's (a chosen currency) are the stored ones."""
    content = entry["content"]
    if request.user.is_authenticated:
        content = personal_splice(request, content.decode())
    response = HttpResponse(content, status=entry["status"])
    for name, value in entry["headers"]:
        response[name] = value
    return _private(response)


def _shared_response(request: HttpRequest, entry: dict) -> HttpResponse:
    response = HttpResponse(entry["content"], status=entry["status"])
    for name, value in entry["headers"]:
        response[name] = value
    response["ETag"] = entry["etag"]
    response["Last-Modified"] = http_date(entry["stored_at"])
    remaining = max(0, int(entry["expires_at"] - time.time()))
    # Browsers revalidate every time (a cheap 304), so a visitor who has just signed in never
    # sees their copy from before; a CDN holds it no longer than the cache here would.
    patch_cache_control(response, public=True, max_age=0, s_maxage=remaining)
    patch_vary_headers(response, ["Cookie"])  # signed-in visitors carry a session cookie
    return get_conditional_response(
        request, etag=entry["etag"], last_modified=int(entry["stored_at"]), response=response
    )


def anonymous_cache(
    seconds: int = 60, *, when: Callable[[HttpRequest], bool] | None = None
) -> Callable:
    """Serve the view's page to anonymous visitors from the cache for up to `seconds`.

    `when(request)` narrows which addresses are stored (e.g. only a listing's first page).
    """

    def decorator(view: Callable) -> Callable:
        @wraps(view)
        def wrapped(request: HttpRequest, *args, **kwargs) -> HttpResponse:
            if not is_shared_request(request) or (when is not None and not when(request)):
                return _private(view(request, *args, **kwargs))
            key = _page_key(request)
            generation = _generation()
            entry = _cached_entry(key, generation)
            if entry is None:
                entry, response = _render_for_everyone(request, view, args, kwargs, generation)
                if entry is None:  # not the same for everyone: this visitor's page only
                    return _private(response)
                cache.set(key, entry, seconds)
                _local.set(key, entry, seconds)
            for visit in entry["visits"]:  # each view of the page counts, cached or not
                visit_record(request=request, **visit)
            if settings.SESSION_COOKIE_NAME in request.COOKIES:  # signed in, or a session
                return _private_copy(request, entry)
            return _shared_response(request, entry)

        def _render_for_everyone(request, view, args, kwargs, generation):
            """(entry, None) for a page that may be stored; (None, response) otherwise: a page
            that used something of the visitor's, or that an anonymous visitor may not see
            (rendered again for this visitor, in full)."""
            signed_in = request.user.is_authenticated
            before = _visitor_marks(request)
            request.cached_page_visits = []  # core.visits notes the views the page records
            try:
                with _as_anonymous(request):
                    response = view(request, *args, **kwargs)
            except (Http404, PermissionDenied):
                if not signed_in:
                    raise
                response = None
            finally:
                visits = request.cached_page_visits
                del request.cached_page_visits
            if response is not None and _rendered_for_everyone(request, response, before):
                content = response.content
                stored_at = time.time()
                return {
                    "generation": generation,
                    "stored_at": stored_at,
                    "expires_at": stored_at + seconds,
                    "etag": f'"{hashlib.md5(content, usedforsecurity=False).hexdigest()}"',
                    "status": response.status_code,
                    "headers": [(k, v) for k, v in response.items() if k.lower() in KEPT_HEADERS],
                    "content": content,
                    "visits": visits,
                }, None
            if signed_in:  # e.g. the owner's own draft: rendered for them alone, in full
                return None, view(request, *args, **kwargs)
            for visit in visits:
                visit_record(request=request, **visit)
            return None, response

        return wrapped

    return decorator
