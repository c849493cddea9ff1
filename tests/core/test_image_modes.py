"""Every colour mode and bit depth a photo can arrive in gives renditions that look like it, or
is refused with a translated reason.

Each case is a small picture of one known colour in one mode and container; it goes through
`image_create` (processing in the request), and the centre pixel of the JPEG and WebP renditions
is compared with the sRGB colour a viewer sees (transparent parts on white).
"""

import io
import struct
import zlib

import pytest
from django.core.exceptions import ValidationError
from django.core.files.storage import default_storage
from django.core.files.uploadedfile import SimpleUploadedFile
from django.utils import translation
from PIL import Image as PILImage
from PIL import ImageCms

from core import images as core_images
from core.images import image_create, validate_image_upload
from core.models import Image

RED = (200, 40, 30)
SIZE = (48, 32)
TOLERANCE = 12  # JPEG and WebP at our qualities, and chroma subsampling, on a flat colour


def save(im: PILImage.Image, fmt: str, **options) -> bytes:
    buffer = io.BytesIO()
    if fmt == "HEIF":
        import pillow_heif

        pillow_heif.from_pillow(im).save(buffer, quality=95)
    else:
        im.save(buffer, fmt, **options)
    return buffer.getvalue()


def png_16bit(mode: str, value: tuple[int, ...]) -> bytes:
    """A 16-bit PNG written by hand (Pillow writes 16 bits only for grey)."""
    colour_type = {"RGB": 2, "RGBA": 6, "LA": 4}[mode]
    row = b"\0" + struct.pack(f">{len(value)}H", *value) * SIZE[0]

    def chunk(kind: bytes, data: bytes) -> bytes:
        return (
            struct.pack(">I", len(data)) + kind + data + struct.pack(">I", zlib.crc32(kind + data))
        )

    header = struct.pack(">IIBBBBB", SIZE[0], SIZE[1], 16, colour_type, 0, 0, 0)
    return (
        b"\x89PNG\r\n\x1a\n"
        + chunk(b"IHDR", header)
        + chunk(b"IDAT", zlib.compress(row * SIZE[1]))
        + chunk(b"IEND", b"")
    )


def palette_image() -> PILImage.Image:
    im = PILImage.new("P", SIZE, 0)
    im.putpalette([*RED, 0, 0, 0])
    return im


def palette_with_trns() -> bytes:
    """A palette PNG whose only colour is half transparent (a tRNS chunk)."""
    return save(palette_image(), "PNG", transparency=b"\x80\xff")


def half_alpha(colour: tuple[int, int, int], alpha: int = 128) -> tuple[int, int, int]:
    """What a viewer sees: `colour` at `alpha` over white."""
    return tuple(round(c * alpha / 255 + 255 * (255 - alpha) / 255) for c in colour)


def grey(level: int) -> tuple[int, int, int]:
    return (level, level, level)


def srgb_profile() -> bytes:
    """An embedded sRGB profile: the photo goes through the colour conversion unchanged."""
    return ImageCms.ImageCmsProfile(ImageCms.createProfile("sRGB")).tobytes()


