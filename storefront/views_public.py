"""The storefront: the home page and the regions, for anyone.

Everyone gets them from the shared page cache (core.cache); a signed-in person's own parts — the
calls to action and "For you" — are put in for them (core.personal, registered in apps.py).
"""

from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, render
from django.views.decorators.http import require_safe

from catalog.selectors import category_tree
from core.cache import anonymous_cache
from core.models import Regency
from core.viewer import viewer_for
from storefront import selectors
from trade.selectors import regency_export_years


@require_safe
@anonymous_cache()
def home(request: HttpRequest) -> HttpResponse:
    now = selectors.expo_now()
    context = {
        "expo_now": now,
        "booths": selectors.featured_booths(expo=now.expo) if now else [],
        "new_products": selectors.new_products(),
        "categories": category_tree(),
        "regions": selectors.top_regencies(),
        "viewer": viewer_for(request),
    }
    return render(request, "storefront/home.html", context)


@require_safe
@anonymous_cache()
def regions(request: HttpRequest) -> HttpResponse:
    return render(request, "storefront/regions.html", {"provinces": selectors.regions_index()})


def _first_page(request: HttpRequest) -> bool:
    return request.GET.get("page", "1") in ("", "1")


@require_safe
@anonymous_cache(when=_first_page)
def regency(request: HttpRequest, slug: str) -> HttpResponse:
    regency = get_object_or_404(Regency.objects.select_related("province"), slug=slug)
    now = selectors.expo_now()
    expo = now.expo if now else None
    years = regency_export_years(regency)
    return render(
        request,
        "storefront/regency.html",
        {
            "regency": regency,
            "vendors": selectors.regency_vendors(regency=regency),
            "page": selectors.regency_products_page(regency=regency, page=request.GET.get("page")),
            "expo": expo,
            "pavilion": selectors.regency_pavilion(regency=regency, expo=expo) if expo else None,
            "booths": selectors.regency_booths(regency=regency, expo=expo) if expo else [],
            "years": years,
            "sources": sorted({y.source for y in years if y.source}),
            "viewer": viewer_for(request),
        },
    )
