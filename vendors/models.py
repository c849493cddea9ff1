from django.conf import settings
from django.contrib.postgres.fields import ArrayField
from django.contrib.postgres.indexes import GinIndex
from django.contrib.postgres.search import SearchVector
from django.core.validators import MinValueValidator, RegexValidator
from django.db import models
from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from core.countries import country_choices
from core.files import generated_name, private_storage
from core.models import Image, Regency

nib_validator = RegexValidator(
    r"^\d{13}$", _("The NIB (Nomor Induk Berusaha) has exactly 13 digits."), code="invalid_nib"
)


def certificate_upload_to(instance: "Certification", filename: str) -> str:
    return generated_name(f"vendors/{instance.vendor_id}/certificates", filename)


class VendorQuerySet(models.QuerySet):
    def public(self) -> "VendorQuerySet":
        """Vendors anyone may see: verified (a suspended vendor vanishes on the next request)."""
        return self.filter(status=Vendor.Status.VERIFIED)


class Vendor(models.Model):
    """A UMKM: one business (or one cluster of many units) with its members."""

    class LegalForm(models.TextChoices):
        PERORANGAN = "perorangan", _("Sole proprietor (perorangan)")
        UD = "ud", _("UD (usaha dagang)")
        CV = "cv", _("CV (limited partnership)")
        PT = "pt", _("PT (limited company)")
        KOPERASI = "koperasi", _("Cooperative (koperasi)")

    class Status(models.TextChoices):
        DRAFT = "draft", _("Draft")
        SUBMITTED = "submitted", _("Waiting for verification")
        VERIFIED = "verified", _("Verified")
        REJECTED = "rejected", _("Needs changes")
        SUSPENDED = "suspended", _("Suspended")

    name = models.CharField(_("business name"), max_length=200)
    slug = models.SlugField(_("slug"), max_length=220, unique=True)
    legal_form = models.CharField(
        _("legal form"), max_length=12, choices=LegalForm.choices, blank=True
    )
    nib = models.CharField(
        _("NIB"), max_length=13, unique=True, null=True, blank=True, validators=[nib_validator]
    )
    regency = models.ForeignKey(
        Regency, on_delete=models.PROTECT, null=True, blank=True, related_name="vendors",
        verbose_name=_("regency or city"),
    )  # fmt: skip
    address = models.TextField(_("address"), blank=True)
    whatsapp = models.CharField(_("WhatsApp number"), max_length=20, blank=True)
    description_id = models.TextField(_("description (Indonesian)"), blank=True)
    description_en = models.TextField(_("description (English)"), blank=True)
    logo = models.ForeignKey(
        Image,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("logo"),
    )
    year_founded = models.PositiveSmallIntegerField(
        _("year founded"), null=True, blank=True, validators=[MinValueValidator(1900)]
    )
    employees = models.PositiveIntegerField(_("employees"), null=True, blank=True)
    monthly_capacity = models.CharField(
        _("monthly production capacity"), max_length=120, blank=True,
        help_text=_("For example: 2,000 sarongs or 5 tonnes."),
    )  # fmt: skip
    export_countries = ArrayField(
        models.CharField(max_length=2, choices=country_choices), default=list, blank=True,
        verbose_name=_("countries already exported to"),
    )  # fmt: skip
    is_cluster = models.BooleanField(
        _("cluster"), default=False,
        help_text=_("One registration for a centre of many small units, e.g. a weaving village."),
    )  # fmt: skip
    cluster_members = models.PositiveIntegerField(_("units in the cluster"), null=True, blank=True)
    status = models.CharField(
        _("status"), max_length=12, choices=Status.choices, default=Status.DRAFT
    )
    # The furthest onboarding step completed; the form never lets anyone skip ahead of it.
    onboarding_step = models.PositiveSmallIntegerField(_("onboarding step"), default=0)
    submitted_at = models.DateTimeField(_("submitted"), null=True, blank=True)
    reviewed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True,
        related_name="+", verbose_name=_("reviewed by"),
    )  # fmt: skip
    reviewed_at = models.DateTimeField(_("reviewed"), null=True, blank=True)
    review_note = models.TextField(
        _("note to the business"), blank=True,
        help_text=_("What to fix, in words the owner understands. Sent by email."),
    )  # fmt: skip
    created_at = models.DateTimeField(_("created"), auto_now_add=True)
    updated_at = models.DateTimeField(_("updated"), auto_now=True)

    objects = VendorQuerySet.as_manager()

    class Meta:
        ordering = ["name"]
        verbose_name = _("business (UMKM)")
        verbose_name_plural = _("businesses (UMKM)")
        indexes = [
            models.Index(fields=["status", "regency"]),
            # The words of a verified business's name, for suggestions as a buyer types
            # (`catalog.suggest`: prefix search, "bat" finds "Rumah Batik Pesisir").
            GinIndex(
                SearchVector("name", config="simple"),
                name="vendors_vendor_name_words",
                condition=models.Q(status="verified"),
            ),
        ]
        constraints = [
            models.CheckConstraint(
                condition=models.Q(cluster_members__isnull=True) | models.Q(is_cluster=True),
                name="vendors_cluster_members_only_for_clusters",
            )
        ]

    def __str__(self) -> str:
        return self.name

    def get_absolute_url(self) -> str:
        return reverse("vendors:profile", args=[self.slug])

    @property
    def is_public(self) -> bool:
        return self.status == self.Status.VERIFIED

    def member_emails(self) -> list[str]:
        return list(self.members.filter(user__is_active=True).values_list("user__email", flat=True))


