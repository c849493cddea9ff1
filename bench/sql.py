"""SQL budget of the public pages at scale: each page's real queries, timed by PostgreSQL.

    DATABASE_URL=postgres://…/expo_sql_bench .venv/bin/python bench/sql.py [--runs 7] [--plans]

Uses the database in DATABASE_URL as it is (make one with `seed_demo --scale 100000`). Each page
is requested once through its view function (RequestFactory, no middleware, so a page cache
cannot hide the queries) to warm the caches the page relies on (facet counts, the category
tree), then requested again while every query is captured. Each captured SELECT runs under
EXPLAIN (ANALYZE, BUFFERS) `--runs` times after one warm-up; the page's figure is the sum over its
queries of each query's median execution time. Writes (a view counted) are listed, not timed.
Not part of `make test`: it measures, it does not assert.
"""

import argparse
import json
import os
import statistics
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "config.settings")

import django  # noqa: E402

django.setup()

from django.conf import settings  # noqa: E402
from django.contrib.auth.models import AnonymousUser  # noqa: E402
from django.contrib.sessions.backends.cache import SessionStore  # noqa: E402
from django.db import connection  # noqa: E402
from django.db.models import Count  # noqa: E402
from django.test import RequestFactory, override_settings  # noqa: E402
from django.urls import resolve  # noqa: E402
from django.utils import translation  # noqa: E402

from catalog.models import Category, Product  # noqa: E402
from core.cache import local_copies_clear, public_pages_changed  # noqa: E402
from core.models import Province, Regency  # noqa: E402
from expo.models import Booth, Expo  # noqa: E402

# Budgets in milliseconds (the issue "Marketplace scale", item 1).
LISTING_MS, SEARCH_MS, PAGE_MS = 5.0, 20.0, 5.0


def pages() -> list[tuple[str, str, float]]:
    """(label, path, budget) for every page measured, with values picked from the data."""
    public = Product.objects.public()
    category = (
        Category.objects.filter(parent__isnull=False)
        .annotate(n=Count("products"))
        .order_by("-n")
        .first()
    )
    province = Province.objects.annotate(n=Count("regencies__vendors")).order_by("-n").first()
    regency = Regency.objects.annotate(n=Count("vendors")).order_by("-n").first()
    kind = (
        Product.certifications.through.objects.values_list("certification__kind", flat=True)
        .order_by("certification__kind")
        .first()
    ) or "halal"
    product = public.order_by("-pk").first()
    expo = Expo.objects.filter(halls__booths__status=Booth.Status.APPROVED).first()
    booth = Booth.objects.filter(hall__expo=expo, status=Booth.Status.APPROVED).first()
    hall = booth.hall
    session = expo.sessions.order_by("pk").first()
    session_path = f"/en/expos/{expo.slug}/agenda/{session.pk}/"
    listing = "/en/products/"
    return [
        ("catalogue", listing, LISTING_MS),
        ("catalogue category", f"{listing}?category={category.slug}", LISTING_MS),
        ("catalogue province", f"{listing}?province={province.slug}", LISTING_MS),
        ("catalogue regency", f"{listing}?regency={regency.slug}", LISTING_MS),
        ("catalogue certification", f"{listing}?certification={kind}", LISTING_MS),
        ("catalogue price range", f"{listing}?min_price=100000&max_price=500000", LISTING_MS),
        ("catalogue export ready", f"{listing}?export_ready=on", LISTING_MS),
        ("catalogue newest", f"{listing}?sort=newest", LISTING_MS),
        ("catalogue price asc", f"{listing}?sort=price_asc", LISTING_MS),
        ("catalogue price desc", f"{listing}?sort=price_desc", LISTING_MS),
        ("catalogue page 40", f"{listing}?page=40", LISTING_MS),
        ("search premium (1/6)", f"{listing}?q=premium", SEARCH_MS),
        ("search batik", f"{listing}?q=batik", SEARCH_MS),
        ("product page", product.get_absolute_url().replace("/id/", "/en/"), PAGE_MS),
        ("expo lobby", f"/en/expos/{expo.slug}/", PAGE_MS),
        ("expo hall", f"/en/expos/{expo.slug}/halls/{hall.slug}/", PAGE_MS),
        ("expo booth", f"/en/expos/{expo.slug}/booths/{booth.vendor.slug}/", PAGE_MS),
        (
            "expo hall filtered",
            f"/en/expos/{expo.slug}/halls/{hall.slug}/?q=a&export_ready=1",
            PAGE_MS,
        ),
        (
            "expo hall category",
            f"/en/expos/{expo.slug}/halls/{hall.slug}/?category={category.slug}",
            PAGE_MS,
        ),
        ("expo session", session_path, PAGE_MS),
        ("home", "/en/", PAGE_MS),
        ("regions", "/en/regions/", PAGE_MS),
        ("regency showcase", f"/en/regions/{regency.slug}/", PAGE_MS),
    ]


