"""The image pipeline: validate an upload in the request, process it in a worker.

Only the parsers we trust run (JPEG, PNG, WebP, HEIC); pixel counts are capped before decoding;
renditions are re-encoded from pixels only, so no EXIF, GPS, XMP or comment survives, and the
original never leaves private storage.
"""

import contextlib
import hashlib
import io
import logging
import warnings
from collections.abc import Callable
from dataclasses import dataclass
from datetime import timedelta

import pillow_heif
from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.files.base import ContentFile
from django.core.files.storage import default_storage
from django.db import transaction
from django.db.models import F
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from PIL import Image as PILImage
from PIL import ImageCms, ImageOps, UnidentifiedImageError

from core.cache import public_pages_changed
from core.files import private_storage
from core.models import Image
from core.queue import task_enqueue

pillow_heif.register_heif_opener()
logger = logging.getLogger(__name__)

ALLOWED_FORMATS = ("JPEG", "PNG", "WEBP", "HEIF")
RENDITION_WIDTHS = (320, 640, 1280)
JPEG_QUALITY = 82
WEBP_QUALITY = 78
MAX_BYTES = getattr(settings, "IMAGE_MAX_BYTES", 15 * 1024 * 1024)
MAX_PIXELS = getattr(settings, "IMAGE_MAX_PIXELS", 40_000_000)  # a 48 MP phone photo is not needed
# Pillow itself refuses anything far above our own cap.
PILImage.MAX_IMAGE_PIXELS = MAX_PIXELS
# Every mode our decoders give; anything else is refused with `Image.Error.COLOURS`.
SIXTEEN_BIT_MODES = ("I;16", "I;16L", "I;16B", "I;16N", "I")
ALPHA_MODES = ("RGBA", "RGBa", "LA", "La", "PA")
ACCEPTED_MODES = ("1", "L", "P", "RGB", "RGBX", "CMYK", "YCbCr", *ALPHA_MODES, *SIXTEEN_BIT_MODES)
_SRGB = ImageCms.createProfile("sRGB")
# Enqueued by name: core.tasks imports this module, so this module does not import core.tasks.
PROCESS_TASK = "core.tasks.image_process_task"


# Apps whose images may stay off the public pages (a draft product's photos) register a check
# here: `check(image_id)` is True when that image is theirs and no public page shows it.
_hidden_checks: list[Callable[[int], bool]] = []


def image_hidden_check_register(check: Callable[[int], bool]) -> None:
    """For the upper apps' receivers: see `_shown_publicly`."""
    if check not in _hidden_checks:
        _hidden_checks.append(check)


def _shown_publicly(image_id: int) -> bool:
    """Whether a cached public page can show this image once it is ready.

    Each `public_pages_changed()` makes every cached public page render again, so the worker
    calls it only for images a visitor may see: during an opening, vendors upload photos to
    draft products all day. An image that no registered app claims (a logo, a banner) counts as
    shown.
    """
    return not any(check(image_id) for check in _hidden_checks)


class ImageRejected(Exception):
    """The file is not a photo we accept; `code` is one of `Image.Error`."""

    def __init__(self, code: str):
        super().__init__(code)
        self.code = code


@dataclass(frozen=True)
class Inspected:
    format: str
    width: int
    height: int


def inspect(data: bytes) -> Inspected:
    """Read the header only (no pixel decoding) and refuse what we do not accept."""
    with warnings.catch_warnings():
        warnings.simplefilter("error", PILImage.DecompressionBombWarning)
        try:
            with PILImage.open(io.BytesIO(data), formats=ALLOWED_FORMATS) as im:
                width, height, fmt, mode = im.width, im.height, im.format, im.mode
        except (PILImage.DecompressionBombError, PILImage.DecompressionBombWarning) as exc:
            raise ImageRejected(Image.Error.TOO_LARGE) from exc
        except (UnidentifiedImageError, SyntaxError, ValueError) as exc:
            raise ImageRejected(Image.Error.UNSUPPORTED) from exc
        except OSError as exc:
            raise ImageRejected(Image.Error.DAMAGED) from exc
    if width * height > MAX_PIXELS:
        raise ImageRejected(Image.Error.TOO_LARGE)
    if mode not in ACCEPTED_MODES:
        raise ImageRejected(Image.Error.COLOURS)
    if fmt == "PNG" and not data.rstrip(b"\0").endswith(b"IEND\xaeB`\x82"):
        # Something follows the image (a polyglot file, e.g. HTML appended to a PNG).
        raise ImageRejected(Image.Error.DAMAGED)
    return Inspected(fmt, width, height)


