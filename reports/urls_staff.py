"""Mounted at `/admin/reports/` (config/urls.py): staff only, inside the admin site. Curators see
every region, regional coordinators their own regencies (`views_staff.report_scope`)."""

from django.contrib import admin
from django.urls import path

from reports import views_staff as views

app_name = "reports"

staff = admin.site.admin_view

urlpatterns = [
    path("", staff(views.expo_list), name="index"),
    path("expos/<int:pk>/", staff(views.expo_dashboard), name="expo_dashboard"),
    path("ledger/", staff(views.ledger), name="ledger"),
    path("market/", staff(views.market), name="market"),
    path("exports/", staff(views.export_list), name="export_list"),
]
