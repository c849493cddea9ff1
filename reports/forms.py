from django import forms
from django.utils.translation import gettext_lazy as _

from catalog.models import Category
from core.countries import country_choices
from core.models import Province


class LedgerFilterForm(forms.Form):
    province = forms.ModelChoiceField(
        Province.objects.all(), required=False, label=_("Province"), empty_label=_("All provinces")
    )
    year = forms.IntegerField(required=False, min_value=2000, max_value=2100, label=_("Year"))


class MarketFilterForm(forms.Form):
    country = forms.ChoiceField(required=False, label=_("Country"))
    category = forms.ModelChoiceField(
        Category.objects.filter(parent__isnull=True), required=False, label=_("Category"),
        empty_label=_("All categories"),
    )  # fmt: skip

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["country"].choices = [("", _("All countries")), *country_choices()]