def validate_image_upload(upload) -> None:
    """Form-level check of one uploaded photo; raises a translated ValidationError."""
    if upload.size > MAX_BYTES:
        raise ValidationError(
            _("The photo is larger than %(size)d MB.") % {"size": MAX_BYTES // (1024 * 1024)},
            code="too_big",
        )
    upload.seek(0)
    try:
        inspect(upload.read())
    except ImageRejected as exc:
        raise ValidationError(Image.Error(exc.code).label, code=exc.code) from exc
    finally:
        upload.seek(0)


def image_create(*, upload, process_now: bool = False) -> Image:
    """Store the original privately and queue processing after commit.

    `process_now` processes it here instead, for the demo data, which needs no worker.
    """
    image = Image(original=upload)
    image.save()
    if process_now:
        return image_process(image=image)
    # Broker down: the image stays pending, and the request that uploaded it still succeeds.
    transaction.on_commit(lambda: task_enqueue(PROCESS_TASK, image_id=image.pk))
    return image


def image_copies(*, image: Image, count: int) -> list[Image]:
    """`count` rows sharing the files of one processed image (generated benchmark data).

    `image_delete` leaves shared files in place until the last row that uses them is gone.
    """
    fields = ("status", "error", "renditions", "width", "height", "dominant_color")
    copies = [
        Image(original=image.original.name, processed_at=image.processed_at,
              **{name: getattr(image, name) for name in fields})
        for _ in range(count)
    ]  # fmt: skip
    return Image.objects.bulk_create(copies, batch_size=1000)


def image_replace(*, image: Image | None, upload) -> Image:
    """A new image from `upload`; the old one (if any) is deleted with its files after commit.

    The caller stores the returned image on its row (a logo, a banner) in the same transaction.
    """
    new = image_create(upload=upload)
    if image is not None:
        image_delete(image=image)
    return new


def image_delete(*, image: Image) -> None:
    """Delete the row now and its original and renditions once the transaction commits.

    Rows pointing at it with SET_NULL lose it; a ProductImage goes with it (CASCADE).
    """
    original = image.original.name
    names = {name for sizes in (image.renditions or {}).values() for name in sizes.values()}
    image.delete()
    if Image.objects.filter(original=original).exists():
        return  # rows made by image_copies share one set of files

    def remove_files() -> None:
        folder = _rendition_folder(original)
        with contextlib.suppress(FileNotFoundError):
            # A rendition written by a worker that had not yet recorded it is removed too.
            names.update(f"{folder}/{name}" for name in default_storage.listdir(folder)[1])
        for name in sorted(names):
            default_storage.delete(name)
        if original:
            private_storage().delete(original)

    transaction.on_commit(remove_files)


def _rendition_folder(original_name: str) -> str:
    return f"images/{hashlib.sha256(original_name.encode()).hexdigest()[:24]}"


def _decode(data: bytes) -> PILImage.Image:
    """Decode to upright sRGB pixels with no metadata at all."""
    inspect(data)
    with warnings.catch_warnings():
        warnings.simplefilter("error", PILImage.DecompressionBombWarning)
        try:
            im = PILImage.open(io.BytesIO(data), formats=ALLOWED_FORMATS)
            if im.format == "JPEG":
                # Decode at the smallest scale that still covers the largest rendition.
                im.draft("RGB", (RENDITION_WIDTHS[-1], RENDITION_WIDTHS[-1]))
            im = ImageOps.exif_transpose(im)
            im = _to_srgb(im)
            im.load()
        except (PILImage.DecompressionBombError, PILImage.DecompressionBombWarning) as exc:
            raise ImageRejected(Image.Error.TOO_LARGE) from exc
        except (UnidentifiedImageError, SyntaxError, ValueError, OSError) as exc:
            raise ImageRejected(Image.Error.DAMAGED) from exc
    im.info = {}  # no EXIF, ICC, XMP or comment is carried into a rendition
    return im


def _to_srgb(im: PILImage.Image) -> PILImage.Image:
    """RGB pixels that look like the source: 16-bit scaled, alpha composited on white, CMYK and
    colour-managed photos converted through their ICC profile.

    Pillow's plain `convert("RGB")` clips 16-bit values (a mid grey turns white), drops alpha
    (transparent areas show whatever colour they hide) and ignores ICC profiles.
    """
    if im.mode not in ACCEPTED_MODES:
        raise ImageRejected(Image.Error.COLOURS)
    icc = im.info.get("icc_profile")
    if im.mode in SIXTEEN_BIT_MODES:
        # 0…65535 to 0…255; `point` with a linear function keeps 32-bit precision.
        im = im.point(lambda value: value * (1 / 256)).convert("L")
        icc = None  # a grey profile does not apply to the scaled pixels' colour
    if im.mode in ALPHA_MODES or "transparency" in im.info:
        rgba = im.convert("RGBA")
        background = PILImage.new("RGB", rgba.size, (255, 255, 255))
        background.paste(rgba.convert("RGB"), mask=rgba.getchannel("A"))
        # A profile describes the pixels, not the white we put behind them.
        return _apply_profile(background, icc if im.mode in ("RGB", "RGBA") else None)
    if icc and im.mode in ("RGB", "CMYK"):
        return _apply_profile(im, icc)
    # CMYK without a profile: Pillow undoes Adobe's inverted storage while decoding.
    return im.convert("RGB")


def _apply_profile(im: PILImage.Image, icc: bytes | None) -> PILImage.Image:
    """`im` converted from its embedded profile to sRGB; unchanged colours if it has none."""
    if not icc:
        return im.convert("RGB")
    try:
        source = ImageCms.ImageCmsProfile(io.BytesIO(icc))
        return ImageCms.profileToProfile(im, source, _SRGB, outputMode="RGB")
    except (ImageCms.PyCMSError, OSError, ValueError):
        return im.convert("RGB")  # a broken profile: the numbers as they are


def _dominant_color(im: PILImage.Image) -> str:
    r, g, b = im.resize((1, 1), PILImage.Resampling.BOX).getpixel((0, 0))
    return f"#{r:02x}{g:02x}{b:02x}"


def _save(name: str, content: bytes) -> str:
    # Same name on every run, so processing twice leaves exactly the same files.
    if default_storage.exists(name):
        default_storage.delete(name)
    return default_storage.save(name, ContentFile(content))


def image_process(*, image: Image) -> Image:
    """Write WebP and JPEG renditions, size and dominant colour of a pending image, once.

    The row stays locked while its renditions are written and a second caller (the task
    delivered again, the sweep) skips a locked or finished row, so an image is processed once;
    a worker killed mid-way drops its lock with its connection and leaves the row pending for
    the sweep. A file we cannot decode ends as `failed` with a reason (never retried); storage
    errors (OSError while reading or writing) propagate so the task retries them.
    """
    with transaction.atomic():
        claimed = (
            Image.objects.select_for_update(skip_locked=True)
            .filter(pk=image.pk, status=Image.Status.PENDING)
            .first()
        )
        if claimed is not None:
            _render(claimed)
    if Image.objects.filter(pk=image.pk).exists():
        image.refresh_from_db()
    return image


def image_sweep(
    *, grace: timedelta = timedelta(minutes=1), limit: int = 50, max_attempts: int = 3
) -> int:
    """Process images left pending: the broker was down at commit, or a worker died mid-task.

    Rows younger than `grace` are left to the task enqueued at commit. An image the sweep has
    picked up `max_attempts` times without finishing (it killed the worker each time) is
    marked failed as damaged. Returns how many this sweep processed.
    """
    stale = Image.objects.filter(
        status=Image.Status.PENDING, created_at__lte=timezone.now() - grace
    )
    stale.filter(attempts__gte=max_attempts).update(
        status=Image.Status.FAILED, error=Image.Error.DAMAGED, processed_at=timezone.now()
    )
    done = 0
    for pk in stale.order_by("created_at").values_list("pk", flat=True)[:limit]:
        # Counted before the work, in its own statement, so a worker that dies still counts.
        Image.objects.filter(pk=pk).update(attempts=F("attempts") + 1)
        try:
            image = image_process(image=Image(pk=pk))
        except OSError:  # storage unreachable or the original gone: the next sweep tries again
            logger.exception("Processing image %s failed", pk)
            continue
        done += image.status != Image.Status.PENDING
    return done


def _render(image: Image) -> None:
    with image.original.open("rb") as fh:
        data = fh.read()
    try:
        im = _decode(data)
    except ImageRejected as exc:
        # No public page shows a pending image, nor a failed one: the cached pages stay.
        Image.objects.filter(pk=image.pk).update(
            status=Image.Status.FAILED, error=exc.code, processed_at=timezone.now()
        )
        return

    folder = _rendition_folder(image.original.name)
    widths = [w for w in RENDITION_WIDTHS if w < im.width] + [min(im.width, RENDITION_WIDTHS[-1])]
    renditions: dict[str, dict[str, str]] = {"webp": {}, "jpeg": {}}
    current = im
    for width in sorted(set(widths), reverse=True):
        if current.width != width:
            # Each size from the previous one: faster than every size from the original.
            height = max(1, round(current.height * width / current.width))
            current = current.resize((width, height), PILImage.Resampling.LANCZOS)
        for kind, options in (
            ("webp", {"format": "WEBP", "quality": WEBP_QUALITY, "method": 4}),
            (
                "jpeg",
                {"format": "JPEG", "quality": JPEG_QUALITY, "optimize": True, "progressive": True},
            ),
        ):
            buffer = io.BytesIO()
            current.save(buffer, **options)
            renditions[kind][str(width)] = _save(f"{folder}/{width}.{kind}", buffer.getvalue())
    Image.objects.filter(pk=image.pk).update(
        status=Image.Status.READY,
        error="",
        renditions=renditions,
        width=im.width,
        height=im.height,
        dominant_color=_dominant_color(im),
        processed_at=timezone.now(),
    )
    if _shown_publicly(image.pk):
        public_pages_changed()  # the photo shows from now on; `update()` sends no signal