class VendorMember(models.Model):
    class Role(models.TextChoices):
        OWNER = "owner", _("Owner")
        STAFF = "staff", _("Staff")

    vendor = models.ForeignKey(
        Vendor, on_delete=models.CASCADE, related_name="members", verbose_name=_("business")
    )
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.CASCADE,
        related_name="vendor_memberships",
        verbose_name=_("person"),
    )
    role = models.CharField(_("role"), max_length=8, choices=Role.choices, default=Role.STAFF)
    created_at = models.DateTimeField(_("joined"), auto_now_add=True)

    class Meta:
        verbose_name = _("member")
        verbose_name_plural = _("members")
        constraints = [
            models.UniqueConstraint(fields=["vendor", "user"], name="vendors_member_once"),
            models.UniqueConstraint(
                fields=["vendor"], condition=models.Q(role="owner"), name="vendors_one_owner"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.user} ({self.get_role_display()}, {self.vendor})"


class VendorInvitation(models.Model):
    """An owner's invitation to a staff member; the emailed link is signed and expires."""

    vendor = models.ForeignKey(
        Vendor, on_delete=models.CASCADE, related_name="invitations", verbose_name=_("business")
    )
    email = models.EmailField(_("email address"))
    invited_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        related_name="+",
        verbose_name=_("invited by"),
    )
    created_at = models.DateTimeField(_("sent"), auto_now_add=True)
    accepted_at = models.DateTimeField(_("accepted"), null=True, blank=True)

    class Meta:
        ordering = ["-created_at"]
        verbose_name = _("invitation")
        verbose_name_plural = _("invitations")

    def __str__(self) -> str:
        return self.email


class VendorReview(models.Model):
    """Every verification decision: who, when, what and why (an audit trail)."""

    class Decision(models.TextChoices):
        SUBMITTED = "submitted", _("Submitted for verification")
        VERIFIED = "verified", _("Verified")
        REJECTED = "rejected", _("Sent back with a note")
        SUSPENDED = "suspended", _("Suspended")

    vendor = models.ForeignKey(
        Vendor, on_delete=models.CASCADE, related_name="reviews", verbose_name=_("business")
    )
    decision = models.CharField(_("decision"), max_length=12, choices=Decision.choices)
    note = models.TextField(_("note"), blank=True)
    decided_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+",
        verbose_name=_("by"),
    )  # fmt: skip
    decided_at = models.DateTimeField(_("when"), auto_now_add=True)

    class Meta:
        ordering = ["-decided_at"]
        verbose_name = _("verification decision")
        verbose_name_plural = _("verification decisions")

    def __str__(self) -> str:
        return f"{self.vendor}: {self.get_decision_display()}"


class Certification(models.Model):
    class Kind(models.TextChoices):
        HALAL = "halal", _("Halal")
        BPOM_MD = "bpom_md", _("BPOM MD")
        BPOM_ML = "bpom_ml", _("BPOM ML")
        PIRT = "pirt", _("PIRT")
        SNI = "sni", _("SNI")
        SVLK = "svlk", _("SVLK (legal timber)")
        ORGANIC = "organic", _("Organic")
        HACCP = "haccp", _("HACCP")
        ISO = "iso", _("ISO")
        OTHER = "other", _("Other")

    vendor = models.ForeignKey(
        Vendor, on_delete=models.CASCADE, related_name="certifications", verbose_name=_("business")
    )
    kind = models.CharField(_("type"), max_length=10, choices=Kind.choices)
    number = models.CharField(_("certificate number"), max_length=100)
    expires_on = models.DateField(_("valid until"), null=True, blank=True)
    # Private: never public, served only to the vendor's owner and staff through a view.
    document = models.FileField(
        _("document"), storage=private_storage, upload_to=certificate_upload_to, max_length=255,
        blank=True,
    )  # fmt: skip
    created_at = models.DateTimeField(_("added"), auto_now_add=True)

    class Meta:
        ordering = ["kind", "number"]
        verbose_name = _("certification")
        verbose_name_plural = _("certifications")

    def __str__(self) -> str:
        return f"{self.get_kind_display()} {self.number}"


class RegionalCoordinator(models.Model):
    """A staff user who acts in the admin only for the vendors of these regencies."""

    user = models.OneToOneField(
        settings.AUTH_USER_MODEL,
        on_delete=models.CASCADE,
        related_name="coordinator",
        verbose_name=_("person"),
    )
    regencies = models.ManyToManyField(
        Regency, related_name="coordinators", verbose_name=_("regencies")
    )

    class Meta:
        verbose_name = _("regional coordinator")
        verbose_name_plural = _("regional coordinators")

    def __str__(self) -> str:
        return str(self.user)
