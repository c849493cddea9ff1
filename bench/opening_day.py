"""An opening day, simulated (issue "Marketplace scale", item 5): bench/locustfile.py headless
against gunicorn (DEBUG off) and a real Celery worker, then a table per step.

    createdb -h 127.0.0.1 -U postgres expo_bench_run
    export DATABASE_URL=postgres://postgres@127.0.0.1:5432/expo_bench_run
    python manage.py migrate && python manage.py seed_demo [--scale 100000]
    REDIS_URL=redis://127.0.0.1:6379/6 .venv/bin/python bench/opening_day.py \\
        [--users 40] [--spawn-rate 10] [--time 60s] [--think 1,3] [--workers 2] [--threads 8] \\
        [--images-nice 10]

The bare view (`/bench/hello/`, five bytes through the whole middleware stack) is measured twice
in the same run, against the same gunicorn, before the mix: with wrk (10 s, workers × 8
connections: what the server can do) and with Locust itself (`--bare-time`, the same users, the
same think time, the `BareVisitor` class: what this load generator can drive through it). The
anonymous steps of the mix are printed as a share of both; the Locust one compares like with
like (Locust's own CPU, on the same 2 cores, is in both). With think time both only *offer* the
load their users make; `--think 0,0` turns it into a capacity figure.

Creates (idempotently) 50 buyer accounts and 5 vendor staff accounts named
`bench-…@bench.invalid`, and signs them in directly (session rows, as after the login form),
because allauth's login rate limit (per IP address) would refuse 55 logins from 127.0.0.1.
The inquiry rate limits are lifted for the run (BUYERS_INQUIRIES_PER_*): the simulation measures
the pages, not the limiter. Redis: the broker and the cache both use REDIS_URL's own database.
The Celery worker logs at INFO, and the `images` tasks' times are read from its log: photo
processing is measured there, apart from the web requests.
Targets (issue): anonymous req/s ≥ 0.3 × the bare view's; every step p95 ≤ 300 ms (uploads
excepted); no failure. Prints the figures; asserts nothing.
"""

import argparse
import csv
import json
import os
import re
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
BIN = Path(sys.executable).parent
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "bench"))

from pages import free_port, load_python, load_wrk, prepare_env, wrk_available  # noqa: E402

BUYERS, VENDORS = 50, 5


def bench_env() -> dict:
    """pages.py's environment, with the rate limits lifted for the simulated buyers."""
    env = prepare_env()
    env.update(
        BUYERS_INQUIRIES_PER_HOUR="100000",
        BUYERS_INQUIRIES_PER_VENDOR_PER_DAY="100000",
        BUYERS_MESSAGES_PER_HOUR="100000",
    )
    if not os.environ.get("REDIS_URL"):  # prepare_env then keeps broker and cache in its database
        sys.exit(
            "Set REDIS_URL (e.g. redis://127.0.0.1:6379/6): a real Celery worker is part of it."
        )
    return env


