"""Exchange rates from files: Bank Indonesia's daily transaction rates and a plain CSV.

Two layouts are read (the README describes both):

- `bi`: the table of BI's "Kurs Transaksi BI" page and its Excel export, as .xlsx or as text
  saved from it (CSV with `,` or `;`, or tab-separated). Title lines before the header are
  skipped; the header row names the columns `Mata Uang`, `Nilai`, `Kurs Jual`, `Kurs Beli`,
  `Tanggal` (in any order, other columns ignored). Numbers are written the Indonesian way
  (`16.783,41`); a row's rate in rupiah per unit is the middle of `Kurs Jual` and `Kurs Beli`
  divided by `Nilai` (JPY is quoted per 100). Currencies the site does not show (BND, LAK, …)
  are skipped.
- `csv`: `currency,rate,date` with a header, the rate in rupiah per unit with a decimal point
  (`4588.25`) and an ISO date (`2026-11-27`). Every currency must be one the site knows.

Parsing checks everything before anything is saved: a malformed file raises a ValidationError
that names the line and the problem, with a code.
"""

import csv
import datetime as dt
import io
import re
import urllib.request
import zipfile
from dataclasses import dataclass
from decimal import ROUND_HALF_UP, Decimal, InvalidOperation

from django.core.exceptions import ValidationError
from django.db import models
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from core.money import CURRENCY_CODES

MAX_BYTES = 2 * 1024 * 1024
FETCH_TIMEOUT_SECONDS = 30
SIX_PLACES = Decimal("0.000001")

MONTHS = {
    **dict.fromkeys(["januari", "january", "jan"], 1),
    **dict.fromkeys(["februari", "february", "feb", "peb"], 2),
    **dict.fromkeys(["maret", "march", "mar"], 3),
    **dict.fromkeys(["april", "apr"], 4),
    **dict.fromkeys(["mei", "may"], 5),
    **dict.fromkeys(["juni", "june", "jun"], 6),
    **dict.fromkeys(["juli", "july", "jul"], 7),
    **dict.fromkeys(["agustus", "august", "agu", "agt", "aug"], 8),
    **dict.fromkeys(["september", "sep", "sept"], 9),
    **dict.fromkeys(["oktober", "october", "okt", "oct"], 10),
    **dict.fromkeys(["november", "nov", "nop"], 11),
    **dict.fromkeys(["desember", "december", "des", "dec"], 12),
}
BI_COLUMNS = {"mata uang": "currency", "nilai": "unit", "kurs jual": "sell", "kurs beli": "buy"}
BI_DATE_COLUMNS = ("tanggal", "tgl")


class RatesFormat(models.TextChoices):
    BI = "bi", gettext_lazy("Bank Indonesia transaction rates (Kurs Transaksi BI table)")
    CSV = "csv", gettext_lazy("Plain CSV: currency, rate, date")


@dataclass(frozen=True)
class ParsedRate:
    currency: str
    date: dt.date
    rate_idr: Decimal


def _error(message: str, code: str, line: int | None = None) -> ValidationError:
    if line is not None:
        message = _("Line %(line)d: %(problem)s") % {"line": line, "problem": message}
    return ValidationError(message, code=code)


def indonesian_number(text) -> Decimal:
    """`16.783,41` → 16783.41; `100` → 100; a number already read from a spreadsheet as it is."""
    if isinstance(text, int | float | Decimal):
        return Decimal(str(text))
    cleaned = str(text).strip().replace("\u00a0", "").replace(" ", "")
    if not re.fullmatch(r"\d{1,3}(\.\d{3})*(,\d+)?|\d+(,\d+)?", cleaned):
        raise ValueError(text)
    return Decimal(cleaned.replace(".", "").replace(",", "."))


