"""Reports on a real Celery worker: a large admin export and the printable catalogue."""

import csv
import email
import io
import re

import pytest

from core.models import ReportExport
from tests.factories import BoothFactory, VendorFactory
from tests.reports.factories import staff_user
from tests.workers import wait_for
from vendors.models import Vendor

pytestmark = pytest.mark.integration


def test_large_export_is_built_by_the_worker_and_mailed_as_a_link(
    workers, regions, client, settings
):
    settings.REPORTS_EXPORT_SYNC_MAX_ROWS = 3
    staff = staff_user(language="en")
    for n in range(5):
        VendorFactory(name=f"Usaha Ekspor {n}")
    VendorFactory(name="Masih Draf", status=Vendor.Status.DRAFT)
    workers.start()
    client.force_login(staff)

    response = client.get("/admin/vendors/vendor/export/csv/?status__exact=verified")
    assert response.status_code == 302
    export = ReportExport.objects.get()
    wait_for(
        lambda: ReportExport.objects.get(pk=export.pk).status == "ready",
        message="the worker to build the export",
    )
    wait_for(workers.mail_files, message="the worker to send the email")
    [path] = workers.mail_files()
    message = email.message_from_bytes(path.read_bytes())
    assert message["To"] == staff.email
    # In the staff member's language, whatever language the worker runs in.
    assert message["Subject"] == "Your export of businesses (UMKM) is ready"
    body = message.get_payload(0).get_payload(decode=True).decode()
    link = re.search(r"(/admin/reports/exports/\S+/)", body)[1]

    download = client.get(link)
    rows = list(csv.reader(io.StringIO(b"".join(download.streaming_content).decode())))
    assert rows[0][0] == "Business name"
    assert sorted(row[0] for row in rows[1:]) == [f"Usaha Ekspor {n}" for n in range(5)]
    # The file lives in private storage, never under MEDIA_ROOT.
    private_root = settings.STORAGES["private"]["OPTIONS"]["location"]
    assert (private_root / ReportExport.objects.get().file.name).exists()


def test_catalogue_is_built_by_the_worker_then_served(workers, regions, client):
    booth = BoothFactory(vendor__name="Sentra Tenun Ikat Parengan")
    workers.start()
    url = f"/en/expos/{booth.expo.slug}/catalogue.pdf"
    first = client.get(url)
    if first.status_code == 503:  # queued; the worker builds it in the background
        wait_for(lambda: client.get(url).status_code == 200, message="the catalogue PDF")
    response = client.get(url)
    content = b"".join(response.streaming_content)
    assert content.startswith(b"%PDF-")
    assert response["Content-Type"] == "application/pdf"
