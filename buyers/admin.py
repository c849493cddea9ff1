from django.contrib import admin, messages
from django.utils.translation import gettext_lazy as _
from django.utils.translation import ngettext

from core.countries import country_name
from core.exports import Column, ExportSpec, attr, display, local_time
from core.exports_admin import ExportMixin
from vendors.admin_scoping import regency_scope_register

from .models import BuyerProfile, Favourite, Inquiry, InquiryMessage
from .services import buyer_vet

# A deal's inquiry (trade's admin) is chosen among the coordinator's regencies.
regency_scope_register(Inquiry, "vendor__regency")


@admin.register(BuyerProfile)
class BuyerProfileAdmin(admin.ModelAdmin):
    list_display = ["__str__", "user", "country", "buyer_type", "vetted", "vetted_by", "created_at"]
    list_filter = ["vetted", "buyer_type", "country", "weekly_digest"]
    search_fields = ["user__email", "user__name", "organisation", "city"]
    autocomplete_fields = ["user"]
    list_select_related = ["user", "vetted_by"]
    filter_horizontal = ["interests"]
    readonly_fields = ["vetted", "vetted_by", "vetted_at", "created_at"]
    actions = ["mark_vetted"]

    @admin.action(description=_("Mark the selected buyers as vetted"))
    def mark_vetted(self, request, queryset):
        count = 0
        for profile in queryset.filter(vetted=False):
            buyer_vet(profile=profile, by=request.user)
            count += 1
        self.message_user(
            request,
            ngettext(
                "%(count)d buyer marked as vetted.", "%(count)d buyers marked as vetted.", count
            )
            % {"count": count},
            messages.SUCCESS,
        )


class InquiryMessageInline(admin.TabularInline):
    model = InquiryMessage
    extra = 0
    can_delete = False
    fields = ["created_at", "side", "sender", "body", "quote_unit_price", "quote_currency",
              "quote_incoterm", "quote_valid_until", "quote_status"]  # fmt: skip
    readonly_fields = fields

    def has_add_permission(self, request, obj=None) -> bool:
        return False

    def has_change_permission(self, request, obj=None) -> bool:
        return False


@admin.register(Inquiry)
class InquiryAdmin(ExportMixin, admin.ModelAdmin):
    """Staff read threads (moderation, support) but never write in them."""

    list_display = ["pk", "buyer", "vendor", "product", "status", "last_message_at"]
    list_filter = ["status", "buyer__vetted", "expo", "destination_country"]
    search_fields = [
        "buyer__user__email", "buyer__organisation", "vendor__name", "product__name_en",
        "product__name_id",
    ]  # fmt: skip
    list_select_related = ["buyer__user", "vendor", "product"]
    autocomplete_fields = ["buyer"]
    date_hierarchy = "created_at"
    inlines = [InquiryMessageInline]
    # No message bodies: an export leaves the platform, the buyers' words stay on it.
    export_spec = ExportSpec(
        columns=[
            Column(_("Inquiry number"), attr("pk")),
            Column(_("Sent"), local_time("created_at")),
            Column(_("Buyer"), attr("buyer.user.name")),
            Column(_("Buyer country"), lambda i: country_name(i.buyer.country)),
            Column(_("Business name"), attr("vendor.name")),
            Column(_("Product"), attr("product.name")),
            Column(_("Expo"), attr("expo.name")),
            Column(_("Quantity"), attr("quantity")),
            Column(_("Destination country"), lambda i: country_name(i.destination_country)),
            Column(_("Status"), display("status")),
        ],
        select_related=("buyer__user", "vendor", "product", "expo"),
    )

    def has_add_permission(self, request) -> bool:
        return False

    def has_change_permission(self, request, obj=None) -> bool:
        return False

    def has_delete_permission(self, request, obj=None) -> bool:
        return False


@admin.register(Favourite)
class FavouriteAdmin(admin.ModelAdmin):
    list_display = ["user", "product", "vendor", "created_at"]
    list_filter = [("product", admin.EmptyFieldListFilter), ("vendor", admin.EmptyFieldListFilter)]
    search_fields = ["user__email"]
    autocomplete_fields = ["user"]
    list_select_related = ["user", "product", "vendor"]
