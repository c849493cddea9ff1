"""An opening day, simulated (issue "Marketplace scale", item 5). Run by bench/opening_day.py,
which prepares the accounts and writes their session cookies to the file in BENCH_SESSIONS:

    {"buyers": ["<sessionid>", …], "vendors": [{"session": "<sessionid>", "product": 12}, …],
     "start": ["/en/expos/<slug>/", "/en/products/<slug>/", …]}

Three kinds of visitor, weighted like an opening: most only look around.
- Anonymous buyers follow links home → expo lobby → hall → booth → product page → search.
- Signed-in buyers look at products, favourite one, and send an inquiry.
- Vendors upload a photo to one of their products (processed by the Celery `images` queue) and
  remove it again, so that the product never reaches its 8-photo cap.
Think time between steps: BENCH_THINK seconds, "min,max" (default "1,3").

A fourth class, `BareVisitor`, only asks for `/bench/hello/` (the least a Django page can do)
with the same think time: opening_day.py runs it alone, with the same number of users, just
before the mix, so the anonymous steps are compared with a bare view measured by the same load
generator (Locust's own cost per request included on both sides). Name the classes to run on
Locust's command line (`locust -f bench/locustfile.py BareVisitor`), as opening_day.py does.

All classes are FastHttpUser (geventhttpclient): less CPU per request than the requests-based
HttpUser, which matters when Locust shares the 2 cores with what it measures.
"""

import io
import itertools
import json
import os
import random
import re
from http.cookiejar import Cookie
from pathlib import Path

from locust import FastHttpUser, between, task

SESSIONS = json.loads(Path(os.environ["BENCH_SESSIONS"]).read_text())
THINK = tuple(float(x) for x in os.environ.get("BENCH_THINK", "1,3").split(","))
HEADERS = {"Accept-Language": "en"}
_buyers = itertools.cycle(SESSIONS["buyers"])
_vendors = itertools.cycle(SESSIONS["vendors"])

LINK = re.compile(r'href="(/en/[^"#?]*)"')
SEARCH_WORDS = ["bamboo basket", "batik", "coffee", "sambal", "woven bag", "kripik", "tenun"]


def links(html: str, pattern: str) -> list[str]:
    return [href for href in LINK.findall(html) if re.fullmatch(pattern, href)]


def follow(user: FastHttpUser, html: str, pattern: str, name: str) -> str:
    """GET a link of the page that matches `pattern` (or a known start page) as step `name`."""
    found = links(html, pattern)
    fallback = [p for p in SESSIONS["start"] if re.fullmatch(pattern, p)]
    target = random.choice(found or fallback)  # noqa: S311 - load test, not secrets
    with user.client.get(target, name=name, headers=HEADERS, catch_response=True) as response:
        if response.status_code != 200:
            response.failure(f"{response.status_code} for {target}")
            return ""
        return response.text


def csrf(user: FastHttpUser) -> str:
    return next((c.value for c in user.client.cookiejar if c.name == "csrftoken"), "")


def sign_in(user: FastHttpUser, session: str) -> None:
    """The session cookie of an account opening_day.py signed in, as the login form sets it."""
    host = user.host.split("://", 1)[1].split(":", 1)[0].split("/", 1)[0]
    user.client.cookiejar.set_cookie(
        Cookie(0, "sessionid", session, None, False, host, False, False, "/", True, False,
               None, False, None, None, {})
    )  # fmt: skip


class BareVisitor(FastHttpUser):
    """The yardstick: run alone before the mix (see the module's docstring)."""

    wait_time = between(*THINK)

    @task
    def hello(self) -> None:
        self.client.get("/bench/hello/", name="0 bare view", headers=HEADERS)


