"""The printable catalogue of an edition: approved booths and their featured products as a PDF.

Its file name carries a hash of everything printed in it, so a changed booth, product or
price gives a new name: the cache can never serve an out-of-date catalogue.
"""

import hashlib
import io
import logging
from xml.sax.saxutils import escape

from django.core.files.storage import default_storage
from django.db.models import Prefetch, QuerySet
from django.utils import formats, timezone
from django.utils.translation import get_language
from django.utils.translation import gettext as _
from reportlab.lib import colors
from reportlab.lib.enums import TA_CENTER
from reportlab.lib.pagesizes import A4
from reportlab.lib.styles import ParagraphStyle, getSampleStyleSheet
from reportlab.lib.units import mm
from reportlab.platypus import Image as PdfImage
from reportlab.platypus import KeepTogether, Paragraph, SimpleDocTemplate, Spacer, Table, TableStyle

from catalog.models import Product, ProductImage
from core.models import Image
from core.money import format_money
from expo.models import Booth, Expo

logger = logging.getLogger(__name__)

PHOTO_WIDTH_MM = 22
# The smallest rendition that still prints sharp at PHOTO_WIDTH_MM (about 290 dpi).
PHOTO_RENDITION = 256


def catalogue_booths(*, expo: Expo) -> QuerySet[Booth]:
    photos = ProductImage.objects.filter(image__status=Image.Status.READY).select_related("image")
    products = (
        Product.objects.filter(status=Product.Status.PUBLISHED)
        .order_by("name_id", "pk")
        .prefetch_related(Prefetch("images", queryset=photos))
    )
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
            cover = _cover(product)
            digest.update(
                f"|p{product.pk}:{product.updated_at.isoformat()}:{product.price_min_idr}"
                f":{cover.image_id if cover else ''}".encode()
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


def _cover(product: Product) -> ProductImage | None:
    """The product's first ready photo (prefetched by `catalogue_booths`)."""
    photos = list(product.images.all())
    return photos[0] if photos else None


def _photo(product: Product):
    """One photo of the product for the printed table, or "" when it has none that can be read."""
    cover = _cover(product)
    sizes = cover.image.renditions.get("jpeg", {}) if cover else {}
    if not sizes:
        return ""
    width = min((int(w) for w in sizes if int(w) >= PHOTO_RENDITION), default=max(map(int, sizes)))
    try:
        with default_storage.open(sizes[str(width)]) as file:
            data = io.BytesIO(file.read())
    except OSError:  # a rendition lost from storage: print the row without its photo
        logger.warning("Catalogue: rendition of image %s is missing.", cover.image_id)
        return ""
    ratio = (cover.image.height or 1) / (cover.image.width or 1)
    return PdfImage(data, width=PHOTO_WIDTH_MM * mm, height=PHOTO_WIDTH_MM * mm * ratio)


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
            % {"date": formats.date_format(timezone.localdate(), "DATE_FORMAT")},
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
            rows = [[_("Photo"), _("Product"), _("Price"), _("Minimum order")]] + [
                [
                    _photo(product),
                    Paragraph(escape(product.name), body),
                    Paragraph(escape(_price(product)), body),
                    f"{product.moq} {product.get_unit_display()}",
                ]
                for product in products
            ]
            table = Table(rows, colWidths=[26 * mm, 60 * mm, 54 * mm, 34 * mm], repeatRows=1)
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
