import datetime as dt

from django import forms
from django.core.exceptions import ValidationError
from django.db.models import Q
from django.utils import timezone
from django.utils.formats import date_format
from django.utils.translation import gettext_lazy as _

from buyers.models import Inquiry
from core.models import ExchangeRate
from expo.models import Expo, Meeting
from trade.models import Deal
from vendors.models import Vendor


class DealForm(forms.ModelForm):
    class Meta:
        model = Deal
        fields = [
            "stage",
            "amount",
            "currency",
            "date",
            "destination_country",
            "buyer_name",
            "inquiry",
            "meeting",
            "expo",
            "note",
        ]
        widgets = {
            "date": forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d"),
            "note": forms.Textarea(attrs={"rows": 3}),
        }

    def __init__(self, *args, vendor: Vendor, **kwargs):
        super().__init__(*args, **kwargs)
        # Only this vendor's own inquiries, meetings and expos can be linked.
        self.fields["inquiry"].queryset = Inquiry.objects.filter(vendor=vendor).select_related(
            "buyer__user"
        )
        self.fields["inquiry"].label_from_instance = _inquiry_label
        self.fields["meeting"].queryset = Meeting.objects.filter(vendor=vendor).select_related(
            "buyer__user"
        )
        self.fields["meeting"].label_from_instance = _meeting_label
        self.fields["expo"].queryset = Expo.objects.filter(
            Q(booths__vendor=vendor) | Q(slots__vendor=vendor) | Q(inquiries__vendor=vendor)
        ).distinct()
        self.fields["date"].initial = timezone.localdate

    def clean_date(self) -> dt.date:
        day = self.cleaned_data["date"]
        if day > timezone.localdate():
            raise ValidationError(_("The date cannot be in the future."), code="future_date")
        return day

    def clean(self):
        cleaned = super().clean()
        currency, day = cleaned.get("currency"), cleaned.get("date")
        needs_rate = bool(currency and day and currency != "IDR")
        if needs_rate and currency not in ExchangeRate.rates_on(day, {currency}):
            self.add_error(
                "currency",
                ValidationError(
                    _(
                        "There is no exchange rate for %(currency)s on or before %(date)s "
                        "yet. Enter the amount in rupiah (IDR) or ask the Expo UMKM team."
                    ),
                    code="no_rate",
                    params={"currency": currency, "date": date_format(day)},
                ),
            )
        return cleaned


def _inquiry_label(inquiry: Inquiry) -> str:
    return f"#{inquiry.pk} · {inquiry.buyer.user.name or inquiry.buyer.user.email}"


def _meeting_label(meeting: Meeting) -> str:
    when = date_format(timezone.localtime(meeting.starts_at), "SHORT_DATETIME_FORMAT")
    return f"{when} · {meeting.buyer.user.name or meeting.buyer.user.email}"
