from django import forms
from django.core.cache import cache
from django.core.validators import MinValueValidator
from django.utils.translation import gettext_lazy as _
from django.utils.translation import ngettext

from catalog.models import Category, Product, ProductImage
from catalog.selectors import SORTS, CatalogueFilters, category_tree
from core.countries import country_choices
from core.images import validate_image_upload
from core.models import Province, Regency
from core.money import CURRENCY_CODES
from core.viewer import profile_currency, viewer_currency
from vendors.models import Certification

ACCEPT = "image/jpeg,image/png,image/webp,image/heic,image/heif,.jpg,.jpeg,.png,.webp,.heic,.heif"


class CategoryChoiceField(forms.ModelChoiceField):
    def label_from_instance(self, obj: Category) -> str:
        return obj.name


def grouped_categories() -> list:
    """`<optgroup>` per top category; products go into subcategories."""
    categories = list(Category.objects.all())
    groups = []
    for top in (c for c in categories if c.parent_id is None):
        children = [(c.pk, c.name) for c in categories if c.parent_id == top.pk]
        groups.append((top.name, children))
    return [("", "---------"), *groups]


class ProductForm(forms.ModelForm):
    """Plain-text bilingual descriptions (shown with paragraphs, never as HTML)."""

    category = CategoryChoiceField(
        queryset=Category.objects.filter(parent__isnull=False), label=_("category")
    )
    certifications = forms.ModelMultipleChoiceField(
        queryset=Certification.objects.none(),
        required=False,
        widget=forms.CheckboxSelectMultiple,
        label=_("certifications"),
        help_text=_("Only your business's own certifications are listed."),
    )
    export_markets = forms.MultipleChoiceField(
        choices=country_choices,
        required=False,
        widget=forms.SelectMultiple(attrs={"size": 6}),
        label=_("export markets"),
        help_text=_("Countries you already sell this product to."),
    )

    class Meta:
        model = Product
        fields = [
            "name_id", "name_en", "category", "description_id", "description_en",
            "price_min_idr", "price_max_idr", "unit", "moq", "monthly_capacity",
            "lead_time_days", "hs_code", "weight_grams", "shelf_life_days", "certifications",
            "export_markets",
        ]  # fmt: skip
        widgets = {
            "description_id": forms.Textarea(attrs={"rows": 6}),
            "description_en": forms.Textarea(attrs={"rows": 6}),
        }
        help_texts = {
            "description_id": _("Plain text; an empty line starts a new paragraph."),
            "hs_code": _("Harmonized System code, e.g. 6304.91 or 46021900."),
            "shelf_life_days": _("Required for food."),
        }

    def __init__(self, *args, vendor, **kwargs):
        super().__init__(*args, **kwargs)
        self.vendor = vendor
        self.fields["certifications"].queryset = vendor.certifications.all()
        self.fields["category"].choices = grouped_categories()
        self.fields["moq"].validators.append(MinValueValidator(1))
        self.fields["moq"].widget.attrs["min"] = 1

    def _post_clean(self):
        # The model's clean() also runs in the services; here the form shows its errors.
        self.instance.vendor = self.vendor
        super()._post_clean()


class MultipleFileInput(forms.ClearableFileInput):
    allow_multiple_selected = True


class MultipleImageField(forms.FileField):
    """Several photos at once (Django 5.2's FileField takes only one)."""

    def __init__(self, *args, **kwargs):
        kwargs.setdefault("widget", MultipleFileInput(attrs={"accept": ACCEPT}))
        super().__init__(*args, **kwargs)

    def clean(self, data, initial=None):
        files = data if isinstance(data, (list, tuple)) else [data] if data else []
        if not files:
            raise forms.ValidationError(self.error_messages["required"], code="required")
        errors = []
        cleaned = []
        for upload in files:
            upload = super().clean(upload, initial)
            try:
                validate_image_upload(upload)
            except forms.ValidationError as exc:
                errors.extend(
                    forms.ValidationError(
                        _("%(name)s: %(reason)s"),
                        params={"name": upload.name[-60:], "reason": message},
                    )
                    for message in exc.messages
                )
            cleaned.append(upload)
        if errors:
            raise forms.ValidationError(errors)
        return cleaned


