"""One machine, measured (issue "Marketplace scale", item 4): every public page beside a bare
Django view, anonymous and signed in, under gunicorn with production settings.

    createdb expo_scale && DATABASE_URL=postgres://…/expo_scale python manage.py migrate
    DATABASE_URL=postgres://…/expo_scale python manage.py seed_demo --scale 100000   # ~1.5 min
    DATABASE_URL=postgres://…/expo_scale REDIS_URL=redis://127.0.0.1:6379/6 \\
        .venv/bin/python bench/pages.py [--duration 10] [--connections 16]

Starts gunicorn (2 sync workers, DJANGO_DEBUG off) on a free loopback port serving bench.wsgi
(the product's urls plus `/bench/hello/`, a view that returns five bytes), then for each page
measures requests per second and p50/p99 latency with wrk (a Python keep-alive client when wrk
is not installed), once anonymous and once with a demo buyer's session cookie. Queries per
request come from one request in this process (Django's test client under
CaptureQueriesContext), after a warm-up request. The last column is the page's req/s over the
anonymous bare view's, measured again right before each page: that ratio, not the absolute
figure, survives a noisy machine. Not part of `make test`: it measures, it does not assert.

"catalogue, distinct searches" asks a different query on every request (words and pairs of words
of the products' names, and a word with a business's number: thousands of them, each role its own
half), so no page comes from the page cache: what a search costs when it is rendered (wrk cycles
them with bench/cycle.lua; the Python client cycles them too).
"""

import argparse
import http.client
import itertools
import os
import random
import re
import shutil
import socket
import subprocess
import sys
import tempfile
import threading
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
PYTHON = sys.executable
sys.path.insert(0, str(ROOT))

DEMO_BUYER = "buyer.doha@demo.expo-umkm.id"
DISTINCT = "catalogue, distinct searches"
DISTINCT_QUERIES = 8000  # more than two roles can ask in a run at 0.2× a 2,500 req/s bare view
CYCLE_LUA = Path(__file__).with_name("cycle.lua")


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def prepare_env() -> dict:
    if not os.environ.get("DATABASE_URL"):
        sys.exit("Set DATABASE_URL to a database seeded with `seed_demo --scale 100000`.")
    env = {
        **os.environ,
        "DJANGO_SETTINGS_MODULE": "config.settings",
        "DJANGO_DEBUG": "0",
        "DJANGO_ALLOWED_HOSTS": "127.0.0.1,localhost,testserver",
        "DJANGO_STATIC_ROOT": tempfile.mkdtemp(prefix="bench-static-"),
        "EXPO_VAR_DIR": os.environ.get("EXPO_VAR_DIR") or tempfile.mkdtemp(prefix="bench-var-"),
    }
    if os.environ.get("REDIS_URL"):
        # settings.py would put the broker in database 0 and the cache in 1 of REDIS_URL's
        # server; keep both in the database the URL names, apart from anything else there.
        env.setdefault("CELERY_BROKER_URL", os.environ["REDIS_URL"])
        env.setdefault("CACHE_URL", os.environ["REDIS_URL"])
        env.setdefault("CACHE_KEY_PREFIX", "bench")
    return env


def distinct_searches(count: int = DISTINCT_QUERIES) -> list[str]:
    """Addresses of `count` different searches, made of the words of public products' names:
    each pair of neighbouring words (broad: hundreds or thousands of matches), and a word with
    the number of a generated business ("kemeja 663": a few matches), shuffled alike every run."""
    from urllib.parse import urlencode

    from catalog.models import Product
    from catalog.search_text import words

    names = Product.objects.public().order_by("pk").values_list("name_en", "name_id")
    broad, narrow = set(), set()
    for name_en, name_id in names.iterator():
        for name in (name_en, name_id):
            found = [w for w in words(name) if len(w) > 2]
            text = [w for w in found if not w.isdigit()]
            broad.update(f"{a} {b}" for a, b in itertools.pairwise(text))
            numbers = [w for w in found if w.isdigit()]
            narrow.update(f"{w} {n}" for w in text[:2] for n in numbers)
        if len(narrow) > count * 2:
            break
    rng = random.Random(13)  # noqa: S311 - a benchmark's sample, not a secret
    queries = sorted(broad)
    rng.shuffle(queries)
    rest = sorted(narrow)
    rng.shuffle(rest)
    mixed = itertools.zip_longest(queries, rest[: count - len(queries)])
    queries = [q for pair in mixed for q in pair if q]
    return [f"/en/products/?{urlencode({'q': q})}" for q in queries[:count]]