class AnonymousBuyer(FastHttpUser):
    weight = 8
    wait_time = between(*THINK)

    @task
    def browse(self) -> None:
        home = self.client.get("/en/", name="1 home", headers=HEADERS).text
        self.wait()
        lobby = follow(self, home, r"/en/expos/[\w-]+/", "2 expo lobby")
        self.wait()
        hall = follow(self, lobby, r"/en/expos/[\w-]+/halls/[\w-]+/", "3 hall")
        self.wait()
        booth = follow(self, hall, r"/en/expos/[\w-]+/booths/[\w-]+/", "4 booth")
        self.wait()
        follow(self, booth, r"/en/products/[\w-]+/", "5 product page")
        self.wait()
        word = random.choice(SEARCH_WORDS)  # noqa: S311
        self.client.get("/en/products/", params={"q": word}, name="6 search", headers=HEADERS)


class SignedInBuyer(FastHttpUser):
    weight = 3
    wait_time = between(*THINK)

    def on_start(self) -> None:
        sign_in(self, next(_buyers))

    @task
    def favourite_and_ask(self) -> None:
        page = self.client.get("/en/products/", name="b1 catalogue", headers=HEADERS).text
        self.wait()
        product = follow(self, page, r"/en/products/(?!currency/)[\w-]+/", "b2 product page")
        ids = re.findall(
            r'name="kind" value="product">\s*<input type="hidden" name="id" value="(\d+)"', product
        )
        if not ids:
            return
        self.wait()
        with self.client.post(
            "/en/me/favourites/toggle/",
            data={"kind": "product", "id": ids[0]},
            headers={**HEADERS, "X-CSRFToken": csrf(self)},
            name="b3 favourite",
            allow_redirects=False,
            catch_response=True,
        ) as response:
            if response.status_code not in (200, 302):
                response.failure(str(response.status_code))
        self.wait()
        self.client.get(
            f"/en/me/inquiries/new/?product={ids[0]}", name="b4 inquiry form", headers=HEADERS
        )
        self.wait()
        with self.client.post(
            "/en/me/inquiries/new/",
            data={
                "product": ids[0],
                "quantity": 100,
                "unit": "piece",
                "target_currency": "USD",
                "destination_country": "QA",
                "message": "Opening day: can you ship 100 pieces to Doha in December?",
                "website": "",
                "csrfmiddlewaretoken": csrf(self),
            },
            headers=HEADERS,
            name="b5 send inquiry",
            allow_redirects=False,
            catch_response=True,
        ) as response:
            if response.status_code != 302:
                response.failure(f"{response.status_code}: not sent")


def _photo() -> bytes:
    from PIL import Image

    image = Image.effect_noise((1600, 1200), 64).convert("RGB")
    out = io.BytesIO()
    image.save(out, "JPEG", quality=85)
    return out.getvalue()


PHOTO = _photo()  # ~1 MB: a phone photo after the browser's resize


class Vendor(FastHttpUser):
    weight = 1
    wait_time = between(THINK[0] * 3, THINK[1] * 3)

    def on_start(self) -> None:
        vendor = next(_vendors)
        sign_in(self, vendor["session"])
        self.product = vendor["product"]

    @task
    def upload_and_remove(self) -> None:
        edit = f"/en/dashboard/products/{self.product}/"
        self.client.get(edit, name="v1 product edit", headers=HEADERS)
        # The POST alone (what holds a web worker), then the edit page it redirects to.
        with self.client.post(
            f"{edit}photos/",
            data={"csrfmiddlewaretoken": csrf(self)},
            files={"photos": ("opening.jpg", PHOTO, "image/jpeg")},
            headers=HEADERS,
            name="v2 upload photo",
            allow_redirects=False,
            catch_response=True,
        ) as response:
            if response.status_code != 302:
                response.failure(f"{response.status_code}: not uploaded")
                return
        page = self.client.get(edit, name="v2 edit page after upload", headers=HEADERS).text
        photos = [int(pk) for pk in re.findall(r"/photos/(\d+)/delete/", page)]
        self.wait()
        if len(photos) > 1:
            self.client.post(
                f"{edit}photos/{max(photos)}/delete/",
                data={"csrfmiddlewaretoken": csrf(self)},
                headers=HEADERS,
                name="v3 remove photo",
            )
