from django.urls import path

from storefront import views_public as views

app_name = "storefront"

urlpatterns = [
    path("", views.regions, name="regions"),
    path("<slug:slug>/", views.regency, name="regency"),
]
