"""The benchmark's reference page: the same full-text query and filters in raw SQL, rendering
the same 24 cards (catalog/partials/product_card.html) in a bare page, with no facets, no
form and no ORM. Served only by bench/wsgi.py, never by the app."""

import json

from django.db import connection
from django.http import HttpResponse
from django.template import engines
from django.urls import path
from django.utils.translation import get_language

from catalog.models import Product, ProductImage
from core.models import Image, Regency
from core.viewer import viewer_for
from vendors.models import Vendor

PAGE = engines["django"].from_string(
    """{% extends "base.html" %}{% block content %}<h1>{{ count }}</h1><div class="product-grid">
{% for product in products %}{% include "catalog/partials/product_card.html" %}{% endfor %}
</div>{% endblock %}"""
)

# Rank and cut to 24 first, then fetch what the cards show for those 24 only; the total is a
# separate count, like the app's paginator.
FILTERED = """
FROM catalog_product p
JOIN vendors_vendor v ON v.id = p.vendor_id
JOIN core_regency r ON r.id = v.regency_id
WHERE p.status = 'published' AND v.status = 'verified' {where}
"""
# Only fixed SQL fragments are formatted in; every value goes as a parameter.
COUNT_SQL = "SELECT count(*) {filtered}"
SQL = """
WITH hits AS (SELECT p.id, row_number() OVER (ORDER BY {order}) AS n {filtered}
              ORDER BY {order} LIMIT 24)
SELECT p.id, p.slug, p.name_id, p.name_en, p.price_min_idr, p.price_max_idr, p.unit, p.moq,
       v.name, r.name, i.renditions, i.width, i.height, i.dominant_color, pi.alt_id, pi.alt_en
FROM hits
JOIN catalog_product p ON p.id = hits.id
JOIN vendors_vendor v ON v.id = p.vendor_id
JOIN core_regency r ON r.id = v.regency_id
LEFT JOIN LATERAL (
    SELECT x.image_id, x.alt_id, x.alt_en FROM catalog_productimage x
    JOIN core_image y ON y.id = x.image_id AND y.status = 'ready'
    WHERE x.product_id = p.id ORDER BY x.position, x.id LIMIT 1
) pi ON true
LEFT JOIN core_image i ON i.id = pi.image_id
ORDER BY hits.n
"""
TSQUERY = "(websearch_to_tsquery('simple', %s) || websearch_to_tsquery('english', %s))"


def reference(request):
    q = request.GET.get("q", "").strip()
    where, params, order = "", [], "p.featured DESC, p.published_at DESC, p.id DESC"
    if q:
        where += f" AND p.search_vector @@ {TSQUERY}"
        params += [q, q]
        order = f"ts_rank(p.search_vector, {TSQUERY}) DESC, p.published_at DESC, p.id DESC"
    if request.GET.get("province"):
        where += " AND r.province_id = (SELECT id FROM core_province WHERE slug = %s)"
        params.append(request.GET["province"])
    if request.GET.get("category"):
        where += (
            " AND p.category_id IN (SELECT id FROM catalog_category c WHERE c.slug = %s"
            " OR c.parent_id = (SELECT id FROM catalog_category WHERE slug = %s))"
        )
        params += [request.GET["category"]] * 2
    if request.GET.get("sort") == "newest":
        order = "p.published_at DESC, p.id DESC"
    order_params = [q, q] if q and request.GET.get("sort") != "newest" else []
    with connection.cursor() as cursor:
        # The window's ORDER BY comes before WHERE in the text, the final ORDER BY after it.
        cursor.execute(
            SQL.format(filtered=FILTERED.format(where=where), order=order),
            order_params + params + order_params,
        )
        rows = cursor.fetchall()
        cursor.execute(COUNT_SQL.format(filtered=FILTERED.format(where=where)), params)
        count = cursor.fetchone()[0]
    products = []
    for row in rows:
        product = Product(
            id=row[0], slug=row[1], name_id=row[2], name_en=row[3], price_min_idr=row[4],
            price_max_idr=row[5], unit=row[6], moq=row[7],
        )  # fmt: skip
        product.vendor = Vendor(name=row[8], regency=Regency(name=row[9]))
        product.photos = []
        if row[10]:
            # Django's psycopg setup leaves jsonb as text; JSONField decodes it, so do we.
            image = Image(
                renditions=json.loads(row[10]),
                width=row[11],
                height=row[12],
                dominant_color=row[13],
            )
            photo = ProductImage(image=image, alt_id=row[14] or "", alt_en=row[15] or "")
            photo.product = product
            product.photos.append(photo)
        products.append(product)
    html = PAGE.render(
        {
            "products": products,
            "count": count,
            "viewer": viewer_for(request),
            "lang": get_language(),
        },
        request,
    )
    return HttpResponse(html)


urlpatterns = [path("bench/reference/", reference)]
