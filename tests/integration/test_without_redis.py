"""With Redis gone, every page and form still works: the cache fails open, sign-in stays
rate-limited per process, mail waits in the outbox, and /health/ names the parts that fail."""

import json
import logging

import pytest
from django.core.cache import cache
from django.test import Client

from accounts.models import User
from catalog.selectors import CATEGORY_TREE_KEY
from core.models import OutboundEmail
from tests.embedded_redis import PrivateRedis
from tests.factories import ProductFactory, VendorFactory, VerifiedUserFactory
from tests.workers import use_broker

pytestmark = pytest.mark.integration

PASSWORD = "a-long-test-password-2024"


@pytest.fixture
def own_redis(transactional_db, settings):
    """A Redis of this test's own (never the machine's), as the cache and the broker."""
    server = PrivateRedis()
    server.start()
    settings.CACHES = {
        "default": {
            "BACKEND": "core.cache_backends.FailOpenRedisCache",
            "LOCATION": f"{server.url}/1",
            "KEY_PREFIX": "expo",
            "OPTIONS": {
                "socket_connect_timeout": 0.25,
                "socket_timeout": 1.0,
                "RETRY_SECONDS": 0.5,
                "LOCAL_FALLBACK_PREFIXES": ["allauth:", "allauth.mfa."],
            },
        }
    }
    settings.CELERY_TASK_ALWAYS_EAGER = False
    use_broker(f"{server.url}/0")
    try:
        yield server
    finally:
        use_broker("")
        settings.CELERY_TASK_ALWAYS_EAGER = True
        server.stop()


@pytest.fixture
def product(regions):
    return ProductFactory(
        vendor=VendorFactory(name="Sentra Tenun Ikat Parengan"),
        name_en="Parengan woven ikat sarong",
    )


def browse(client: Client, product, user: User) -> None:
    """The public pages and a sign-in with the form, as a visitor would."""
    response = client.get("/en/products/")
    assert response.status_code == 200
    assert "Parengan woven ikat sarong" in response.content.decode()

    response = client.get(f"/en/products/{product.slug}/")
    assert response.status_code == 200
    assert "Sentra Tenun Ikat Parengan" in response.content.decode()

    response = client.get("/en/accounts/login/")
    assert response.status_code == 200
    assert 'name="password"' in response.content.decode()

    response = client.get("/en/accounts/signup/")
    assert response.status_code == 200
    assert 'name="password2"' in response.content.decode()

    response = client.post("/en/accounts/login/", {"login": user.email, "password": PASSWORD})
    assert response.status_code == 302
    assert client.session["_auth_user_id"] == str(user.pk)
    client.post("/en/accounts/logout/")
    assert "_auth_user_id" not in client.session


def health(client: Client) -> tuple[int, dict]:
    response = client.get("/health/")
    return response.status_code, json.loads(response.content)


def test_pages_and_forms_work_while_redis_is_down_and_health_says_so(own_redis, product, caplog):
    client = Client()
    user = VerifiedUserFactory(password=PASSWORD)
    browse(client, product, user)
    assert cache.get(CATEGORY_TREE_KEY) is not None  # the cache is in use
    assert health(client) == (
        200,
        {"status": "ok", "database": "ok", "cache": "ok", "broker": "ok"},
    )

    own_redis.stop()
    with caplog.at_level(logging.WARNING, logger="core.cache_backends"):
        browse(client, product, user)
        browse(client, product, user)
    assert cache.get(CATEGORY_TREE_KEY) is None  # a miss, not an error
    warnings = [r for r in caplog.records if r.name == "core.cache_backends"]
    assert len(warnings) == 1  # one line per interval, not one per request
    assert "Redis cache unreachable" in warnings[0].getMessage()

    # Sign-in is still limited, by this process: the sixth try for one address is refused.
    for _ in range(5):
        client.post("/en/accounts/login/", {"login": user.email, "password": "wrong-password-x"})
    response = client.post("/en/accounts/login/", {"login": user.email, "password": PASSWORD})
    assert "Too many failed login attempts" in response.content.decode()
    assert "_auth_user_id" not in client.session

    # Signing up works; its confirmation mail waits in the outbox for the sweep.
    response = client.post(
        "/en/accounts/signup/",
        {"email": "new.owner@example.com", "password1": PASSWORD, "password2": PASSWORD},
    )
    assert response.status_code == 302
    assert response["Location"] == "/en/accounts/confirm-email/"
    assert OutboundEmail.objects.get().status == OutboundEmail.Status.PENDING

    assert health(client) == (
        503,
        {"status": "degraded", "database": "ok", "cache": "error", "broker": "error"},
    )

    own_redis.start()
    assert health(client) == (
        200,
        {"status": "ok", "database": "ok", "cache": "ok", "broker": "ok"},
    )
    Client().get("/en/products/")
    assert cache.get(CATEGORY_TREE_KEY) is not None  # back in use at once
