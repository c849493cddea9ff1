"""Exchange rates: BI's table and a plain CSV parsed from sample files, the daily import, the
curators' upload in the admin, the demo's snapshot, and the "≈" a missing or stale rate hides."""

import datetime as dt
import http.server
import io
import threading
from decimal import Decimal
from pathlib import Path

import pytest
from django.core.exceptions import ValidationError
from django.test import Client
from django.urls import reverse
from django.utils import timezone, translation
from openpyxl import Workbook

from core import demo as core_demo
from core.models import ExchangeRate
from core.rates import indonesian_number, parse_bi_table, parse_date, parse_rates_csv
from core.services import exchange_rates_fetch, exchange_rates_import
from core.tasks import exchange_rates_fetch_task
from tests.factories import (
    BoothFactory,
    BuyerProfileFactory,
    ExchangeRateFactory,
    ProductFactory,
    VerifiedUserFactory,
)

DATA = Path(__file__).parent / "data"
BI_SAMPLE = DATA / "kurs_transaksi_bi_2026-11-27.csv"
CSV_SAMPLE = DATA / "rates_2026-11-27.csv"
NOV_27 = dt.date(2026, 11, 27)


# --- Parsers ------------------------------------------------------------------------------


def test_indonesian_numbers_and_dates():
    assert indonesian_number("15.234,50") == Decimal("15234.50")
    assert indonesian_number("1,00") == Decimal(1)
    assert indonesian_number("100") == Decimal(100)
    with pytest.raises(ValueError, match=r"15,234\.50"):
        indonesian_number("15,234.50")  # English format: refused, never misread
    assert parse_date("27 November 2026") == NOV_27
    assert parse_date("27 Nov 2026") == NOV_27
    assert parse_date("27/11/2026") == NOV_27
    assert parse_date("2026-11-27") == NOV_27
    assert parse_date("27 Agustus 2026") == dt.date(2026, 8, 27)


def test_the_bi_table_gives_the_middle_rate_per_unit():
    rates = {r.currency: r for r in parse_bi_table(BI_SAMPLE.read_bytes())}
    # Kurs Jual 16.773,45 and Kurs Beli 16.606,55 per 1 USD → 16,690.
    assert rates["USD"].rate_idr == Decimal("16690.000000")
    assert rates["USD"].date == NOV_27
    # JPY is quoted per 100 yen: (10.765,96 + 10.658,84) / 2 / 100.
    assert rates["JPY"].rate_idr == Decimal("107.124000")
    assert rates["EUR"].rate_idr == Decimal("19330.500000")
    assert {"MYR", "SAR", "HKD", "AUD"} <= set(rates)
    assert "BND" not in rates  # currencies the site never shows
    assert "LAK" not in rates
    assert len(rates) == 18


def test_the_bi_table_as_an_excel_export():
    book = Workbook()
    sheet = book.active
    sheet.append(["Kurs Transaksi Bank Indonesia"])
    sheet.append([])
    sheet.append(["NO", "Mata Uang", "Nilai", "Kurs Jual", "Kurs Beli", "Tanggal"])
    sheet.append([1, "USD", 1, 16773.45, 16606.55, dt.datetime(2026, 11, 27)])
    sheet.append([2, "MYR", "1,00", "4.060,35", "4.019,95", "27 November 2026"])
    content = io.BytesIO()
    book.save(content)
    rates = {r.currency: r.rate_idr for r in parse_bi_table(content.getvalue())}
    assert rates == {"USD": Decimal("16690.000000"), "MYR": Decimal("4040.150000")}


def test_the_plain_csv():
    rates = parse_rates_csv(CSV_SAMPLE.read_bytes())
    assert len(rates) == 10
    qar = {r.date: r.rate_idr for r in rates if r.currency == "QAR"}
    assert qar == {NOV_27: Decimal("4585.16"), dt.date(2026, 11, 26): Decimal("4578.28")}


