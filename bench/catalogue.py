"""Catalogue benchmark (issue item 8): 100,000 products over 5,000 businesses, the app under
gunicorn with production settings, and the same full-text query in raw SQL as a reference.

    .venv/bin/python bench/catalogue.py [--products 100000] [--duration 10] [--concurrency 4]

Uses its own database (`<name>_bench` beside DATABASE_URL's), generates the data once
(`seed_demo --scale`), starts gunicorn (2 sync workers, DJANGO_DEBUG off) on a free port, and
prints p50/p95 latency, requests per second and queries per request for the search, a
filtered listing and a product page, each beside its reference page measured in the same run.
Not part of `make test`: it takes minutes and measures, it does not assert.
"""

import argparse
import http.client
import os
import socket
import statistics
import subprocess
import sys
import tempfile
import threading
import time
from pathlib import Path
from urllib.parse import urlsplit, urlunsplit

import psycopg

ROOT = Path(__file__).resolve().parents[1]
PYTHON = sys.executable


def bench_database_url() -> str:
    base = os.environ.get("DATABASE_URL")
    if not base:
        sys.exit("Set DATABASE_URL (the benchmark creates `<name>_bench` beside it).")
    parts = urlsplit(base)
    name = parts.path.lstrip("/") + "_bench"
    admin_url = urlunsplit(parts._replace(path="/postgres"))
    with psycopg.connect(admin_url, autocommit=True) as conn:
        if not conn.execute("SELECT 1 FROM pg_database WHERE datname = %s", [name]).fetchone():
            conn.execute(f'CREATE DATABASE "{name}"')
    return urlunsplit(parts._replace(path=f"/{name}"))


def run(args: list[str], env: dict) -> None:
    subprocess.run([PYTHON, "manage.py", *args], cwd=ROOT, env=env, check=True)  # noqa: S603


def generated_products(database_url: str) -> int:
    with psycopg.connect(database_url) as conn:
        row = conn.execute(
            "SELECT count(*) FROM catalog_product WHERE slug LIKE 'scale-%%'"
        ).fetchone()
    return row[0]


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def get(port: int, path: str) -> tuple[int, float, str, int]:
    started = time.perf_counter()
    conn = http.client.HTTPConnection("127.0.0.1", port, timeout=30)
    conn.request("GET", path, headers={"Accept-Language": "en"})
    response = conn.getresponse()
    body = response.read()
    elapsed = time.perf_counter() - started
    queries = response.getheader("X-Queries", "?")
    conn.close()
    return response.status, elapsed, queries, len(body)


def load(port: int, path: str, duration: float, concurrency: int) -> dict:
    latencies: list[float] = []
    errors = [0]
    lock = threading.Lock()
    deadline = time.perf_counter() + duration

    def worker() -> None:
        while time.perf_counter() < deadline:
            status, elapsed, _, _ = get(port, path)
            with lock:
                if status == 200:
                    latencies.append(elapsed)
                else:
                    errors[0] += 1

    started = time.perf_counter()
    threads = [threading.Thread(target=worker) for _ in range(concurrency)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    wall = time.perf_counter() - started
    latencies.sort()
    return {
        "requests": len(latencies),
        "errors": errors[0],
        "rps": len(latencies) / wall,
        "p50": statistics.median(latencies) * 1000,
        "p95": latencies[int(len(latencies) * 0.95) - 1] * 1000,
    }


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--products", type=int, default=100_000)
    parser.add_argument("--duration", type=float, default=10.0, help="seconds per page")
    parser.add_argument("--concurrency", type=int, default=4)
    parser.add_argument("--workers", type=int, default=2, help="gunicorn sync workers")
    options = parser.parse_args()

    database_url = bench_database_url()
    static_root = tempfile.mkdtemp(prefix="bench-static-")
    env = {
        **os.environ,
        "DATABASE_URL": database_url,
        "DJANGO_DEBUG": "0",
        "DJANGO_STATIC_ROOT": static_root,
        "DJANGO_ALLOWED_HOSTS": "127.0.0.1,localhost",
        "EXPO_VAR_DIR": str(Path(tempfile.mkdtemp(prefix="bench-var-"))),
    }
    env.pop("CELERY_BROKER_URL", None)  # the demo processes its photos in-process
    run(["migrate", "-v0"], env)
    missing = options.products - generated_products(database_url)
    if missing > 0:
        print(f"Generating {missing} products (seed_demo --scale)…", flush=True)
        started = time.perf_counter()
        run(["seed_demo", "--scale", str(missing)], env)
        print(f"  done in {time.perf_counter() - started:.0f} s", flush=True)
    run(["collectstatic", "--noinput", "-v0"], env)

    port = free_port()
    gunicorn = subprocess.Popen(  # noqa: S603 - our own interpreter and arguments
        [PYTHON, "-m", "gunicorn", "bench.wsgi:application", "--workers", str(options.workers),
         "--worker-class", "sync", "--bind", f"127.0.0.1:{port}", "--log-level", "warning"],
        cwd=ROOT, env=env,
    )  # fmt: skip
    try:
        for _ in range(100):
            try:
                if get(port, "/health/")[0] in (200, 503):
                    break
            except OSError:
                time.sleep(0.2)
        with psycopg.connect(database_url) as conn:
            slug = conn.execute(
                "SELECT slug FROM catalog_product WHERE slug LIKE 'scale-%%' ORDER BY id LIMIT 1"
            ).fetchone()[0]
        search = "q=bamboo+basket"
        listing = "province=jawa-timur&category=kerajinan&sort=newest"
        pages = [
            ("search", f"/en/products/?{search}", f"/en/bench/reference/?{search}"),
            ("filtered listing", f"/en/products/?{listing}", f"/en/bench/reference/?{listing}"),
            ("product page", f"/en/products/{slug}/", f"/en/bench/reference/?{search}"),
        ]
        print(
            f"\n{options.products} generated products; gunicorn {options.workers} sync workers; "
            f"{options.concurrency} concurrent clients, {options.duration:.0f} s per page\n"
        )
        header = f"{'page':<18}{'p50 ms':>9}{'p95 ms':>9}{'req/s':>8}{'queries':>9}"
        print(header + f"{'  ref p50':>10}{'ref req/s':>10}{'ratio':>7}")
        for name, path, reference_path in pages:
            status, _, first_queries, _ = get(port, path)  # warm up (and fill the facet cache)
            assert status == 200, (path, status)
            _, _, queries, _ = get(port, path)
            assert get(port, reference_path)[0] == 200
            app = load(port, path, options.duration, options.concurrency)
            ref = load(port, reference_path, options.duration, options.concurrency)
            ratio = app["p50"] / ref["p50"]
            print(
                f"{name:<18}{app['p50']:>9.1f}{app['p95']:>9.1f}{app['rps']:>8.0f}"
                f"{queries + ' (' + first_queries + ')':>9}{ref['p50']:>10.1f}{ref['rps']:>10.0f}"
                f"{ratio:>7.2f}"
            )
        print(
            "\nqueries: per request once warm (in brackets: the first request, before the "
            "facet counts are cached).\nratio: p50 of the page / p50 of the raw-SQL reference "
            "page rendering the same 24 cards (target ≤ 1.5; the product page is compared "
            "with the search reference for scale only)."
        )
    finally:
        gunicorn.terminate()
        gunicorn.wait(timeout=30)


if __name__ == "__main__":
    main()
