import hashlib
import json
from functools import wraps

from django.core import signing
from django.core.cache import cache
from django.http import Http404, HttpRequest, HttpResponse, HttpResponseRedirect
from django.shortcuts import get_object_or_404, render
from django.urls import reverse
from django.utils.cache import patch_vary_headers
from django.utils.http import url_has_allowed_host_and_scheme, urlencode
from django.utils.safestring import mark_safe
from django.utils.translation import get_language
from django.views.decorators.http import require_http_methods, require_safe

from catalog import services
from catalog.forms import CatalogueFilterForm, CurrencyForm
from catalog.models import Product
from catalog.search_text import normalised, query_words
from catalog.selectors import (
    catalogue_facets,
    catalogue_results,
    discovery_sections,
    product_detail,
)
from catalog.suggest import long_enough, suggestions
from core.cache import anonymous_cache
from core.links import absolute_file_url, absolute_url
from core.money import CURRENCY_CODES
from core.viewer import SESSION_KEY, viewer_for
from vendors.selectors import businesses_matching

# Inside a <script> element only these could end it or start markup.
_JSON_ESCAPES = {ord(">"): "\\u003E", ord("<"): "\\u003C", ord("&"): "\\u0026"}
FILTER_PARAMS = ("q", "category", "province", "regency", "certification", "min_price",
                 "max_price", "export_ready", "sort")  # fmt: skip


def _query(params: dict, **changes) -> str:
    """The current filters with some changed (None removes one); the page restarts at 1."""
    merged = {k: v for k, v in params.items() if k in FILTER_PARAMS and v}
    for key, value in changes.items():
        if value is None:
            merged.pop(key, None)
        else:
            merged[key] = value
    return "?" + urlencode(merged) if merged else "?"


def _first_page(request: HttpRequest) -> bool:
    return request.GET.get("page", "1") in ("", "1")


OPEN_SALT = "catalog.search-open"
SEARCH_COUNT_KEY = "catalog:search-count:{}"
SEARCH_COUNT_SECONDS = 600  # outlives the cached page (core.cache), whose hits log it too


def _count_key(request: HttpRequest) -> str:
    return SEARCH_COUNT_KEY.format(hashlib.sha256(request.get_full_path().encode()).hexdigest())


def _search_logged(view):
    """Log each search's first page, also when the page comes from the anonymous cache (so this
    sits outside it): one INSERT, nothing about the visitor. The view notes its result count on
    the request and, for cache hits, in the cache beside the page."""

    @wraps(view)
    def wrapped(request: HttpRequest, *args, **kwargs) -> HttpResponse:
        response = view(request, *args, **kwargs)
        q = request.GET.get("q", "").strip()
        if (
            q
            and request.method == "GET"
            and response.status_code == 200
            and _first_page(request)
            and not request.headers.get("HX-History-Restore-Request")
        ):
            count = getattr(request, "search_count", None)
            if count is None:
                count = cache.get(_count_key(request))
            if count is not None:
                services.search_log_record(query=q, language=get_language(), results=count)
        return response

    return wrapped


@require_safe
@_search_logged
@anonymous_cache(when=_first_page)
def product_list(request: HttpRequest) -> HttpResponse:
    form = CatalogueFilterForm(request.GET)
    exact = bool(request.GET.get("exact"))
    outcome = catalogue_results(
        form.filters(), page=request.GET.get("page"), after=request.GET.get("after"), exact=exact
    )
    filters, page = outcome.filters, outcome.page
    facets = catalogue_facets(filters, within=page.candidates, capped=page.count_capped)
    params = {k: request.GET.get(k, "") for k in FILTER_PARAMS}
    if outcome.corrected_from:  # the facets and pages follow the corrected query
        params["q"] = filters.q
    businesses = []
    if filters.q.strip():
        request.search_count = page.count
        cache.set(_count_key(request), page.count, SEARCH_COUNT_SECONDS)
        token = signing.Signer(salt=OPEN_SALT).sign(normalised(filters.q))
        for product in page.object_list:
            product.open_href = reverse("catalog:search_open", args=[product.slug]) + (
                "?" + urlencode({"s": token})
            )
        if page.number == 1:
            businesses = businesses_matching(query_words(filters.q))

    def toggle(values, name: str, **also) -> list:
        # A facet link adds its value, or removes it when it is the chosen one.
        return [
            (f, _query(params, **{name: None if f.selected else f.value}, **also)) for f in values
        ]

    links = {
        "categories": toggle(facets.categories, "category"),
        "provinces": toggle(facets.provinces, "province", regency=None),
        "regencies": toggle(facets.regencies, "regency"),
        "certifications": toggle(facets.certifications, "certification"),
        "export_ready": _query(params, export_ready=None if filters.export_ready else "on"),
        "clear": "?" + urlencode({"q": filters.q}) if filters.q else "?",
        "page_base": _query(params) + ("&" if any(params.values()) else ""),
    }
    context = {
        "form": form,
        "filters": filters,
        "page": page,
        "facets": facets,
        "links": links,
        "viewer": viewer_for(request),
        "any_filter": any(params[k] for k in FILTER_PARAMS if k != "sort"),
        "corrected_from": outcome.corrected_from,
        "exact_href": "?" + urlencode({"q": outcome.corrected_from, "exact": "1"}),
        "businesses": businesses,
    }
    partial = request.headers.get("HX-Request") and not request.headers.get(
        "HX-History-Restore-Request"
    )
    template = "catalog/partials/results.html" if partial else "catalog/product_list.html"
    response = render(request, template, context)
    patch_vary_headers(response, ["HX-Request"])
    return response


