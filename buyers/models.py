from django.conf import settings
from django.core.validators import MinValueValidator
from django.db import models
from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from catalog.models import Category, Product
from core.countries import country_choices
from core.money import currency_choices
from vendors.models import Vendor


class BuyerProfile(models.Model):
    class BuyerType(models.TextChoices):
        INDIVIDUAL = "individual", _("Individual")
        SHOP = "shop", _("Warung or shop owner")
        RESTAURANT = "restaurant", _("Restaurant")
        IMPORTER = "importer", _("Importer or distributor")
        ASSOCIATION = "association", _("Diaspora association")

    user = models.OneToOneField(
        settings.AUTH_USER_MODEL,
        on_delete=models.CASCADE,
        related_name="buyer_profile",
        verbose_name=_("person"),
    )
    country = models.CharField(_("country"), max_length=2, choices=country_choices)
    city = models.CharField(_("city"), max_length=100, blank=True)
    buyer_type = models.CharField(_("I am"), max_length=12, choices=BuyerType.choices)
    organisation = models.CharField(_("organisation"), max_length=200, blank=True)
    display_currency = models.CharField(
        _("show prices in"), max_length=3, choices=currency_choices, default="USD"
    )
    interests = models.ManyToManyField(
        Category, blank=True, related_name="interested_buyers", verbose_name=_("interests")
    )
    phone = models.CharField(_("phone"), max_length=30, blank=True)
    # The vendor sees the buyer's email and phone only when the buyer chooses so.
    share_contact = models.BooleanField(_("share my email and phone with sellers"), default=False)
    weekly_digest = models.BooleanField(
        _("weekly email of new products in my interests"), default=False
    )
    # When the last weekly digest was written, so a repeated beat run sends nothing twice.
    digest_sent_at = models.DateTimeField(
        null=True, blank=True, editable=False, verbose_name=_("weekly digest last sent")
    )
    vetted = models.BooleanField(
        _("vetted"), default=False,
        help_text=_("Known to an embassy, a consulate or a diaspora network."),
    )  # fmt: skip
    vetted_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("vetted by"),
    )
    vetted_at = models.DateTimeField(_("vetted on"), null=True, blank=True)
    created_at = models.DateTimeField(_("created"), auto_now_add=True)

    class Meta:
        verbose_name = _("buyer")
        verbose_name_plural = _("buyers")

    def __str__(self) -> str:
        return self.organisation or str(self.user)


class Favourite(models.Model):
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.CASCADE,
        related_name="favourites",
        verbose_name=_("person"),
    )
    product = models.ForeignKey(
        Product,
        on_delete=models.CASCADE,
        null=True,
        blank=True,
        related_name="favourites",
        verbose_name=_("product"),
    )
    vendor = models.ForeignKey(
        Vendor,
        on_delete=models.CASCADE,
        null=True,
        blank=True,
        related_name="favourites",
        verbose_name=_("business"),
    )
    created_at = models.DateTimeField(_("added"), auto_now_add=True)

    class Meta:
        ordering = ["-created_at"]
        verbose_name = _("favourite")
        verbose_name_plural = _("favourites")
        constraints = [
            models.CheckConstraint(
                condition=models.Q(product__isnull=True, vendor__isnull=False)
                | models.Q(product__isnull=False, vendor__isnull=True),
                name="buyers_favourite_one_target",
            ),
            models.UniqueConstraint(
                fields=["user", "product"], condition=models.Q(product__isnull=False),
                name="buyers_favourite_product_once",
            ),
            models.UniqueConstraint(
                fields=["user", "vendor"], condition=models.Q(vendor__isnull=False),
                name="buyers_favourite_vendor_once",
            ),
        ]  # fmt: skip

    def __str__(self) -> str:
        return str(self.product or self.vendor)


