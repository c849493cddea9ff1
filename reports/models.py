from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from core.files import private_storage


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
    object_ids = models.JSONField(default=list, editable=False)
    format = models.CharField(_("format"), max_length=4, choices=Format.choices)
    status = models.CharField(
        _("status"), max_length=8, choices=Status.choices, default=Status.PENDING
    )
    row_count = models.PositiveIntegerField(_("rows"), default=0)
    file = models.FileField(_("file"), storage=private_storage, max_length=255, blank=True)
    created_at = models.DateTimeField(_("requested"), auto_now_add=True)
    finished_at = models.DateTimeField(_("finished"), null=True, blank=True)

    class Meta:
        ordering = ["-created_at"]
        verbose_name = _("report export")
        verbose_name_plural = _("report exports")

    def __str__(self) -> str:
        return f"{self.model} · {self.format} · {self.created_at:%Y-%m-%d %H:%M}"
