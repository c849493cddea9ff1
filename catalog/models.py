from django.conf import settings
from django.contrib.postgres.fields import ArrayField
from django.contrib.postgres.indexes import GinIndex
from django.contrib.postgres.search import SearchVector, SearchVectorField
from django.core.exceptions import ValidationError
from django.core.validators import MinValueValidator, RegexValidator
from django.db import models
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import get_language
from django.utils.translation import gettext_lazy as _

from catalog.search_text import phrases as search_phrases
from catalog.search_text import words as search_words
from core.countries import country_choices
from core.models import Image, Province
from vendors.models import Certification, Vendor

hs_code_validator = RegexValidator(
    r"^\d{4}(\.?\d{2}){0,3}$",
    _("Enter an HS code of 4 to 10 digits, e.g. 6304.91 or 46021900."),
    code="invalid_hs_code",
)


def bilingual(obj, field: str) -> str:
    """The text in the active language, falling back to the other language."""
    primary, fallback = ("en", "id") if (get_language() or "id").startswith("en") else ("id", "en")
    return getattr(obj, f"{field}_{primary}") or getattr(obj, f"{field}_{fallback}")


class Category(models.Model):
    """Two-level tree: a top category (e.g. Handicrafts) and its children (Bamboo weaving)."""

    parent = models.ForeignKey(
        "self", on_delete=models.PROTECT, null=True, blank=True, related_name="children",
        verbose_name=_("parent category"),
    )  # fmt: skip
    name_id = models.CharField(_("name (Indonesian)"), max_length=100)
    name_en = models.CharField(_("name (English)"), max_length=100)
    slug = models.SlugField(_("slug"), max_length=110, unique=True)
    position = models.PositiveSmallIntegerField(_("position"), default=0)
    is_food = models.BooleanField(
        _("food"), default=False, help_text=_("Products in it ask for a shelf life.")
    )

    class Meta:
        ordering = ["position", "name_en"]
        verbose_name = _("category")
        verbose_name_plural = _("categories")

    def __str__(self) -> str:
        return self.name

    @property
    def name(self) -> str:
        return bilingual(self, "name")


PUBLIC = models.Q(is_public=True)
EXPORT_READY = models.Q(is_public=True, export_ready=True)


class ProductQuerySet(models.QuerySet):
    def public(self) -> "ProductQuerySet":
        """Products anyone may see: published, by a vendor that is verified right now.

        Reads the denormalised `is_public` flag (no join with the vendors): saving a product
        recomputes it, and `catalog.receivers` recomputes a business's products when its status
        changes (`manage.py catalog_public_rebuild` repairs it).
        """
        return self.filter(is_public=True)

    def public_by_status(self) -> "ProductQuerySet":
        """The same products from the live statuses (what `is_public` must equal)."""
        return self.filter(status=Product.Status.PUBLISHED, vendor__status=Vendor.Status.VERIFIED)


