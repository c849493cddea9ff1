"""Item 7: CSV and XLSX exports of changelists, filtered as the changelist is; large ones run
as a task and are offered as a signed, expiring, requester-only link."""

import csv
import datetime as dt
import io
import re
from decimal import Decimal

import pytest
from django.contrib.auth.models import Permission
from django.core import mail
from openpyxl import load_workbook

from core.models import ReportExport
from expo.models import BoothScore, Meeting
from tests.factories import (
    BoothFactory,
    DealFactory,
    InquiryMessageFactory,
    MeetingFactory,
    VendorFactory,
    VerifiedUserFactory,
    regency,
)
from tests.reports.factories import staff_user
from vendors.models import RegionalCoordinator, Vendor

BASE = "/admin"


def csv_rows(response) -> list[list[str]]:
    body = b"".join(response.streaming_content).decode()
    return list(csv.reader(io.StringIO(body)))


def test_vendor_csv_holds_the_filtered_and_searched_changelist(staff_client, db):
    VendorFactory(name="Tenun Ikat Parengan", nib="9120001000028", export_countries=["QA", "SA"])
    VendorFactory(name="Tenun Ikat Kediri", status=Vendor.Status.SUBMITTED)
    VendorFactory(name="Keripik Tempe Sanan", regency=regency("35.73"))
    response = staff_client.get(
        f"{BASE}/vendors/vendor/export/csv/?status__exact=verified&q=tenun",
        HTTP_ACCEPT_LANGUAGE="en",
    )
    assert response["Content-Type"] == "text/csv; charset=utf-8"
    assert re.fullmatch(
        r'attachment; filename="vendor-\d{8}\.csv"', response["Content-Disposition"]
    )
    assert csv_rows(response) == [
        ["Business name", "Legal form", "NIB", "Province", "Regency or city", "Status",
         "Cluster units", "Employees", "Year founded", "Exported to", "WhatsApp"],
        ["Tenun Ikat Parengan", "UD (usaha dagang)", "9120001000028", "Jawa Timur",
         "Kabupaten Lamongan", "Verified", "", "", "", "Qatar, Saudi Arabia", "+6281234567890"],
    ]  # fmt: skip


def test_changelist_offers_both_export_links_with_its_filters(staff_client, db):
    response = staff_client.get(f"{BASE}/vendors/vendor/?status__exact=verified")
    html = response.content.decode()
    assert (
        f'<a href="{BASE}/vendors/vendor/export/csv/?status__exact=verified" class="exportlink">'
    ) in html
    assert f'href="{BASE}/vendors/vendor/export/xlsx/?status__exact=verified"' in html


def test_booth_xlsx_carries_the_curation_scores(staff_client, db):
    booth = BoothFactory(vendor__name="Sentra Tenun Ikat Parengan")
    BoothFactory(expo=booth.expo, vendor__name="Tanpa Nilai", hall=booth.hall)
    for curator, scores in ((staff_user(), (5, 4, 3, 4)), (staff_user(), (4, 4, 4, 3))):
        BoothScore.objects.create(
            booth=booth, curator=curator, originality=scores[0], quality_capacity=scores[1],
            packaging=scores[2], legality=scores[3],
        )  # fmt: skip
    response = staff_client.get(
        f"{BASE}/expo/booth/export/xlsx/?expo__id__exact={booth.expo_id}",
        HTTP_ACCEPT_LANGUAGE="en",
    )
    assert response["Content-Type"] == (
        "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
    )
    sheet = load_workbook(io.BytesIO(response.content)).active
    rows = [list(row) for row in sheet.iter_rows(values_only=True)]
    assert rows[0] == [
        "Expo", "Business name", "Regency or city", "Hall", "Booth number", "Status", "Scores",
        "Originality", "Quality and capacity", "Packaging", "Legality", "Average score",
    ]  # fmt: skip
    by_vendor = {row[1]: row for row in rows[1:]}
    assert by_vendor["Sentra Tenun Ikat Parengan"][5:] == [
        "Approved", 2, 4.5, 4, 3.5, 3.5, 3.88
    ]  # fmt: skip
    assert by_vendor["Tanpa Nilai"][6:] == [0, None, None, None, None, None]