# name: (file bytes, expected centre colour)
FAITHFUL = {
    "1 (bilevel) PNG": (lambda: save(PILImage.new("1", SIZE, 1), "PNG"), grey(255)),
    "L PNG": (lambda: save(PILImage.new("L", SIZE, 90), "PNG"), grey(90)),
    "L JPEG": (lambda: save(PILImage.new("L", SIZE, 90), "JPEG", quality=95), grey(90)),
    "LA PNG, half transparent": (
        lambda: save(PILImage.new("LA", SIZE, (90, 128)), "PNG"),
        half_alpha(grey(90)),
    ),
    "P PNG": (lambda: save(palette_image(), "PNG"), RED),
    "P PNG with tRNS": (palette_with_trns, half_alpha(RED)),
    "RGB PNG": (lambda: save(PILImage.new("RGB", SIZE, RED), "PNG"), RED),
    "RGB PNG with a transparent colour": (
        lambda: save(PILImage.new("RGB", SIZE, RED), "PNG", transparency=RED),
        grey(255),
    ),
    "RGB JPEG": (lambda: save(PILImage.new("RGB", SIZE, RED), "JPEG", quality=95), RED),
    "RGB JPEG tagged sRGB": (
        lambda: save(
            PILImage.new("RGB", SIZE, RED), "JPEG", quality=95, icc_profile=srgb_profile()
        ),
        RED,
    ),
    "RGBA PNG, half transparent": (
        lambda: save(PILImage.new("RGBA", SIZE, (*RED, 128)), "PNG"),
        half_alpha(RED),
    ),
    "RGBA WebP, half transparent": (
        lambda: save(PILImage.new("RGBA", SIZE, (*RED, 128)), "WEBP", lossless=True),
        half_alpha(RED),
    ),
    "RGB WebP": (lambda: save(PILImage.new("RGB", SIZE, RED), "WEBP", lossless=True), RED),
    "CMYK JPEG (Adobe, inverted)": (
        lambda: save(PILImage.new("CMYK", SIZE, (0, 204, 216, 55)), "JPEG", quality=95),
        # Pillow's naive CMYK→RGB: R = (255-C)(255-K)/255 …
        (200, 40, 31),
    ),
    "YCbCr JPEG": (
        lambda: save(PILImage.new("RGB", SIZE, RED).convert("YCbCr"), "JPEG", quality=95),
        RED,
    ),
    "I;16 PNG (16-bit grey)": (
        lambda: save(PILImage.new("I;16", SIZE, 90 * 257), "PNG"),
        grey(90),
    ),
    "16-bit RGB PNG": (lambda: png_16bit("RGB", tuple(c * 257 for c in RED)), RED),
    "16-bit RGBA PNG, half transparent": (
        lambda: png_16bit("RGBA", (*(c * 257 for c in RED), 128 * 257)),
        half_alpha(RED),
    ),
    "16-bit LA PNG": (lambda: png_16bit("LA", (90 * 257, 65535)), grey(90)),
    "RGB HEIC": (lambda: save(PILImage.new("RGB", (64, 64), RED), "HEIF"), RED),
    "RGBA HEIC, opaque": (lambda: save(PILImage.new("RGBA", (64, 64), (*RED, 255)), "HEIF"), RED),
}

# Modes no accepted container stores: a TIFF (the one format that can) is refused.
REFUSED = {
    f"{mode} TIFF": (lambda mode=mode, value=value: save(PILImage.new(mode, SIZE, value), "TIFF"))
    for mode, value in (
        ("LAB", (50, 60, 40)),
        ("F", 0.5),
        ("I", 70000),
        ("CMYK", (0, 204, 216, 55)),
    )
}


def centre(name: str) -> tuple[int, int, int]:
    with default_storage.open(name, "rb") as fh:
        im = PILImage.open(fh)
        im.load()
    return im.convert("RGB").getpixel((im.width // 2, im.height // 2))


@pytest.mark.parametrize("case", list(FAITHFUL))
def test_renditions_look_like_the_source(db, case):
    make, expected = FAITHFUL[case]
    data = make()
    validate_image_upload(SimpleUploadedFile("photo.png", data))
    image = image_create(upload=SimpleUploadedFile("photo.png", data), process_now=True)
    assert (image.status, image.error) == (Image.Status.READY, "")
    for kind in ("jpeg", "webp"):
        [name] = image.renditions[kind].values()
        got = centre(name)
        assert all(abs(a - b) <= TOLERANCE for a, b in zip(got, expected, strict=True)), (
            f"{case} {kind}: {got}, expected {expected}"
        )


def refusal(data: bytes, language: str) -> list[str]:
    with translation.override(language):
        with pytest.raises(ValidationError) as refused:
            validate_image_upload(SimpleUploadedFile("photo.jpg", data))
        return refused.value.messages


@pytest.mark.parametrize("case", list(REFUSED))
def test_modes_we_cannot_show_are_refused_with_a_translated_reason(db, case):
    data = REFUSED[case]()
    assert refusal(data, "en") == ["This file is not a JPEG, PNG, WebP or HEIC photo."]
    assert refusal(data, "id") == ["Berkas ini bukan foto JPEG, PNG, WebP, atau HEIC."]
    image = image_create(upload=SimpleUploadedFile("photo.jpg", data), process_now=True)
    assert (image.status, image.error, image.renditions) == ("failed", "unsupported", {})


def test_a_mode_outside_the_accepted_list_is_refused_with_its_own_reason(db, monkeypatch):
    """Should a decoder start giving a mode we do not convert, it is refused, not guessed at."""
    monkeypatch.setattr(
        core_images, "ACCEPTED_MODES", tuple(m for m in core_images.ACCEPTED_MODES if m != "CMYK")
    )
    data = FAITHFUL["CMYK JPEG (Adobe, inverted)"][0]()
    reason = (
        "The photo stores its colours in a way we cannot show; save it as an ordinary JPEG or PNG."
    )
    assert refusal(data, "en") == [reason]
    [in_indonesian] = refusal(data, "id")
    assert in_indonesian not in ("", reason)
    image = image_create(upload=SimpleUploadedFile("photo.jpg", data), process_now=True)
    assert (image.status, image.error) == ("failed", "colours")
