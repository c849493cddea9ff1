"""Item 4: the export ledger, with the demo's official Lamongan figures from the article."""

import datetime as dt
from decimal import Decimal

import pytest
from django.utils import translation

from reports.selectors import export_ledger
from tests.factories import DealFactory, VendorFactory, VerifiedUserFactory, regency
from trade import demo as trade_demo
from trade.models import Deal, RegencyExportStat
from vendors import demo as vendors_demo
from vendors.models import Vendor

NBSP = "\u00a0"


@pytest.fixture
def demo_vendors(db):
    """The demo businesses and Lamongan's official figures, without the demo's own deals: each
    test records the deals its figures are pinned on."""
    vendors = vendors_demo.seed(
        owner=VerifiedUserFactory(),
        staff=VerifiedUserFactory(),
        coordinator=VerifiedUserFactory(is_staff=True),
    )
    trade_demo.seed(vendors=vendors)
    Deal.objects.all().delete()


def row_html(*cells: str) -> str:
    return "".join(cells)


def test_lamongan_shows_the_official_figures_and_the_change(staff_client, demo_vendors):
    response = staff_client.get("/admin/reports/ledger/", HTTP_ACCEPT_LANGUAGE="en")
    html = response.content.decode()
    assert response.status_code == 200
    assert (
        '<td>Jawa Timur</td><th scope="row">Kabupaten Lamongan</th><td class="num">2019</td>\n'
        f'      <td class="num">Rp{NBSP}55,721,000,000</td><td class="num">—</td>'
        '<td class="num">—</td>'
    ) in html
    assert (
        '<td>Jawa Timur</td><th scope="row">Kabupaten Lamongan</th><td class="num">2020</td>\n'
        f'      <td class="num">Rp{NBSP}43,742,000,000</td><td class="num">9</td>'
        '<td class="num">\u221221.5%</td>'
    ) in html


def test_ledger_chart_shows_the_official_figures(staff_client, demo_vendors):
    html = staff_client.get("/admin/reports/ledger/", HTTP_ACCEPT_LANGUAGE="en").content.decode()
    assert (
        '<title id="ledger-chart-title">Official export value by regency and year</title>' in html
    )
    # 2019 is the longest bar (190 units); 2020 is 43,742 / 55,721 of it.
    assert '<rect x="170" y="8" width="190" height="22"' in html
    assert '<rect x="170" y="38" width="149" height="22"' in html
    assert f">Rp{NBSP}55,721,000,000</text>" in html


def test_ledger_in_indonesian_uses_indonesian_separators(staff_client, demo_vendors):
    html = staff_client.get("/admin/reports/ledger/", HTTP_ACCEPT_LANGUAGE="id").content.decode()
    assert f'<td class="num">Rp{NBSP}43.742.000.000</td><td class="num">9</td>' in html
    assert '<td class="num">\u221221,5%</td>' in html


def test_realised_deals_stand_beside_the_official_figure(demo_vendors):
    parengan = Vendor.objects.get(slug="tenun-ikat-parengan")
    bamboo = Vendor.objects.get(slug="anyaman-bambu-sumberaji")
    DealFactory(
        vendor=parengan,
        date=dt.date(2020, 3, 1),
        amount=Decimal(1000),
        exchange_rate=Decimal(14000),
    )
    DealFactory(
        vendor=bamboo, date=dt.date(2020, 9, 1), amount=Decimal(500), exchange_rate=Decimal(15000)
    )
    DealFactory(
        vendor=bamboo, date=dt.date(2019, 9, 1), amount=Decimal(1000), exchange_rate=Decimal(14000)
    )
    # Not realised exports: an order and a letter of intent.
    DealFactory(vendor=bamboo, date=dt.date(2020, 9, 2), stage=Deal.Stage.ORDER)
    DealFactory(vendor=bamboo, date=dt.date(2020, 9, 3), stage=Deal.Stage.LOI)
    malang = VendorFactory(regency=regency("35.73"))
    DealFactory(
        vendor=malang, date=dt.date(2021, 1, 5), amount=Decimal(100), exchange_rate=Decimal(15000)
    )

    with translation.override("en"):
        rows = export_ledger()
    by_key = {(r.regency, r.year): r for r in rows}
    assert sorted(by_key) == [
        ("Kabupaten Lamongan", 2019), ("Kabupaten Lamongan", 2020), ("Kota Malang", 2021)
    ]  # fmt: skip
    y2020 = by_key[("Kabupaten Lamongan", 2020)]
    assert (y2020.official_value, y2020.official_units) == (Decimal("43742000000"), 9)
    assert (y2020.realised_value, y2020.realised_deals, y2020.realised_vendors) == (
        Decimal(21500000),
        2,
        2,
    )
    assert y2020.official_change.quantize(Decimal("0.0001")) == Decimal("-0.2150")
    # 21,500,000 against 14,000,000 the year before.
    assert y2020.realised_change.quantize(Decimal("0.0001")) == Decimal("0.5357")
    malang_row = by_key[("Kota Malang", 2021)]
    assert malang_row.official_value is None
    assert (malang_row.realised_value, malang_row.realised_deals) == (Decimal(1500000), 1)

    assert [r.regency for r in export_ledger(year=2021)] == ["Kota Malang"]
    east_java = regency("35.24").province_id
    assert len(export_ledger(province_id=east_java)) == 3
    assert export_ledger(province_id=regency("31.71").province_id) == []


def test_ledger_filters_and_csv(staff_client, demo_vendors):
    province = regency("35.24").province_id
    response = staff_client.get(
        f"/admin/reports/ledger/?province={province}&year=2020&format=csv",
        HTTP_ACCEPT_LANGUAGE="en",
    )
    assert response["Content-Type"] == "text/csv; charset=utf-8"
    lines = response.content.decode().splitlines()
    assert lines == [
        "Province,Regency or city,Year,Official export value (Rp),Exporting units,"
        "Change on the year before,Shipped deals (Rp),Shipped deals,Vendors with shipped deals",
        "Jawa Timur,Kabupaten Lamongan,2020,43742000000,9,-21.5,0,0,0",
    ]


def test_a_malformed_year_is_a_translated_error_not_a_crash(staff_client, demo_vendors):
    response = staff_client.get("/admin/reports/ledger/?year=abc", HTTP_ACCEPT_LANGUAGE="en")
    html = response.content.decode()
    assert response.status_code == 200
    assert "Enter a whole number." in html
    assert "Kabupaten Lamongan" in html  # unfiltered meanwhile


def test_ledger_without_a_year_before_shows_no_change(staff_client, db):
    RegencyExportStat.objects.create(regency=regency("35.73"), year=2022, value_idr=Decimal(10**9))
    html = staff_client.get("/admin/reports/ledger/", HTTP_ACCEPT_LANGUAGE="en").content.decode()
    assert (
        f'<td class="num">Rp{NBSP}1,000,000,000</td><td class="num">—</td><td class="num">—</td>'
        in html
    )
