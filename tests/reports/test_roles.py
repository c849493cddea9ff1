"""Issue 12 item 7: every report per role — curators see every region, a regional coordinator
their own regencies (Lamongan here), other staff members 404, everyone else goes to sign in."""

from decimal import Decimal

import pytest
from django.contrib.auth.models import Group
from django.utils import translation

from reports import selectors
from reports.selectors import Row
from tests.factories import VerifiedUserFactory, regency
from trade.models import RegencyExportStat
from vendors.models import RegionalCoordinator

LAMONGAN, MALANG = "35.24", "35.73"


@pytest.fixture
def coordinator(db):
    user = VerifiedUserFactory(is_staff=True, language="en", name="Koordinator Lamongan")
    user.groups.add(Group.objects.get(name="Regional coordinator"))
    RegionalCoordinator.objects.create(user=user).regencies.set([regency(LAMONGAN)])
    return user


@pytest.fixture
def curator(db):
    user = VerifiedUserFactory(is_staff=True, language="en")
    user.groups.add(Group.objects.get(name="Curator"))
    return user


@pytest.fixture
def ledger_stats(db):
    RegencyExportStat.objects.create(
        regency=regency(LAMONGAN), year=2020, value_idr=Decimal(43_742_000_000), units=9
    )
    RegencyExportStat.objects.create(
        regency=regency(MALANG), year=2020, value_idr=Decimal(10**9), units=3
    )


def report_urls(edition) -> list[str]:
    return [
        "/admin/reports/",
        f"/admin/reports/expos/{edition.expo.pk}/",
        "/admin/reports/ledger/",
        "/admin/reports/ledger/?format=csv",
        "/admin/reports/market/",
        "/admin/reports/market/?category=&country=QA",
        "/admin/reports/exports/",
    ]


def test_a_coordinator_sees_their_regencies_figures_only(edition, coordinator):
    scope = [regency(LAMONGAN).pk]
    with translation.override("en"):
        data = selectors.expo_dashboard(expo=edition.expo, regency_ids=scope)
    assert data["approved_booths"] == 2
    assert data["booths_by_hall"] == [Row("Lamongan Pavilion", 2), Row("Crafts Pavilion", 0)]
    assert data["booths_by_regency"] == [Row("Kabupaten Lamongan", 2)]
    assert data["inquiries"] == 3
    assert data["deals_by_regency"] == [Row("Kabupaten Lamongan", Decimal(22500000), 2)]
    assert [r["booth"].vendor.name for r in data["top_booths"]] == [
        "Sentra Tenun Ikat Parengan",
        "UD Anyaman Bambu Sumberaji",
    ]
    assert data["top_products"] == [Row("Ikat sarong (Sentra Tenun Ikat Parengan)", 3)]
    assert sum(row.value for row in data["meetings_by_status"]) == 6  # ikat 4 + bamboo 2


def test_every_report_page_answers_a_coordinator_within_their_regencies(
    client, edition, coordinator, ledger_stats
):
    client.force_login(coordinator)
    for url in report_urls(edition):
        response = client.get(url, HTTP_ACCEPT_LANGUAGE="en")
        assert response.status_code == 200, url
        body = response.content.decode()
        assert "Kota Malang" not in body, url
        assert "Keripik Tempe Sanan" not in body, url
    dashboard = client.get(
        f"/admin/reports/expos/{edition.expo.pk}/", HTTP_ACCEPT_LANGUAGE="en"
    ).content.decode()
    assert "Figures for your regencies:" in dashboard
    assert "Kabupaten Lamongan" in dashboard
    ledger_csv = client.get("/admin/reports/ledger/?format=csv").content.decode()
    assert "Kabupaten Lamongan" in ledger_csv
    assert "43742000000" in ledger_csv


def test_a_curator_sees_every_region(client, edition, curator, ledger_stats):
    client.force_login(curator)
    for url in report_urls(edition):
        assert client.get(url).status_code == 200, url
    dashboard = client.get(f"/admin/reports/expos/{edition.expo.pk}/").content.decode()
    assert "Kota Malang" in dashboard
    assert "Kabupaten Lamongan" in dashboard
    assert "Figures for your regencies:" not in dashboard
    ledger_csv = client.get("/admin/reports/ledger/?format=csv").content.decode()
    assert "Kota Malang" in ledger_csv
    assert "Kabupaten Lamongan" in ledger_csv


def test_staff_members_without_the_reports_role_get_404(client, edition):
    client.force_login(VerifiedUserFactory(is_staff=True))
    for url in report_urls(edition)[:-1]:
        assert client.get(url).status_code == 404, url
    index = client.get("/admin/", HTTP_ACCEPT_LANGUAGE="en").content.decode()
    assert "/admin/reports/ledger/" not in index


def test_signed_out_visitors_and_buyers_are_sent_to_sign_in(client, edition):
    for url in report_urls(edition):
        response = client.get(url)
        assert response.status_code == 302, url
        assert "/login/" in response["Location"], url
    client.force_login(VerifiedUserFactory())
    for url in report_urls(edition):
        response = client.get(url)
        assert response.status_code == 302, url
        assert "/login/" in response["Location"], url


def test_the_admin_index_links_a_coordinator_to_their_reports(client, coordinator):
    client.force_login(coordinator)
    index = client.get("/admin/", HTTP_ACCEPT_LANGUAGE="en").content.decode()
    for name in ("Expo results", "Export ledger", "Market finder", "My exports"):
        assert f">{name}</a>" in index


def test_a_coordinator_without_regencies_sees_no_figures(client, edition):
    user = VerifiedUserFactory(is_staff=True, language="en")
    user.groups.add(Group.objects.get(name="Regional coordinator"))
    RegionalCoordinator.objects.create(user=user)
    client.force_login(user)
    dashboard = client.get(
        f"/admin/reports/expos/{edition.expo.pk}/", HTTP_ACCEPT_LANGUAGE="en"
    ).content.decode()
    assert "none yet" in dashboard
    assert "Kabupaten Lamongan" not in dashboard
    assert "Kota Malang" not in dashboard


def test_a_coordinator_works_on_their_regencies_records_in_the_admin(
    client, edition, coordinator, ledger_stats
):
    client.force_login(coordinator)
    for url in (
        "/admin/vendors/vendor/",
        "/admin/expo/booth/",
        "/admin/trade/deal/",
        "/admin/trade/regencyexportstat/",
        "/admin/catalog/product/",
    ):
        response = client.get(url, HTTP_ACCEPT_LANGUAGE="en")
        assert response.status_code == 200, url
        body = response.content.decode()
        assert "Keripik Tempe Sanan" not in body, url
        assert "Kota Malang" not in body, url
    vendors = client.get("/admin/vendors/vendor/").content.decode()
    assert "Sentra Tenun Ikat Parengan" in vendors
