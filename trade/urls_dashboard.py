"""The deals of the vendor area; config/urls.py mounts them in the `dashboard` namespace."""

from django.urls import path

from trade import views_dashboard as views

urlpatterns = [
    path("deals/", views.deals, name="deals"),
    path("deals/new/", views.deal_create, name="deal_create"),
    path("deals/<int:pk>/edit/", views.deal_edit, name="deal_edit"),
    path("deals/<int:pk>/delete/", views.deal_delete, name="deal_delete"),
    path("leads.csv", views.leads_csv, name="leads_csv"),
]
