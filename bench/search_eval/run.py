"""Run the judged search queries over HTTP and report how well the catalogue finds things.

    DATABASE_URL=postgres://postgres@127.0.0.1:5432/expo_searcheval REDIS_URL=redis://…/2 \\
        .venv/bin/python bench/search_eval/run.py [--cause typo] [--misses] [--json out.json]
        .venv/bin/python bench/search_eval/run.py --queries bench/search_eval/heldout.json
    .venv/bin/python bench/search_eval/run.py --url http://127.0.0.1:8000   # a copy already served

Without --url it serves the database of DATABASE_URL itself (load it first with load.py):
gunicorn with one sync worker, DJANGO_DEBUG off, on a free loopback port, with a cache key prefix
of its own so that no answer comes from an earlier run's cache. Each query of queries.json is
requested once as a buyer types it, on /<lang>/products/?q=…; the product keys are read from the
result cards' `data-product` slugs (a product's slug is its Indonesian name slugified plus a
random tail, so the key is found from products.json without the database). `--queries FILE` runs
another judged set of the same shape (heldout.json: queries written blind, never tuned on).

Per query and overall (means over the queries that have relevant products):
- precision@10: relevant results among the first ten shown (or fewer, when fewer are shown);
  a query that shows nothing has no precision and counts in the zero-result rate instead;
- first-page recall: relevant products on the first page over min(relevant products, page size);
- zero-result rate: queries with relevant products that show nothing;
- latency p50/p95 of the whole request, as the buyer waits for it.
Queries judged to find nothing are listed apart (anything they show is a false hit).
A report, not a test: the exit code is always 0.
"""

import argparse
import http.client
import json
import os
import re
import socket
import statistics
import subprocess
import sys
import tempfile
import time
import uuid
from collections import defaultdict
from pathlib import Path
from urllib.parse import quote, urlsplit

HERE = Path(__file__).resolve().parent
ROOT = HERE.parents[1]
sys.path.insert(0, str(ROOT))

PAGE_SIZE = 24  # catalog.selectors.PAGE_SIZE
CARD = re.compile(r'data-product="([^"]+)"')
TAIL = re.compile(r"-[0-9a-f]{6}$")


def slugify(text: str) -> str:
    from django.utils.text import slugify as django_slugify

    return django_slugify(text)


def key_by_slug_base(products: list[dict]) -> dict[str, str]:
    """The slug a product's name gives (catalog.services._unique_slug without its tail)."""
    return {(slugify(p["name_id"])[:200] or "produk"): p["key"] for p in products}


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def serve() -> tuple[subprocess.Popen, str]:
    env = {
        **os.environ,
        "DJANGO_SETTINGS_MODULE": "config.settings",
        "DJANGO_DEBUG": "0",
        "DJANGO_ALLOWED_HOSTS": "127.0.0.1,localhost",
        "DJANGO_STATIC_ROOT": tempfile.mkdtemp(prefix="searcheval-static-"),
        "EXPO_VAR_DIR": os.environ.get("EXPO_VAR_DIR")
        or tempfile.mkdtemp(prefix="searcheval-var-"),
        "CACHE_KEY_PREFIX": f"searcheval-{uuid.uuid4().hex[:8]}",  # a cold cache every run
    }
    if os.environ.get("REDIS_URL"):
        env.setdefault("CACHE_URL", os.environ["REDIS_URL"])
        env.setdefault("CELERY_BROKER_URL", os.environ["REDIS_URL"])
    subprocess.run(
        [sys.executable, "manage.py", "collectstatic", "--noinput", "-v0"],
        cwd=ROOT, env=env, check=True,
    )  # fmt: skip
    port = free_port()
    process = subprocess.Popen(  # noqa: S603 - our own interpreter and arguments
        [sys.executable, "-m", "gunicorn", "config.wsgi:application", "--workers", "1",
         "--bind", f"127.0.0.1:{port}", "--log-level", "warning"],
        cwd=ROOT, env=env,
    )  # fmt: skip
    base = f"http://127.0.0.1:{port}"
    for _ in range(150):
        try:
            conn = http.client.HTTPConnection("127.0.0.1", port, timeout=5)
            conn.request("GET", "/id/products/")
            if conn.getresponse().status == 200:
                return process, base
        except OSError:
            time.sleep(0.2)
    process.terminate()
    raise RuntimeError("the server did not answer")


class Client:
    def __init__(self, base: str):
        parts = urlsplit(base)
        self.host, self.port = parts.hostname, parts.port or 80
        self.prefix = parts.path.rstrip("/")
        self.conn = None

    def get(self, path: str) -> tuple[int, str, float]:
        for attempt in range(2):
            if self.conn is None:
                self.conn = http.client.HTTPConnection(self.host, self.port, timeout=30)
            try:
                start = time.perf_counter()
                self.conn.request("GET", self.prefix + path)
                response = self.conn.getresponse()
                body = response.read().decode("utf-8", "replace")
                return response.status, body, (time.perf_counter() - start) * 1000
            except (OSError, http.client.HTTPException):
                self.conn = None
                if attempt:
                    raise
        raise AssertionError("unreachable")


def percentile(values: list[float], fraction: float) -> float:
    if not values:
        return 0.0
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, round(fraction * (len(ordered) - 1)))]