def test_inquiry_export_never_contains_message_bodies(staff_client, db):
    message = InquiryMessageFactory(body="Harga rahasia: 42 riyal per sarung")
    inquiry = message.inquiry
    response = staff_client.get(f"{BASE}/buyers/inquiry/export/csv/", HTTP_ACCEPT_LANGUAGE="en")
    body = b"".join(response.streaming_content).decode()
    assert "rahasia" not in body
    rows = list(csv.reader(io.StringIO(body)))
    assert rows[0] == [
        "Inquiry number", "Sent", "Buyer", "Buyer country", "Business name", "Product", "Expo",
        "Quantity", "Destination country", "Status",
    ]  # fmt: skip
    assert rows[1][0] == str(inquiry.pk)
    assert rows[1][3:] == [
        "Qatar", inquiry.vendor.name, inquiry.product.name_en, "", "100", "Qatar", "Open"
    ]  # fmt: skip


def test_meeting_and_deal_exports(staff_client, db):
    meeting = MeetingFactory(status=Meeting.Status.HELD)
    DealFactory(
        vendor=meeting.vendor, date=dt.date(2021, 3, 4), amount=Decimal(1000),
        exchange_rate=Decimal(14500), destination_country="EG", buyer_name="PPI Mesir",
    )  # fmt: skip
    DealFactory(stage="loi", destination_country="QA")
    meetings = csv_rows(
        staff_client.get(f"{BASE}/expo/meeting/export/csv/", HTTP_ACCEPT_LANGUAGE="en")
    )
    assert meetings[0] == [
        "Starts (your time zone)", "Expo", "Business name", "Buyer", "Buyer country", "Status"
    ]  # fmt: skip
    assert meetings[1][1:] == [
        meeting.slot.expo.name, meeting.vendor.name, meeting.buyer.user.name, "Qatar", "Held"
    ]  # fmt: skip
    deals = csv_rows(
        staff_client.get(
            f"{BASE}/trade/deal/export/csv/?destination_country__exact=EG",
            HTTP_ACCEPT_LANGUAGE="en",
        )
    )
    assert deals == [
        ["Date", "Business name", "Regency or city", "Stage", "Amount", "Currency", "Value (Rp)",
         "Destination country", "Buyer", "Expo"],
        ["2021-03-04", meeting.vendor.name, "Kabupaten Lamongan", "Shipped (exported)",
         "1000.00", "USD", "14500000", "Egypt", "PPI Mesir", ""],
    ]  # fmt: skip


def test_coordinator_exports_only_their_regencies(client, db):
    coordinator = VerifiedUserFactory(is_staff=True)
    coordinator.user_permissions.add(Permission.objects.get(codename="view_vendor"))
    RegionalCoordinator.objects.create(user=coordinator).regencies.set([regency("35.24")])
    VendorFactory(name="Dari Lamongan")
    VendorFactory(name="Dari Malang", regency=regency("35.73"))
    client.force_login(coordinator)
    rows = csv_rows(client.get(f"{BASE}/vendors/vendor/export/csv/"))
    assert [row[0] for row in rows[1:]] == ["Dari Lamongan"]


def test_staff_without_view_permission_get_403(client, db):
    client.force_login(VerifiedUserFactory(is_staff=True))
    assert client.get(f"{BASE}/vendors/vendor/export/csv/").status_code == 403


def test_invalid_filters_export_nothing_and_say_so(staff_client, db):
    response = staff_client.get(
        f"{BASE}/vendors/vendor/export/csv/?nonexistent__field=1", HTTP_ACCEPT_LANGUAGE="en"
    )
    assert response.status_code == 302
    page = staff_client.get(response["Location"], HTTP_ACCEPT_LANGUAGE="en")
    assert "These filters are not valid; nothing was exported." in page.content.decode()


