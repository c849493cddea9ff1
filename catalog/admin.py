import copy

from django.contrib import admin, messages
from django.core.exceptions import ValidationError
from django.db.models import Q
from django.shortcuts import render
from django.utils.translation import gettext_lazy as _
from django.utils.translation import ngettext

from catalog.forms import ProductForm
from catalog.models import Category, Product, ProductImage, ProductViewDay
from catalog.services import (
    category_save,
    product_feature,
    product_hide,
    product_restore,
    product_staff_save,
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