class Product(models.Model):
    class Status(models.TextChoices):
        DRAFT = "draft", _("Draft")
        PUBLISHED = "published", _("Published")
        ARCHIVED = "archived", _("Archived")
        HIDDEN = "hidden", _("Hidden by a curator")

    class Unit(models.TextChoices):
        PIECE = "piece", _("piece")
        PACK = "pack", _("pack")
        BOX = "box", _("box")
        DOZEN = "dozen", _("dozen")
        SET = "set", _("set")
        METER = "meter", _("metre")
        KG = "kg", _("kilogram")
        TON = "ton", _("tonne")
        LITER = "liter", _("litre")
        SACK = "sack", _("sack")

    vendor = models.ForeignKey(
        Vendor, on_delete=models.CASCADE, related_name="products", verbose_name=_("business")
    )
    category = models.ForeignKey(
        Category, on_delete=models.PROTECT, related_name="products", verbose_name=_("category")
    )
    name_id = models.CharField(_("name (Indonesian)"), max_length=200)
    name_en = models.CharField(_("name (English)"), max_length=200, blank=True)
    slug = models.SlugField(_("slug"), max_length=230, unique=True)
    description_id = models.TextField(_("description (Indonesian)"), blank=True)
    description_en = models.TextField(_("description (English)"), blank=True)
    price_min_idr = models.DecimalField(
        _("price (rupiah)"), max_digits=14, decimal_places=0, validators=[MinValueValidator(0)]
    )
    price_max_idr = models.DecimalField(
        _("highest price (rupiah)"), max_digits=14, decimal_places=0, null=True, blank=True,
        help_text=_("Only for a price range."),
    )  # fmt: skip
    unit = models.CharField(_("unit"), max_length=8, choices=Unit.choices, default=Unit.PIECE)
    moq = models.PositiveIntegerField(_("minimum order quantity"), default=1)
    monthly_capacity = models.PositiveIntegerField(_("monthly capacity"), null=True, blank=True)
    lead_time_days = models.PositiveSmallIntegerField(_("lead time (days)"), null=True, blank=True)
    hs_code = models.CharField(
        _("HS code"), max_length=13, blank=True, validators=[hs_code_validator]
    )
    weight_grams = models.PositiveIntegerField(_("weight (grams)"), null=True, blank=True)
    shelf_life_days = models.PositiveSmallIntegerField(
        _("shelf life (days)"), null=True, blank=True
    )
    certifications = models.ManyToManyField(
        Certification, blank=True, related_name="products", verbose_name=_("certifications")
    )
    export_markets = ArrayField(
        models.CharField(max_length=2, choices=country_choices), default=list, blank=True,
        verbose_name=_("export markets"),
    )  # fmt: skip
    status = models.CharField(
        _("status"), max_length=10, choices=Status.choices, default=Status.DRAFT
    )
    hidden_reason = models.TextField(_("reason for hiding"), blank=True)
    hidden_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("hidden by"),
    )
    hidden_at = models.DateTimeField(_("hidden"), null=True, blank=True)
    featured = models.BooleanField(_("featured"), default=False)
    # Published AND the business verified, copied here so that the listings need no join with
    # the vendors and their indexes can be partial (`WHERE is_public`). See `save()`.
    is_public = models.BooleanField(_("public"), default=False, editable=False)
    # The business's province and whether it has exported, copied for the catalogue's filters in
    # the same way (see `save()`; `catalog.receivers` follows a business that moves or exports).
    province = models.ForeignKey(
        Province, on_delete=models.SET_NULL, null=True, editable=False, db_index=False,
        related_name="+", verbose_name=_("province"),
    )  # fmt: skip
    export_ready = models.BooleanField(_("export experience"), default=False, editable=False)
    # The kinds of the product's certifications that are still valid (no expiry date, or not
    # passed), copied for the certification filter: the listings' indexes carry it, so filtering
    # reads no other table. Kept by `catalog.services.product_certification_kinds_refresh`
    # (linking, a certificate's change or removal, hourly for expiry; `catalog_public_rebuild`).
    certification_kinds = ArrayField(
        models.CharField(max_length=10), default=list, blank=True, editable=False,
        verbose_name=_("valid certification types"),
    )  # fmt: skip
    # Kept up to date by catalog.services (names weigh most, then descriptions, then the rest).
    search_vector = SearchVectorField(null=True, editable=False, verbose_name=_("search text"))
    created_at = models.DateTimeField(_("created"), auto_now_add=True)
    updated_at = models.DateTimeField(_("updated"), auto_now=True)
    published_at = models.DateTimeField(_("published"), null=True, blank=True)

    objects = ProductQuerySet.as_manager()

    class Meta:
        ordering = ["-published_at", "-created_at"]
        verbose_name = _("product")
        verbose_name_plural = _("products")
        indexes = [
            GinIndex(fields=["search_vector"], name="catalog_product_search"),
            # The words of a public product's names, for suggestions as a buyer types
            # (`catalog.suggest`: prefix search, "kri sin" finds "Kripik singkong balado").
            GinIndex(
                SearchVector("name_id", "name_en", config="simple"),
                name="catalog_product_name_words",
                condition=PUBLIC,
            ),
            models.Index(fields=["status", "-published_at"], name="catalog_product_listing"),
            models.Index(fields=["status", "price_min_idr"], name="catalog_product_price"),
            # The catalogue's orders over public products (`catalog.selectors.ORDERS`), each also
            # after a category, so that a page (and a capped count) reads only index entries.
            *[
                models.Index(
                    fields=[*prefix, *order],
                    name=f"catalog_public_{name}",
                    condition=PUBLIC,
                    # The certification filter on the whole catalogue, answered from the index.
                    include=[] if prefix else ["certification_kinds"],
                )
                for name, prefix, order in (
                    ("featured", (), ("-featured", "-published_at", "-id")),
                    ("newest", (), ("-published_at", "-id")),
                    ("price", (), ("price_min_idr", "id")),
                    ("cat_featured", ("category",), ("-featured", "-published_at", "-id")),
                    ("cat_newest", ("category",), ("-published_at", "-id")),
                    ("cat_price", ("category",), ("price_min_idr", "id")),
                )
            ],
            # The province and export-experience filters, on the copies of the business's data.
            *[
                models.Index(
                    fields=[*prefix, *order], name=f"catalog_public_{name}", condition=condition
                )
                for name, prefix, condition, order in (
                    ("prov_featured", ("province",), PUBLIC, ("-featured", "-published_at", "-id")),
                    ("prov_newest", ("province",), PUBLIC, ("-published_at", "-id")),
                    ("prov_price", ("province",), PUBLIC, ("price_min_idr", "id")),
                    ("export_featured", (), EXPORT_READY, ("-featured", "-published_at", "-id")),
                    ("export_newest", (), EXPORT_READY, ("-published_at", "-id")),
                    ("export_price", (), EXPORT_READY, ("price_min_idr", "id")),
                )
            ],
            # A regency holds few businesses: its filter reaches the products through them, and
            # this index answers each business from the index alone.
            models.Index(
                fields=["vendor", "-published_at", "-id"],
                include=["featured", "price_min_idr"],
                name="catalog_public_vendor",
                condition=PUBLIC,
            ),
        ]
        constraints = [
            models.CheckConstraint(
                condition=models.Q(price_max_idr__isnull=True)
                | models.Q(price_max_idr__gte=models.F("price_min_idr")),
                name="catalog_price_range_ordered",
            ),
            models.CheckConstraint(condition=models.Q(moq__gte=1), name="catalog_moq_positive"),
        ]

    def __str__(self) -> str:
        return self.name

    def save(self, *args, **kwargs) -> None:
        # Every save recomputes the listings' copies (flag, province, export experience) from the
        # live rows; a save of other fields only (`update_fields` without "status" or "vendor")
        # leaves them as they are.
        update_fields = kwargs.get("update_fields")
        if update_fields is None or {"status", "vendor"} & set(update_fields):
            self.is_public = self.shown_publicly
            self.province_id = self.vendor.regency.province_id if self.vendor.regency else None
            self.export_ready = bool(self.vendor.export_countries)
            if update_fields is not None:
                copies = {"is_public", "province", "export_ready"}
                kwargs["update_fields"] = {*update_fields, *copies}
        super().save(*args, **kwargs)

    def get_absolute_url(self) -> str:
        return reverse("catalog:product", args=[self.slug])

    def clean(self) -> None:
        errors = {}
        if self.category_id and self.category.is_food and self.shelf_life_days is None:
            errors["shelf_life_days"] = _("Food products need a shelf life.")
        if self.price_max_idr is not None and self.price_max_idr < (self.price_min_idr or 0):
            errors["price_max_idr"] = _("The highest price cannot be below the price.")
        if errors:
            raise ValidationError(errors)

    @property
    def shown_publicly(self) -> bool:
        """Published by a verified business, read from the live rows (`is_public` copies it)."""
        return self.status == self.Status.PUBLISHED and self.vendor.status == Vendor.Status.VERIFIED

    @property
    def name(self) -> str:
        return bilingual(self, "name")

    @property
    def description(self) -> str:
        return bilingual(self, "description")