def evaluate(client: Client, queries: list[dict], keys: dict[str, str]) -> list[dict]:
    rows = []
    for query in queries:
        path = f"/{query['lang']}/products/?q={quote(query['q'])}"
        row = {**query, "shown": [], "ms": None, "error": ""}
        try:
            status, body, ms = client.get(path)
        except (OSError, http.client.HTTPException) as exc:
            row["error"] = str(exc)
            rows.append(row)
            continue
        row["ms"] = ms
        if status != 200:
            row["error"] = f"HTTP {status}"
        shown = [keys.get(TAIL.sub("", slug), f"?{slug}") for slug in CARD.findall(body)]
        row["shown"] = shown
        relevant = set(query["relevant"])
        if relevant:
            top = shown[:10]
            row["precision"] = sum(k in relevant for k in top) / len(top) if top else None
            row["recall"] = len(relevant & set(shown)) / min(len(relevant), PAGE_SIZE)
            row["zero"] = not shown
            row["missed"] = sorted(relevant - set(shown))
            row["wrong"] = [k for k in top if k not in relevant]
        rows.append(row)
    return rows


def mean(values) -> float:
    values = [v for v in values if v is not None]
    return statistics.fmean(values) if values else 0.0


def summary(rows: list[dict]) -> dict:
    judged = [r for r in rows if r["relevant"]]
    latencies = [r["ms"] for r in rows if r["ms"] is not None]
    return {
        "queries": len(rows),
        "judged": len(judged),
        "precision_at_10": mean(r.get("precision") for r in judged),
        "first_page_recall": mean(r.get("recall") for r in judged),
        "zero_result_rate": (sum(r.get("zero", False) for r in judged) / len(judged))
        if judged
        else 0.0,
        "zero_results": sum(r.get("zero", False) for r in judged),
        "latency_p50_ms": percentile(latencies, 0.50),
        "latency_p95_ms": percentile(latencies, 0.95),
        "errors": sum(bool(r["error"]) for r in rows),
    }


def fmt(value) -> str:
    return "  –  " if value is None else f"{value:5.2f}"


def report(rows: list[dict], *, misses: bool) -> dict:
    print(f"{'cause':<10}{'lang':<5}{'query':<36}{'shown':>6}{'P@10':>7}{'recall':>7}{'ms':>7}")
    print("-" * 78)
    for r in rows:
        if not r["relevant"]:
            continue
        ms = f"{r['ms']:7.0f}" if r["ms"] is not None else "      –"
        flag = "  NONE" if r.get("zero") else ""
        print(
            f"{r['cause']:<10}{r['lang']:<5}{r['q'][:35]:<36}{len(r['shown']):>6}"
            f"{fmt(r.get('precision')):>7}{fmt(r.get('recall')):>7}{ms}{flag}"
            + (f"  {r['error']}" if r["error"] else "")
        )
        if misses and (r.get("missed") or r.get("wrong")):
            if r["wrong"]:
                print(f"{'':15}wrong in top 10: {', '.join(r['wrong'])}")
            if r["missed"]:
                print(f"{'':15}not on page 1:  {', '.join(r['missed'])}")
    empty = [r for r in rows if not r["relevant"]]
    if empty:
        print("\nQueries that should find nothing:")
        for r in empty:
            hits = ", ".join(r["shown"][:5]) or "nothing shown (right)"
            print(f"  {r['lang']:<4}{r['q']:<34} {hits}")

    print("\nBy cause (queries with relevant products):")
    print(f"{'cause':<10}{'n':>4}{'P@10':>7}{'recall':>7}{'zero':>6}")
    by_cause = defaultdict(list)
    for r in rows:
        if r["relevant"]:
            by_cause[r["cause"]].append(r)
    for cause, group in sorted(by_cause.items()):
        s = summary(group)
        print(
            f"{cause:<10}{s['judged']:>4}{s['precision_at_10']:7.2f}"
            f"{s['first_page_recall']:7.2f}{s['zero_results']:>6}"
        )
    overall = summary(rows)
    print(
        f"\nOverall: {overall['judged']} judged queries (+{overall['queries'] - overall['judged']}"
        f" that should find nothing); precision@10 {overall['precision_at_10']:.3f}, "
        f"first-page recall {overall['first_page_recall']:.3f}, zero-result rate "
        f"{overall['zero_result_rate']:.3f} ({overall['zero_results']} queries); latency p50 "
        f"{overall['latency_p50_ms']:.0f} ms, p95 {overall['latency_p95_ms']:.0f} ms"
        + (f"; {overall['errors']} errors" if overall["errors"] else "")
    )
    return overall


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--url", help="base URL of a copy already served (with load.py's data)")
    parser.add_argument("--cause", action="append", help="only the queries of this cause")
    parser.add_argument("--misses", action="store_true", help="list wrong and missed products")
    parser.add_argument("--json", type=Path, help="also write every row and the summary here")
    parser.add_argument(
        "--queries",
        type=Path,
        default=HERE / "queries.json",
        help="the judged queries to run (default queries.json; heldout.json is the held-out set)",
    )
    options = parser.parse_args()

    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "config.settings")
    products = json.loads((HERE / "products.json").read_text())["products"]
    queries = json.loads(options.queries.read_text())["queries"]
    if options.cause:
        queries = [q for q in queries if q["cause"] in options.cause]
    keys = key_by_slug_base(products)

    process = None
    try:
        if options.url:
            base = options.url
        elif not os.environ.get("DATABASE_URL"):
            print("Set DATABASE_URL to a database loaded by load.py, or pass --url.")
            return 0
        else:
            process, base = serve()
        client = Client(base)
        client.get("/id/products/")  # warm the worker (templates, connections)
        rows = evaluate(client, queries, keys)
        overall = report(rows, misses=options.misses)
        if options.json:
            options.json.write_text(
                json.dumps({"summary": overall, "rows": rows}, ensure_ascii=False, indent=1)
            )
    except Exception as exc:
        print(f"The evaluation could not run: {exc!r}")
    finally:
        if process is not None:
            process.terminate()
            process.wait(timeout=10)
    return 0


if __name__ == "__main__":
    sys.exit(main())
