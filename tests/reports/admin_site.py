"""An admin site with the export mixin on the five exported models, configured the way the
apps' own admins are (filters, search, coordinator scoping), until those admins are merged."""

from django.contrib import admin
from django.urls import path

from buyers.models import Inquiry
from config.urls import urlpatterns as project_urlpatterns
from expo.models import Booth, Meeting
from reports.exports import ExportMixin
from vendors.admin_scoping import RegionScopedAdminMixin
from vendors.models import Deal, Vendor

site = admin.AdminSite(name="exports_test")


@admin.register(Vendor, site=site)
class VendorAdmin(ExportMixin, RegionScopedAdminMixin, admin.ModelAdmin):
    list_display = ["name", "regency", "status"]
    list_filter = ["status"]
    search_fields = ["name"]
    list_select_related = ["regency"]


@admin.register(Booth, site=site)
class BoothAdmin(ExportMixin, RegionScopedAdminMixin, admin.ModelAdmin):
    regency_path = "vendor__regency"
    list_display = ["vendor", "expo", "status"]
    list_filter = ["status", "expo"]
    list_select_related = ["vendor", "expo"]


@admin.register(Inquiry, site=site)
class InquiryAdmin(ExportMixin, admin.ModelAdmin):
    list_display = ["pk", "vendor", "status"]
    list_filter = ["status"]
    list_select_related = ["vendor", "buyer__user"]


@admin.register(Meeting, site=site)
class MeetingAdmin(ExportMixin, admin.ModelAdmin):
    list_display = ["pk", "vendor", "status"]
    list_filter = ["status"]
    list_select_related = ["vendor", "buyer__user", "slot"]


@admin.register(Deal, site=site)
class DealAdmin(ExportMixin, RegionScopedAdminMixin, admin.ModelAdmin):
    regency_path = "vendor__regency"
    list_display = ["vendor", "stage", "amount_idr", "date"]
    list_filter = ["stage", "destination_country"]
    list_select_related = ["vendor"]


urlpatterns = [path("exports-admin/", site.urls), *project_urlpatterns]