class ProductImage(models.Model):
    """A product photo (up to 8): the picture itself goes through `core.images`."""

    MAX_PER_PRODUCT = 8

    product = models.ForeignKey(
        Product, on_delete=models.CASCADE, related_name="images", verbose_name=_("product")
    )
    image = models.OneToOneField(
        Image, on_delete=models.CASCADE, related_name="product_image", verbose_name=_("image")
    )
    position = models.PositiveSmallIntegerField(_("position"), default=0)
    alt_id = models.CharField(
        _("description of the photo (Indonesian)"), max_length=200, blank=True
    )
    alt_en = models.CharField(_("description of the photo (English)"), max_length=200, blank=True)

    class Meta:
        ordering = ["position", "pk"]
        verbose_name = _("product photo")
        verbose_name_plural = _("product photos")

    def __str__(self) -> str:
        return f"{self.product} #{self.position}"

    @property
    def alt(self) -> str:
        return bilingual(self, "alt") or self.product.name


class ProductViewDay(models.Model):
    """Daily product views, recounted from the page views (`core.visits`), never per visit."""

    product = models.ForeignKey(
        Product, on_delete=models.CASCADE, related_name="view_days", verbose_name=_("product")
    )
    day = models.DateField(_("day"))
    views = models.PositiveIntegerField(_("views"), default=0)
    unique_visitors = models.PositiveIntegerField(_("unique visitors"), default=0)

    class Meta:
        ordering = ["-day"]
        verbose_name = _("product views per day")
        verbose_name_plural = _("product views per day")
        constraints = [
            models.UniqueConstraint(fields=["product", "day"], name="catalog_product_view_day_once")
        ]

    def __str__(self) -> str:
        return f"{self.product} {self.day}"


