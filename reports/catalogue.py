"""The printable catalogue of an edition: approved booths and their featured products as a PDF.

Its file name carries a hash of everything printed in it, so a changed booth, product or
price gives a new name: the cache can never serve an out-of-date catalogue.
"""

import hashlib
import io
from xml.sax.saxutils import escape

from django.db.models import Prefetch, QuerySet
from django.utils import timezone
from django.utils.translation import get_language
from django.utils.translation import gettext as _
from reportlab.lib import colors
from reportlab.lib.enums import TA_CENTER
from reportlab.lib.pagesizes import A4
from reportlab.lib.styles import ParagraphStyle, getSampleStyleSheet
from reportlab.lib.units import mm
from reportlab.platypus import KeepTogether, Paragraph, SimpleDocTemplate, Spacer, Table, TableStyle

from catalog.models import Product
from core.money import format_money
from expo.models import Booth, Expo


def catalogue_booths(*, expo: Expo) -> QuerySet[Booth]:
    products = Product.objects.filter(status=Product.Status.PUBLISHED).order_by("name_id", "pk")
    return (
        Booth.objects.filter(expo=expo, status=Booth.Status.APPROVED)
        .select_related("vendor__regency__province", "hall")
        .prefetch_related(Prefetch("featured_products", queryset=products))
        .order_by("hall__position", "hall__name_en", "number", "vendor__name", "pk")
    )


def _language() -> str:
    return (get_language() or "id").split("-")[0]


def catalogue_version(*, expo: Expo) -> str:
    """A short hash of what the catalogue prints (two queries)."""
    digest = hashlib.sha256()
    digest.update(f"{expo.pk}|{expo.name}|{expo.theme_id}|{expo.theme_en}|{_language()}".encode())
    for booth in catalogue_booths(expo=expo):
        vendor = booth.vendor
        digest.update(
            f"|b{booth.pk}:{booth.hall_id}:{booth.number}:{booth.tagline_id}:{booth.tagline_en}"
            f":{vendor.name}:{vendor.regency_id}".encode()
        )
        for product in booth.featured_products.all():
            digest.update(
                f"|p{product.pk}:{product.updated_at.isoformat()}:{product.price_min_idr}".encode()
            )
    return digest.hexdigest()[:16]


def built_key(expo_id: int, language: str) -> str:
    """Cache key set once a catalogue was built: later booth changes rebuild it in advance."""
    return f"reports:catalogue-built:{expo_id}:{language}"


def catalogue_folder(*, expo: Expo, language: str) -> str:
    return f"catalogues/{expo.pk}/{language}"


def catalogue_name(*, expo: Expo, version: str, language: str) -> str:
    return f"{catalogue_folder(expo=expo, language=language)}/{version}.pdf"


def _price(product: Product) -> str:
    price = format_money(product.price_min_idr, "IDR")
    if product.price_max_idr:
        price += " – " + format_money(product.price_max_idr, "IDR")
    return f"{price} / {product.get_unit_display()}"


def render_catalogue(*, expo: Expo) -> bytes:
    """The PDF in the active language."""
    styles = getSampleStyleSheet()
    title = ParagraphStyle("title", parent=styles["Title"], textColor=colors.HexColor("#8a3b12"))
    hall_style = ParagraphStyle("hall", parent=styles["Heading2"], spaceBefore=8 * mm)
    vendor_style = styles["Heading3"]
    body = styles["BodyText"]
    ParagraphStyle("small", parent=body, fontSize=8, textColor=colors.HexColor("#555d66"))
    centred = ParagraphStyle("centred", parent=body, alignment=TA_CENTER)

    story = [
        Paragraph(escape(expo.name), title),
        Paragraph(escape(expo.theme), centred) if expo.theme else Spacer(1, 1),
        Paragraph(
            escape(_("Catalogue of the approved booths, printed on %(date)s."))
            % {"date": timezone.localdate().isoformat()},
            centred,
        ),
    ]
    current_hall = object()
    for booth in catalogue_booths(expo=expo):
        if booth.hall_id != current_hall:
            current_hall = booth.hall_id
            story.append(
                Paragraph(escape(booth.hall.name if booth.hall else _("Other booths")), hall_style)
            )
        vendor = booth.vendor
        place = ", ".join(
            part
            for part in (
                vendor.regency.name if vendor.regency else "",
                vendor.regency.province.name if vendor.regency else "",
            )
            if part
        )
        block = [
            Paragraph(
                escape(vendor.name)
                + (f" · {escape(_('Booth'))} {booth.number}" if booth.number else ""),
                vendor_style,
            ),
            Paragraph(escape(" · ".join(p for p in (booth.tagline, place) if p)), body),
        ]
        # No contact details: the catalogue is public, and owners were promised that only
        # signed-in buyers see their WhatsApp number. Buyers reach them through the site.
        products = list(booth.featured_products.all())
        if products:
            rows = [[_("Product"), _("Price"), _("Minimum order")]] + [
                [
                    Paragraph(escape(product.name), body),
                    Paragraph(escape(_price(product)), body),
                    f"{product.moq} {product.get_unit_display()}",
                ]
                for product in products
            ]
            table = Table(rows, colWidths=[80 * mm, 60 * mm, 35 * mm], repeatRows=1)
            table.setStyle(
                TableStyle(
                    [
                        ("FONTNAME", (0, 0), (-1, 0), "Helvetica-Bold"),
                        ("LINEBELOW", (0, 0), (-1, 0), 0.5, colors.HexColor("#d8d4cc")),
                        ("VALIGN", (0, 0), (-1, -1), "TOP"),
                    ]
                )
            )
            block.append(table)
        story.append(KeepTogether(block))
        story.append(Spacer(1, 4 * mm))
    buffer = io.BytesIO()
    document = SimpleDocTemplate(
        buffer, pagesize=A4, title=expo.name, author=expo.organiser,
        leftMargin=18 * mm, rightMargin=18 * mm, topMargin=18 * mm, bottomMargin=18 * mm,
    )  # fmt: skip
    document.build(story)
    return buffer.getvalue()
