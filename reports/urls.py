"""Mounted at `/admin/reports/` (config/urls.py): staff only, inside the admin site."""

from django.contrib import admin
from django.urls import path

from reports import views

app_name = "reports"

staff = admin.site.admin_view

urlpatterns = [
    path("", staff(views.expo_list), name="index"),
    path("expos/<int:pk>/", staff(views.expo_dashboard), name="expo_dashboard"),
    path("ledger/", staff(views.ledger), name="ledger"),
    path("market/", staff(views.market), name="market"),
    path("exports/", staff(views.export_list), name="export_list"),
    path("exports/<str:token>/", staff(views.export_download), name="export_download"),
]