def prepare_accounts(sessions_file: Path) -> None:
    """Bench buyers and vendor staff, signed in; a few start pages for links not found."""
    import django

    django.setup()
    from allauth.account.models import EmailAddress
    from django.conf import settings
    from django.db import connection
    from django.db.models import Count
    from django.test import Client

    from accounts.models import User
    from buyers.models import BuyerProfile
    from catalog.models import Product
    from expo.models import Booth, Expo
    from vendors.models import Vendor, VendorMember

    settings.ROOT_URLCONF = "bench.urls"

    def signed_in(email: str) -> tuple[User, str]:
        user = User.objects.filter(email=email).first() or User.objects.create_user(
            email, "bench-password-not-used"
        )
        EmailAddress.objects.update_or_create(
            user=user, email=email, defaults={"verified": True, "primary": True}
        )
        client = Client()
        client.force_login(user)
        return user, client.cookies["sessionid"].value

    buyers = []
    for i in range(BUYERS):
        user, session = signed_in(f"bench-buyer-{i}@bench.invalid")
        BuyerProfile.objects.get_or_create(
            user=user, defaults={"country": "QA", "buyer_type": "shop", "display_currency": "USD"}
        )
        buyers.append(session)
    vendors = []
    businesses = Vendor.objects.public().order_by("pk")[:VENDORS]
    for i, vendor in enumerate(businesses):
        user, session = signed_in(f"bench-vendor-{i}@bench.invalid")
        VendorMember.objects.get_or_create(
            vendor=vendor, user=user, defaults={"role": VendorMember.Role.STAFF}
        )
        product = (
            Product.objects.filter(vendor=vendor)
            .annotate(photos=Count("images"))
            .order_by("photos", "pk")
            .first()
        )
        if product is not None and product.photos < 7:
            vendors.append({"session": session, "product": product.pk})
    start = [expo.get_absolute_url() for expo in Expo.objects.order_by("-pk")[:3]]
    start += [
        booth.get_absolute_url()
        for booth in Booth.objects.filter(status=Booth.Status.APPROVED).select_related(
            "expo", "vendor"
        )[:5]
    ]
    start += [p.get_absolute_url() for p in Product.objects.public().order_by("-pk")[:10]]
    start = [url.replace("/id/", "/en/", 1) for url in start]
    sessions_file.write_text(json.dumps({"buyers": buyers, "vendors": vendors, "start": start}))
    connection.close()


def wait_for(port: int) -> None:
    import http.client

    for _ in range(150):
        try:
            conn = http.client.HTTPConnection("127.0.0.1", port, timeout=5)
            conn.request("GET", "/bench/hello/")
            if conn.getresponse().status == 200:
                return
        except OSError:
            time.sleep(0.2)
    sys.exit("gunicorn did not answer")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--users", type=int, default=40)
    parser.add_argument("--spawn-rate", type=float, default=10)
    parser.add_argument("--time", default="60s")
    parser.add_argument("--bare-time", default="20s", help="Locust's bare-view phase")
    parser.add_argument("--think", default="1,3", help="seconds between steps: min,max")
    # The defaults are production's (config/gunicorn.py, docker-compose.yml) on 2 cores; the
    # rounds before 2026-11-30 11:30 ran `--threads 1 --images-nice 0` (2 sync workers).
    parser.add_argument("--workers", type=int, default=2, help="gunicorn processes")
    parser.add_argument(
        "--threads", type=int, default=8,
        help="threads per gunicorn process (more than 1: the gthread worker class, so that a "
        "cached page does not queue behind a signed-in page or an upload; 1: sync workers)",
    )  # fmt: skip
    parser.add_argument(
        "--images-nice", type=int, default=10,
        help="run the Celery worker at this niceness (0: as the web workers)",
    )  # fmt: skip
    options = parser.parse_args()

    env = bench_env()
    os.environ.update(env)
    run_dir = Path(tempfile.mkdtemp(prefix="opening-day-"))
    subprocess.run(
        [sys.executable, "manage.py", "collectstatic", "--noinput", "-v0"],
        cwd=ROOT,
        env=env,
        check=True,
    )
    prepare_accounts(run_dir / "sessions.json")
    from config.celery import app

    app.control.purge()  # tasks left by an earlier run (bench/upload.py runs no worker)

    port = free_port()
    worker_class = ["--worker-class", "sync"]
    if options.threads > 1:
        worker_class = ["--worker-class", "gthread", "--threads", str(options.threads),
                        "--keep-alive", "65"]  # as config/gunicorn.py  # fmt: skip
    gunicorn = [sys.executable, "-m", "gunicorn", "bench.wsgi:application", "--workers",
                str(options.workers), *worker_class, "--bind", f"127.0.0.1:{port}",
                "--log-level", "warning"]  # fmt: skip
    celery = [str(BIN / "celery"), "-A", "config", "worker", "-Q", "images,email,default",
              "--concurrency", "1", "--loglevel", "INFO", "--without-heartbeat",
              "--without-gossip", "--without-mingle"]  # fmt: skip
    if options.images_nice:
        celery = ["nice", "-n", str(options.images_nice), *celery]

    def locust(classes: list[str], duration: str, csv_prefix: str) -> list[str]:
        return [str(BIN / "locust"), "-f", str(ROOT / "bench" / "locustfile.py"), "--headless",
                "-u", str(options.users), "-r", str(options.spawn_rate), "-t", duration,
                "--host", f"http://127.0.0.1:{port}", "--csv", str(run_dir / csv_prefix),
                "--only-summary", "--loglevel", "WARNING", *classes]  # fmt: skip

    locust_env = {
        **env,
        "BENCH_SESSIONS": str(run_dir / "sessions.json"),
        "BENCH_THINK": options.think,
    }
    processes = []
    try:
        processes.append(subprocess.Popen(gunicorn, cwd=ROOT, env=env))  # noqa: S603
        celery_log = (run_dir / "celery.log").open("w")
        processes.append(
            subprocess.Popen(celery, cwd=ROOT, env=env, stdout=celery_log, stderr=subprocess.STDOUT)  # noqa: S603
        )
        wait_for(port)
        hello = f"http://127.0.0.1:{port}/bench/hello/"
        wrk = (load_wrk if wrk_available() else load_python)(hello, "", 10, options.workers * 8)
        print(f"\nbare view, wrk: {wrk['rps']:.0f} req/s, p50 {wrk['p50']:.1f} ms", flush=True)
        with (run_dir / "locust.log").open("w") as log:
            subprocess.run(  # noqa: S603
                locust(["BareVisitor"], options.bare_time, "bare"),
                cwd=ROOT, env=locust_env, stdout=log, stderr=subprocess.STDOUT,
            )  # fmt: skip
            before = cache_generation()
            cpu_before = [cpu_seconds(p) for p in processes] + [children_cpu_seconds()]
            wall = time.monotonic()
            subprocess.run(  # noqa: S603
                locust(MIX, options.time, "run"),
                cwd=ROOT, env=locust_env, stdout=log, stderr=subprocess.STDOUT,
            )  # fmt: skip
            wall = time.monotonic() - wall
            cpu = [cpu_seconds(p) for p in processes] + [children_cpu_seconds()]
        time.sleep(5)  # the last photos' processing
        bumps = cache_generation() - before
        deltas = [after - start for after, start in zip(cpu, cpu_before, strict=True)]
        used = dict(zip(("web", "celery", "locust"), deltas, strict=True))
        report(run_dir, wrk["rps"], options, bumps, used, wall)
    finally:
        for process in reversed(processes):
            process.terminate()
            process.wait(timeout=60)
        shutil.rmtree(env["DJANGO_STATIC_ROOT"], ignore_errors=True)


