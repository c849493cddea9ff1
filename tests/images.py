"""Image files made on the fly for tests: good photos and hostile ones."""

import io

from PIL import Image


def jpeg_bytes(
    size=(1600, 1200), color=(180, 90, 40), orientation: int | None = None, gps=False, comment=b""
) -> bytes:
    im = Image.new("RGB", size, color)
    im.paste((20, 60, 160), (0, 0, size[0] // 4, size[1] // 4))  # a marker in the top-left corner
    exif = Image.Exif()
    if orientation:
        exif[0x0112] = orientation
    if gps:
        exif[0x8825] = {1: "S", 2: (7.0, 7.0, 0.0), 3: "E", 4: (112.0, 25.0, 0.0)}
    exif[0x010F] = "PhoneMaker"
    buffer = io.BytesIO()
    im.save(buffer, "JPEG", exif=exif.tobytes(), comment=comment, quality=90)
    return buffer.getvalue()


def png_bytes(size=(800, 600), mode="RGBA") -> bytes:
    buffer = io.BytesIO()
    Image.new(mode, size, (10, 120, 90, 200) if mode == "RGBA" else 0).save(buffer, "PNG")
    return buffer.getvalue()


def webp_bytes(size=(900, 700)) -> bytes:
    buffer = io.BytesIO()
    Image.new("RGB", size, (200, 200, 30)).save(buffer, "WEBP")
    return buffer.getvalue()


def heic_bytes(size=(1024, 768)) -> bytes:
    import pillow_heif

    buffer = io.BytesIO()
    pillow_heif.from_pillow(Image.new("RGB", size, (90, 30, 120))).save(buffer, quality=70)
    return buffer.getvalue()


def huge_png_bytes(size=(10_000, 10_000)) -> bytes:
    """A few kilobytes on disk, hundreds of megabytes once decoded."""
    buffer = io.BytesIO()
    Image.new("1", size, 0).save(buffer, "PNG", optimize=True)
    return buffer.getvalue()


def decompression_bomb_bytes() -> bytes:
    return huge_png_bytes((30_000, 30_000))


def png_with_html_bytes() -> bytes:
    return png_bytes() + b"<html><script>alert(document.cookie)</script></html>"


SVG = (
    b'<svg xmlns="http://www.w3.org/2000/svg" onload="alert(1)">'
    b'<rect width="10" height="10"/></svg>'
)
PSD = (
    b"8BPS\x00\x01"
    + b"\x00" * 6
    + b"\x00\x03\x00\x00\x00\x10\x00\x00\x00\x10\x00\x08\x00\x03"
    + b"\x00" * 64
)
EPS = (
    b"%!PS-Adobe-3.0 EPSF-3.0\n%%BoundingBox: 0 0 10 10\n"
    b"newpath 0 0 moveto 10 10 lineto stroke\n%%EOF\n"
)
PDF = b"%PDF-1.4\n1 0 obj<</Type/Catalog/Pages 2 0 R>>endobj\ntrailer<</Root 1 0 R>>\n%%EOF\n"


def tiff_bytes() -> bytes:
    buffer = io.BytesIO()
    Image.new("RGB", (64, 64), (1, 2, 3)).save(buffer, "TIFF")
    return buffer.getvalue()


def truncated_jpeg_bytes() -> bytes:
    data = jpeg_bytes()
    return data[: len(data) // 2]
