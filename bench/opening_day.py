"""An opening day, simulated (issue "Marketplace scale", item 5): bench/locustfile.py headless
against gunicorn (2 sync workers, DEBUG off) and a real Celery worker, then a table per step.

    createdb -h 127.0.0.1 -U postgres expo_bench_run
    export DATABASE_URL=postgres://postgres@127.0.0.1:5432/expo_bench_run
    python manage.py migrate && python manage.py seed_demo [--scale 100000]
    REDIS_URL=redis://127.0.0.1:6379/6 .venv/bin/python bench/opening_day.py \\
        [--users 40] [--spawn-rate 10] [--time 60s] [--think 1,3]

Before Locust starts, the bare view (`/bench/hello/`) is loaded for 10 s with the same number of
connections as gunicorn has workers × 8, in the same run, so that the anonymous part can be
compared with it. Creates (idempotently) 50 buyer accounts and 5 vendor staff accounts named
`bench-…@bench.invalid`, and signs them in directly (session rows, as after the login form),
because allauth's login rate limit (per IP address) would refuse 55 logins from 127.0.0.1.
The inquiry rate limits are lifted for the run (BUYERS_INQUIRIES_PER_*): the simulation measures
the pages, not the limiter. Redis: the broker and the cache both use REDIS_URL's own database.
Targets (issue): anonymous req/s ≥ 0.3 × the bare view's; every step p95 ≤ 300 ms (uploads
excepted); no failure. Prints the figures; asserts nothing.
"""

import argparse
import csv
import json
import os
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
    parser.add_argument("--think", default="1,3", help="seconds between steps: min,max")
    parser.add_argument("--workers", type=int, default=2, help="gunicorn workers")
    parser.add_argument(
        "--threads", type=int, default=1,
        help="threads per gunicorn worker (more than 1: the gthread worker class, so that a "
        "cached page does not queue behind a request waiting on PostgreSQL or an upload)",
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

    port = free_port()
    worker_class = ["--worker-class", "sync"]
    if options.threads > 1:
        worker_class = ["--worker-class", "gthread", "--threads", str(options.threads)]
    gunicorn = [sys.executable, "-m", "gunicorn", "bench.wsgi:application", "--workers",
                str(options.workers), *worker_class, "--bind", f"127.0.0.1:{port}",
                "--log-level", "warning"]  # fmt: skip
    celery = [str(BIN / "celery"), "-A", "config", "worker", "-Q", "images,email,default",
              "--concurrency", "1", "--loglevel", "WARNING", "--without-heartbeat",
              "--without-gossip", "--without-mingle"]  # fmt: skip
    locust = [str(BIN / "locust"), "-f", str(ROOT / "bench" / "locustfile.py"), "--headless",
              "-u", str(options.users), "-r", str(options.spawn_rate), "-t", options.time,
              "--host", f"http://127.0.0.1:{port}", "--csv", str(run_dir / "run"),
              "--only-summary", "--loglevel", "WARNING"]  # fmt: skip
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
        bare = (load_wrk if wrk_available() else load_python)(hello, "", 10, options.workers * 8)
        print(f"\nbare view: {bare['rps']:.0f} req/s, p50 {bare['p50']:.1f} ms", flush=True)
        with (run_dir / "locust.log").open("w") as log:
            subprocess.run(locust, cwd=ROOT, env=locust_env, stdout=log, stderr=subprocess.STDOUT)  # noqa: S603
        report(run_dir, bare["rps"], options)
    finally:
        for process in reversed(processes):
            process.terminate()
            process.wait(timeout=60)
        shutil.rmtree(env["DJANGO_STATIC_ROOT"], ignore_errors=True)


def report(run_dir: Path, bare_rps: float, options) -> None:
    with (run_dir / "run_stats.csv").open() as fh:
        rows = list(csv.DictReader(fh))
    print(
        f"\n{options.users} users (8 anonymous : 3 signed-in buyers : 1 vendor), "
        f"spawn {options.spawn_rate}/s, {options.time}, think {options.think} s; "
        f"gunicorn {options.workers} workers × {options.threads} thread(s) + 1 Celery worker\n"
    )
    header = f"{'step':<22}{'requests':>9}{'fails':>7}{'req/s':>8}{'p50 ms':>8}{'p95 ms':>8}"
    print(header + "  target")
    print("-" * (len(header) + 8))
    anonymous_rps, misses = 0.0, []
    for row in rows:
        name = row["Name"]
        if name == "Aggregated":
            continue
        p95 = float(row["95%"] or 0)
        fails = int(row["Failure Count"])
        upload = name.startswith("v2")
        ok = fails == 0 and (upload or p95 <= 300)
        if not ok:
            misses.append(name)
        if name[0].isdigit():
            anonymous_rps += float(row["Requests/s"])
        print(
            f"{name:<22}{row['Request Count']:>9}{fails:>7}{float(row['Requests/s']):>8.1f}"
            f"{float(row['50%'] or 0):>8.0f}{p95:>8.0f}  "
            f"{'ok' if ok else 'MISSED'}{' (upload: p95 not held)' if upload else ''}"
        )
    total = next(r for r in rows if r["Name"] == "Aggregated")
    print(
        f"{'all':<22}{total['Request Count']:>9}{total['Failure Count']:>7}"
        f"{float(total['Requests/s']):>8.1f}{float(total['50%'] or 0):>8.0f}"
        f"{float(total['95%'] or 0):>8.0f}"
    )
    print(
        f"\nanonymous steps: {anonymous_rps:.1f} req/s offered by {options.users} users with "
        f"think time; bare view alone: {bare_rps:.0f} req/s → {anonymous_rps / bare_rps:.3f}×"
    )
    print(f"steps missing the target: {', '.join(misses) or 'none'}")
    failures = run_dir / "run_failures.csv"
    if failures.exists():
        with failures.open() as fh:
            for row in list(csv.DictReader(fh))[:10]:
                print(f"  failure: {row['Name']}: {row['Error'][:120]} ×{row['Occurrences']}")
    print(f"\nCSV, Locust and Celery logs: {run_dir}")


if __name__ == "__main__":
    main()