MIX = ["AnonymousBuyer", "SignedInBuyer", "Vendor"]


def cpu_seconds(process: subprocess.Popen) -> float:
    """CPU time (user + system) of a process and its children so far (gunicorn's workers,
    Celery's pool): unlike latencies, hardly moved by other work on a shared machine."""
    import psutil

    root = psutil.Process(process.pid)
    total = 0.0
    for proc in [root, *root.children(recursive=True)]:
        try:
            times = proc.cpu_times()
        except psutil.NoSuchProcess:
            continue
        total += times.user + times.system
    return total


def children_cpu_seconds() -> float:
    """CPU time of this script's finished children (Locust, once its run has ended)."""
    import resource

    usage = resource.getrusage(resource.RUSAGE_CHILDREN)
    return usage.ru_utime + usage.ru_stime


def cache_generation() -> int:
    """The public pages' cache generation (core.cache): each bump makes every cached page render
    again, so how often the mix bumps it says how much of the anonymous part is cache hits."""
    from django.core.cache import cache

    from core.cache import GENERATION_KEY

    return cache.get(GENERATION_KEY) or 0


def _rows(path: Path) -> list[dict]:
    with path.open() as fh:
        return list(csv.DictReader(fh))


def _step(name: str, row: dict, target: str = "") -> str:
    return (
        f"{name:<26}{row['Request Count']:>9}{row['Failure Count']:>7}"
        f"{float(row['Requests/s']):>8.1f}{float(row['50%'] or 0):>8.0f}"
        f"{float(row['95%'] or 0):>8.0f}  {target}"
    ).rstrip()


