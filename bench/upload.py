"""Photo uploads, measured apart (issue "Marketplace scale", item 5: "uploads excepted: their
processing is measured separately"): how long one upload holds a web worker, and how long the
`images` worker then spends on it.

    DATABASE_URL=postgres://…/expo_bench_run REDIS_URL=redis://127.0.0.1:6379/9 \\
        .venv/bin/python bench/upload.py [--uploads 30] [--profile]

Starts gunicorn (1 sync worker, DEBUG off, no Celery worker: nothing competes with the request
for the CPU) and, as a bench vendor (the accounts of bench/opening_day.py), posts the opening
day's photo (1600×1200 JPEG, ~1 MB) `--uploads` times one after the other. For each upload it
times the POST alone (until its 302: what holds the worker), then the edit page the browser is
redirected to, then removes the photo again. Then it processes `--process` of the stored photos
in this process, as the `images` worker does (`core.images.image_process`), and times that.
`--profile` also runs one upload in-process under cProfile and prints where its time goes.
Prints the figures; asserts nothing.
"""

import argparse
import cProfile
import http.client
import io
import json
import os
import pstats
import re
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
import uuid
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "bench"))

from opening_day import bench_env, prepare_accounts, wait_for  # noqa: E402
from pages import free_port  # noqa: E402


def photo() -> bytes:
    """The opening day's photo (bench/locustfile.py): noise, so it compresses like a real one."""
    from PIL import Image

    image = Image.effect_noise((1600, 1200), 64).convert("RGB")
    out = io.BytesIO()
    image.save(out, "JPEG", quality=85)
    return out.getvalue()


def multipart(fields: dict[str, str], name: str, filename: str, data: bytes) -> tuple[bytes, str]:
    boundary = uuid.uuid4().hex
    parts = [
        f'--{boundary}\r\nContent-Disposition: form-data; name="{key}"\r\n\r\n{value}\r\n'.encode()
        for key, value in fields.items()
    ]
    parts.append(
        f'--{boundary}\r\nContent-Disposition: form-data; name="{name}"; filename="{filename}"'
        "\r\nContent-Type: image/jpeg\r\n\r\n".encode()
        + data
        + b"\r\n"
    )
    parts.append(f"--{boundary}--\r\n".encode())
    return b"".join(parts), f"multipart/form-data; boundary={boundary}"


class Browser:
    """One keep-alive connection with a vendor's cookies."""

    def __init__(self, port: int, session: str):
        self.conn = http.client.HTTPConnection("127.0.0.1", port, timeout=60)
        self.cookies = {"sessionid": session}

    def request(self, method: str, path: str, body: bytes = b"", content_type: str = ""):
        headers = {
            "Accept-Language": "en",
            "Cookie": "; ".join(f"{k}={v}" for k, v in self.cookies.items()),
        }
        if content_type:
            headers["Content-Type"] = content_type
        started = time.perf_counter()
        self.conn.request(method, path, body=body or None, headers=headers)
        response = self.conn.getresponse()
        text = response.read().decode(errors="replace")
        elapsed = (time.perf_counter() - started) * 1000
        for header in response.headers.get_all("Set-Cookie") or []:
            key, _, rest = header.partition("=")
            self.cookies[key] = rest.split(";", 1)[0]
        return response.status, text, elapsed


def percentile(values: list[float], share: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, int(len(ordered) * share))]


def upload_over_http(port: int, vendor: dict, data: bytes, uploads: int) -> dict[str, list]:
    browser = Browser(port, vendor["session"])
    edit = f"/en/dashboard/products/{vendor['product']}/"
    status, _, _ = browser.request("GET", edit)  # the CSRF cookie, as a browser has it
    if status != 200:
        sys.exit(f"the vendor's edit page answered {status}")
    times: dict[str, list] = {"post": [], "edit page": [], "stored": []}
    for _ in range(uploads + 2):  # the first two warm the worker up and are not counted
        body, content_type = multipart(
            {"csrfmiddlewaretoken": browser.cookies["csrftoken"]}, "photos", "opening.jpg", data
        )
        status, _, post_ms = browser.request("POST", f"{edit}photos/", body, content_type)
        if status != 302:
            sys.exit(f"upload answered {status}")
        status, page, edit_ms = browser.request("GET", edit)
        photos = [int(pk) for pk in re.findall(r"/photos/(\d+)/delete/", page)]
        times["post"].append(post_ms)
        times["edit page"].append(edit_ms)
        times["stored"].append(max(photos))
        browser.request(
            "POST",
            f"{edit}photos/{max(photos)}/delete/",
            f"csrfmiddlewaretoken={browser.cookies['csrftoken']}".encode(),
            "application/x-www-form-urlencoded",
        )
    return {key: values[2:] for key, values in times.items()}


