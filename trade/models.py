"""Trade: the deals a business records and the official export figures they are set beside."""

from django.conf import settings
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.utils.translation import gettext_lazy as _

from core.countries import country_choices
from core.models import Regency
from core.money import currency_choices
from vendors.models import Vendor


class Deal(models.Model):
    """A deal the vendor records; `shipped` deals are realised exports."""

    class Stage(models.TextChoices):
        LOI = "loi", _("Letter of intent")
        MOU = "mou", _("Memorandum of understanding")
        ORDER = "order", _("Order")
        SHIPPED = "shipped", _("Shipped (exported)")

    vendor = models.ForeignKey(
        Vendor, on_delete=models.CASCADE, related_name="deals", verbose_name=_("business")
    )
    stage = models.CharField(_("stage"), max_length=8, choices=Stage.choices)
    amount = models.DecimalField(
        _("amount"), max_digits=16, decimal_places=2, validators=[MinValueValidator(0)]
    )
    currency = models.CharField(
        _("currency"), max_length=3, choices=currency_choices, default="IDR"
    )
    # Converted with the exchange rate of `date` when the deal is saved.
    amount_idr = models.DecimalField(_("value in rupiah"), max_digits=18, decimal_places=0)
    exchange_rate = models.DecimalField(_("rupiah per unit"), max_digits=18, decimal_places=6)
    destination_country = models.CharField(
        _("destination country"), max_length=2, choices=country_choices
    )
    date = models.DateField(_("date"))
    buyer_name = models.CharField(_("buyer"), max_length=200, blank=True)
    note = models.TextField(_("note"), blank=True)
    inquiry = models.ForeignKey(
        "buyers.Inquiry", on_delete=models.SET_NULL, null=True, blank=True, related_name="deals",
        verbose_name=_("inquiry"),
    )  # fmt: skip
    meeting = models.ForeignKey(
        "expo.Meeting", on_delete=models.SET_NULL, null=True, blank=True, related_name="deals",
        verbose_name=_("meeting"),
    )  # fmt: skip
    expo = models.ForeignKey(
        "expo.Expo", on_delete=models.SET_NULL, null=True, blank=True, related_name="deals",
        verbose_name=_("expo"),
    )  # fmt: skip
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        related_name="+",
        verbose_name=_("recorded by"),
    )
    created_at = models.DateTimeField(_("recorded"), auto_now_add=True)

    class Meta:
        ordering = ["-date", "-created_at"]
        verbose_name = _("deal")
        verbose_name_plural = _("deals")
        indexes = [models.Index(fields=["stage", "date"], name="trade_deal_stage_date")]

    def __str__(self) -> str:
        return f"{self.vendor} · {self.get_stage_display()} · {self.date}"


class RegencyExportStat(models.Model):
    """The official yearly export value of a regency's small industry, entered by staff."""

    regency = models.ForeignKey(
        Regency,
        on_delete=models.PROTECT,
        related_name="export_stats",
        verbose_name=_("regency or city"),
    )
    year = models.PositiveSmallIntegerField(
        _("year"), validators=[MinValueValidator(2000), MaxValueValidator(2100)]
    )
    value_idr = models.DecimalField(_("export value (rupiah)"), max_digits=18, decimal_places=0)
    units = models.PositiveIntegerField(_("exporting units"), null=True, blank=True)
    source = models.CharField(_("source"), max_length=255, blank=True)
    entered_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("entered by"),
    )
    updated_at = models.DateTimeField(_("updated"), auto_now=True)

    class Meta:
        ordering = ["regency", "-year"]
        verbose_name = _("official regency export figure")
        verbose_name_plural = _("official regency export figures")
        constraints = [
            models.UniqueConstraint(fields=["regency", "year"], name="trade_export_stat_once")
        ]

    def __str__(self) -> str:
        return f"{self.regency} {self.year}"