@pytest.mark.parametrize(
    ("parser", "content", "code", "text"),
    [
        (parse_bi_table, b"Kurs;Jual\n1;2\n", "rates_no_header", "Mata Uang"),
        (
            parse_bi_table,
            b"Mata Uang;Nilai;Kurs Jual;Kurs Beli;Tanggal\nUSD;1;16,773.45;16,606.55;27/11/2026\n",
            "rates_bad_number",
            "Line 2",
        ),
        (
            parse_bi_table,
            b"Mata Uang;Nilai;Kurs Jual;Kurs Beli;Tanggal\nUSD;1;16.773,45;16.606,55;kemarin\n",
            "rates_bad_date",
            "kemarin",
        ),
        (parse_bi_table, b"Mata Uang;Nilai;Kurs Jual;Kurs Beli\n", "rates_no_header", "Tanggal"),
        (parse_bi_table, b"Mata Uang;Nilai;Kurs Jual;Kurs Beli;Tanggal\n", "rates_empty", ""),
        (parse_rates_csv, b"code,value\nUSD,16690,2026-11-27\n", "rates_no_header", ""),
        (parse_rates_csv, b"currency,rate,date\nXYZ,1,2026-11-27\n", "rates_bad_currency", "XYZ"),
        (parse_rates_csv, b"currency,rate,date\nUSD,-3,2026-11-27\n", "rates_bad_number", "-3"),
        (parse_rates_csv, b"currency,rate,date\nUSD,16690,27/11/26\n", "rates_bad_date", ""),
        (
            parse_rates_csv,
            b"currency,rate,date\nUSD,16690,2026-11-27\nUSD,16700,2026-11-27\n",
            "rates_duplicate",
            "USD",
        ),
    ],
)
def test_a_malformed_file_is_refused_with_a_reason(parser, content, code, text):
    with translation.override("en"), pytest.raises(ValidationError) as error:
        parser(content)
    assert error.value.code == code
    assert text in error.value.messages[0]


# --- Import: the daily task and the admin ---------------------------------------------------


def test_the_task_imports_from_a_file_address_and_again_changes_nothing(db, settings):
    settings.RATES_SOURCE_URL = BI_SAMPLE.as_uri()
    settings.RATES_SOURCE_FORMAT = "bi"
    assert exchange_rates_fetch_task.apply().get() == 18
    assert exchange_rates_fetch_task.apply().get() == 18
    assert ExchangeRate.objects.count() == 18
    usd = ExchangeRate.objects.get(currency="USD")
    assert (usd.date, usd.rate_idr, usd.source) == (NOV_27, Decimal(16690), "Bank Indonesia")


def test_the_task_reads_a_csv_over_http(db, settings):
    content = CSV_SAMPLE.read_bytes()

    class Handler(http.server.BaseHTTPRequestHandler):
        def do_GET(self):
            self.send_response(200)
            self.send_header("Content-Type", "text/csv")
            self.end_headers()
            self.wfile.write(content)

        def log_message(self, *args):
            pass

    server = http.server.HTTPServer(("127.0.0.1", 0), Handler)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        settings.RATES_SOURCE_URL = f"http://127.0.0.1:{server.server_port}/rates.csv"
        settings.RATES_SOURCE_FORMAT = "csv"
        assert exchange_rates_fetch() == 10
    finally:
        server.shutdown()
    assert ExchangeRate.rates_on(NOV_27, ["QAR", "ZAR"]) == {
        "QAR": Decimal("4585.16"),
        "ZAR": Decimal("968.05"),
    }


def test_a_failed_import_is_logged_and_keeps_the_old_rates(db, settings, tmp_path, caplog):
    ExchangeRateFactory(currency="USD", date=NOV_27, rate_idr=Decimal(16500))
    broken = tmp_path / "kurs.csv"
    broken.write_bytes(b"Mata Uang;Nilai;Kurs Jual;Kurs Beli;Tanggal\nUSD;1;x;y;27/11/2026\n")
    settings.RATES_SOURCE_URL = broken.as_uri()
    assert exchange_rates_fetch() == 0
    settings.RATES_SOURCE_URL = (tmp_path / "missing.csv").as_uri()
    assert exchange_rates_fetch() == 0
    assert "importing" in caplog.text
    assert "failed" in caplog.text
    assert list(ExchangeRate.objects.values_list("currency", "rate_idr")) == [
        ("USD", Decimal(16500))
    ]


