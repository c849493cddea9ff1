import zoneinfo

from django.conf import settings
from django.contrib.postgres.constraints import ExclusionConstraint
from django.contrib.postgres.fields import DateTimeRangeField, RangeOperators
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.db.models import F, Func, Value
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from buyers.models import BuyerProfile
from catalog.models import Product, bilingual
from core.models import Image, Regency
from expo import links
from vendors.models import Vendor, VendorMember


class TsTzRange(Func):
    function = "tstzrange"
    output_field = DateTimeRangeField()


def time_zone_choices() -> list[tuple[str, str]]:
    return [(name, name) for name in sorted(zoneinfo.available_timezones())]


class Expo(models.Model):
    """One edition of the virtual expo (BI runs two a year)."""

    class Status(models.TextChoices):
        DRAFT = "draft", _("Draft")
        APPLICATIONS_OPEN = "applications_open", _("Applications open")
        CURATION = "curation", _("Curation")
        PUBLISHED = "published", _("Published")
        LIVE = "live", _("Live")
        CLOSED = "closed", _("Closed (archive)")

    name = models.CharField(_("name"), max_length=200)
    slug = models.SlugField(_("slug"), max_length=220, unique=True)
    organiser = models.CharField(_("organiser"), max_length=200, default="Bank Indonesia")
    theme_id = models.CharField(_("theme (Indonesian)"), max_length=200, blank=True)
    theme_en = models.CharField(_("theme (English)"), max_length=200, blank=True)
    description_id = models.TextField(_("description (Indonesian)"), blank=True)
    description_en = models.TextField(_("description (English)"), blank=True)
    applications_open_at = models.DateTimeField(_("applications open"))
    applications_close_at = models.DateTimeField(_("applications close"))
    starts_at = models.DateTimeField(_("expo starts"))
    ends_at = models.DateTimeField(_("expo ends"))
    time_zone = models.CharField(
        _("time zone"), max_length=64, choices=time_zone_choices, default="Asia/Jakarta"
    )
    status = models.CharField(
        _("status"), max_length=20, choices=Status.choices, default=Status.DRAFT
    )
    created_at = models.DateTimeField(_("created"), auto_now_add=True)

    class Meta:
        ordering = ["-starts_at"]
        verbose_name = _("expo")
        verbose_name_plural = _("expos")
        constraints = [
            models.CheckConstraint(
                condition=models.Q(applications_close_at__gt=models.F("applications_open_at")),
                name="expo_application_window_ordered",
            ),
            models.CheckConstraint(
                condition=models.Q(ends_at__gt=models.F("starts_at")),
                name="expo_live_window_ordered",
            ),
        ]

    def __str__(self) -> str:
        return self.name

    def get_absolute_url(self) -> str:
        return reverse("expo:lobby", args=[self.slug])

    @property
    def theme(self) -> str:
        return bilingual(self, "theme")


class Hall(models.Model):
    class Kind(models.TextChoices):
        THEME = "theme", _("Theme")
        REGION = "region", _("Region")

    expo = models.ForeignKey(
        Expo, on_delete=models.CASCADE, related_name="halls", verbose_name=_("expo")
    )
    name_id = models.CharField(_("name (Indonesian)"), max_length=150)
    name_en = models.CharField(_("name (English)"), max_length=150)
    slug = models.SlugField(_("slug"), max_length=160)
    kind = models.CharField(_("kind"), max_length=8, choices=Kind.choices, default=Kind.THEME)
    regency = models.ForeignKey(
        Regency,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("regency or city"),
    )
    position = models.PositiveSmallIntegerField(_("position"), default=0)

    class Meta:
        ordering = ["expo", "position", "name_en"]
        verbose_name = _("hall")
        verbose_name_plural = _("halls")
        constraints = [models.UniqueConstraint(fields=["expo", "slug"], name="expo_hall_slug_once")]

    def __str__(self) -> str:
        return self.name

    @property
    def name(self) -> str:
        return bilingual(self, "name")


