import json

import pytest

from config.celery import app as celery_app
from core import views_public


def test_health_reports_each_component(client, db):
    response = client.get("/health/")
    assert response.status_code == 200
    assert response["Content-Type"] == "application/json"
    assert json.loads(response.content) == {
        "status": "ok",
        "database": "ok",
        "cache": "ok",
        "broker": "eager",
    }
    assert "no-cache" in response["Cache-Control"]


def test_health_is_503_when_the_configured_broker_is_unreachable(client, db, settings, monkeypatch):
    settings.CELERY_TASK_ALWAYS_EAGER = False
    monkeypatch.setattr(celery_app.conf, "broker_url", "redis://127.0.0.1:1/0")
    celery_app._pool = None
    try:
        response = client.get("/health/")
    finally:
        celery_app._pool = None
    assert response.status_code == 503
    assert json.loads(response.content)["broker"] == "error"
    assert json.loads(response.content)["database"] == "ok"


@pytest.mark.parametrize("method", ["post", "put", "delete", "trace"])
def test_health_refuses_other_methods(client, db, method):
    assert getattr(client, method)("/health/").status_code == 405


def test_health_is_degraded_when_the_cache_fails_but_the_database_answers(client, db, monkeypatch):
    class UnreachableCache:  # whichever backend the settings chose (file, or fail-open Redis)
        def set(self, *args, **kwargs):
            raise ConnectionError("Redis unreachable")

    monkeypatch.setattr(views_public, "cache", UnreachableCache())
    response = client.get("/health/")
    assert response.status_code == 503
    assert json.loads(response.content) == {
        "status": "degraded",
        "database": "ok",
        "cache": "error",
        "broker": "eager",
    }