def parse_date(value) -> dt.date:
    """`2026-11-27`, `27/11/2026` (day first), `27 November 2026`, `27 Nov 2026`, `27-Nov-26`."""
    if isinstance(value, dt.datetime):
        return value.date()
    if isinstance(value, dt.date):
        return value
    text = str(value).strip()
    text = re.sub(r"\s+\d{1,2}:\d{2}(:\d{2})?(\s*[AP]M)?$", "", text, flags=re.IGNORECASE)
    if match := re.fullmatch(r"(\d{4})-(\d{1,2})-(\d{1,2})", text):
        year, month, day = (int(g) for g in match.groups())
        return dt.date(year, month, day)
    if match := re.fullmatch(r"(\d{1,2})/(\d{1,2})/(\d{4})", text):
        day, month, year = (int(g) for g in match.groups())
        return dt.date(year, month, day)
    if match := re.fullmatch(r"(\d{1,2})[\s-]+([A-Za-z]+)\.?[\s-]+(\d{2}|\d{4})", text):
        day, month_name, year = match.groups()
        month = MONTHS.get(month_name.lower())
        if month is None:
            raise ValueError(text)
        return dt.date(int(year) + (2000 if len(year) == 2 else 0), month, int(day))
    raise ValueError(text)


def _decode(content: bytes) -> str:
    if len(content) > MAX_BYTES:
        raise _error(_("The file is larger than 2 MB."), "rates_too_large")
    for encoding in ("utf-8-sig", "cp1252"):
        try:
            return content.decode(encoding)
        except UnicodeDecodeError:
            continue
    raise _error(_("The file is not text."), "rates_not_text")  # pragma: no cover - cp1252


def _text_rows(content: bytes) -> list[list[str]]:
    text = _decode(content)
    try:
        dialect = csv.Sniffer().sniff(text[:4096], delimiters=",;\t")
    except csv.Error:
        dialect = csv.excel
    return [row for row in csv.reader(io.StringIO(text), dialect) if any(c.strip() for c in row)]


def _xlsx_rows(content: bytes) -> list[list]:
    from openpyxl import load_workbook

    try:
        book = load_workbook(io.BytesIO(content), read_only=True, data_only=True)
    except (zipfile.BadZipFile, KeyError, ValueError, OSError) as exc:
        raise _error(_("The spreadsheet cannot be read."), "rates_bad_spreadsheet") from exc
    sheet = book.worksheets[0]
    rows = [
        ["" if cell is None else cell for cell in row]
        for row in sheet.iter_rows(values_only=True)
        if any(cell not in (None, "") for cell in row)
    ]
    book.close()
    return rows


def _table_rows(content: bytes) -> list[list]:
    if content[:2] == b"PK":  # an .xlsx is a zip file
        return _xlsx_rows(content)
    return _text_rows(content)


def _rate(value: Decimal) -> Decimal:
    return value.quantize(SIX_PLACES, rounding=ROUND_HALF_UP)


def parse_bi_table(content: bytes) -> list[ParsedRate]:
    """The rates in BI's "Kurs Transaksi BI" table (see the module's docstring)."""
    rows = _table_rows(content)
    header_index = next(
        (i for i, row in enumerate(rows) if "mata uang" in [str(c).strip().lower() for c in row]),
        None,
    )
    if header_index is None:
        raise _error(_("No header row with the column “Mata Uang” was found."), "rates_no_header")
    names = [str(cell).strip().lower() for cell in rows[header_index]]
    columns = {BI_COLUMNS[name]: i for i, name in enumerate(names) if name in BI_COLUMNS}
    for name in BI_DATE_COLUMNS:
        if name in names:
            columns["date"] = names.index(name)
    missing = [
        label
        for key, label in [
            ("unit", "Nilai"),
            ("sell", "Kurs Jual"),
            ("buy", "Kurs Beli"),
            ("date", "Tanggal"),
        ]
        if key not in columns
    ]
    if missing:
        raise _error(
            _("The header row lacks the column(s) %(columns)s.") % {"columns": ", ".join(missing)},
            "rates_no_header",
        )
    parsed = []
    for offset, row in enumerate(rows[header_index + 1 :], start=header_index + 2):
        cells = list(row) + [""] * (len(names) - len(row))
        currency = str(cells[columns["currency"]]).strip().upper()
        if not currency:
            continue
        if not re.fullmatch(r"[A-Z]{3}", currency):
            raise _error(
                _("“%(value)s” is not a currency code.") % {"value": currency},
                "rates_bad_currency",
                offset,
            )
        try:
            unit = indonesian_number(cells[columns["unit"]])
            sell = indonesian_number(cells[columns["sell"]])
            buy = indonesian_number(cells[columns["buy"]])
        except (ValueError, InvalidOperation):
            raise _error(
                _("Nilai, Kurs Jual and Kurs Beli must be numbers such as 16.783,41."),
                "rates_bad_number",
                offset,
            ) from None
        if unit <= 0 or sell <= 0 or buy <= 0:
            raise _error(_("Rates must be above zero."), "rates_bad_number", offset)
        try:
            day = parse_date(cells[columns["date"]])
        except ValueError:
            raise _error(
                _("“%(value)s” is not a date.") % {"value": cells[columns["date"]]},
                "rates_bad_date",
                offset,
            ) from None
        if currency not in CURRENCY_CODES:
            continue  # BI quotes a few currencies the site never shows (BND, LAK, PGK, …)
        parsed.append(ParsedRate(currency, day, _rate((sell + buy) / 2 / unit)))
    return _checked(parsed)