class Booth(models.Model):
    """One vendor in one expo: applied, nominated, curated, approved."""

    MAX_FEATURED_PRODUCTS = 12

    class Status(models.TextChoices):
        APPLIED = "applied", _("Applied")
        NOMINATED = "nominated", _("Nominated by the region")
        APPROVED = "approved", _("Approved")
        REJECTED = "rejected", _("Not selected")
        WITHDRAWN = "withdrawn", _("Withdrawn")

    expo = models.ForeignKey(
        Expo, on_delete=models.CASCADE, related_name="booths", verbose_name=_("expo")
    )
    vendor = models.ForeignKey(
        Vendor, on_delete=models.CASCADE, related_name="booths", verbose_name=_("business")
    )
    preferred_hall = models.ForeignKey(
        Hall, on_delete=models.SET_NULL, null=True, blank=True, related_name="+",
        verbose_name=_("preferred hall"),
    )  # fmt: skip
    hall = models.ForeignKey(
        Hall,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="booths",
        verbose_name=_("hall"),
    )
    number = models.PositiveSmallIntegerField(_("booth number"), null=True, blank=True)
    tagline_id = models.CharField(_("tagline (Indonesian)"), max_length=160, blank=True)
    tagline_en = models.CharField(_("tagline (English)"), max_length=160, blank=True)
    banner = models.ForeignKey(
        Image,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("banner"),
    )
    video_url = models.URLField(_("video link"), blank=True)
    featured_products = models.ManyToManyField(
        Product, blank=True, related_name="booths", verbose_name=_("featured products")
    )
    status = models.CharField(
        _("status"), max_length=10, choices=Status.choices, default=Status.APPLIED
    )
    nominated_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("nominated by"),
    )
    nominated_at = models.DateTimeField(_("nominated"), null=True, blank=True)
    decided_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("decided by"),
    )
    decided_at = models.DateTimeField(_("decided"), null=True, blank=True)
    decision_note = models.TextField(_("note to the business"), blank=True)
    created_at = models.DateTimeField(_("applied"), auto_now_add=True)

    class Meta:
        ordering = ["hall", "number", "pk"]
        verbose_name = _("booth")
        verbose_name_plural = _("booths")
        # Regional coordinators put businesses forward without deciding on booths.
        permissions = [("nominate_booth", _("Can nominate businesses for a booth"))]
        constraints = [
            models.UniqueConstraint(fields=["expo", "vendor"], name="expo_booth_once_per_vendor"),
            models.UniqueConstraint(fields=["hall", "number"], name="expo_booth_number_once"),
        ]

    def __str__(self) -> str:
        return f"{self.vendor} @ {self.expo}"

    def get_absolute_url(self) -> str:
        return reverse("expo:booth", args=[self.expo.slug, self.vendor.slug])

    @property
    def tagline(self) -> str:
        return bilingual(self, "tagline")

    @property
    def video_embed_url(self) -> str:
        return links.embed_url(self.video_url)


def score_field(label) -> models.PositiveSmallIntegerField:
    return models.PositiveSmallIntegerField(
        label, validators=[MinValueValidator(1), MaxValueValidator(5)]
    )


class BoothScore(models.Model):
    """One curator's score of one application on BI's published criteria (1–5 each)."""

    booth = models.ForeignKey(
        Booth, on_delete=models.CASCADE, related_name="scores", verbose_name=_("booth")
    )
    curator = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.CASCADE,
        related_name="+",
        verbose_name=_("curator"),
    )
    originality = score_field(_("originality"))
    quality_capacity = score_field(_("quality and capacity"))
    packaging = score_field(_("packaging"))
    legality = score_field(_("legality"))
    comment = models.TextField(_("comment"), blank=True)
    created_at = models.DateTimeField(_("scored"), auto_now_add=True)

    class Meta:
        verbose_name = _("curation score")
        verbose_name_plural = _("curation scores")
        constraints = [
            models.UniqueConstraint(
                fields=["booth", "curator"], name="expo_score_once_per_curator"
            ),
            *[
                models.CheckConstraint(
                    condition=models.Q(**{f"{field}__gte": 1, f"{field}__lte": 5}),
                    name=f"expo_score_{field}_1_to_5",
                )
                for field in ("originality", "quality_capacity", "packaging", "legality")
            ],
        ]

    def __str__(self) -> str:
        return f"{self.booth} · {self.curator}"

    @property
    def average(self) -> float:
        return (self.originality + self.quality_capacity + self.packaging + self.legality) / 4


