import copy

from django.contrib import admin, messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.db.models import Q
from django.shortcuts import redirect, render
from django.urls import path
from django.utils.translation import gettext_lazy as _
from django.utils.translation import ngettext

from catalog.forms import ProductForm
from catalog.models import (
    Category,
    Product,
    ProductImage,
    ProductViewDay,
    SearchLog,
    SearchSynonym,
    SearchVariant,
)
from catalog.selectors import search_gaps
from catalog.services import (
    category_save,
    product_feature,
    product_hide,
    product_restore,
    product_staff_save,
    search_synonym_save,
    search_variant_save,
    search_vocabulary_delete,
)
from core.admin_display import thumbnail
from core.admin_queue import admin_queue_register, queue_part
from core.models import Image
from vendors.admin_scoping import (
    RegionScopedAdminMixin,
    RegionScopedInlineMixin,
    ScopedReadOnlyAdmin,
    regency_scope_register,
)

regency_scope_register(Product, "vendor__regency")
regency_scope_register(ProductImage, "product__vendor__regency")
regency_scope_register(Image, "product_image__product__vendor__regency")


@admin.register(Category)
class CategoryAdmin(admin.ModelAdmin):
    list_display = ["name_en", "name_id", "parent", "is_food", "position"]
    list_filter = ["is_food", "parent"]
    search_fields = ["name_en", "name_id", "slug"]
    prepopulated_fields = {"slug": ["name_en"]}
    list_select_related = ["parent"]

    def save_model(self, request, obj, form, change) -> None:
        category_save(category=obj, changed=form.changed_data)


class ProductImageInline(RegionScopedInlineMixin, admin.TabularInline):
    """Photos arrive through the business's uploads; here curators see them and fix alt texts."""

    model = ProductImage
    fields = ["photo", "position", "alt_id", "alt_en"]
    readonly_fields = ["photo"]
    extra = 0

    def has_add_permission(self, request, obj=None) -> bool:
        return False

    @admin.display(description=_("photo"))
    def photo(self, obj: ProductImage):
        return thumbnail(obj.image, alt=obj.alt)


@admin.register(Product)
class ProductAdmin(RegionScopedAdminMixin, admin.ModelAdmin):
    regency_path = "vendor__regency"
    list_display = ["name_id", "name_en", "vendor", "category", "status", "featured",
                    "price_min_idr", "published_at"]  # fmt: skip
    list_filter = ["status", "featured", "category__parent", "vendor__regency__province"]
    search_fields = ["name_id", "name_en", "slug", "vendor__name", "hs_code"]
    list_select_related = ["vendor", "category"]
    autocomplete_fields = ["category", "vendor"]
    raw_id_fields = ["certifications"]
    readonly_fields = ["hidden_by", "hidden_at", "created_at", "updated_at", "published_at"]
    date_hierarchy = "created_at"
    inlines = [ProductImageInline]
    actions = ["hide", "restore", "feature", "unfeature"]

    def formfield_for_dbfield(self, db_field, request, **kwargs):
        if db_field.name == "export_markets":
            # The dashboard's field: a list of countries to pick from. The array field's own text
            # box put an unknown entry into its error message and formatted it again, so a "%"
            # in the input raised ValueError (a 500).
            return copy.deepcopy(ProductForm.base_fields["export_markets"])
        return super().formfield_for_dbfield(db_field, request, **kwargs)

    def save_model(self, request, obj, form, change) -> None:
        product_staff_save(product=obj)  # the search text follows a renamed product

    @admin.action(description=_("Hide the selected products (with a reason sent to the business)"))
    def hide(self, request, queryset):
        reason = request.POST.get("reason", "").strip()
        if "confirm" in request.POST:
            if not reason:
                messages.error(request, _("Give the reason: the business will read it."))
            else:
                count = 0
                for product in queryset.select_related("vendor"):
                    try:
                        product_hide(product=product, reason=reason, by=request.user)
                        count += 1
                    except ValidationError as exc:
                        messages.error(request, f"{product}: {' '.join(exc.messages)}")
                self.message_user(
                    request,
                    ngettext(
                        "%(count)d product hidden; the business was emailed.",
                        "%(count)d products hidden; the businesses were emailed.",
                        count,
                    )
                    % {"count": count},
                    messages.SUCCESS,
                )
                return None
        return render(
            request,
            "admin/catalog/product/hide.html",
            {
                **self.admin_site.each_context(request),
                "title": _("Hide products"),
                "products": queryset,
                "reason": reason,
                "action_checkbox_name": admin.helpers.ACTION_CHECKBOX_NAME,
                "opts": self.model._meta,
            },
        )

    @admin.action(description=_("Show the selected hidden products again (as drafts)"))
    def restore(self, request, queryset):
        for product in queryset.filter(status=Product.Status.HIDDEN):
            product_restore(product=product)

    @admin.action(description=_("Feature the selected products"))
    def feature(self, request, queryset):
        for product in queryset:
            product_feature(product=product, featured=True)

    @admin.action(description=_("Stop featuring the selected products"))
    def unfeature(self, request, queryset):
        for product in queryset:
            product_feature(product=product, featured=False)


