from django.urls import path

from catalog import views_public as views

app_name = "catalog"

urlpatterns = [
    path("", views.product_list, name="list"),
    # Before the product pattern: product slugs always end in a random tail, never "currency".
    path("currency/", views.currency_set, name="currency"),
    path("found/<slug:slug>/", views.search_result_open, name="search_open"),
    path("suggest/", views.product_suggest, name="suggest"),
    path("<slug:slug>/", views.product_page, name="product"),
]