def discover_pages() -> tuple[list[tuple[str, str]], str, dict, dict]:
    """The pages to measure (real slugs from the database), a buyer's session cookie, the
    queries per request of each page for (anonymous, signed in), and the distinct searches each
    role cycles through."""
    import django

    django.setup()
    from django.conf import settings
    from django.db import connection
    from django.test import Client
    from django.test.utils import CaptureQueriesContext
    from django.urls import reverse

    from accounts.models import User
    from catalog.models import Product
    from expo.models import Booth, Expo, Hall

    settings.ROOT_URLCONF = "bench.urls"  # as bench.wsgi does: the product plus /bench/hello/
    anonymous, buyer = Client(HTTP_ACCEPT_LANGUAGE="en"), Client(HTTP_ACCEPT_LANGUAGE="en")
    user = User.objects.get(email=DEMO_BUYER)
    buyer.force_login(user)  # a real session row, as after the login form
    cookie = f"sessionid={buyer.cookies['sessionid'].value}"

    def ok(path: str) -> bool:
        return anonymous.get(path).status_code == 200

    pages = [("bare view (hello)", "/bench/hello/"), ("home", "/en/")]
    for expo in Expo.objects.order_by("-pk"):
        if not ok(expo.get_absolute_url()):
            continue
        pages.append(("expo lobby", expo.get_absolute_url()))
        hall = Hall.objects.filter(expo=expo).order_by("pk").first()
        if hall:
            pages.append(("hall", reverse("expo:hall", args=[expo.slug, hall.slug])))
        booth = (
            Booth.objects.filter(expo=expo, status=Booth.Status.APPROVED)
            .select_related("expo", "vendor")
            .order_by("pk")
            .first()
        )
        if booth and ok(booth.get_absolute_url()):
            pages.append(("booth", booth.get_absolute_url()))
        break
    product = Product.objects.public().filter(slug__startswith="scale-").order_by("pk").first()
    product = product or Product.objects.public().order_by("pk").first()
    pages += [
        ("product page", product.get_absolute_url()),
        ("catalogue", "/en/products/"),
        ("catalogue, 1 filter", "/en/products/?category=kerajinan"),
        ("catalogue, search", "/en/products/?q=bamboo+basket"),
        (DISTINCT, "/en/products/?q=…"),  # a different query per request: see distinct_searches
    ]
    pages.append(("regency showcase", reverse("storefront:regency", args=["kabupaten-lamongan"])))
    pages = [(name, path.replace("/id/", "/en/", 1)) for name, path in pages]

    searches = distinct_searches()
    # One half for each role (the buyer's would find the anonymous run's facet counts cached);
    # the in-process counts use the very last addresses, which the load seldom reaches.
    cycles = {"anon": searches[: len(searches) // 2], "buyer": searches[len(searches) // 2 :]}
    spare = iter(reversed(searches))
    queries = {}
    for name, path in pages:
        counts = []
        for client in (anonymous, buyer):
            if name == DISTINCT:
                client.get(next(spare))  # warm-up: the same caches, another query
                path = next(spare)
            else:
                client.get(path)  # warm-up: caches, the buyer's profile
            with CaptureQueriesContext(connection) as captured:
                status = client.get(path).status_code
            counts.append(f"{len(captured)}" if status == 200 else f"{len(captured)} ({status})")
        queries[name] = counts
    connection.close()
    return pages, cookie, queries, cycles


def wrk_available() -> bool:
    if shutil.which("wrk"):
        return True
    if os.geteuid() == 0 and shutil.which("apt-get"):
        subprocess.run(  # noqa: S603
            [shutil.which("apt-get"), "install", "-y", "-qq", "wrk"],
            capture_output=True,
            env={**os.environ, "DEBIAN_FRONTEND": "noninteractive"},
        )
    return bool(shutil.which("wrk"))


def _ms(value: str) -> float:
    number, unit = re.fullmatch(r"([\d.]+)(us|ms|s)", value).groups()
    return float(number) * {"us": 0.001, "ms": 1.0, "s": 1000.0}[unit]


def load_wrk(url: str, cookie: str, duration: int, connections: int, paths=None) -> dict:
    """wrk on `url`, or on each of `paths` in turn (bench/cycle.lua; each thread its share)."""
    headers = ["-H", "Accept-Language: en"] + (["-H", f"Cookie: {cookie}"] if cookie else [])
    script = []
    if paths:
        listing = tempfile.NamedTemporaryFile("w", suffix=".txt", delete=False)  # noqa: SIM115
        listing.write("\n".join(paths) + "\n")
        listing.close()
        script = ["-s", str(CYCLE_LUA)]
    command = [
        shutil.which("wrk"),
        "-t2",
        f"-c{connections}",
        f"-d{duration}s",
        "--latency",
        "--timeout",
        "30s",
    ]
    try:
        out = subprocess.run(  # noqa: S603 - our own arguments
            [*command, *headers, *script, url, *(["--", listing.name] if paths else [])],
            capture_output=True,
            text=True,
            check=True,
        ).stdout
    finally:
        if paths:
            os.unlink(listing.name)
    errors = re.search(r"Non-2xx or 3xx responses: (\d+)", out)
    socket_errors = re.search(
        r"Socket errors: connect (\d+), read (\d+), write (\d+), timeout (\d+)", out
    )
    return {
        "rps": float(re.search(r"Requests/sec:\s+([\d.]+)", out).group(1)),
        "p50": _ms(re.search(r"^\s+50%\s+(\S+)", out, re.MULTILINE).group(1)),
        "p99": _ms(re.search(r"^\s+99%\s+(\S+)", out, re.MULTILINE).group(1)),
        "errors": (int(errors.group(1)) if errors else 0)
        + (sum(map(int, socket_errors.groups())) if socket_errors else 0),
        "requests": int(re.search(r"(\d+) requests in", out).group(1)),
    }


def load_python(url: str, cookie: str, duration: int, connections: int, paths=None) -> dict:
    """Fallback load generator: one keep-alive connection per thread; `paths` in turn."""
    port = int(url.split(":")[2].split("/")[0])
    turn = itertools.cycle(paths or ["/" + url.split("/", 3)[3]])
    headers = {"Accept-Language": "en", **({"Cookie": cookie} if cookie else {})}
    latencies: list[float] = []
    errors = [0]
    lock = threading.Lock()
    deadline = time.perf_counter() + duration

    def worker() -> None:
        conn = http.client.HTTPConnection("127.0.0.1", port, timeout=30)
        mine, failed = [], 0
        while time.perf_counter() < deadline:
            started = time.perf_counter()
            with lock:
                path = next(turn)
            try:
                conn.request("GET", path, headers=headers)
                response = conn.getresponse()
                response.read()
            except OSError:
                failed += 1
                conn.close()
                conn = http.client.HTTPConnection("127.0.0.1", port, timeout=30)
                continue
            if response.status == 200:
                mine.append(time.perf_counter() - started)
            else:
                failed += 1
        conn.close()
        with lock:
            latencies.extend(mine)
            errors[0] += failed

    started = time.perf_counter()
    threads = [threading.Thread(target=worker) for _ in range(connections)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    wall = time.perf_counter() - started
    latencies.sort()
    n = len(latencies) or 1
    return {
        "rps": len(latencies) / wall,
        "p50": latencies[n // 2] * 1000 if latencies else 0.0,
        "p99": latencies[min(n - 1, int(n * 0.99))] * 1000 if latencies else 0.0,
        "errors": errors[0],
        "requests": len(latencies) + errors[0],
    }


def cpu_costs(
    pages: list[tuple[str, str]], cycles: dict, requests: int = 200
) -> dict[str, tuple[float, float]]:
    """Milliseconds of this process's CPU per request, (anonymous, signed-in buyer), with
    Django's test client after two warm-ups (so stored pages come from the cache): unlike req/s,
    hardly moved by other work on the machine — but it leaves out the HTTP server and the
    waits (Redis, PostgreSQL)."""
    from django.test import Client

    from accounts.models import User

    anonymous, buyer = Client(HTTP_ACCEPT_LANGUAGE="en"), Client(HTTP_ACCEPT_LANGUAGE="en")
    buyer.force_login(User.objects.get(email=DEMO_BUYER))
    costs = {}
    for name, path in pages:
        row = []
        for who, client in (("anon", anonymous), ("buyer", buyer)):
            if name == DISTINCT:  # searches neither role's load reaches first: none cached
                paths = cycles[who][-100:]
            else:
                client.get(path)
                client.get(path)
                paths = [path] * requests
            start = time.process_time()
            for one in paths:
                client.get(one)
            row.append((time.process_time() - start) / len(paths) * 1000)
        costs[name] = tuple(row)
    return costs


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--duration", type=int, default=10, help="seconds per page and role")
    parser.add_argument("--connections", type=int, default=16)
    parser.add_argument("--workers", type=int, default=2, help="gunicorn sync workers")
    parser.add_argument("--python-client", action="store_true", help="do not use wrk")
    options = parser.parse_args()

    env = prepare_env()
    os.environ.update(env)
    subprocess.run(  # noqa: S603 - our own interpreter and arguments
        [PYTHON, "manage.py", "collectstatic", "--noinput", "-v0"], cwd=ROOT, env=env, check=True
    )
    pages, cookie, queries, cycles = discover_pages()
    cpu = cpu_costs(pages, cycles)
    use_wrk = not options.python_client and wrk_available()
    load = load_wrk if use_wrk else load_python

    port = free_port()
    gunicorn = subprocess.Popen(  # noqa: S603 - our own interpreter and arguments
        [PYTHON, "-m", "gunicorn", "bench.wsgi:application", "--workers", str(options.workers),
         "--worker-class", "sync", "--bind", f"127.0.0.1:{port}", "--log-level", "warning"],
        cwd=ROOT, env=env,
    )  # fmt: skip
    try:
        for _ in range(150):
            try:
                conn = http.client.HTTPConnection("127.0.0.1", port, timeout=5)
                conn.request("GET", "/bench/hello/")
                if conn.getresponse().status == 200:
                    break
            except OSError:
                time.sleep(0.2)
        base = f"http://127.0.0.1:{port}"
        print(
            f"\ngunicorn {options.workers} sync workers, DEBUG off; "
            f"{'wrk' if use_wrk else 'Python keep-alive client'}, {options.connections} "
            f"connections, {options.duration} s per page and role; "
            f"Redis: {'yes' if os.environ.get('REDIS_URL') else 'no (file cache)'}\n"
        )
        header = (
            f"{'page':<30}{'who':<8}{'req/s':>8}{'p50 ms':>8}{'p99 ms':>8}{'queries':>9}"
            f"{'errors':>8}{'× bare':>8}"
        )
        print(header)
        print("-" * len(header))
        bare_path = pages[0][1]
        for name, path in pages:
            # The bare view again right before each page: on a machine shared with other work
            # the load changes within minutes, and only a ratio to a neighbouring run holds.
            bare = load(base + bare_path, "", options.duration, options.connections)["rps"]
            for who, sent_cookie, index in (("anon", "", 0), ("buyer", cookie, 1)):
                paths = cycles[who] if name == DISTINCT else None
                result = load(
                    base + path.split("?")[0], sent_cookie, options.duration,
                    options.connections, paths=paths,
                ) if paths else load(base + path, sent_cookie, options.duration,
                                     options.connections)  # fmt: skip
                if paths and result["requests"] > len(paths):
                    print(f"  ({who}: {result['requests']} requests, only {len(paths)} "
                          "distinct searches: some came from the cache)")  # fmt: skip
                print(
                    f"{name:<30}{who:<8}{result['rps']:>8.0f}{result['p50']:>8.1f}"
                    f"{result['p99']:>8.1f}{queries[name][index]:>9}{result['errors']:>8}"
                    f"{result['rps'] / bare:>8.3f}",
                    flush=True,
                )
        bare_cpu = cpu[pages[0][0]][0]
        print(
            f"\n{'page':<30}{'anon CPU ms':>12}{'× bare':>8}{'buyer CPU ms':>14}{'× bare':>8}"
            "   (in-process, see cpu_costs; × the anonymous bare view)"
        )
        for name, _path in pages:
            anon_cpu, buyer_cpu = cpu[name]
            print(
                f"{name:<30}{anon_cpu:>12.3f}{bare_cpu / anon_cpu:>8.3f}"
                f"{buyer_cpu:>14.3f}{bare_cpu / buyer_cpu:>8.3f}"
            )
        print("\n" + "\n".join(f"  {name}: {path}" for name, path in pages))
        print(
            "\n× bare: the page's req/s over the anonymous bare view's, measured again right "
            "before each page (the signed-in bare row is the price of loading the session and "
            "user). queries: one warm request in-process (distinct searches: a query not asked "
            f"before). Distinct searches: {len(cycles['anon'])} per role."
        )
    finally:
        gunicorn.terminate()
        gunicorn.wait(timeout=30)
        shutil.rmtree(env["DJANGO_STATIC_ROOT"], ignore_errors=True)


if __name__ == "__main__":
    main()