class SearchVariant(models.Model):
    """Spellings of one word that each find the others (kripik ↔ keripik, colour ↔ color).

    Applied when a search runs (`catalog.vocabulary`), never stored in the index."""

    words = models.CharField(
        _("spellings"),
        max_length=300,
        help_text=_("Two or more spellings of the same word, separated by commas."),
    )
    updated_at = models.DateTimeField(_("updated"), auto_now=True)

    class Meta:
        ordering = ["words"]
        verbose_name = _("spelling variant")
        verbose_name_plural = _("spelling variants")

    def __str__(self) -> str:
        return self.words

    def spellings(self) -> list[str]:
        return list(dict.fromkeys(search_phrases(self.words)))

    def clean(self) -> None:
        if len(self.spellings()) < 2:
            raise ValidationError(
                {"words": _("Give at least two different spellings, separated by commas.")},
                code="too_few_spellings",
            )


class SearchSynonym(models.Model):
    """One way only: searching `term` also finds what `means` names (cassava → singkong), never
    the reverse, so that a broad word cannot merge two different products."""

    term = models.CharField(
        _("searched word"), max_length=100, help_text=_("A word or short phrase buyers type.")
    )
    means = models.CharField(
        _("also search for"),
        max_length=300,
        help_text=_("Words or phrases the catalogue uses for it, separated by commas."),
    )
    updated_at = models.DateTimeField(_("updated"), auto_now=True)

    class Meta:
        ordering = ["term"]
        verbose_name = _("synonym")
        verbose_name_plural = _("synonyms")

    def __str__(self) -> str:
        return f"{self.term} → {self.means}"

    def meanings(self) -> list[str]:
        term = " ".join(search_words(self.term))
        return [m for m in dict.fromkeys(search_phrases(self.means)) if m != term]

    def clean(self) -> None:
        errors = {}
        if not search_words(self.term):
            errors["term"] = ValidationError(_("Give a word or phrase."), code="empty_term")
        if not self.meanings():
            errors["means"] = ValidationError(
                _("Give at least one other word or phrase, separated by commas."),
                code="empty_means",
            )
        if errors:
            raise ValidationError(errors)


class SearchLog(models.Model):
    """One search of the catalogue, anonymous: no user, no address, only what was asked."""

    query = models.CharField(_("query"), max_length=200)
    language = models.CharField(_("language"), max_length=8)
    results = models.PositiveIntegerField(_("results"))
    opened = models.BooleanField(_("a result was opened"), default=False)
    searched_at = models.DateTimeField(_("searched"), default=timezone.now)

    class Meta:
        ordering = ["-searched_at"]
        verbose_name = _("search")
        verbose_name_plural = _("searches")
        indexes = [
            models.Index(fields=["searched_at"], name="catalog_searchlog_recent"),
            models.Index(fields=["query", "language", "-id"], name="catalog_searchlog_query"),
        ]

    def __str__(self) -> str:
        return self.query
