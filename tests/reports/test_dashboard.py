"""Item 3: the expo dashboard, every figure pinned on the fixed edition of conftest.py."""

import datetime as dt
from decimal import Decimal

from django.utils import translation

from expo.models import Booth, BoothVisitDay
from reports import selectors
from reports.selectors import Row
from tests.factories import BoothFactory, ExpoFactory

NBSP = "\u00a0"


def rp(text: str) -> str:
    return f"Rp{NBSP}{text}"


def test_dashboard_selector_figures(edition):
    with translation.override("en"):
        data = selectors.expo_dashboard(expo=edition.expo)
    assert data["approved_booths"] == 3
    assert data["booths_by_hall"] == [Row("Lamongan Pavilion", 2), Row("Crafts Pavilion", 1)]
    assert data["booths_by_regency"] == [Row("Kabupaten Lamongan", 2), Row("Kota Malang", 1)]
    assert data["inquiries"] == 4
    assert data["inquiry_buyers"] == 4
    assert [(r.label, r.value) for r in data["meetings_by_status"]] == [
        ("Requested", 2), ("Confirmed", 1), ("Held", 3), ("No-show", 1), ("Declined", 1),
        ("Cancelled", 0),
    ]  # fmt: skip
    assert data["deals_by_stage"] == [
        Row("Letter of intent", Decimal(2000000), 1),
        Row("Memorandum of understanding", Decimal(0), 0),
        Row("Order", Decimal(7500000), 1),
        Row("Shipped (exported)", Decimal(25000000), 2),
    ]
    assert data["deals_by_country"] == [
        Row("Qatar", Decimal(25000000), 2),
        Row("Saudi Arabia", Decimal(7500000), 1),
        Row("Netherlands", Decimal(2000000), 1),
    ]
    assert data["deals_by_regency"] == [
        Row("Kabupaten Lamongan", Decimal(22500000), 2),
        Row("Kota Malang", Decimal(12000000), 2),
    ]
    assert [
        (r["booth"].vendor.name, r["deal_value"], r["inquiries"], r["meetings"])
        for r in data["top_booths"]
    ] == [
        ("Sentra Tenun Ikat Parengan", Decimal(22500000), 3, 4),
        ("Keripik Tempe Sanan", Decimal(12000000), 1, 2),
        ("UD Anyaman Bambu Sumberaji", Decimal(0), 0, 1),
    ]
    assert data["top_products"] == [
        Row("Ikat sarong (Sentra Tenun Ikat Parengan)", 3),
        Row("Tempeh chips (Keripik Tempe Sanan)", 1),
    ]
    assert data["visits"] == selectors.VisitTotals(visits=0, unique_visitors=0)


def test_dashboard_sums_the_daily_visit_statistics_of_this_edition_only(edition):
    booths = list(Booth.objects.filter(expo=edition.expo).order_by("pk"))
    BoothVisitDay.objects.create(
        booth=booths[0], day=dt.date(2021, 3, 1), visits=40, unique_visitors=25
    )
    BoothVisitDay.objects.create(
        booth=booths[0], day=dt.date(2021, 3, 2), visits=10, unique_visitors=8
    )
    BoothVisitDay.objects.create(
        booth=booths[1], day=dt.date(2021, 3, 1), visits=5, unique_visitors=5
    )
    other = BoothFactory(expo=ExpoFactory())
    BoothVisitDay.objects.create(
        booth=other, day=dt.date(2021, 3, 1), visits=999, unique_visitors=999
    )
    assert selectors.expo_visit_totals(expo=edition.expo) == selectors.VisitTotals(
        visits=55, unique_visitors=38
    )


def test_dashboard_page_shows_the_figures_in_english(staff_client, edition):
    response = staff_client.get(
        f"/admin/reports/expos/{edition.expo.pk}/", HTTP_ACCEPT_LANGUAGE="en"
    )
    html = response.content.decode()
    assert response.status_code == 200
    assert "<strong>3</strong> approved booths" in html
    assert "<strong>4</strong> inquiries" in html
    assert (
        f'<tr><th scope="row">Shipped (exported)</th><td class="num">2</td>'
        f'<td class="num">{rp("25,000,000")}</td></tr>'
    ) in html
    assert '<tr><th scope="row">Held</th><td class="num">3</td></tr>' in html
    assert '<tr><th scope="row">Lamongan Pavilion</th><td class="num">2</td></tr>' in html
    assert "<li><strong>0</strong> visits</li>" in html
    # Each chart is an SVG image named by its heading, beside its table ("Memorandum of
    # understanding" wraps onto a second line: that row is 10 px taller).
    assert (
        '<svg class="report-chart" xmlns="http://www.w3.org/2000/svg" viewBox="0 0 480 138" '
        'width="480" height="138" role="img" aria-labelledby="deals-stage-title">'
        '<title id="deals-stage-title">Deals by stage</title>'
    ) in html
    assert f">{rp('25,000,000')}</text>" in html


def test_dashboard_numbers_follow_the_staff_members_language(staff_client, edition):
    response = staff_client.get(
        f"/admin/reports/expos/{edition.expo.pk}/", HTTP_ACCEPT_LANGUAGE="id"
    )
    html = response.content.decode()
    assert (
        f'<tr><th scope="row">Dikirim (diekspor)</th><td class="num">2</td>'
        f'<td class="num">{rp("25.000.000")}</td></tr>'
    ) in html


def test_dashboard_is_for_staff_only(client, edition, django_user_model):
    from tests.factories import VerifiedUserFactory

    client.force_login(VerifiedUserFactory())
    response = client.get(f"/admin/reports/expos/{edition.expo.pk}/")
    assert response.status_code == 302
    assert response["Location"].startswith("/admin/login/")


def test_dashboard_of_an_unknown_expo_is_404(staff_client, db):
    assert staff_client.get("/admin/reports/expos/999999/").status_code == 404


def test_dashboard_query_count_does_not_grow_with_booths(
    staff_client, edition, django_assert_max_num_queries
):
    with django_assert_max_num_queries(22):
        staff_client.get(f"/admin/reports/expos/{edition.expo.pk}/")
    for number in range(3, 23):
        from tests.factories import BoothFactory

        BoothFactory(expo=edition.expo, hall=edition.halls["craft"], number=number)
    with django_assert_max_num_queries(22):
        staff_client.get(f"/admin/reports/expos/{edition.expo.pk}/")


def test_an_empty_edition_shows_zeros_not_errors(staff_client, db):
    expo = ExpoFactory()
    response = staff_client.get(f"/admin/reports/expos/{expo.pk}/", HTTP_ACCEPT_LANGUAGE="en")
    html = response.content.decode()
    assert "<strong>0</strong> approved booths" in html
    assert '<tr><th scope="row">Requested</th><td class="num">0</td></tr>' in html


def test_admin_index_links_to_the_reports(staff_client, db):
    html = staff_client.get("/admin/", HTTP_ACCEPT_LANGUAGE="en").content.decode()
    assert '<a href="/admin/reports/ledger/">Export ledger</a>' in html
    assert '<a href="/admin/reports/market/">Market finder</a>' in html
    assert '<a href="/admin/reports/">Expo results</a>' in html
    assert "Regions and platform" in html  # the admin's own app list is still there


def test_expo_list_links_to_each_dashboard(staff_client, edition):
    html = staff_client.get("/admin/reports/", HTTP_ACCEPT_LANGUAGE="en").content.decode()
    link = f'<a href="/admin/reports/expos/{edition.expo.pk}/">'
    assert f"{link}UMKM Virtual Expo Jawa Timur 2021 · I</a>" in html