@admin.register(ProductViewDay)
class ProductViewDayAdmin(ScopedReadOnlyAdmin):
    regency_path = "product__vendor__regency"
    list_display = ["product", "day", "views", "unique_visitors"]
    list_filter = ["day"]
    search_fields = ["product__name_id", "product__name_en", "product__vendor__name"]
    list_select_related = ["product"]
    date_hierarchy = "day"


class SearchVocabularyAdmin(admin.ModelAdmin):
    """Saving or deleting an entry goes through the services (which drop the cached vocabulary)."""

    def delete_model(self, request, obj) -> None:
        search_vocabulary_delete(entry=obj)

    def delete_queryset(self, request, queryset) -> None:
        for entry in queryset:
            search_vocabulary_delete(entry=entry)


@admin.register(SearchVariant)
class SearchVariantAdmin(SearchVocabularyAdmin):
    list_display = ["words", "updated_at"]
    list_filter = ["updated_at"]
    search_fields = ["words"]

    def save_model(self, request, obj, form, change) -> None:
        search_variant_save(variant=obj)


@admin.register(SearchSynonym)
class SearchSynonymAdmin(SearchVocabularyAdmin):
    list_display = ["term", "means", "updated_at"]
    list_filter = ["updated_at"]
    search_fields = ["term", "means"]

    def save_model(self, request, obj, form, change) -> None:
        search_synonym_save(synonym=obj)


class ZeroResultsFilter(admin.SimpleListFilter):
    title = _("results")
    parameter_name = "found"

    def lookups(self, request, model_admin):
        return [("no", _("found nothing")), ("yes", _("found something"))]

    def queryset(self, request, queryset):
        if self.value() == "no":
            return queryset.filter(results=0)
        if self.value() == "yes":
            return queryset.filter(results__gt=0)
        return queryset


@admin.register(SearchLog)
class SearchLogAdmin(admin.ModelAdmin):
    """The searches, read-only; the report `gaps/` shows what buyers did not find (or did not
    open) over the last 7 and 30 days, each with a form that adds a synonym for it."""

    PERIODS = (7, 30)
    list_display = ["query", "language", "results", "opened", "searched_at"]
    list_filter = [ZeroResultsFilter, "opened", "language", "searched_at"]
    search_fields = ["query"]
    date_hierarchy = "searched_at"
    change_list_template = "admin/catalog/searchlog/change_list.html"

    def has_add_permission(self, request) -> bool:
        return False

    def has_change_permission(self, request, obj=None) -> bool:
        return False

    def has_delete_permission(self, request, obj=None) -> bool:
        return False

    def get_urls(self):
        extra = [
            path("gaps/", self.admin_site.admin_view(self.gaps), name="catalog_searchlog_gaps"),
            path(
                "synonym/",
                self.admin_site.admin_view(self.synonym_add),
                name="catalog_searchlog_synonym",
            ),
        ]
        return extra + super().get_urls()

    def gaps(self, request):
        if not self.has_view_permission(request):
            raise PermissionDenied
        periods = [(days, search_gaps(days=days)) for days in self.PERIODS]
        return render(
            request,
            "admin/catalog/searchlog/gaps.html",
            {
                **self.admin_site.each_context(request),
                "title": _("What buyers did not find"),
                "periods": periods,
                "opts": self.model._meta,
                "can_add_synonym": request.user.has_perm("catalog.add_searchsynonym"),
            },
        )

    def synonym_add(self, request):
        """Add a synonym for a searched word from the report (POST only)."""
        if not request.user.has_perm("catalog.add_searchsynonym"):
            raise PermissionDenied
        if request.method == "POST":
            synonym = SearchSynonym(
                term=request.POST.get("term", "")[:100], means=request.POST.get("means", "")[:300]
            )
            try:
                search_synonym_save(synonym=synonym)
            except ValidationError as exc:
                messages.error(request, " ".join(exc.messages))
            else:
                messages.success(
                    request,
                    _("Searching “%(term)s” now also finds: %(means)s.")
                    % {"term": synonym.term, "means": synonym.means},
                )
        return redirect("admin:catalog_searchlog_gaps")


# --- The work queue on the admin's front page (core/admin_queue.py) -------------------------


def _queue_catalog(request, site):
    """Products hidden by a curator (oldest first); product photos whose processing failed."""
    parts = queue_part(
        request, site, Product,
        key="hidden",
        title=_("Hidden products"),
        empty=_("No product is hidden."),
        condition=Q(status=Product.Status.HIDDEN),
        oldest_first="hidden_at",
        row=lambda p: (f"{p.name_id} · {p.vendor.name}", p.hidden_reason[:80], p.hidden_at),
        select_related=("vendor",),
        list_query="status__exact=hidden",
        list_label=_("All hidden products"),
        order=30,
    )  # fmt: skip
    parts += queue_part(
        request, site, Product,
        key="images",
        title=_("Failed image jobs"),
        empty=_("No image failed."),
        condition=Q(images__image__status=Image.Status.FAILED),
        oldest_first="updated_at",
        row=lambda p: (f"{p.name_id} · {p.vendor.name}", _("product photo"), p.updated_at),
        select_related=("vendor",),
        list_query=None,
        list_label="",
        order=40,
    )  # fmt: skip
    return parts


admin_queue_register(_queue_catalog)
