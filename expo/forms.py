import datetime as dt
import zoneinfo

from django import forms
from django.core.exceptions import ValidationError
from django.utils.formats import date_format
from django.utils.translation import gettext_lazy as _

from catalog.models import Product
from core.images import validate_image_upload
from expo.links import validate_https
from expo.models import Booth, Expo, Hall, Meeting
from expo.services import validate_video_url
from vendors.models import Vendor, VendorMember


class BoothForm(forms.Form):
    preferred_hall = forms.ModelChoiceField(
        label=_("Preferred hall"), queryset=Hall.objects.none(), required=False
    )
    tagline_id = forms.CharField(label=_("Tagline (Indonesian)"), max_length=160)
    tagline_en = forms.CharField(label=_("Tagline (English)"), max_length=160, required=False)
    banner = forms.ImageField(
        label=_("Banner"), required=False,
        help_text=_("A wide photo of your products, JPEG, PNG, WebP or HEIC."),
    )  # fmt: skip
    video_url = forms.URLField(
        label=_("Video link"), required=False, assume_scheme="https",
        help_text=_("A YouTube or Vimeo address. Visitors open it with a click."),
    )  # fmt: skip
    products = forms.ModelMultipleChoiceField(
        label=_("Featured products"), queryset=Product.objects.none(), required=False,
        widget=forms.CheckboxSelectMultiple,
        help_text=_("Up to 12 of your published products."),
    )  # fmt: skip

    def __init__(self, *args, expo: Expo, vendor: Vendor, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["preferred_hall"].queryset = expo.halls.all()
        self.fields["products"].queryset = Product.objects.filter(
            vendor=vendor, status=Product.Status.PUBLISHED
        )

    def clean_banner(self):
        banner = self.cleaned_data.get("banner")
        if banner:
            validate_image_upload(banner)
        return banner

    def clean_video_url(self):
        url = self.cleaned_data.get("video_url", "")
        validate_video_url(url)
        return url

    def clean_products(self):
        products = self.cleaned_data.get("products")
        if products is not None and len(products) > Booth.MAX_FEATURED_PRODUCTS:
            raise ValidationError(
                _("Choose at most %(count)d products.") % {"count": Booth.MAX_FEATURED_PRODUCTS}
            )
        return products


class AvailabilityForm(forms.Form):
    """Days × time ranges, cut into 30-minute slots."""

    days = forms.MultipleChoiceField(
        label=_("Days"), widget=forms.CheckboxSelectMultiple, choices=()
    )
    ranges = forms.CharField(
        label=_("Time ranges"),
        help_text=_("In the expo's time zone, one or more, e.g. 09:00-12:00, 13:00-15:00."),
    )
    member = forms.ModelChoiceField(
        label=_("Team member"), queryset=VendorMember.objects.none(), required=False
    )

    def __init__(self, *args, expo: Expo, vendor: Vendor, **kwargs):
        super().__init__(*args, **kwargs)
        zone = zoneinfo.ZoneInfo(expo.time_zone)
        first = expo.starts_at.astimezone(zone).date()
        last = expo.ends_at.astimezone(zone).date()
        days = [first + dt.timedelta(days=n) for n in range((last - first).days + 1)]
        self.fields["days"].choices = [(d.isoformat(), date_format(d, "D j M Y")) for d in days]
        self.fields["member"].queryset = vendor.members.select_related("user")
        self.fields["member"].label_from_instance = lambda m: m.user.name or m.user.email

    def clean_days(self):
        return [dt.date.fromisoformat(day) for day in self.cleaned_data["days"]]

    def clean_ranges(self):
        ranges = []
        for part in self.cleaned_data["ranges"].replace(";", ",").split(","):
            part = part.strip().replace("–", "-")
            if not part:
                continue
            try:
                start, end = (dt.time.fromisoformat(p.strip()) for p in part.split("-"))
            except ValueError:
                raise ValidationError(
                    _("Write each range as HH:MM-HH:MM, e.g. 09:00-12:00."), code="range"
                ) from None
            if end <= start:
                raise ValidationError(_("Each time range must end after it starts."))
            ranges.append((start, end))
        if not ranges:
            raise ValidationError(_("Write at least one time range."))
        return ranges


class MeetingRequestForm(forms.Form):
    agenda = forms.CharField(
        label=_("What would you like to discuss?"), max_length=2000, widget=forms.Textarea
    )


class MeetingConfirmForm(forms.Form):
    meeting_url = forms.URLField(
        label=_("Video call link"), assume_scheme="https",
        help_text=_("Google Meet, Zoom or WhatsApp video link for this meeting."),
    )  # fmt: skip


class MeetingOutcomeForm(forms.Form):
    status = forms.ChoiceField(
        label=_("Outcome"),
        choices=[(Meeting.Status.HELD, _("Held")), (Meeting.Status.NO_SHOW, _("No-show"))],
    )
    notes = forms.CharField(label=_("Notes"), required=False, widget=forms.Textarea)


class SessionLinksForm(forms.Form):
    stream_url = forms.URLField(
        label=_("Stream or meeting link"), required=False, assume_scheme="https", max_length=500,
        validators=[validate_https],
        help_text=_("YouTube, Zoom, Google Meet or any https:// link. Shown as Watch or Join."),
    )  # fmt: skip
    recording_url = forms.URLField(
        label=_("Recording link"), required=False, assume_scheme="https", max_length=500,
        validators=[validate_https],
        help_text=_("After the session: shown instead of the stream link."),
    )  # fmt: skip