@require_safe
def search_result_open(request: HttpRequest, slug: str) -> HttpResponse:
    """A result of a search was opened: note it in the search log, then go to the product.

    `s` is the search, signed by the results page (the page is the same for everyone, so it
    says nothing about the visitor); without a valid one this is a plain redirect."""
    product = get_object_or_404(Product.objects.public(), slug=slug)
    try:
        query = signing.Signer(salt=OPEN_SALT).unsign(request.GET.get("s", ""))
    except signing.BadSignature:
        query = ""
    if query:
        services.search_opened(query=query, language=get_language())
    return HttpResponseRedirect(product.get_absolute_url())


@require_http_methods(["GET", "POST"])
def currency_set(request: HttpRequest) -> HttpResponse:
    """Remember the visitor's currency. The form sends GET: it sits in pages cached for everyone,
    which carry no CSRF token, and the choice only changes how prices are shown."""
    data = request.POST if request.method == "POST" else request.GET
    form = CurrencyForm(data)
    if form.is_valid() and form.cleaned_data["currency"] in CURRENCY_CODES:
        request.session[SESSION_KEY] = form.cleaned_data["currency"]
    target = data.get("next", "")
    # Only a path of this site; `redirect()` would read any other word as a URL name and raise.
    if not target.startswith("/") or not url_has_allowed_host_and_scheme(
        target, {request.get_host()}, request.is_secure()
    ):
        target = reverse("catalog:list")
    return HttpResponseRedirect(target)


def _json_ld(request, product, photos) -> str:
    data = {
        "@context": "https://schema.org",
        "@type": "Product",
        "name": product.name,
        "description": product.description[:5000],
        "sku": product.slug,
        "category": product.category.name,
        "url": request.build_absolute_uri(product.get_absolute_url()),
        "brand": {"@type": "Brand", "name": product.vendor.name},
        "offers": {
            "@type": "Offer",
            "priceCurrency": "IDR",
            "price": str(product.price_min_idr),
            "availability": "https://schema.org/InStock",
            "seller": {"@type": "Organization", "name": product.vendor.name},
        },
    }
    if product.price_max_idr and product.price_max_idr != product.price_min_idr:
        data["offers"] = {
            **data["offers"],
            "@type": "AggregateOffer",
            "lowPrice": str(product.price_min_idr),
            "highPrice": str(product.price_max_idr),
        }
        del data["offers"]["price"]
    if photos:
        data["image"] = [request.build_absolute_uri(p.image.url("jpeg", 1280)) for p in photos]
    return mark_safe(json.dumps(data, ensure_ascii=False).translate(_JSON_ESCAPES))  # noqa: S308


@require_safe
@anonymous_cache()
def product_page(request: HttpRequest, slug: str) -> HttpResponse:
    product = product_detail(slug=slug, user=request.user)
    if product is None:
        raise Http404
    if product.status == Product.Status.PUBLISHED:
        services.product_view_record(
            product=product, request=request
        )  # one INSERT, aggregated later
    photos = product.photos
    cover = photos[0] if photos else None
    return render(
        request,
        "catalog/product_detail.html",
        {
            "product": product,
            "photos": photos,
            # Absolute from SITE_URL: chat apps fetch the preview from the canonical host.
            "og_image": absolute_file_url(cover.image.url("jpeg", 1280)) if cover else "",
            "json_ld": _json_ld(request, product, photos),
            **discovery_sections(product=product),  # more_from_vendor, related, same_regency
            "viewer": viewer_for(request),
            "absolute_url": absolute_url(product, language=get_language()),
        },
    )


@require_safe
@anonymous_cache()
def product_suggest(request: HttpRequest) -> HttpResponse:
    """Suggestions as the buyer types in the search box: an htmx fragment of listbox options
    (see catalog.suggest). Nothing in it depends on the visitor, so it is cached like a page."""
    typed = request.GET.get("q", "")
    response = render(
        request,
        "catalog/partials/suggestions.html",
        {"suggestions": suggestions(typed), "asked": long_enough(typed)},
    )
    response["X-Robots-Tag"] = "noindex"
    return response
