import base64

from django.conf import settings
from django.contrib.postgres.fields import ArrayField
from django.core.files.storage import default_storage
from django.core.mail import EmailMultiAlternatives
from django.core.validators import MinValueValidator
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from core.files import original_upload_to, private_storage
from core.money import currency_choices


class Province(models.Model):
    code = models.CharField(_("Kemendagri code"), max_length=2, unique=True)
    name = models.CharField(_("name"), max_length=100)
    slug = models.SlugField(_("slug"), max_length=100, unique=True)

    class Meta:
        ordering = ["code"]
        verbose_name = _("province")
        verbose_name_plural = _("provinces")

    def __str__(self) -> str:
        return self.name


class Regency(models.Model):
    """A kabupaten (regency) or kota (city), the unit BI reports exports by."""

    class Kind(models.TextChoices):
        KABUPATEN = "kabupaten", _("Regency (kabupaten)")
        KOTA = "kota", _("City (kota)")

    province = models.ForeignKey(
        Province, on_delete=models.PROTECT, related_name="regencies", verbose_name=_("province")
    )
    code = models.CharField(_("Kemendagri code"), max_length=5, unique=True)
    name = models.CharField(_("name"), max_length=100)
    kind = models.CharField(_("kind"), max_length=10, choices=Kind.choices)
    slug = models.SlugField(_("slug"), max_length=100, unique=True)

    class Meta:
        ordering = ["code"]
        verbose_name = _("regency or city")
        verbose_name_plural = _("regencies and cities")

    def __str__(self) -> str:
        return self.name

    @property
    def place_name(self) -> str:
        """How people call it: "Kabupaten Lamongan" → "Lamongan", "Kota Batu" → "Batu"."""
        for prefix in ("Kabupaten ", "Kota "):
            if self.name.startswith(prefix):
                return self.name.removeprefix(prefix)
        return self.name


class OutboundEmail(models.Model):
    """An email written in the same transaction as the event that causes it; a worker sends it."""

    class Status(models.TextChoices):
        PENDING = "pending", _("Pending")
        SENT = "sent", _("Sent")
        FAILED = "failed", _("Failed")

    kind = models.CharField(_("kind"), max_length=64, db_index=True)
    to = ArrayField(models.EmailField(), verbose_name=_("recipients"))
    from_email = models.CharField(_("sender"), max_length=254)
    subject = models.CharField(_("subject"), max_length=255)
    body_text = models.TextField(_("plain text"))
    body_html = models.TextField(_("HTML"), blank=True)
    headers = models.JSONField(_("headers"), default=dict, blank=True)
    # [{"filename", "mimetype", "content"(base64)}], e.g. calendar files.
    attachments = models.JSONField(_("attachments"), default=list, blank=True)
    status = models.CharField(
        _("status"), max_length=10, choices=Status.choices, default=Status.PENDING
    )
    attempts = models.PositiveSmallIntegerField(_("attempts"), default=0)
    last_error = models.TextField(_("last error"), blank=True)
    created_at = models.DateTimeField(_("created"), default=timezone.now)
    next_attempt_at = models.DateTimeField(_("next attempt"), default=timezone.now)
    sent_at = models.DateTimeField(_("sent"), null=True, blank=True)

    class Meta:
        ordering = ["-created_at"]
        verbose_name = _("outbound email")
        verbose_name_plural = _("outbound emails")
        indexes = [
            models.Index(
                fields=["next_attempt_at"],
                condition=models.Q(status="pending"),
                name="core_outbox_pending_idx",
            )
        ]

    def __str__(self) -> str:
        return self.subject

    def to_message(self) -> EmailMultiAlternatives:
        message = EmailMultiAlternatives(
            subject=self.subject,
            body=self.body_text,
            from_email=self.from_email,
            to=self.to,
            headers={**self.headers, "X-Expo-Outbox-Id": str(self.pk)},
        )
        if self.body_html:
            message.attach_alternative(self.body_html, "text/html")
        for item in self.attachments:
            message.attach(item["filename"], base64.b64decode(item["content"]), item["mimetype"])
        return message


class Image(models.Model):
    """An uploaded picture: the original stays private; the worker writes public renditions.

    Product photos, vendor logos and booth banners all go through this one pipeline
    (`core.images`), processed by `core.tasks.image_process_task` on the `images` queue.
    """

    class Status(models.TextChoices):
        PENDING = "pending", _("Processing")
        READY = "ready", _("Ready")
        FAILED = "failed", _("Failed")

    class Error(models.TextChoices):
        UNSUPPORTED = "unsupported", _("This file is not a JPEG, PNG, WebP or HEIC photo.")
        TOO_LARGE = "too_large", _("The photo has too many pixels.")
        DAMAGED = "damaged", _("The file is damaged or incomplete.")
        COLOURS = (
            "colours",
            _(
                "The photo stores its colours in a way we cannot show; save it as an ordinary "
                "JPEG or PNG."
            ),
        )

    original = models.FileField(
        _("original"), storage=private_storage, max_length=255, upload_to=original_upload_to
    )
    status = models.CharField(
        _("status"), max_length=10, choices=Status.choices, default=Status.PENDING
    )
    error = models.CharField(_("error"), max_length=20, choices=Error.choices, blank=True)
    # {"webp": {"320": "images/…/320.webp", …}, "jpeg": {…}}: public storage names by width.
    renditions = models.JSONField(_("renditions"), default=dict, blank=True)
    width = models.PositiveIntegerField(_("width"), null=True, blank=True)
    height = models.PositiveIntegerField(_("height"), null=True, blank=True)
    dominant_color = models.CharField(_("dominant colour"), max_length=7, blank=True)
    created_at = models.DateTimeField(_("created"), auto_now_add=True)
    processed_at = models.DateTimeField(_("processed"), null=True, blank=True)
    # Times the sweep picked it up after its task was lost (`core.images.image_sweep`).
    attempts = models.PositiveSmallIntegerField(_("attempts"), default=0, editable=False)

    class Meta:
        verbose_name = _("image")
        verbose_name_plural = _("images")
        indexes = [
            models.Index(
                fields=["created_at"],
                condition=models.Q(status="pending"),
                name="core_image_pending_idx",
            )
        ]

    def __str__(self) -> str:
        return f"{self._meta.verbose_name} {self.pk}"

    @property
    def is_ready(self) -> bool:
        return self.status == self.Status.READY

    def url(self, kind: str = "jpeg", width: int | None = None) -> str:
        """Public URL of a rendition: the given width, else the largest."""
        sizes = self.renditions.get(kind) or {}
        if not sizes:
            return ""
        key = str(width) if width and str(width) in sizes else max(sizes, key=int)
        return default_storage.url(sizes[key])


