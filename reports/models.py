"""The reports app's own rows: which version of each printable catalogue is wanted or built."""

from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _


class CatalogueBuild(models.Model):
    """One row per edition and language: the catalogue version last asked for, and whether its
    PDF is built. Claiming it (`reports.services.catalogue_request`) makes many visitors of a
    stale catalogue start one build; the sweep rebuilds what a killed worker left pending."""

    class Status(models.TextChoices):
        PENDING = "pending", _("Being prepared")
        READY = "ready", _("Ready")

    expo = models.ForeignKey(
        "expo.Expo", on_delete=models.CASCADE, related_name="+", verbose_name=_("expo")
    )
    language = models.CharField(max_length=8, verbose_name=_("language"))
    version = models.CharField(max_length=16, verbose_name=_("version"))
    status = models.CharField(
        max_length=8, choices=Status.choices, default=Status.PENDING, verbose_name=_("status")
    )
    requested_at = models.DateTimeField(default=timezone.now, verbose_name=_("requested"))
    built_at = models.DateTimeField(null=True, blank=True, verbose_name=_("built"))
    attempts = models.PositiveSmallIntegerField(
        default=0, verbose_name=_("attempts")
    )  # picked up by the sweep

    class Meta:
        verbose_name = _("printable catalogue build")
        verbose_name_plural = _("printable catalogue builds")
        constraints = [
            models.UniqueConstraint(
                fields=["expo", "language"], name="reports_cataloguebuild_one_per_language"
            )
        ]

    def __str__(self) -> str:
        return f"{self.expo_id} · {self.language} · {self.version} · {self.status}"