def test_without_a_source_the_task_does_nothing(db, settings):
    settings.RATES_SOURCE_URL = ""
    assert exchange_rates_fetch() == 0


@pytest.fixture
def curator_client(db):
    client = Client()
    client.force_login(VerifiedUserFactory(is_staff=True, is_superuser=True))
    return client


def _upload(client, path: Path, fmt: str, name: str | None = None):
    from django.core.files.uploadedfile import SimpleUploadedFile

    upload = SimpleUploadedFile(name or path.name, path.read_bytes(), "text/csv")
    return client.post(
        reverse("admin:core_exchangerate_upload"),
        {"file": upload, "format": fmt, "source": "Bank Indonesia"},
    )


def test_a_curator_uploads_bi_s_table_in_the_admin(curator_client):
    changelist = curator_client.get(reverse("admin:core_exchangerate_changelist"))
    assert reverse("admin:core_exchangerate_upload") in changelist.content.decode()
    response = _upload(curator_client, BI_SAMPLE, "bi")
    assert response.status_code == 302
    assert ExchangeRate.objects.filter(date=NOV_27).count() == 18
    page = curator_client.get(response["Location"]).content.decode()
    assert "18 kurs diimpor." in page  # the admin speaks the curator's language


def test_a_malformed_upload_says_why_and_saves_nothing(curator_client, tmp_path):
    bad = tmp_path / "rates.csv"
    bad.write_bytes(b"currency,rate,date\nQAR,4585.16,2026-11-27\nQAR,abc,2026-11-27\n")
    response = _upload(curator_client, bad, "csv")
    assert response.status_code == 200
    html = response.content.decode()
    assert "Baris 3: “abc” bukan kurs di atas nol seperti 4588.25." in html
    assert not ExchangeRate.objects.exists()
    # The wrong format for the file: told, nothing saved.
    response = _upload(curator_client, BI_SAMPLE, "csv")
    assert "Baris pertama harus berupa judul “currency,rate,date”." in response.content.decode()
    assert not ExchangeRate.objects.exists()


def test_the_upload_is_for_staff_who_may_add_rates(db):
    client = Client()
    client.force_login(VerifiedUserFactory(is_staff=True))
    assert client.get(reverse("admin:core_exchangerate_upload")).status_code == 403


def test_the_demo_has_a_recent_rate_for_every_buyer_currency(db):
    core_demo.seed()
    core_demo.seed()  # idempotent
    today = timezone.localdate()
    rates = ExchangeRate.rates_on(
        today, core_demo.BI_SNAPSHOT.keys() | core_demo.CROSS_SNAPSHOT.keys()
    )
    for code in ["QAR", "EGP", "ZAR", "MYR", "SAR", "HKD", "TWD", "EUR", "AUD", "USD"]:
        assert code in rates, code
        newest = ExchangeRate.objects.filter(currency=code).latest("date").date
        assert (today - newest).days <= 3
    assert ExchangeRate.objects.filter(currency="USD").count() == 5


# --- What the viewer sees -------------------------------------------------------------------


@pytest.fixture
def product(db, regions, categories):
    return ProductFactory(price_min_idr=Decimal(458516), price_max_idr=None)


def test_the_product_page_names_the_rate_and_its_date(product):
    exchange_rates_import(
        rates=parse_rates_csv(
            f"currency,rate,date\nQAR,4585.16,{timezone.localdate().isoformat()}\n".encode()
        ),
        source="Bank Indonesia",
    )
    client = Client()
    client.force_login(BuyerProfileFactory(display_currency="QAR").user)
    html = client.get(f"/en/products/{product.slug}/").content.decode()
    assert "≈ QAR\xa0100.00" in html
    day = timezone.localdate()
    assert f"≈ at Bank Indonesia&#x27;s rate of {day.day} {day:%b} {day.year}" in html
    html = client.get(f"/id/products/{product.slug}/").content.decode()
    assert "≈ QAR\xa0100,00" in html  # the number in the page's language


