"""Forms of the vendor area: they validate only (services write)."""

from django import forms
from django.core.exceptions import ValidationError
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from core.countries import country_choices
from core.images import validate_image_upload
from core.models import Province, Regency
from core.phones import PhoneInput, phone_normalize
from vendors.models import Certification, Vendor

DOCUMENT_MAX_BYTES = 5 * 1024 * 1024
MAX_OPEN_INVITATIONS = 20  # a team is small; more is someone using us to send mail
# What a certificate document really is, by its first bytes (never by its name).
DOCUMENT_SIGNATURES = (
    (b"%PDF-", "pdf"),
    (b"\xff\xd8\xff", "jpg"),
    (b"\x89PNG\r\n\x1a\n", "png"),
)


def document_kind(upload) -> str | None:
    upload.seek(0)
    head = upload.read(16)
    upload.seek(0)
    return next((ext for magic, ext in DOCUMENT_SIGNATURES if head.startswith(magic)), None)


class IdentityForm(forms.ModelForm):
    class Meta:
        model = Vendor
        fields = ["name", "legal_form", "nib"]
        help_texts = {"nib": _("13 digits, from your OSS business licence.")}

    def __init__(self, *args, locked: bool = False, **kwargs):
        super().__init__(*args, **kwargs)
        # Spaces are allowed while typing ("9120 0010 0099 9"); clean_nib removes them.
        self.fields["nib"] = forms.CharField(
            label=self.fields["nib"].label, help_text=self.fields["nib"].help_text, max_length=20
        )
        for name in self.fields:
            self.fields[name].required = True
            # Once verified, identity changes go through the curators.
            self.fields[name].disabled = locked
        self.fields["nib"].widget.attrs.update(inputmode="numeric", autocomplete="off")
        self.fields["name"].widget.attrs.update(autocomplete="organization")

    def clean_nib(self) -> str:
        nib = "".join((self.cleaned_data.get("nib") or "").split())
        if not (len(nib) == 13 and nib.isdigit()):
            raise ValidationError(
                _("The NIB (Nomor Induk Berusaha) has exactly 13 digits."), code="invalid_nib"
            )
        if Vendor.objects.filter(nib=nib).exclude(pk=self.instance.pk).exists():
            raise ValidationError(
                _("Another business is already registered with this NIB."), code="nib_taken"
            )
        return nib


class ProvinceForm(forms.Form):
    """Step 2a (GET): choose the province; the page then lists its regencies (no JS needed)."""

    province = forms.ModelChoiceField(
        queryset=Province.objects.all(), label=_("Province"), empty_label=_("Choose a province")
    )


class LocationForm(forms.Form):
    regency = forms.ModelChoiceField(
        queryset=Regency.objects.none(),
        label=_("Regency or city"),
        empty_label=_("Choose a regency or city"),
    )
    address = forms.CharField(label=_("Address"), widget=forms.Textarea(attrs={"rows": 3}))

    def __init__(self, *args, province: Province, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["regency"].queryset = Regency.objects.filter(province=province)


class ContactForm(forms.ModelForm):
    class Meta:
        model = Vendor
        fields = ["whatsapp"]
        widgets = {"whatsapp": PhoneInput}
        help_texts = {"whatsapp": _("For example 0812 3456 7890. Buyers who sign in can see it.")}

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["whatsapp"].required = True

    def clean_whatsapp(self) -> str:
        return phone_normalize(self.cleaned_data["whatsapp"])


class ProfileForm(forms.ModelForm):
    logo_upload = forms.FileField(
        label=_("Logo"),
        required=False,
        help_text=_("A JPEG, PNG or WebP picture, square if possible."),
        widget=forms.ClearableFileInput(attrs={"accept": "image/jpeg,image/png,image/webp"}),
    )
    export_countries = forms.MultipleChoiceField(
        label=_("Countries already exported to"),
        choices=country_choices,
        required=False,
        help_text=_("Leave empty if you have not exported yet."),
    )

    class Meta:
        model = Vendor
        fields = [
            "description_id",
            "description_en",
            "logo_upload",
            "year_founded",
            "employees",
            "monthly_capacity",
            "export_countries",
            "is_cluster",
            "cluster_members",
        ]
        widgets = {
            "description_id": forms.Textarea(attrs={"rows": 4}),
            "description_en": forms.Textarea(attrs={"rows": 4}),
        }

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["description_id"].required = True
        self.fields["export_countries"].widget.attrs["size"] = 6

    def clean_logo_upload(self):
        upload = self.cleaned_data.get("logo_upload")
        if upload:
            validate_image_upload(upload)
        return upload

    def clean_year_founded(self):
        year = self.cleaned_data.get("year_founded")
        if year and year > timezone.localdate().year:
            raise ValidationError(_("The year cannot be in the future."), code="future_year")
        return year

    def clean(self):
        cleaned = super().clean()
        if cleaned.get("is_cluster") and not cleaned.get("cluster_members"):
            self.add_error("cluster_members", _("How many units belong to the cluster?"))
        if not cleaned.get("is_cluster"):
            cleaned["cluster_members"] = None
        return cleaned


class CertificationForm(forms.ModelForm):
    class Meta:
        model = Certification
        fields = ["kind", "number", "expires_on", "document"]
        widgets = {
            "expires_on": forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d"),
            "document": forms.ClearableFileInput(
                attrs={"accept": "application/pdf,image/jpeg,image/png"}
            ),
        }
        help_texts = {
            "document": _(
                "A PDF, JPEG or PNG of the certificate, at most 5 MB. Only your team and the "
                "curators see it."
            )
        }

    def clean_document(self):
        document = self.cleaned_data.get("document")
        if not document or not hasattr(document, "content_type"):
            return document  # nothing new uploaded
        if document.size > DOCUMENT_MAX_BYTES:
            raise ValidationError(_("The document is larger than 5 MB."), code="too_big")
        kind = document_kind(document)
        if kind is None:
            raise ValidationError(
                _("The document must be a PDF, JPEG or PNG file."), code="unsupported"
            )
        document.name = f"certificate.{kind}"  # the stored name follows the real type
        return document

    def clean_expires_on(self):
        expires_on = self.cleaned_data.get("expires_on")
        if expires_on and expires_on < timezone.localdate():
            raise ValidationError(_("This certificate has already expired."), code="expired")
        return expires_on


class InvitationForm(forms.Form):
    email = forms.EmailField(
        label=_("Email address of your team member"),
        widget=forms.EmailInput(attrs={"autocomplete": "off"}),
    )

    def __init__(self, *args, vendor: Vendor, **kwargs):
        super().__init__(*args, **kwargs)
        self.vendor = vendor

    def clean_email(self) -> str:
        email = self.cleaned_data["email"].strip().lower()
        if self.vendor.members.filter(user__email__iexact=email).exists():
            raise ValidationError(_("This person is already in your team."), code="already_member")
        waiting = self.vendor.invitations.filter(accepted_at__isnull=True)
        if waiting.filter(email__iexact=email).exists():
            raise ValidationError(
                _("An invitation to this address is already waiting."), code="already_invited"
            )
        if waiting.count() >= MAX_OPEN_INVITATIONS:
            raise ValidationError(
                _("Too many invitations are waiting. Withdraw some before sending more."),
                code="too_many",
            )
        return email


class RejectForm(forms.Form):
    """The admin's intermediate page: a coaching note for the owner."""

    note = forms.CharField(
        label=_("Note to the business"),
        widget=forms.Textarea(attrs={"rows": 6}),
        help_text=_("What to fix, in words the owner understands. Sent by email."),
    )