def parse_rates_csv(content: bytes) -> list[ParsedRate]:
    """The rates in a plain CSV of `currency,rate,date` (see the module's docstring)."""
    rows = _text_rows(content)
    if not rows or [cell.strip().lower() for cell in rows[0][:3]] != ["currency", "rate", "date"]:
        raise _error(
            _("The first line must be the header “currency,rate,date”."), "rates_no_header"
        )
    parsed = []
    for line, row in enumerate(rows[1:], start=2):
        if len(row) < 3:
            raise _error(_("Three values are needed."), "rates_bad_row", line)
        currency, rate, day = (cell.strip() for cell in row[:3])
        currency = currency.upper()
        if currency not in CURRENCY_CODES or currency == "IDR":
            raise _error(
                _("“%(value)s” is not a currency this site shows.") % {"value": currency},
                "rates_bad_currency",
                line,
            )
        try:
            value = Decimal(rate)
            if not value.is_finite() or value <= 0:
                raise InvalidOperation
        except InvalidOperation:
            raise _error(
                _("“%(value)s” is not a rate above zero such as 4588.25.") % {"value": rate},
                "rates_bad_number",
                line,
            ) from None
        try:
            day = dt.date.fromisoformat(day)
        except ValueError:
            raise _error(
                _("“%(value)s” is not a date such as 2026-11-27.") % {"value": day},
                "rates_bad_date",
                line,
            ) from None
        parsed.append(ParsedRate(currency, day, _rate(value)))
    return _checked(parsed)


def _checked(parsed: list[ParsedRate]) -> list[ParsedRate]:
    if not parsed:
        raise _error(_("The file holds no rates."), "rates_empty")
    seen: dict[tuple[str, dt.date], Decimal] = {}
    for rate in parsed:
        key = (rate.currency, rate.date)
        if key in seen and seen[key] != rate.rate_idr:
            raise _error(
                _("%(currency)s has two different rates on %(date)s.")
                % {"currency": rate.currency, "date": rate.date.isoformat()},
                "rates_duplicate",
            )
        seen[key] = rate.rate_idr
    return list({(r.currency, r.date): r for r in parsed}.values())


PARSERS = {RatesFormat.BI: parse_bi_table, RatesFormat.CSV: parse_rates_csv}


def rates_parse(content: bytes, fmt: str) -> list[ParsedRate]:
    return PARSERS[RatesFormat(fmt)](content)


def rates_download(url: str) -> bytes:
    """The file at `url` (https://, http:// or file://), at most MAX_BYTES."""
    if not url.startswith(("https://", "http://", "file://")):
        raise ValueError(f"Unsupported address: {url}")
    request = urllib.request.Request(url, headers={"User-Agent": "expo-umkm-rates/1"})  # noqa: S310
    with urllib.request.urlopen(request, timeout=FETCH_TIMEOUT_SECONDS) as response:  # noqa: S310
        content = response.read(MAX_BYTES + 1)
    return content