def report(
    run_dir: Path, wrk_rps: float, options, bumps: int, cpu: dict[str, float], wall: float
) -> None:
    rows = _rows(run_dir / "run_stats.csv")
    bare = next(r for r in _rows(run_dir / "bare_stats.csv") if r["Name"] == "Aggregated")
    bare_rps = float(bare["Requests/s"])
    worker = f"{options.workers} workers × {options.threads} thread(s)" + (
        " (gthread)" if options.threads > 1 else " (sync)"
    )
    print(
        f"\n{options.users} users (8 anonymous : 3 signed-in buyers : 1 vendor), "
        f"spawn {options.spawn_rate}/s, {options.time}, think {options.think} s; "
        f"gunicorn {worker} + 1 Celery worker"
        f"{f' (nice {options.images_nice})' if options.images_nice else ''}\n"
    )
    header = f"{'step':<26}{'requests':>9}{'fails':>7}{'req/s':>8}{'p50 ms':>8}{'p95 ms':>8}"
    print(header + "  target")
    print("-" * (len(header) + 8))
    print(_step(f"0 bare view ({options.bare_time} before)", bare))
    anonymous_rps, misses = 0.0, []
    for row in rows:
        name = row["Name"]
        if name == "Aggregated":
            continue
        p95 = float(row["95%"] or 0)
        upload = name.startswith("v2 upload")
        ok = int(row["Failure Count"]) == 0 and (upload or p95 <= 300)
        if not ok:
            misses.append(name)
        if name[0].isdigit():
            anonymous_rps += float(row["Requests/s"])
        note = " (upload: p95 not held)" if upload else ""
        print(_step(name, row, f"{'ok' if ok else 'MISSED'}{note}"))
    print(_step("all", next(r for r in rows if r["Name"] == "Aggregated")))
    print(
        f"\nanonymous steps: {anonymous_rps:.1f} req/s"
        f"\n  × bare view by Locust (same users and think time): {bare_rps:.0f} req/s → "
        f"{anonymous_rps / bare_rps:.3f}× (target ≥ 0.3)"
        f"\n  × bare view by wrk ({options.workers * 8} connections, no think time): "
        f"{wrk_rps:.0f} req/s → {anonymous_rps / wrk_rps:.3f}×"
    )
    if options.think != "0,0":
        print("  (with think time the users only offer this load: --think 0,0 for capacity)")
    print(f"steps missing the target: {', '.join(misses) or 'none'}")
    total = next(r for r in rows if r["Name"] == "Aggregated")
    seconds = int(total["Request Count"]) / max(float(total["Requests/s"]), 1e-9)
    print(
        f"public pages' cache emptied (generation bumps) during the mix: {bumps} "
        f"({bumps / seconds:.1f}/s)"
    )
    failures = run_dir / "run_failures.csv"
    if failures.exists():
        for row in _rows(failures)[:10]:
            print(f"  failure: {row['Name']}: {row['Error'][:120]} ×{row['Occurrences']}")
    images = [
        float(seconds) * 1000
        for seconds in re.findall(
            r"image_process_task\[[^]]+\] succeeded in ([\d.]+)s",
            (run_dir / "celery.log").read_text(),
        )
    ]
    if images:
        images.sort()
        print(
            f"photo processing (Celery `images`, from its log): {len(images)} photos, "
            f"p50 {images[len(images) // 2]:.0f} ms, "
            f"p95 {images[min(len(images) - 1, int(len(images) * 0.95))]:.0f} ms"
        )
    requests = int(total["Request Count"]) or 1
    print(
        f"CPU during the mix ({wall:.0f} s wall, 2 cores = {2 * wall:.0f} CPU s): "
        f"gunicorn {cpu['web']:.0f} s ({cpu['web'] / requests * 1000:.0f} ms per request), "
        f"Celery {cpu['celery']:.0f} s"
        + (f" ({cpu['celery'] / len(images) * 1000:.0f} ms per photo)" if images else "")
        + f", Locust {cpu['locust']:.0f} s"
    )
    print(f"\nCSV, Locust and Celery logs: {run_dir}")


if __name__ == "__main__":
    main()