def processing_times(data: bytes, count: int) -> list[tuple[float, float]]:
    """(wall ms, CPU ms) of `image_process` on `count` fresh images of the same photo."""
    from django.core.files.uploadedfile import SimpleUploadedFile
    from django.db import transaction

    from core.images import image_create, image_delete, image_process

    results = []
    for _ in range(count):
        with transaction.atomic():
            image = image_create(upload=SimpleUploadedFile("opening.jpg", data))
        wall, cpu = time.perf_counter(), time.process_time()
        image = image_process(image=image)
        results.append(
            ((time.perf_counter() - wall) * 1000, (time.process_time() - cpu) * 1000)
        )  # fmt: skip
        assert image.status == "ready", image.error
        with transaction.atomic():
            image_delete(image=image)
    return results


def profile_one(vendor: dict, data: bytes) -> None:
    """One upload in-process (Django's test client) under cProfile: where its time goes."""
    from django.core.files.uploadedfile import SimpleUploadedFile
    from django.test import Client

    from accounts.models import User
    from catalog.models import ProductImage

    client = Client(HTTP_ACCEPT_LANGUAGE="en")
    client.force_login(User.objects.get(email="bench-vendor-0@bench.invalid"))
    url = f"/en/dashboard/products/{vendor['product']}/photos/"
    for _attempt in range(2):  # the first warms caches and imports up
        upload = SimpleUploadedFile("opening.jpg", data, content_type="image/jpeg")
        profiler = cProfile.Profile()
        profiler.enable()
        response = client.post(url, {"photos": [upload]})
        profiler.disable()
        assert response.status_code == 302, response.status_code
        ProductImage.objects.filter(product_id=vendor["product"]).order_by("-pk").first().delete()
    out = io.StringIO()
    pstats.Stats(profiler, stream=out).sort_stats("cumulative").print_stats(25)
    print(out.getvalue())


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--uploads", type=int, default=30)
    parser.add_argument("--process", type=int, default=5, help="photos processed in-process")
    parser.add_argument("--profile", action="store_true")
    options = parser.parse_args()

    env = bench_env()
    os.environ.update(env)
    os.environ["CELERY_BROKER_URL"] = env["CELERY_BROKER_URL"]
    run_dir = Path(tempfile.mkdtemp(prefix="upload-bench-"))
    subprocess.run(
        [sys.executable, "manage.py", "collectstatic", "--noinput", "-v0"],
        cwd=ROOT,
        env=env,
        check=True,
    )
    prepare_accounts(run_dir / "sessions.json")
    vendor = json.loads((run_dir / "sessions.json").read_text())["vendors"][0]
    data = photo()

    port = free_port()
    gunicorn = subprocess.Popen(  # noqa: S603 - our own interpreter and arguments
        [sys.executable, "-m", "gunicorn", "bench.wsgi:application", "--workers", "1",
         "--worker-class", "sync", "--bind", f"127.0.0.1:{port}", "--log-level", "warning"],
        cwd=ROOT, env=env,
    )  # fmt: skip
    try:
        wait_for(port)
        times = upload_over_http(port, vendor, data, options.uploads)
    finally:
        gunicorn.terminate()
        gunicorn.wait(timeout=30)
    processed = processing_times(data, options.process)
    from config.celery import app

    app.control.purge()  # the uploads' tasks: their photos are gone, and no worker ran

    print(
        f"\n{options.uploads} uploads of a {len(data) / 1e6:.2f} MB 1600×1200 JPEG, one after the "
        "other, gunicorn 1 sync worker, DEBUG off, no Celery worker running\n"
    )
    print(f"{'part':<38}{'p50 ms':>8}{'p95 ms':>8}{'max ms':>8}")
    print("-" * 62)
    for name, label in (
        ("post", "upload POST (holds the web worker)"),
        ("edit page", "edit page after the redirect"),
    ):
        values = times[name]
        print(
            f"{label:<38}{statistics.median(values):>8.0f}{percentile(values, 0.95):>8.0f}"
            f"{max(values):>8.0f}"
        )
    walls, cpus = [w for w, _ in processed], [c for _, c in processed]
    print(
        f"{'processing (images worker), wall':<38}{statistics.median(walls):>8.0f}"
        f"{percentile(walls, 0.95):>8.0f}{max(walls):>8.0f}"
    )
    print(
        f"{'processing (images worker), CPU':<38}{statistics.median(cpus):>8.0f}"
        f"{percentile(cpus, 0.95):>8.0f}{max(cpus):>8.0f}"
    )
    if options.profile:
        profile_one(vendor, data)
    shutil.rmtree(env["DJANGO_STATIC_ROOT"], ignore_errors=True)


if __name__ == "__main__":
    main()