class Inquiry(models.Model):
    """A request for quotation from a buyer to a vendor, with its message thread."""

    class Status(models.TextChoices):
        OPEN = "open", _("Open")
        ANSWERED = "answered", _("Answered")
        QUOTED = "quoted", _("Quoted")
        WON = "won", _("Won")
        LOST = "lost", _("Lost")
        CLOSED = "closed", _("Closed")

    buyer = models.ForeignKey(
        BuyerProfile, on_delete=models.CASCADE, related_name="inquiries", verbose_name=_("buyer")
    )
    vendor = models.ForeignKey(
        Vendor, on_delete=models.CASCADE, related_name="inquiries", verbose_name=_("business")
    )
    product = models.ForeignKey(
        Product, on_delete=models.SET_NULL, null=True, blank=True, related_name="inquiries",
        verbose_name=_("product"),
    )  # fmt: skip
    expo = models.ForeignKey(
        "expo.Expo", on_delete=models.SET_NULL, null=True, blank=True, related_name="inquiries",
        verbose_name=_("expo"),
    )  # fmt: skip
    quantity = models.PositiveIntegerField(_("quantity"), validators=[MinValueValidator(1)])
    unit = models.CharField(
        _("unit"), max_length=8, choices=Product.Unit.choices, default=Product.Unit.PIECE
    )
    target_price = models.DecimalField(
        _("target price per unit"), max_digits=14, decimal_places=2, null=True, blank=True,
        validators=[MinValueValidator(0)],
    )  # fmt: skip
    target_currency = models.CharField(
        _("currency"), max_length=3, choices=currency_choices, default="USD"
    )
    destination_country = models.CharField(
        _("destination country"), max_length=2, choices=country_choices
    )
    status = models.CharField(
        _("status"), max_length=10, choices=Status.choices, default=Status.OPEN
    )
    buyer_read_at = models.DateTimeField(null=True, blank=True, verbose_name=_("read by the buyer"))
    vendor_read_at = models.DateTimeField(
        null=True, blank=True, verbose_name=_("read by the business")
    )
    last_message_at = models.DateTimeField(_("last message"), null=True, blank=True)
    created_at = models.DateTimeField(_("sent"), auto_now_add=True)

    class Meta:
        ordering = ["-last_message_at", "-created_at"]
        verbose_name = _("inquiry")
        verbose_name_plural = _("inquiries")
        indexes = [
            models.Index(fields=["vendor", "-last_message_at"]),
            models.Index(fields=["buyer", "-last_message_at"]),
        ]

    def __str__(self) -> str:
        return f"#{self.pk} {self.buyer} → {self.vendor}"

    def get_absolute_url(self) -> str:
        return reverse("buyers:inquiry", args=[self.pk])


class InquiryMessage(models.Model):
    class Side(models.TextChoices):
        BUYER = "buyer", _("Buyer")
        VENDOR = "vendor", _("Seller")

    class QuoteStatus(models.TextChoices):
        PENDING = "pending", _("Waiting for the buyer")
        ACCEPTED = "accepted", _("Accepted")
        DECLINED = "declined", _("Declined")

    class Incoterm(models.TextChoices):
        EXW = "EXW", _("EXW — Ex works")
        FOB = "FOB", _("FOB — Free on board")
        CFR = "CFR", _("CFR — Cost and freight")
        CIF = "CIF", _("CIF — Cost, insurance and freight")
        DAP = "DAP", _("DAP — Delivered at place")
        DDP = "DDP", _("DDP — Delivered duty paid")

    inquiry = models.ForeignKey(
        Inquiry, on_delete=models.CASCADE, related_name="messages", verbose_name=_("inquiry")
    )
    sender = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        related_name="+",
        verbose_name=_("sender"),
    )
    side = models.CharField(_("from"), max_length=6, choices=Side.choices)
    body = models.TextField(_("message"))
    # A vendor's reply may carry a quote.
    quote_unit_price = models.DecimalField(
        _("unit price"), max_digits=14, decimal_places=2, null=True, blank=True,
        validators=[MinValueValidator(0)],
    )  # fmt: skip
    quote_currency = models.CharField(
        _("currency"), max_length=3, choices=currency_choices, blank=True
    )
    quote_incoterm = models.CharField(
        _("incoterm"), max_length=3, choices=Incoterm.choices, blank=True
    )
    quote_lead_time_days = models.PositiveSmallIntegerField(
        _("lead time (days)"), null=True, blank=True
    )
    quote_valid_until = models.DateField(_("valid until"), null=True, blank=True)
    quote_status = models.CharField(
        _("quote"), max_length=8, choices=QuoteStatus.choices, blank=True
    )
    created_at = models.DateTimeField(_("sent"), auto_now_add=True)

    class Meta:
        ordering = ["created_at", "pk"]
        verbose_name = _("message")
        verbose_name_plural = _("messages")
        constraints = [
            # One accepted quote per thread: accepting it wins the inquiry.
            models.UniqueConstraint(
                fields=["inquiry"],
                condition=models.Q(quote_status="accepted"),
                name="buyers_quote_accepted_once",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.inquiry} · {self.get_side_display()}"

    @property
    def has_quote(self) -> bool:
        return self.quote_unit_price is not None


class RecentlyViewed(models.Model):
    """A product a signed-in person opened lately: one row per product, the last
    `RECENTLY_VIEWED_KEEP` kept (buyers/services.py `recently_viewed_record`)."""

    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.CASCADE,
        related_name="recently_viewed",
        verbose_name=_("person"),
    )
    product = models.ForeignKey(
        Product, on_delete=models.CASCADE, related_name="+", verbose_name=_("product")
    )
    viewed_at = models.DateTimeField(_("viewed"))

    class Meta:
        ordering = ["-viewed_at"]
        verbose_name = _("recently viewed product")
        verbose_name_plural = _("recently viewed products")
        constraints = [
            models.UniqueConstraint(fields=["user", "product"], name="buyers_recently_viewed_once")
        ]
        indexes = [models.Index(fields=["user", "-viewed_at"], name="buyers_recently_viewed_user")]

    def __str__(self) -> str:
        return f"{self.user} · {self.product}"
