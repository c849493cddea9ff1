from django.urls import path

from reports import views_public

app_name = "reports_public"

urlpatterns = [
    path("<slug:slug>/catalogue.pdf", views_public.catalogue_pdf, name="catalogue_pdf"),
]
