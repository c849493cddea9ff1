"""Public pages served from the cache: what an anonymous visitor sees, stored once for everyone.

`@anonymous_cache(seconds=60)` on a view keeps its page in the cache, keyed by the full address
(language prefix, path and query) and by htmx's partial requests, and marks it
`Cache-Control: public` with an ETag and Last-Modified so a CDN may hold it as well. Anyone who
carries per-visitor state gets a freshly rendered, private page instead: a signed-in user, any
session (a chosen currency, allauth's steps), pending flash messages.

Freshness: an entry lives `seconds` at most, and every entry stored before the last
`public_pages_changed()` is ignored; the apps call it from their receivers whenever something a
visitor can see changes (a product, a booth, a session, an expo, a business).

Two levels: the shared cache (Redis) and a small copy in each process's memory, which answers
without a round trip. A process looks at the shared generation at most every
`LOCAL_GENERATION_SECONDS`, so a change made in another process shows there within that time (at
once in the process that made it).

A page is stored only if rendering it used nothing per visitor: no CSRF token, no CSP nonce, no
cookie, no message, no session write. Anything else is served, but not stored.
"""

import hashlib
import time
from collections.abc import Callable
from functools import wraps

from django.conf import settings
from django.contrib.messages import get_messages
from django.contrib.messages.storage.cookie import CookieStorage
from django.core.cache import cache
from django.core.cache.backends.locmem import LocMemCache
from django.db import transaction
from django.db.models.signals import m2m_changed, post_delete, post_save
from django.http import HttpRequest, HttpResponse
from django.utils.cache import get_conditional_response, patch_cache_control, patch_vary_headers
from django.utils.http import http_date

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
    """True when nothing about this request is particular to the visitor."""
    if request.method not in ("GET", "HEAD"):
        return False
    cookies = request.COOKIES
    if settings.SESSION_COOKIE_NAME in cookies or CookieStorage.cookie_name in cookies:
        return False  # a session (signed in, a chosen currency) or flash messages
    return not request.user.is_authenticated


def _page_key(request: HttpRequest) -> str:
    # htmx asks for a fragment of the same address; a history restore wants the whole page.
    partial = bool(request.headers.get("HX-Request")) and not request.headers.get(
        "HX-History-Restore-Request"
    )
    address = f"{request.build_absolute_uri()}|{'partial' if partial else 'page'}"
    return PAGE_KEY.format(hashlib.sha256(address.encode()).hexdigest())


def _rendered_for_everyone(request: HttpRequest, response: HttpResponse) -> bool:
    """Whether the page just rendered may be shown to other visitors."""
    session = getattr(request, "session", None)
    return (
        response.status_code == 200
        and not response.streaming
        and not response.cookies
        and "private" not in response.get("Cache-Control", "")
        and not request.META.get("CSRF_COOKIE_NEEDS_UPDATE")  # a CSRF token is in the page
        and getattr(request, "_csp_nonce", None) is None  # a nonce is in the page
        and not (session is not None and session.modified)
        and not len(get_messages(request))
    )


def _private(response: HttpResponse) -> HttpResponse:
    patch_cache_control(response, private=True, no_cache=True)
    patch_vary_headers(response, ["Cookie"])
    return response


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
            if entry is not None:
                for visit in entry["visits"]:  # a view of a cached page still counts
                    visit_record(request=request, **visit)
                return _shared_response(request, entry)

            request.cached_page_visits = []  # core.visits notes the views the page records
            response = view(request, *args, **kwargs)
            if not _rendered_for_everyone(request, response):
                return _private(response)
            content = response.content
            entry = {
                "generation": generation,
                "stored_at": time.time(),
                "expires_at": time.time() + seconds,
                "etag": f'"{hashlib.md5(content, usedforsecurity=False).hexdigest()}"',
                "status": response.status_code,
                "headers": [(k, v) for k, v in response.items() if k.lower() in KEPT_HEADERS],
                "content": content,
                "visits": request.cached_page_visits,
            }
            cache.set(key, entry, seconds)
            _local.set(key, entry, seconds)
            return _shared_response(request, entry)

        return wrapped

    return decorator