class ExpoSession(models.Model):
    class Kind(models.TextChoices):
        OPENING = "opening", _("Opening")
        TALK = "talk", _("Talk")
        WORKSHOP = "workshop", _("Workshop")
        DEMO = "demo", _("Live demo")
        MATCHING = "matching", _("Business matching")

    expo = models.ForeignKey(
        Expo, on_delete=models.CASCADE, related_name="sessions", verbose_name=_("expo")
    )
    kind = models.CharField(_("kind"), max_length=10, choices=Kind.choices)
    title_id = models.CharField(_("title (Indonesian)"), max_length=200)
    title_en = models.CharField(_("title (English)"), max_length=200)
    description_id = models.TextField(_("description (Indonesian)"), blank=True)
    description_en = models.TextField(_("description (English)"), blank=True)
    speaker = models.CharField(_("speaker"), max_length=200, blank=True)
    starts_at = models.DateTimeField(_("starts"))
    ends_at = models.DateTimeField(_("ends"))
    capacity = models.PositiveIntegerField(_("places"), null=True, blank=True)
    vendor = models.ForeignKey(
        Vendor, on_delete=models.SET_NULL, null=True, blank=True, related_name="expo_sessions",
        verbose_name=_("hosted by business"),
        help_text=_("The business whose booth shows this session (a live demo, a talk)."),
    )  # fmt: skip
    stream_url = models.URLField(
        _("stream or meeting link"), max_length=500, blank=True, validators=[links.validate_https],
        help_text=_("YouTube, Zoom, Google Meet or any https:// link."),
    )  # fmt: skip
    recording_url = models.URLField(
        _("recording link"), max_length=500, blank=True, validators=[links.validate_https],
        help_text=_("Added after the session; shown instead of the stream link."),
    )  # fmt: skip
    registrations = models.ManyToManyField(
        settings.AUTH_USER_MODEL,
        blank=True,
        related_name="expo_sessions",
        verbose_name=_("registered"),
    )

    class Meta:
        ordering = ["starts_at"]
        indexes = [models.Index(fields=["vendor", "expo", "ends_at"])]
        verbose_name = _("agenda session")
        verbose_name_plural = _("agenda sessions")
        constraints = [
            models.CheckConstraint(
                condition=models.Q(ends_at__gt=models.F("starts_at")), name="expo_session_ordered"
            )
        ]

    def __str__(self) -> str:
        return self.title

    def get_absolute_url(self) -> str:
        return reverse("expo:session", args=[self.expo.slug, self.pk])

    @property
    def title(self) -> str:
        return bilingual(self, "title")

    @property
    def description(self) -> str:
        return bilingual(self, "description")

    @property
    def state(self) -> str:
        """upcoming · live · over, now."""
        now = timezone.now()
        if now < self.starts_at:
            return "upcoming"
        return "live" if now < self.ends_at else "over"

    @property
    def link_is_watch(self) -> bool:
        """Watch (a YouTube or Vimeo stream) rather than Join (Zoom, Meet, any other call)."""
        return links.is_watch(self.stream_url)

    @property
    def stream_service(self) -> str:
        return links.service(self.stream_url)

    @property
    def embed_url(self) -> str:
        return links.embed_url(self.stream_url)


class SessionReminder(models.Model):
    """One reminder sent to one registered person for one session (the beat task is idempotent)."""

    class Kind(models.TextChoices):
        DAY = "24h", _("24 hours before")
        HOUR = "1h", _("1 hour before")

    session = models.ForeignKey(
        ExpoSession, on_delete=models.CASCADE, related_name="reminders", verbose_name=_("session")
    )
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="+",
        verbose_name=_("person"),
    )  # fmt: skip
    kind = models.CharField(_("kind"), max_length=3, choices=Kind.choices)
    sent_at = models.DateTimeField(_("sent"), auto_now_add=True)

    class Meta:
        verbose_name = _("session reminder")
        verbose_name_plural = _("session reminders")
        constraints = [
            models.UniqueConstraint(
                fields=["session", "user", "kind"], name="expo_session_reminder_once"
            )
        ]

    def __str__(self) -> str:
        return f"{self.session} · {self.kind}"


