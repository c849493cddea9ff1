from django import forms
from django.conf import settings
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from catalog.models import Category, Product
from core.countries import country_choices
from core.money import currency_choices
from core.phones import PhoneInput, phone_normalize
from core.zones import TimeZoneField, time_zone_choices

from .models import BuyerProfile, Inquiry, InquiryMessage
from .services import VENDOR_SETTABLE


class BuyerProfileForm(forms.ModelForm):
    name = forms.CharField(label=_("Your name"), max_length=150)
    language = forms.ChoiceField(
        label=_("Language"),
        choices=settings.LANGUAGES,
        help_text=_("Emails are sent in this language."),
    )
    time_zone = TimeZoneField(
        label=_("Time zone"),
        help_text=_("Times of sessions and meetings are shown in this zone."),
    )
    interests = forms.ModelMultipleChoiceField(
        label=_("Interests"),
        queryset=Category.objects.all(),
        required=False,
        widget=forms.CheckboxSelectMultiple,
        help_text=_("Product categories you buy."),
    )

    class Meta:
        model = BuyerProfile
        fields = [
            "country", "city", "buyer_type", "organisation", "display_currency", "interests",
            "phone", "share_contact", "weekly_digest",
        ]  # fmt: skip
        widgets = {"phone": PhoneInput}
        help_texts = {"phone": _("With the country code, or as dialled in your country.")}

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        current = self.data.get("time_zone") if self.is_bound else self.initial.get("time_zone")
        self.fields["time_zone"].choices = time_zone_choices(extra=current)
        self.fields["interests"].choices = _interest_groups()

    def interest_groups(self) -> list[tuple[str, list]]:
        """The interests' checkboxes grouped by top category (a fieldset each)."""
        boxes = {str(box.data["value"]): box for box in self["interests"]}
        return [
            (group, [boxes[str(value)] for value, _label in options])
            for group, options in self.fields["interests"].choices
        ]

    def clean_phone(self) -> str:
        phone = self.cleaned_data["phone"]
        if not phone:
            return ""
        # A number without a country code is read as one of the buyer's country.
        return phone_normalize(phone, default_region=self.cleaned_data.get("country"))


def _interest_groups() -> list[tuple[str, list]]:
    """Categories grouped under their top category, which comes first as "All of …"."""
    categories = list(Category.objects.all())
    groups = []
    for top in (c for c in categories if c.parent_id is None):
        children = [(c.pk, c.name) for c in categories if c.parent_id == top.pk]
        first = (
            top.pk,
            _("All of %(category)s") % {"category": top.name} if children else top.name,
        )
        groups.append((top.name, [first, *children]))
    return groups


class HoneypotMixin(forms.Form):
    # Hidden from people by CSS and from screen readers; bots fill every field they find.
    website = forms.CharField(
        label=_("Leave this field empty"),
        required=False,
        widget=forms.TextInput(attrs={"autocomplete": "off", "tabindex": "-1"}),
    )

    def clean_website(self) -> str:
        if self.cleaned_data.get("website"):
            raise forms.ValidationError(
                _("This field must stay empty. Please clear it and send again.")
            )
        return ""


class InquiryForm(HoneypotMixin, forms.Form):
    quantity = forms.IntegerField(label=_("Quantity"), min_value=1, max_value=10_000_000)
    unit = forms.ChoiceField(label=_("Unit"), choices=Product.Unit.choices)
    target_price = forms.DecimalField(
        label=_("Target price per unit"),
        required=False,
        min_value=0,
        max_digits=14,
        decimal_places=2,
        help_text=_("Optional: the price you hope for."),
    )
    target_currency = forms.ChoiceField(label=_("Currency"), choices=currency_choices)
    destination_country = forms.ChoiceField(label=_("Destination country"), choices=country_choices)
    message = forms.CharField(
        label=_("Message to the seller"),
        max_length=5000,
        widget=forms.Textarea(attrs={"rows": 6}),
        help_text=_("Your email address and phone are not shown to the seller."),
    )


class MessageForm(forms.Form):
    body = forms.CharField(
        label=_("Your message"), max_length=5000, widget=forms.Textarea(attrs={"rows": 4})
    )


class VendorReplyForm(MessageForm):
    quote_unit_price = forms.DecimalField(
        label=_("Unit price"), required=False, min_value=0, max_digits=14, decimal_places=2
    )
    quote_currency = forms.ChoiceField(
        label=_("Currency"), required=False, choices=[("", "—"), *currency_choices()]
    )
    quote_incoterm = forms.ChoiceField(
        label=_("Incoterm"),
        required=False,
        choices=[("", "—"), *InquiryMessage.Incoterm.choices],
    )
    quote_lead_time_days = forms.IntegerField(
        label=_("Lead time (days)"), required=False, min_value=0, max_value=3650
    )
    quote_valid_until = forms.DateField(
        label=_("Valid until"),
        required=False,
        widget=forms.DateInput(attrs={"type": "date"}),
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        # Choices in the active language, not the one of the first import.
        self.fields["quote_currency"].choices = [("", "—"), *currency_choices()]

    def clean(self):
        data = super().clean()
        price = data.get("quote_unit_price")
        quote_fields = ("quote_currency", "quote_incoterm", "quote_lead_time_days")
        if price is None:
            if any(data.get(f) not in (None, "") for f in (*quote_fields, "quote_valid_until")):
                self.add_error(
                    "quote_unit_price", _("Give a unit price to send these details as a quote.")
                )
            return data
        if not data.get("quote_currency"):
            self.add_error("quote_currency", _("Choose the currency of the quote."))
        valid_until = data.get("quote_valid_until")
        if valid_until and valid_until < timezone.localdate():
            self.add_error("quote_valid_until", _("This date is in the past."))
        return data


class QuoteResponseForm(forms.Form):
    quote = forms.IntegerField(widget=forms.HiddenInput)
    decision = forms.ChoiceField(choices=[("accept", "accept"), ("decline", "decline")])


class StatusForm(forms.Form):
    status = forms.ChoiceField(
        label=_("Status"),
        choices=[(s.value, s.label) for s in Inquiry.Status if s in VENDOR_SETTABLE],
    )


class FavouriteForm(forms.Form):
    kind = forms.ChoiceField(choices=[("product", "product"), ("vendor", "vendor")])
    id = forms.IntegerField(min_value=1)