class PhotoUploadForm(forms.Form):
    photos = MultipleImageField(
        label=_("Photos"),
        help_text=_("JPEG, PNG, WebP or HEIC (iPhone); you may pick several at once."),
    )

    def __init__(self, *args, product: Product, **kwargs):
        super().__init__(*args, **kwargs)
        self.product = product
        # Counted once per request (the service counts again under its lock).
        self.room = room = ProductImage.MAX_PER_PRODUCT - product.images.count()
        self.fields["photos"].widget.attrs.update({
            "data-max-files": room,
            "data-max-message": _("You can add %(room)d more photos.") % {"room": room},
        })  # fmt: skip

    def clean_photos(self):
        photos = self.cleaned_data["photos"]
        room = self.room
        if len(photos) > room:
            raise forms.ValidationError(
                ngettext(
                    "A product can have at most %(max)d photos: you can add %(room)d more.",
                    "A product can have at most %(max)d photos: you can add %(room)d more.",
                    room,
                )
                % {"max": ProductImage.MAX_PER_PRODUCT, "room": max(room, 0)},
                code="too_many",
            )
        return photos


class PhotoAltForm(forms.ModelForm):
    class Meta:
        model = ProductImage
        fields = ["alt_id", "alt_en"]


class PhotoMoveForm(forms.Form):
    direction = forms.ChoiceField(choices=[("up", _("Earlier")), ("down", _("Later"))])


class PublishForm(forms.Form):
    action = forms.ChoiceField(choices=[("publish", _("Publish")), ("unpublish", _("Unpublish"))])


class CachedSlugField(forms.CharField):
    """A slug turned into its object from a cached dict: no query per catalogue request."""

    def __init__(self, *, lookup, **kwargs):
        super().__init__(required=False, **kwargs)
        self.lookup = lookup

    def to_python(self, value):
        value = super().to_python(value)
        if not value:
            return None
        found = self.lookup().get(value)
        if found is None:
            raise forms.ValidationError(_("Select a valid choice."), code="invalid_choice")
        return found


def categories_by_slug() -> dict:
    return {c.slug: c for top in category_tree() for c in [top, *top.subcategories]}


def provinces_by_slug() -> dict:
    return cache.get_or_set(
        "catalog:provinces", lambda: {p.slug: p for p in Province.objects.all()}, 3600
    )


class CatalogueFilterForm(forms.Form):
    """The catalogue's GET parameters; invalid values are simply ignored."""

    q = forms.CharField(required=False, max_length=200, label=_("Search"))
    category = CachedSlugField(lookup=lambda: categories_by_slug(), label=_("category"))
    province = CachedSlugField(lookup=lambda: provinces_by_slug(), label=_("province"))
    regency = forms.ModelChoiceField(
        queryset=Regency.objects.all(),
        to_field_name="slug",
        required=False,
        label=_("regency or city"),
    )
    certification = forms.ChoiceField(
        choices=[("", _("Any")), *list(Certification.Kind.choices)],
        required=False,
        label=_("certification"),
    )
    min_price = forms.DecimalField(
        required=False, min_value=0, max_digits=14, decimal_places=0, label=_("Lowest price (Rp)")
    )
    max_price = forms.DecimalField(
        required=False,
        min_value=0,
        max_digits=14,
        decimal_places=0,
        label=_("Highest price (Rp)"),
    )
    export_ready = forms.BooleanField(required=False, label=_("Sellers with export experience"))
    sort = forms.ChoiceField(
        choices=[
            ("relevance", _("Best match")),
            ("newest", _("Newest")),
            ("price_asc", _("Price: low to high")),
            ("price_desc", _("Price: high to low")),
        ],
        required=False,
        label=_("Sort by"),
    )

    def filters(self) -> CatalogueFilters:
        self.is_valid()
        data = {name: value for name, value in self.cleaned_data.items() if name not in self.errors}
        sort = data.get("sort") or "relevance"
        return CatalogueFilters(
            q=(data.get("q") or "").strip(),
            category=data.get("category"),
            province=data.get("province"),
            regency=data.get("regency"),
            certification=data.get("certification") or "",
            min_price=data.get("min_price"),
            max_price=data.get("max_price"),
            export_ready=bool(data.get("export_ready")),
            sort=sort if sort in SORTS else "relevance",
        )


class CurrencyForm(forms.Form):
    currency = forms.ChoiceField(choices=[(c, c) for c in CURRENCY_CODES], label=_("Currency"))
    next = forms.CharField(required=False)


def currency_form_for(request) -> CurrencyForm | None:
    """Visitors without a buyer profile pick a currency here (buyers choose in their profile)."""
    if request.user.is_authenticated and profile_currency(request.user):
        return None  # they have a buyer profile
    return CurrencyForm(
        initial={"currency": viewer_currency(request) or "IDR", "next": request.get_full_path()}
    )
