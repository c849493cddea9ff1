"""Phone numbers, read and stored one way for businesses and buyers alike (libphonenumber)."""

import phonenumbers
from django import forms
from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _

# The example Indonesians recognise (the WhatsApp help text shows it too); other countries get
# libphonenumber's example mobile number, written with its country code.
LOCAL_EXAMPLES = {"ID": "0812 3456 7890"}


def phone_example(region: str | None) -> str:
    if region in LOCAL_EXAMPLES:
        return LOCAL_EXAMPLES[region]
    number = phonenumbers.example_number_for_type(region, phonenumbers.PhoneNumberType.MOBILE)
    if number is None:  # no data for this region (or none given)
        return LOCAL_EXAMPLES["ID"]
    return phonenumbers.format_number(number, phonenumbers.PhoneNumberFormat.INTERNATIONAL)


def phone_normalize(value: str, *, default_region: str | None = "ID") -> str:
    """The number in E.164 ("+6281234567890"). Without a country code it is read as a number of
    `default_region`; with None, the country code is required."""
    try:
        number = phonenumbers.parse(value, default_region)
    except phonenumbers.NumberParseException:
        number = None
    if number is None or not phonenumbers.is_valid_number(number):
        raise ValidationError(
            _("Enter a valid phone number, for example %(example)s."),
            code="invalid_phone",
            params={"example": phone_example(default_region)},
        )
    return phonenumbers.format_number(number, phonenumbers.PhoneNumberFormat.E164)


class PhoneInput(forms.TextInput):
    """A text box that brings up the phone keypad and the browser's saved number."""

    def __init__(self, attrs=None):
        super().__init__({"inputmode": "tel", "autocomplete": "tel", **(attrs or {})})