def request_queries(path: str) -> list[tuple[str, object]]:
    """Call the path's view function and return every (sql, params) it ran."""
    # Every stored public page is let go first, so the page cache (core.cache) renders the page
    # instead of answering from Redis with no query at all (signed-in visitors share it too).
    public_pages_changed()
    local_copies_clear()
    request = RequestFactory().get(path, HTTP_HOST="localhost")
    request.user = AnonymousUser()
    request.session = SessionStore()
    captured: list[tuple[str, object]] = []

    def capture(execute, sql, params, many, context):
        captured.append((sql, params))
        return execute(sql, params, many, context)

    with translation.override("en"), connection.execute_wrapper(capture):
        match = resolve(request.path_info)
        response = match.func(request, *match.args, **match.kwargs)
        if hasattr(response, "render"):
            response.render()
    if response.status_code != 200:
        sys.exit(f"{path} answered {response.status_code}")
    return captured


def explain(sql: str, params, runs: int) -> tuple[float, list]:
    """Median execution time (ms) of `runs` EXPLAIN ANALYZE runs after a warm-up, and a plan."""
    times, plan = [], None
    with connection.cursor() as cursor:
        for _ in range(runs + 1):
            cursor.execute("EXPLAIN (ANALYZE, BUFFERS, FORMAT JSON) " + sql, params)
            raw = cursor.fetchone()[0]
            plan = json.loads(raw) if isinstance(raw, str) else raw
            times.append(plan[0]["Execution Time"])
    return statistics.median(times[1:]), plan


def text_plan(sql: str, params) -> str:
    with connection.cursor() as cursor:
        cursor.execute("EXPLAIN (ANALYZE, BUFFERS) " + sql, params)
        return "\n".join(row[0] for row in cursor.fetchall())


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=7)
    parser.add_argument("--plans", action="store_true", help="print every query's plan")
    parser.add_argument("--only", default="", help="measure only pages whose label contains it")
    args = parser.parse_args()

    products = Product.objects.count()
    print(f"{products:,} products, {args.runs} warm runs per query, times in ms (p50)\n")
    print(f"{'page':<26} {'queries':>7} {'writes':>6} {'SQL ms':>8} {'slowest':>8} "
          f"{'budget':>6}  result")  # fmt: skip
    failed = 0
    for label, path, budget in pages():
        if args.only and args.only not in label:
            continue
        request_queries(path)  # warm the caches the page relies on
        queries = request_queries(path)
        timed, writes = [], 0
        for sql, params in queries:
            if not sql.lstrip().upper().startswith(("SELECT", "WITH")):
                writes += 1
                continue
            ms, _ = explain(sql, params, args.runs)
            timed.append((ms, sql, params))
        total = sum(ms for ms, _, _ in timed)
        slowest = max(timed, key=lambda t: t[0]) if timed else (0.0, "", None)
        ok = total <= budget
        failed += not ok
        print(f"{label:<26} {len(queries):>7} {writes:>6} {total:>8.2f} {slowest[0]:>8.2f} "
              f"{budget:>6.0f}  {'PASS' if ok else 'FAIL'}")  # fmt: skip
        if args.plans:
            print(f"  {path}")
            for ms, sql, params in timed:
                print(f"  --- {ms:.2f} ms: {sql[:300]}")
                print("    " + text_plan(sql, params).replace("\n", "\n    "))
            print()
    print(f"\n{failed} page(s) over budget." if failed else "\nEvery page within budget.")


if __name__ == "__main__":
    # Pages render without `collectstatic` (the manifest is not what is measured).
    static = {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"}
    with override_settings(STORAGES={**settings.STORAGES, "staticfiles": static}):
        main()
