"""Expensive work once: many people asking at the same moment for a stale catalogue or the same
large export start one build; the others are told it is being prepared."""

import threading
from datetime import timedelta
from types import SimpleNamespace

import pytest
from django.db import connection
from django.test import Client
from django.utils import timezone

from core.exports_admin import report_export_request
from core.models import ReportExport
from reports import services, views_public
from reports.models import CatalogueBuild
from tests.factories import ExpoFactory, VendorFactory
from tests.reports.conftest import staff_user


def at_once(count: int, work) -> list:
    """`work(i)` in `count` threads released together, each on its own database connection."""
    barrier = threading.Barrier(count)
    results: list = [None] * count
    errors: list = []

    def run(i: int) -> None:
        try:
            barrier.wait(timeout=30)
            results[i] = work(i)
        except Exception as error:  # reported below, in the test's thread
            errors.append(error)
        finally:
            connection.close()

    threads = [threading.Thread(target=run, args=(i,)) for i in range(count)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=120)
    assert errors == []
    return results


class Enqueued:
    def __init__(self):
        self.calls = []
        self.lock = threading.Lock()

    def delay(self, **kwargs):
        with self.lock:
            self.calls.append(kwargs)

    def s(self, **kwargs):
        """The signature `core.queue.task_enqueue` publishes."""
        return SimpleNamespace(task="recorded", delay=lambda: self.delay(**kwargs))


@pytest.mark.django_db(transaction=True)
def test_thirty_visitors_of_a_stale_catalogue_start_one_build(monkeypatch):
    expo = ExpoFactory()
    enqueued = Enqueued()
    monkeypatch.setattr(views_public, "catalogue_build_task", enqueued)
    url = f"/en/expos/{expo.slug}/catalogue.pdf"

    responses = at_once(30, lambda i: Client().get(url))

    assert enqueued.calls == [{"expo_id": expo.pk, "language": "en"}]
    assert {response.status_code for response in responses} == {503}
    assert all(
        "The catalogue is being prepared. Please try again in a minute."
        in response.content.decode()
        for response in responses
    )
    build = CatalogueBuild.objects.get(expo=expo, language="en")
    assert build.status == CatalogueBuild.Status.PENDING


def test_a_changed_catalogue_is_asked_for_again_and_a_ready_one_not_twice(db):
    expo = ExpoFactory()
    assert services.catalogue_request(expo=expo, language="en", version="v1") is True
    assert services.catalogue_request(expo=expo, language="en", version="v1") is False
    assert services.catalogue_request(expo=expo, language="id", version="v1") is True
    assert services.catalogue_request(expo=expo, language="en", version="v2") is True
    CatalogueBuild.objects.update(status=CatalogueBuild.Status.READY)
    # Ready but its file is gone (storage wiped): asking again claims a build.
    assert services.catalogue_request(expo=expo, language="en", version="v2") is True


def test_the_sweep_builds_a_catalogue_whose_build_was_lost(db, client, monkeypatch):
    expo = ExpoFactory()
    monkeypatch.setattr(views_public, "catalogue_build_task", Enqueued())  # lost with a worker
    url = f"/en/expos/{expo.slug}/catalogue.pdf"
    assert client.get(url).status_code == 503
    assert services.catalogue_sweep() == 0  # too young: its task may still come
    CatalogueBuild.objects.update(requested_at=timezone.now() - timedelta(minutes=2))
    assert services.catalogue_sweep() == 1
    assert CatalogueBuild.objects.get().status == CatalogueBuild.Status.READY
    assert services.catalogue_sweep() == 0
    assert client.get(url).status_code == 200


@pytest.mark.django_db(transaction=True)
def test_the_same_large_export_asked_for_at_once_is_built_once(regions, monkeypatch):
    staff = staff_user(name="Sari Kurator", language="en")
    ids = [VendorFactory().pk for _ in range(3)]
    enqueued = Enqueued()
    monkeypatch.setattr("core.exports_admin.report_export_build_task", enqueued)
    from vendors.models import Vendor

    exports = at_once(
        8, lambda i: report_export_request(user=staff, model=Vendor, fmt="csv", object_ids=ids)
    )

    assert len({export.pk for export in exports}) == 1
    assert ReportExport.objects.count() == 1
    assert enqueued.calls == [{"export_id": exports[0].pk}]
    # Another format, or the same one once this is ready, is a new export.
    other = report_export_request(user=staff, model=Vendor, fmt="xlsx", object_ids=ids)
    assert other.pk != exports[0].pk