class AvailabilitySlot(models.Model):
    """A 30-minute slot in which a vendor's team member can meet a buyer."""

    expo = models.ForeignKey(
        Expo, on_delete=models.CASCADE, related_name="slots", verbose_name=_("expo")
    )
    vendor = models.ForeignKey(
        Vendor, on_delete=models.CASCADE, related_name="slots", verbose_name=_("business")
    )
    member = models.ForeignKey(
        VendorMember, on_delete=models.SET_NULL, null=True, blank=True, related_name="slots",
        verbose_name=_("team member"),
    )  # fmt: skip
    starts_at = models.DateTimeField(_("starts"))
    ends_at = models.DateTimeField(_("ends"))

    class Meta:
        ordering = ["starts_at"]
        verbose_name = _("meeting slot")
        verbose_name_plural = _("meeting slots")
        constraints = [
            models.UniqueConstraint(fields=["vendor", "starts_at"], name="expo_slot_once"),
            models.CheckConstraint(
                condition=models.Q(ends_at__gt=models.F("starts_at")), name="expo_slot_ordered"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.vendor} {self.starts_at:%Y-%m-%d %H:%M}"


class Meeting(models.Model):
    class Status(models.TextChoices):
        REQUESTED = "requested", _("Requested")
        CONFIRMED = "confirmed", _("Confirmed")
        DECLINED = "declined", _("Declined")
        CANCELLED = "cancelled", _("Cancelled")
        HELD = "held", _("Held")
        NO_SHOW = "no_show", _("No-show")

    ACTIVE = (Status.REQUESTED, Status.CONFIRMED, Status.HELD, Status.NO_SHOW)
    # A confirmed meeting gets its outcome (held / no-show) once it has started.
    OUTCOME_STATUSES = (Status.CONFIRMED, Status.HELD, Status.NO_SHOW)

    slot = models.ForeignKey(
        AvailabilitySlot, on_delete=models.PROTECT, related_name="meetings", verbose_name=_("slot")
    )
    buyer = models.ForeignKey(
        BuyerProfile, on_delete=models.CASCADE, related_name="meetings", verbose_name=_("buyer")
    )
    vendor = models.ForeignKey(
        Vendor, on_delete=models.CASCADE, related_name="meetings", verbose_name=_("business")
    )
    # Copied from the slot so the database can refuse overlapping meetings of one buyer.
    starts_at = models.DateTimeField(_("starts"))
    ends_at = models.DateTimeField(_("ends"))
    status = models.CharField(
        _("status"), max_length=10, choices=Status.choices, default=Status.REQUESTED
    )
    agenda = models.TextField(_("what to discuss"), blank=True)
    meeting_url = models.URLField(_("meeting link"), blank=True)
    outcome_notes = models.TextField(_("notes after the meeting"), blank=True)
    created_at = models.DateTimeField(_("requested"), auto_now_add=True)
    updated_at = models.DateTimeField(_("updated"), auto_now=True)

    class Meta:
        ordering = ["starts_at"]
        verbose_name = _("meeting")
        verbose_name_plural = _("meetings")
        constraints = [
            # Never two active meetings in one slot.
            models.UniqueConstraint(
                fields=["slot"],
                condition=models.Q(status__in=["requested", "confirmed", "held", "no_show"]),
                name="expo_meeting_one_per_slot",
            ),
            # One open request per buyer and business: no flood of requests to one team.
            models.UniqueConstraint(
                fields=["buyer", "vendor"],
                condition=models.Q(status="requested"),
                name="expo_meeting_one_open_request",
            ),
            # Never two overlapping active meetings for one buyer. Built-in GiST operator
            # classes of int8range and tstzrange only: no btree_gist extension is needed.
            ExclusionConstraint(
                name="expo_meeting_buyer_no_overlap",
                expressions=[
                    (
                        Func(F("buyer_id"), F("buyer_id"), Value("[]"), function="int8range"),
                        RangeOperators.OVERLAPS,
                    ),
                    (TsTzRange(F("starts_at"), F("ends_at")), RangeOperators.OVERLAPS),
                ],
                condition=models.Q(status__in=["requested", "confirmed", "held", "no_show"]),
            ),
        ]

    def __str__(self) -> str:
        return f"{self.buyer} ↔ {self.vendor} {self.starts_at:%Y-%m-%d %H:%M}"

    @property
    def has_started(self) -> bool:
        return self.starts_at <= timezone.now()

    @property
    def outcome_open(self) -> bool:
        """Whether the business can record how the meeting went (the page shows the form)."""
        return self.status in self.OUTCOME_STATUSES and self.has_started


class MeetingReminder(models.Model):
    """One reminder sent for one meeting; the unique pair makes the beat task idempotent."""

    class Kind(models.TextChoices):
        DAY = "24h", _("24 hours before")
        HOUR = "1h", _("1 hour before")

    meeting = models.ForeignKey(
        Meeting, on_delete=models.CASCADE, related_name="reminders", verbose_name=_("meeting")
    )
    kind = models.CharField(_("kind"), max_length=3, choices=Kind.choices)
    sent_at = models.DateTimeField(_("sent"), auto_now_add=True)

    class Meta:
        verbose_name = _("meeting reminder")
        verbose_name_plural = _("meeting reminders")
        constraints = [
            models.UniqueConstraint(fields=["meeting", "kind"], name="expo_reminder_once")
        ]

    def __str__(self) -> str:
        return f"{self.meeting} · {self.kind}"


class BoothVisitDay(models.Model):
    """Daily booth statistics, recounted from the page views (`core.visits`), never per visit."""

    booth = models.ForeignKey(
        Booth, on_delete=models.CASCADE, related_name="visit_days", verbose_name=_("booth")
    )
    day = models.DateField(_("day"))
    visits = models.PositiveIntegerField(_("visits"), default=0)
    unique_visitors = models.PositiveIntegerField(_("unique visitors"), default=0)

    class Meta:
        ordering = ["-day"]
        verbose_name = _("booth visits per day")
        verbose_name_plural = _("booth visits per day")
        constraints = [
            models.UniqueConstraint(fields=["booth", "day"], name="expo_booth_visit_day_once")
        ]

    def __str__(self) -> str:
        return f"{self.booth} {self.day}"