def test_a_stale_or_missing_rate_hides_the_approximation(product, settings):
    settings.RATES_STALE_AFTER_DAYS = 7
    buyer = Client()
    buyer.force_login(BuyerProfileFactory(display_currency="QAR").user)
    url = f"/en/products/{product.slug}/"
    assert "≈" not in buyer.get(url).content.decode()  # no rate at all
    ExchangeRateFactory(
        currency="QAR", date=timezone.localdate() - dt.timedelta(days=8), rate_idr=4585
    )
    html = buyer.get(url).content.decode()
    assert "Rp\xa0458,516" in html
    assert "≈" not in html  # eight days old: hidden, not wrong
    week_ago = timezone.localdate() - dt.timedelta(days=7)
    exchange_rates_import(
        rates=parse_rates_csv(f"currency,rate,date\nQAR,4585.16,{week_ago}\n".encode()),
        source="Bank Indonesia",
    )
    assert "≈ QAR\xa0100.00" in buyer.get(url).content.decode()  # a new import shows at once


def test_which_currency_a_visitor_sees(product):
    for code, rate in [("USD", 16690), ("EUR", 19330), ("QAR", 4585.16)]:
        ExchangeRateFactory(currency=code, rate_idr=Decimal(str(rate)))
    url = f"/en/products/{product.slug}/"
    assert "≈ USD\xa027.47" in Client().get(url).content.decode()  # English: US dollars
    assert "≈" not in Client().get(f"/id/products/{product.slug}/").content.decode()
    visitor = Client()
    visitor.get(reverse("catalog:currency"), {"currency": "EUR", "next": url})
    assert "≈ EUR\xa023.72" in visitor.get(url).content.decode()  # this session's choice
    visitor.get(reverse("catalog:currency"), {"currency": "IDR", "next": url})
    assert "≈" not in visitor.get(url).content.decode()  # rupiah only, even in English
    buyer = Client()
    buyer.force_login(BuyerProfileFactory(display_currency="QAR").user)
    buyer.get(reverse("catalog:currency"), {"currency": "EUR", "next": url})
    assert "≈ QAR\xa0100.00" in buyer.get(url).content.decode()  # the profile wins


def test_the_chosen_currency_never_reaches_the_shared_copy(product):
    ExchangeRateFactory(currency="EUR", rate_idr=Decimal(19330))
    ExchangeRateFactory(currency="USD", rate_idr=Decimal(16690))
    url = f"/en/products/{product.slug}/"
    chooser = Client()
    chooser.get(reverse("catalog:currency"), {"currency": "EUR", "next": url})
    mine = chooser.get(url)  # rendered first, for the chooser
    assert "≈ EUR" in mine.content.decode()
    assert "private" in mine["Cache-Control"]
    for _ in range(2):  # the second from the shared cache
        shared = Client().get(url)
        assert "public" in shared["Cache-Control"]
        assert "≈ USD\xa027.47" in shared.content.decode()
        assert "EUR" not in shared.content.decode().split("currency-form")[0]


def test_the_buyer_area_shows_prices_with_the_approximation(product):
    from tests.factories import FavouriteFactory

    ExchangeRateFactory(currency="QAR", rate_idr=Decimal("4585.16"))
    profile = BuyerProfileFactory(display_currency="QAR")
    FavouriteFactory(user=profile.user, product=product)
    client = Client()
    client.force_login(profile.user)
    html = client.get(reverse("buyers:favourites")).content.decode()
    assert "Rp\xa0458,516" in html or "Rp\xa0458.516" in html
    assert "≈ QAR" in html


def test_a_booth_shows_its_products_in_the_buyer_s_currency(db):
    booth = BoothFactory()
    shown = ProductFactory(vendor=booth.vendor, price_min_idr=Decimal(458516), price_max_idr=None)
    booth.featured_products.set([shown])
    ExchangeRateFactory(currency="QAR", rate_idr=Decimal("4585.16"))
    client = Client()
    client.force_login(BuyerProfileFactory(display_currency="QAR").user)
    html = client.get(f"/en/expos/{booth.expo.slug}/booths/{booth.vendor.slug}/").content.decode()
    assert "≈ QAR\xa0100.00" in html