class ExchangeRate(models.Model):
    """How many rupiah one unit of a currency was worth on a date (maintained in the admin)."""

    currency = models.CharField(_("currency"), max_length=3, choices=currency_choices)
    date = models.DateField(_("date"))
    rate_idr = models.DecimalField(
        _("rupiah per unit"), max_digits=18, decimal_places=6, validators=[MinValueValidator(0)]
    )
    source = models.CharField(_("source"), max_length=100, blank=True, default="Bank Indonesia")

    class Meta:
        ordering = ["-date", "currency"]
        verbose_name = _("exchange rate")
        verbose_name_plural = _("exchange rates")
        constraints = [
            models.UniqueConstraint(fields=["currency", "date"], name="core_rate_currency_date"),
            models.CheckConstraint(condition=models.Q(rate_idr__gt=0), name="core_rate_positive"),
        ]

    def __str__(self) -> str:
        return f"{self.currency} {self.date}: {self.rate_idr}"

    @classmethod
    def rates_on(cls, day, currencies) -> dict:
        """The newest rate on or before `day` for each currency (one query)."""
        rows = (
            cls.objects.filter(currency__in=currencies, date__lte=day)
            .order_by("currency", "-date")
            .distinct("currency")
            .values_list("currency", "rate_idr")
        )
        return dict(rows)


class ReportExport(models.Model):
    """A large admin export prepared by a worker; offered to its requester as a signed link."""

    class Format(models.TextChoices):
        CSV = "csv", "CSV"
        XLSX = "xlsx", "XLSX"

    class Status(models.TextChoices):
        PENDING = "pending", _("Being prepared")
        READY = "ready", _("Ready")
        FAILED = "failed", _("Failed")

    requested_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="report_exports",
        verbose_name=_("requested by"),
    )  # fmt: skip
    # "app_label.ModelName" of the exported changelist and the ids it held, in its order.
    model = models.CharField(_("records"), max_length=100)
    object_ids = models.JSONField(default=list, editable=False, verbose_name=_("selected records"))
    format = models.CharField(_("format"), max_length=4, choices=Format.choices)
    status = models.CharField(
        _("status"), max_length=8, choices=Status.choices, default=Status.PENDING
    )
    row_count = models.PositiveIntegerField(_("rows"), default=0)
    file = models.FileField(_("file"), storage=private_storage, max_length=255, blank=True)
    created_at = models.DateTimeField(_("requested"), auto_now_add=True)
    finished_at = models.DateTimeField(_("finished"), null=True, blank=True)
    # What was asked for (records, format, ids): the same request while one is being prepared
    # gets that one instead of a second build.
    digest = models.CharField(
        _("fingerprint of the request"), max_length=64, blank=True, editable=False
    )
    # Times the sweep picked it up after its task was lost (`core.exports.report_export_sweep`).
    attempts = models.PositiveSmallIntegerField(_("attempts"), default=0, editable=False)

    class Meta:
        ordering = ["-created_at"]
        verbose_name = _("report export")
        verbose_name_plural = _("report exports")
        constraints = [
            models.UniqueConstraint(
                fields=["requested_by", "digest"],
                condition=models.Q(status="pending") & ~models.Q(digest=""),
                name="core_export_one_pending_per_request",
            )
        ]

    def __str__(self) -> str:
        return f"{self.model} · {self.format} · {self.created_at:%Y-%m-%d %H:%M}"


def site_url(path: str) -> str:
    """An absolute address for links in emails (sent by workers, with no request at hand)."""
    return settings.SITE_URL + path


class VisitEvent(models.Model):
    """One page view, appended on the request path (an INSERT: no row is locked or updated).

    `core.visits.visit_stats_aggregate` folds these into the daily rows of the apps that registered
    a writer for their kind (booths, products) and prunes old ones.
    """

    class Kind(models.TextChoices):
        BOOTH = "booth", _("Booth")
        PRODUCT = "product", _("Product")

    kind = models.CharField(_("kind"), max_length=8, choices=Kind.choices)
    object_id = models.PositiveBigIntegerField(_("object id"))
    visitor = models.CharField(_("visitor (hashed)"), max_length=32)  # a salted hash, never an IP
    at = models.DateTimeField(_("time"), default=timezone.now, db_index=True)

    class Meta:
        verbose_name = _("page view")
        verbose_name_plural = _("page views")

    def __str__(self) -> str:
        return f"{self.kind} {self.object_id} {self.at:%Y-%m-%d}"