def test_unknown_format_is_404_and_post_is_refused(staff_client, db):
    assert staff_client.get(f"{BASE}/vendors/vendor/export/pdf/").status_code == 404
    assert staff_client.post(f"{BASE}/vendors/vendor/export/csv/").status_code == 405


@pytest.fixture
def large_export(staff_client, staff, settings, django_capture_on_commit_callbacks):
    settings.REPORTS_EXPORT_SYNC_MAX_ROWS = 2
    for n in range(3):
        VendorFactory(name=f"Usaha {n}")
    VendorFactory(name="Masih draf", status=Vendor.Status.DRAFT)
    with django_capture_on_commit_callbacks(execute=True):
        response = staff_client.get(
            f"{BASE}/vendors/vendor/export/csv/?status__exact=verified",
            HTTP_ACCEPT_LANGUAGE="en",
        )
    return response


def test_large_export_runs_as_a_task_and_emails_a_link(staff_client, staff, large_export):
    assert large_export.status_code == 302
    assert large_export["Location"] == f"{BASE}/vendors/vendor/?status__exact=verified"
    page = staff_client.get(large_export["Location"], HTTP_ACCEPT_LANGUAGE="en")
    assert (
        "3 rows are being exported in the background. We will email you a link, and it will be "
        "listed under My exports."
    ) in page.content.decode()
    export = ReportExport.objects.get()
    assert (export.requested_by, export.status, export.row_count) == (staff, "ready", 3)
    [message] = mail.outbox
    assert message.to == [staff.email]
    assert message.subject == "Your export of businesses (UMKM) is ready"
    link = re.search(r"http://127\.0\.0\.1:8000(/admin/reports/exports/\S+/)", message.body)[1]
    download = staff_client.get(link)
    assert download["Content-Disposition"].startswith('attachment; filename="vendor-')
    rows = list(csv.reader(io.StringIO(b"".join(download.streaming_content).decode())))
    assert sorted(row[0] for row in rows[1:]) == ["Usaha 0", "Usaha 1", "Usaha 2"]
    listing = staff_client.get("/admin/reports/exports/", HTTP_ACCEPT_LANGUAGE="en")
    assert f'<a href="{link}">Download (CSV)</a>' in listing.content.decode()


def test_export_link_is_only_for_its_requester(client, large_export):
    [message] = mail.outbox
    link = re.search(r"(/admin/reports/exports/\S+/)", message.body)[1]
    client.force_login(staff_user())
    assert client.get(link).status_code == 404


def test_export_link_expires(staff_client, large_export, settings):
    [message] = mail.outbox
    link = re.search(r"(/admin/reports/exports/\S+/)", message.body)[1]
    settings.REPORTS_EXPORT_LINK_MAX_AGE = -1  # every signature is older than that
    assert staff_client.get(link).status_code == 404


def test_a_forged_export_link_is_404(staff_client, large_export):
    export = ReportExport.objects.get()
    assert staff_client.get(f"/admin/reports/exports/{export.pk}/").status_code == 404


def test_background_export_and_its_email_are_in_the_requesters_language(
    client, db, settings, django_capture_on_commit_callbacks
):
    settings.REPORTS_EXPORT_SYNC_MAX_ROWS = 0
    VendorFactory(name="Usaha Satu")
    client.force_login(staff_user(language="id"))
    with django_capture_on_commit_callbacks(execute=True):
        client.get(f"{BASE}/vendors/vendor/export/csv/", HTTP_ACCEPT_LANGUAGE="en")
    [message] = mail.outbox
    assert message.subject == "Ekspor usaha (UMKM) Anda sudah siap"
    export = ReportExport.objects.get()
    with export.file.open("rb") as handle:
        header = handle.read().decode().splitlines()[0]
    assert header.startswith("Nama usaha,Bentuk usaha,NIB,Provinsi,")
