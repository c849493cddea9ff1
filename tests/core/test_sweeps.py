"""The beat sweeps pick up work whose task was lost (a killed worker, a broker down at commit),
once, and give up on what kills the worker every time."""

from datetime import timedelta

from django.core.files.uploadedfile import SimpleUploadedFile
from django.utils import timezone

from core.exports import report_export_sweep
from core.images import image_create, image_sweep
from core.models import Image, ReportExport
from tests import images
from tests.factories import VendorFactory
from tests.reports.conftest import staff_user


def lost_image() -> Image:
    """An image whose task never ran, uploaded two minutes ago."""
    image = image_create(upload=SimpleUploadedFile("a.jpg", images.jpeg_bytes((400, 300))))
    Image.objects.filter(pk=image.pk).update(created_at=timezone.now() - timedelta(minutes=2))
    return image


def test_image_sweep_processes_a_lost_image_once(db):
    image = lost_image()
    young = image_create(upload=SimpleUploadedFile("b.jpg", images.jpeg_bytes((400, 300))))
    assert image_sweep() == 1
    assert image_sweep() == 0
    image.refresh_from_db()
    assert (image.status, image.attempts) == (Image.Status.READY, 1)
    assert Image.objects.get(pk=young.pk).status == Image.Status.PENDING  # its task may come


def test_image_sweep_gives_up_on_an_image_that_keeps_killing_the_worker(db):
    image = lost_image()
    Image.objects.filter(pk=image.pk).update(attempts=3)
    assert image_sweep() == 0
    image.refresh_from_db()
    assert (image.status, image.error) == (Image.Status.FAILED, Image.Error.DAMAGED)


def test_export_sweep_builds_a_lost_export_once(db, mailoutbox):
    staff = staff_user(name="Sari Kurator", language="en")
    export = ReportExport.objects.create(
        requested_by=staff,
        model="vendors.Vendor",
        format="csv",
        object_ids=[VendorFactory().pk],
        row_count=1,
    )
    ReportExport.objects.filter(pk=export.pk).update(
        created_at=timezone.now() - timedelta(minutes=2)
    )
    assert report_export_sweep() == 1
    assert report_export_sweep() == 0
    export.refresh_from_db()
    assert (export.status, export.attempts) == (ReportExport.Status.READY, 1)
    assert export.file.name.endswith(".csv")
